import { z } from "zod";
import { statedDates } from "../cycle/check-cycle-book.ts";
import type { CyclePack } from "../cycle/schemas.ts";
import type { Issue } from "../issues.ts";
import type { ExamRules, InputLimits } from "../rulebook/schemas.ts";

/**
 * The input limits of `data/facts/input-limits.yaml` as checks every entry point shares: the
 * profile schema, the study planner, the practice-exam log and the API's request schemas use
 * these, so the CLI, the API and the page refuse the same input with the same issue. Inside the
 * limits every computation is bounded by its input; outside them the issue names the field and
 * says what is allowed.
 */
export const INPUT_LIMITS_FILE = "facts/input-limits.yaml";

// ── text ─────────────────────────────────────────────────────────────────────
/**
 * A UTF-16 surrogate without its partner is not a character: it cannot be written as UTF-8, and
 * PostgreSQL refuses it (and NUL) inside JSON, so a saved plan holding one would fail to store.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const PLAIN_TEXT = "text without NUL characters or unpaired UTF-16 surrogates";

export function isPlainText(s: string): boolean {
  return !s.includes("\u0000") && !LONE_SURROGATE.test(s);
}

/** Issues for a text field: not text, or longer than `maxLength` characters. */
export function textIssues(path: string, value: string, maxLength?: number): Issue[] {
  const issues: Issue[] = [];
  if (!isPlainText(value))
    issues.push({
      code: "invalid_value",
      path,
      message: "holds a NUL character or an unpaired surrogate, which is not text",
      allowed: PLAIN_TEXT,
    });
  if (maxLength !== undefined && value.length > maxLength)
    issues.push({
      code: "out_of_range",
      path,
      message: `is ${value.length} characters long; at most ${maxLength}`,
      allowed: `up to ${maxLength} characters`,
    });
  return issues;
}

/** A string schema that refuses what is not text (and, given `maxLength`, what is too long). */
export function plainText(maxLength?: number) {
  const base = z.string({ error: "must be text" });
  const bounded =
    maxLength === undefined
      ? base
      : base.max(maxLength, { error: `must be at most ${maxLength} characters long` });
  return bounded.superRefine((s, ctx) => {
    if (!isPlainText(s))
      ctx.addIssue({
        code: "custom",
        message: "holds a NUL character or an unpaired surrogate, which is not text",
        params: { code: "invalid_value", allowed: PLAIN_TEXT },
      });
  });
}

// ── dates and years ──────────────────────────────────────────────────────────
export interface DateWindow {
  from: string;
  to: string;
}

export const dateWindow = (limits: InputLimits): DateWindow => limits.dates.value;

/** The years of the date window: Match years and graduation years are read against them. */
export function windowYears(limits: InputLimits): { min: number; max: number } {
  const w = dateWindow(limits);
  return { min: Number(w.from.slice(0, 4)), max: Number(w.to.slice(0, 4)) };
}

const windowText = (w: DateWindow) => `${w.from} to ${w.to}`;

/**
 * An issue for a well-formed ISO date outside the window the data cover, or null. (ISO dates
 * compare as strings; the caller has checked the format.)
 */
export function dateWindowIssue(limits: InputLimits, path: string, date: string): Issue | null {
  const w = dateWindow(limits);
  if (date >= w.from && date <= w.to) return null;
  return {
    code: "out_of_range",
    path,
    message: `${date} is outside the dates the data cover (${windowText(w)})`,
    allowed: `a date from ${windowText(w)}`,
  };
}

/**
 * An issue for a graduation year too late for the Match planned for (`graduationAfterMatch`:
 * training starts in July of the Match year), or null.
 */
export function graduationAfterMatchIssue(
  limits: InputLimits,
  graduationYear: number,
  matchYear: number,
  path = "profile.graduationYear",
): Issue | null {
  const latest = matchYear + limits.profile.graduationAfterMatch.value.maxYears;
  if (graduationYear <= latest) return null;
  return {
    code: "inconsistent",
    path,
    message: `graduating in ${graduationYear} is too late for the ${matchYear} Match, whose positions start in July ${matchYear}; correct the year, or plan for the ${graduationYear - limits.profile.graduationAfterMatch.value.maxYears} Match or later (targetMatchYear)`,
    allowed: `${latest} or earlier for the ${matchYear} Match`,
  };
}

