import type { Program } from "../catalog/program.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { APPLICANT_GROUPS } from "../vocabulary.ts";
import { type ApplicantStrength, applicantShift } from "./applicant-shift.ts";
import { estimateInterviewOdds, type InterviewOdds, type SpecialtyOddsContext } from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import { pMatchForList } from "./match-probability.ts";
import { omittedInputs } from "./omitted-inputs.ts";
import type { ProgramData } from "./program-data.ts";
import type { ProgramModel } from "./program-model.ts";
import { shareInterval, shareKind, sponsorshipAtShare, visaNeedText } from "./visa-sponsorship.ts";

/**
 * "What moves your number" (issue 13, item 7): the stated assumptions with no published effect
 * size that move this applicant's P(match) most, each tried at its low and high value.
 *
 * Spec. Problem: the odds ratios for failures, years since graduation, letters and USCE, the tie
 * weight and the signal share carry much of the answer without a published figure behind them;
 * the applicant should see which of them their number leans on. Steps: for every assumption of
 * `data/model/program-model.yaml` that states a `range`, and — while Step 2 CK is not taken — the
 * score to come (its spread either side of the stand-in), rebuild the log-odds of the same list
 * (same programs, same signals) with the one value changed — a strength term moves every program by
 * the change in the applicant's shift, the signal share rescales each signalled program's lift, the
 * tie weight re-works the odds of the programs in tie states — and read P(match) from the same kernel;
 * keep those that move it, largest swing first, and return the first three — after the Step 2 CK
 * score to come, which is listed first whenever the odds assume a score, even where it moves
 * nothing (untakenSwing), and each odds input the profile leaves out (omitted-inputs.ts), tried
 * at none (what the odds count) and at the guides' advised minimum. A value that cannot
 * touch this applicant (a failure odds ratio with no failure) is skipped before any kernel run.
 * For an applicant who needs a visa, the specialty's share of programs that sponsor it is one
 * more: where the data give the survey's counts behind it, the share is tried at the ends of its
 * 95% interval, and every listed program that counts at the share, or whose inference starts
 * from it, takes the chance the share gives (visa-sponsorship.ts `sponsorshipAtShare`); the PGY-1
 * year's own programs keep theirs.
 * O(assumptions · (n + D · n · K)).
 */
export interface AssumptionSwing {
  id: string;
  /** What the assumption is, in a few words. */
  label: string;
  value: number;
  low: { value: number; pMatch: number };
  high: { value: number; pMatch: number };
  /** The assumption's own statement in the model data. */
  assumption: string;
  sources: string[];
  /**
   * For a share read from a survey: its counts, and whose programs they count ("Diagnostic
   * Radiology programs"); the low and high values are its 95% interval.
   */
  surveyed?: { yes: number; of: number; programs: string };
  /**
   * Only on the Step 2 CK score to come: the score the odds assume, the spread (points) of the score
   * to come (null where none is published), and whether that spread is part of the range of
   * P(match) — false where no spread is published or the type's slope in the specialty is zero.
   */
  untaken?: { score: number; spread: number | null; spreadInRange: boolean };
  /**
   * Only on an input the profile leaves out (omitted-inputs.ts): its dotted path. The value is what
   * the odds count (none), the high end the guides' advised minimum.
   */
  notGiven?: string;
}

export interface ListedForSwing {
  program: Program;
  signal: "gold" | "silver" | null;
  /** The log-odds the list was evaluated at, and the odds they came from. */
  logit: number;
  odds: InterviewOdds;
}

interface Candidate {
  id: string;
  label: string;
  value: number;
  range: { low: number; high: number };
  assumption: string;
  sources: string[];
  /** The list's log-odds with this assumption at `v`. */
  logitsAt: (v: number) => Float64Array;
  /** Each listed program's chance of sponsoring the visa with this assumption at `v`, where it moves them. */
  scalesAt?: (v: number) => Float64Array;
  /** Whether the assumption can move this applicant's odds at all. */
  applies: boolean;
  surveyed?: AssumptionSwing["surveyed"];
}

