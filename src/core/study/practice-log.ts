import { fail, type Issue, ok, type Result } from "../issues.ts";
import { dateWindowIssue, textIssues } from "../profile/input-limits.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { isIsoDate } from "./dates.ts";
import type { PracticeExam } from "./types.ts";
import { PRACTICE_KINDS, type PracticeKind } from "./vocabulary.ts";

/**
 * Validates a practice-exam log: a JSON array of `{ date, kind, form, score }`. Every problem
 * names its entry and field (`log[2].score`); scores must lie on the USMLE scale of
 * data/facts/exam-rules.yaml; an NBME entry needs its form number and a UWSA entry 1 or 2 (the
 * forms the forecast has coefficients for). The log's length, its dates, form numbers and form
 * names stay inside the input limits (data/facts/input-limits.yaml); a log over its length is
 * one issue, its entries then unchecked. Entries come back sorted by date.
 */
const FIELDS = ["date", "kind", "form", "score"] as const;

export function parsePracticeLog(
  rb: Rulebook,
  raw: unknown,
  asOf: string,
  root = "log",
): Result<PracticeExam[]> {
  const issues: Issue[] = [];
  if (!Array.isArray(raw))
    return fail([
      {
        code: "invalid_type",
        path: root,
        message: "must be a JSON array of practice exams",
        allowed: '[{ "date": "YYYY-MM-DD", "kind": "nbme", "form": 12, "score": 240 }, …]',
      },
    ]);
  if (raw.length === 0)
    return fail([
      {
        code: "out_of_range",
        path: root,
        message: "needs at least one practice exam",
        allowed: "1 or more entries",
      },
    ]);
  const L = rb.limits.practiceLog;
  const maxEntries = L.entries.value.max;
  if (raw.length > maxEntries)
    return fail([
      {
        code: "out_of_range",
        path: root,
        message: `lists ${raw.length} practice exams; at most ${maxEntries}`,
        allowed: `1–${maxEntries} entries`,
      },
    ]);
  const form = L.form.value;
  const validFormNumber = (n: number) => Number.isInteger(n) && n >= 1 && n <= form.maxNumber;
  const scale = rb.exam.usmle.scale;
  const uwsaForms = Object.keys(rb.study.forecast.kinds.uwsa.forms);
  const out: PracticeExam[] = [];
  raw.forEach((entry, i) => {
    const at = `${root}[${i}]`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      issues.push({
        code: "invalid_type",
        path: at,
        message: "must be an object { date, kind, form, score }",
      });
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = issues.length;
    for (const key of Object.keys(e))
      if (!(FIELDS as readonly string[]).includes(key))
        issues.push({
          code: "unknown_field",
          path: `${at}.${key}`,
          message: `unknown field "${key}"`,
          allowed: FIELDS.join(", "),
        });
    const date = e.date;
    if (typeof date !== "string" || !isIsoDate(date))
      issues.push({
        code: date === undefined ? "missing_field" : "invalid_value",
        path: `${at}.date`,
        message: date === undefined ? "is required" : `${JSON.stringify(date)} is not a date`,
        allowed: "a calendar date written YYYY-MM-DD",
      });
    else if (date > asOf)
      issues.push({
        code: "out_of_range",
        path: `${at}.date`,
        message: `${date} is after the as-of date ${asOf}`,
        allowed: `on or before ${asOf}`,
      });
    else {
      const outside = dateWindowIssue(rb.limits, `${at}.date`, date);
      if (outside) issues.push(outside);
    }
    const kind = e.kind;
    if (typeof kind !== "string" || !(PRACTICE_KINDS as readonly string[]).includes(kind))
      issues.push({
        code: kind === undefined ? "missing_field" : "invalid_value",
        path: `${at}.kind`,
        message: kind === undefined ? "is required" : `unknown kind ${JSON.stringify(kind)}`,
        allowed: `one of: ${PRACTICE_KINDS.join(", ")}`,
      });
    const score = e.score;
    if (
      typeof score !== "number" ||
      !Number.isInteger(score) ||
      score < scale.value.min ||
      score > scale.value.max
    )
      issues.push({
        code: score === undefined ? "missing_field" : "out_of_range",
        path: `${at}.score`,
        message:
          score === undefined
            ? "is required"
            : `${JSON.stringify(score)} is not a three-digit score on the USMLE scale (${scale.sources.join(", ")})`,
        allowed: `a whole number ${scale.value.min}–${scale.value.max}`,
      });
    const entryForm = e.form ?? null;
    const formText = typeof entryForm === "string" ? textIssues(`${at}.form`, entryForm, form.maxLength) : [];
    issues.push(...formText);
    const formNumber =
      typeof entryForm === "number"
        ? entryForm
        : typeof entryForm === "string" && formText.length === 0 && /^\d+$/.test(entryForm)
          ? Number(entryForm)
          : null;
    if (
      kind === "nbme" &&
      formText.length === 0 &&
      (formNumber === null || !Number.isInteger(formNumber) || formNumber < 1 || formNumber > form.maxNumber)
    )
      issues.push({
        code: entryForm === null ? "missing_field" : "invalid_value",
        path: `${at}.form`,
        message:
          entryForm === null
            ? "an NBME entry needs its form number"
            : `${JSON.stringify(entryForm)} is not an NBME form number`,
        allowed: `a form number from 1 to ${form.maxNumber}, e.g. 12`,
      });
    if (
      kind === "uwsa" &&
      formText.length === 0 &&
      (formNumber === null || !uwsaForms.includes(String(formNumber)))
    )
      issues.push({
        code: entryForm === null ? "missing_field" : "invalid_value",
        path: `${at}.form`,
        message:
          entryForm === null
            ? "a UWSA entry needs its form"
            : `${JSON.stringify(entryForm)} is not a UWSA form`,
        allowed: `one of: ${uwsaForms.join(", ")}`,
      });
    if (typeof entryForm === "number" && kind !== "nbme" && kind !== "uwsa" && !validFormNumber(entryForm))
      issues.push({
        code: "out_of_range",
        path: `${at}.form`,
        message: `${entryForm} is not a form number`,
        allowed: `a whole number from 1 to ${form.maxNumber}, or a name`,
      });
    if (entryForm !== null && typeof entryForm !== "string" && typeof entryForm !== "number")
      issues.push({
        code: "invalid_type",
        path: `${at}.form`,
        message: "must be a form number or name",
        allowed: "a number or a string",
      });
    if (issues.length === before)
      out.push({
        date: date as string,
        kind: kind as PracticeKind,
        form: kind === "nbme" || kind === "uwsa" ? formNumber : (entryForm as string | number | null),
        score: score as number,
      });
  });
  if (issues.length > 0) return fail(issues);
  return ok(out.sort((a, b) => a.date.localeCompare(b.date)));
}