/** An issue for a Match year outside the years of the window, or null. */
export function yearWindowIssue(limits: InputLimits, path: string, year: number): Issue | null {
  const y = windowYears(limits);
  if (Number.isInteger(year) && year >= y.min && year <= y.max) return null;
  return {
    code: "out_of_range",
    path,
    message: `${year} is outside the years the data cover (${y.min}–${y.max})`,
    allowed: `a year from ${y.min} to ${y.max}`,
  };
}

/** An ISO date schema (`YYYY-MM-DD`) that refuses dates outside the window the data cover. */
export function windowDate(limits: InputLimits) {
  const w = dateWindow(limits);
  return z.iso.date({ error: "must be a date written YYYY-MM-DD" }).superRefine((d, ctx) => {
    if (d < w.from || d > w.to)
      ctx.addIssue({
        code: "custom",
        message: `must be a date from ${windowText(w)} (the dates the data cover)`,
        params: { code: "out_of_range", allowed: `a date from ${windowText(w)}` },
      });
  });
}

/** A whole-year schema for Match years: the years of the date window. */
export function windowYear(limits: InputLimits) {
  const y = windowYears(limits);
  return z
    .number({ error: "must be a year, e.g. 2028" })
    .int({ error: "must be a whole year" })
    .min(y.min, { error: `must be ${y.min} or later (the years the data cover)` })
    .max(y.max, { error: `must be ${y.max} or earlier (the years the data cover)` });
}

// ── the limits file against the other facts ─────────────────────────────────
const iso = (d: string | Date) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

/**
 * Pass two of the loader for the limits file: the date window starts no earlier than the oldest
 * Step 2 CK passing score on record (so every date in it can be judged), holds every stated
 * cycle date (so no fact the engine has is cut off), and a what-if sweep may take at least one
 * program over the whole score scale.
 */
export function inputLimitIssues(
  limits: InputLimits,
  exam: ExamRules,
  packs: ReadonlyArray<{ file: string; pack: CyclePack }>,
): Issue[] {
  const issues: Issue[] = [];
  const w = dateWindow(limits);
  const firstPassMark = exam.usmle.step2ckMinimumPass.map((p) => iso(p.from)).sort()[0];
  if (firstPassMark !== undefined && w.from < firstPassMark)
    issues.push({
      code: "inconsistent",
      file: INPUT_LIMITS_FILE,
      path: "dates.value.from",
      message: `starts before ${firstPassMark}, the oldest Step 2 CK passing score in exam-rules.yaml`,
      allowed: `${firstPassMark} or later`,
    });
  for (const { file, pack } of packs)
    for (const { path, date } of statedDates(pack))
      if (date < w.from || date > w.to)
        issues.push({
          code: "inconsistent",
          file: INPUT_LIMITS_FILE,
          path: "dates.value",
          message: `leaves out ${date}, the ${pack.matchYear} cycle's ${path} (${file})`,
          allowed: `a window holding ${date}`,
        });
  const scale = exam.usmle.scale.value;
  const scores = scale.max - scale.min + 1;
  if (limits.whatIf.evaluations.value.max < scores)
    issues.push({
      code: "inconsistent",
      file: INPUT_LIMITS_FILE,
      path: "whatIf.evaluations.value.max",
      message: `is below the ${scores} scores of the USMLE scale: no list could be swept over it`,
      allowed: `${scores} or more`,
    });
  return issues;
}

// ── what-if sweeps ───────────────────────────────────────────────────────────
/**
 * An issue when a what-if sweep of `programs` programs over `scores` scores would take more list
 * evaluations than the limit, or null. The fix is fewer scores, so the issue names the scores.
 */
export function sweepIssue(
  limits: InputLimits,
  programs: number,
  scores: number,
  path: string,
): Issue | null {
  const max = limits.whatIf.evaluations.value.max;
  if (programs * scores <= max) return null;
  const fit = Math.max(1, Math.floor(max / Math.max(1, programs)));
  return {
    code: "out_of_range",
    path,
    message: `${programs} programs × ${scores} scores is ${programs * scores} list evaluations; a what-if sweep takes at most ${max}`,
    allowed: `at most ${fit} scores for ${programs} programs (a narrower range or a larger step)`,
  };
}