/** How many swings are returned. */
export const SWINGS_SHOWN = 3;
/** Swings smaller than this (a hundredth of a point) are not worth showing. */
const NEGLIGIBLE = 1e-4;

type StrengthKey =
  | "examFailureOddsRatio"
  | "graduationYearOddsRatio"
  | "specialtyLetterOddsRatio"
  | "specialtyUsceMonthOddsRatio"
  | "handsOnUsceOddsRatio";

export function whatMoves(
  rb: Rulebook,
  model: ProgramModel,
  c: {
    profile: Profile;
    specialty: Specialty;
    asOf: string;
    /** The catalog the list came from: a visa share is tried on its programs. */
    data: ProgramData;
    ctx: SpecialtyOddsContext;
    listed: readonly ListedForSwing[];
    /** The applicant's shift the list was evaluated with. */
    shift: ApplicantStrength;
    /**
     * For an advanced specialty, the PGY-1 factor c + (1 − c)·P1 (pgy1-joint.ts) the shown P(match)
     * carries: each end is read on the same scale as the number it moves. 1 otherwise.
     */
    pgy1Factor?: number;
  },
): AssumptionSwing[] {
  if (c.listed.length === 0) return [];
  const im = model.interview;
  const shift = c.shift;
  const because = new Set(shift.because.map((b) => b.ruleId));
  const hasTie = c.listed.some((l) => l.program.state !== null && shift.tieStates.has(l.program.state));
  const hasSignal = c.listed.some((l) => l.signal !== null);
  const base = Float64Array.from(c.listed, (l) => l.logit);
  // A strength term moves every program's log-odds by the same amount: the shift's change.
  const strengthAt =
    <K extends StrengthKey>(key: K) =>
    (v: number): Float64Array => {
      const varied: ProgramModel = { ...model, interview: { ...im, [key]: { ...im[key], value: v } } };
      const delta = applicantShift(rb, varied, c.profile, c.specialty, c.asOf).strength - shift.strength;
      return base.map((l) => l + delta);
    };
  // A signal's lift is the share times the program's own lift: rescale the part the share gave.
  const signalAt = (v: number): Float64Array =>
    Float64Array.from(c.listed, (l, i) => {
      const sig = l.signal && l.odds.signalledLogit ? l.odds.signalledLogit[l.signal] : null;
      if (sig === null || im.signalLiftShare.value === 0) return base[i] as number;
      return l.odds.logit + ((sig - l.odds.logit) * v) / im.signalLiftShare.value;
    });
  // A tie touches only programs in the tie states: their odds are worked out again.
  const tieAt = (v: number): Float64Array => {
    const varied: ProgramModel = { ...model, interview: { ...im, tieWeight: { ...im.tieWeight, value: v } } };
    return Float64Array.from(c.listed, (l, i) => {
      if (l.program.state === null || !shift.tieStates.has(l.program.state)) return base[i] as number;
      const o = estimateInterviewOdds(l.program, shift, c.ctx, varied);
      return l.signal && o.signalledLogit ? o.signalledLogit[l.signal] : o.logit;
    });
  };
  const entry = (
    id: string,
    label: string,
    key: StrengthKey | "tieWeight" | "signalLiftShare",
    applies: boolean,
    logitsAt: (v: number) => Float64Array,
  ): Candidate | null => {
    const e = im[key];
    if (!applies || !e.range || !e.assumption) return null;
    return {
      id,
      label,
      value: e.value,
      range: e.range,
      assumption: e.assumption,
      sources: e.sources,
      logitsAt,
      applies,
    };
  };
  const candidates = [
    entry(
      "exam-failures",
      "odds ratio per exam failure",
      "examFailureOddsRatio",
      because.has("model.exam-failures"),
      strengthAt("examFailureOddsRatio"),
    ),
    entry(
      "graduation-year",
      "odds ratio per year since graduation beyond the preferred window",
      "graduationYearOddsRatio",
      because.has("model.graduation-year"),
      strengthAt("graduationYearOddsRatio"),
    ),
    entry(
      "specialty-letters",
      "odds ratio per specialty letter",
      "specialtyLetterOddsRatio",
      because.has("model.specialty-letters"),
      strengthAt("specialtyLetterOddsRatio"),
    ),
    entry(
      "specialty-usce",
      "odds ratio per month of specialty USCE",
      "specialtyUsceMonthOddsRatio",
      because.has("model.specialty-usce"),
      strengthAt("specialtyUsceMonthOddsRatio"),
    ),
    entry(
      "hands-on-usce",
      "odds ratio of any hands-on USCE",
      "handsOnUsceOddsRatio",
      because.has("model.no-hands-on-usce"),
      strengthAt("handsOnUsceOddsRatio"),
    ),
    entry("tie-weight", "share of a program's in-state lift a stated tie earns", "tieWeight", hasTie, tieAt),
    entry(
      "signal-share",
      "share of the signalled vs unsignalled lift credited to a signal",
      "signalLiftShare",
      hasSignal,
      signalAt,
    ),
    visaShare(rb, c),
  ].filter((x): x is Candidate => x !== null);

  const curve = curveFor(rb, model, c.specialty.id, c.profile.applicantType);
  if (!curve) return [];
  const kernel = kernelOptions(model);
  // Each program's chance of sponsoring the visa, which only the visa share moves.
  const scales = Float64Array.from(c.listed, (x) => x.odds.sponsorship.p);
  const factor = c.pgy1Factor ?? 1;
  const pMatchOf = (logits: Float64Array, at: Float64Array = scales): number =>
    factor * pMatchForList(logits, curve, kernel, at);

  const swings: AssumptionSwing[] = [];
  for (const cand of candidates) {
    const lo = pMatchOf(cand.logitsAt(cand.range.low), cand.scalesAt?.(cand.range.low));
    const hi = pMatchOf(cand.logitsAt(cand.range.high), cand.scalesAt?.(cand.range.high));
    swings.push({
      id: cand.id,
      label: cand.label,
      value: cand.value,
      low: { value: cand.range.low, pMatch: lo },
      high: { value: cand.range.high, pMatch: hi },
      assumption: cand.assumption,
      sources: cand.sources,
      ...(cand.surveyed ? { surveyed: cand.surveyed } : {}),
    });
  }
  const ranked = swings
    .filter((s) => Math.abs(s.high.pMatch - s.low.pMatch) >= NEGLIGIBLE)
    .sort(
      (a, b) =>
        Math.abs(b.high.pMatch - b.low.pMatch) - Math.abs(a.high.pMatch - a.low.pMatch) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, SWINGS_SHOWN);
  // What the applicant has not given the model is stated whenever the number rests on it, however
  // little it moves it, ahead of the ranked assumptions.
  const untaken = untakenSwing(c, base, pMatchOf, model);
  const omitted = omittedInputs(model, c.profile).map((o): AssumptionSwing => {
    const delta =
      applicantShift(rb, model, o.atReference(c.profile), c.specialty, c.asOf).strength - shift.strength;
    return {
      id: `not-given-${o.id}`,
      label: `${o.what} — not given, counted as none`,
      value: o.countedAs,
      low: { value: o.countedAs, pMatch: pMatchOf(base) },
      high: { value: o.reference, pMatch: pMatchOf(base.map((l) => l + delta)) },
      assumption: `${o.text} ${im.omittedInputs.assumption}`,
      sources: im.omittedInputs.sources,
      notGiven: o.path,
    };
  });
  return [...(untaken ? [untaken] : []), ...omitted, ...ranked];
}

/**
 * The Step 2 CK score to come, while the exam is not taken: the stand-in score the odds use, tried
 * one spread either side of it where a spread is known (it is then inside the range of P(match));
 * where none is published, tried up to the type's mean score in the specialty, and said to be
 * outside the range; where the type's slope in the specialty is zero, said to move nothing.
 */
function untakenSwing(
  c: { profile: Profile; specialty: Specialty; shift: ApplicantStrength },
  base: Float64Array,
  pMatchOf: (logits: Float64Array) => number,
  model: ProgramModel,
): AssumptionSwing | null {
  const u = c.shift.untaken;
  if (!u) return null;
  const slope = c.shift.slope.perPoint;
  const at = (score: number) => pMatchOf(base.map((l) => l + slope * (score - u.score)));
  const inRange = u.sd !== null && slope > 0;
  const [lowScore, highScore] =
    u.sd !== null
      ? [u.score - u.sd, u.score + u.sd]
      : [u.score, Math.max(u.score, c.shift.slope.reference ?? u.score)];
  const label =
    slope === 0
      ? `the Step 2 CK score to come (no effect here: the ${APPLICANT_GROUPS[c.profile.applicantType]}' Step 2 CK slope in ${c.specialty.name} is 0, so neither P(match) nor its range depends on the score)`
      : u.sd !== null
        ? "the Step 2 CK score to come"
        : `the Step 2 CK score to come (${u.basis}, so the range of P(match) leaves it out; tried up to the group's mean score)`;
  return {
    id: "untaken-step2ck",
    label,
    value: u.score,
    low: { value: Math.round(lowScore), pMatch: at(lowScore) },
    high: { value: Math.round(highScore), pMatch: at(highScore) },
    assumption: model.untakenStep2ck.method,
    sources: u.sources,
    untaken: { score: u.score, spread: u.sd, spreadInRange: inRange },
  };
}

/**
 * The specialty's share of programs that sponsor the visa needed, at the ends of its 95% interval,
 * where the data give the survey's counts; null where no visa is needed, no share is held for the
 * specialty, or the share has no counts behind it.
 */
function visaShare(
  rb: Rulebook,
  c: {
    profile: Profile;
    specialty: Specialty;
    data: ProgramData;
    listed: readonly ListedForSwing[];
  },
): Candidate | null {
  const visa = c.data.model.visa;
  const kind = shareKind(c.profile.visa);
  const share = visa.specialtyShare[c.specialty.id];
  const surveyed = kind && share?.surveyed?.[kind];
  if (!kind || !share || !surveyed) return null;
  const specialty = {
    id: c.specialty.id,
    name: c.specialty.name,
    department: c.specialty.signalsThrough?.value ?? null,
  };
  const base = Float64Array.from(c.listed, (l) => l.logit);
  const scalesAt = (v: number): Float64Array => {
    const at = sponsorshipAtShare(c.data, visa, specialty, c.profile.visa, kind, v);
    return Float64Array.from(c.listed, (l) => (at ? at(l.program).p : l.odds.sponsorship.p));
  };
  return {
    id: "visa-share",
    label: `share of ${c.specialty.name} programs that sponsor the ${visaNeedText(kind)}, for programs with no answer of their own`,
    value: share[kind],
    range: shareInterval(surveyed),
    assumption: share.assumption ?? share.note ?? "",
    sources: share.sources,
    logitsAt: () => base,
    scalesAt,
    applies: true,
    surveyed: {
      yes: surveyed.yes,
      of: surveyed.of,
      programs: `${rb.specialties.get(share.surveyed?.programsOf ?? c.specialty.id)?.name ?? c.specialty.name} programs`,
    },
  };
}

/**
 * P(match) of the listed programs as if every one of them sponsored the visa needed: the same
 * log-odds, signals, kernel and PGY-1 factor as the number shown, with each program's chance of
 * sponsoring set to 1. What confirming each program's policy before applying is worth, at most.
 * Null where the specialty has no P(match) or the list is empty.
 */
export function pMatchIfAllSponsor(
  rb: Rulebook,
  model: ProgramModel,
  c: {
    profile: Profile;
    specialty: Specialty;
    listed: readonly ListedForSwing[];
    pgy1Factor?: number;
  },
): number | null {
  if (c.listed.length === 0) return null;
  const curve = curveFor(rb, model, c.specialty.id, c.profile.applicantType);
  if (!curve) return null;
  const logits = Float64Array.from(c.listed, (l) => l.logit);
  const ones = new Float64Array(c.listed.length).fill(1);
  return (c.pgy1Factor ?? 1) * pMatchForList(logits, curve, kernelOptions(model), ones);
}
