import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { Because } from "./types.ts";

/**
 * Application-cycle dates for a Match year. A date no source gives for that cycle is the
 * latest stated cycle's date moved by whole years, and is marked `estimated` with its basis;
 * events listed under the estimation's `keepWeekday` are then moved to the nearest day with the
 * stated date's weekday (Match Week runs Monday to Friday).
 */
export const CYCLE_EVENTS = [
  "erasOpens",
  "applicantsSubmit",
  "programsReview",
  "mspeRelease",
  "matchDay",
  "erasCloses",
  "nrmpRegistrationOpens",
  "nrmpRegistrationDeadline",
  "rankListOpens",
  "rankListDeadline",
  "nrmpLateRegistrationDeadline",
  "ecfmgVerificationDeadline",
  "matchWeekStarts",
  "soapBegins",
  "soapEnds",
] as const;
export type CycleEvent = (typeof CYCLE_EVENTS)[number];

export interface CycleDate {
  date: string;
  estimated: boolean;
  basis: string;
  sources: string[];
  /** Who stated the date (for an estimate: who stated the date it was moved from). */
  confidence: "official" | "secondary";
}

export type Cycle = { matchYear: number } & Record<CycleEvent, CycleDate | null>;

const iso = (d: string | Date) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(4);
  // 29 February moves to 28 February in a non-leap year.
  const isLeap = new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
  if (md === "-02-29" && !isLeap) return `${y}-02-28`;
  return `${y}${md}`;
}

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const weekdayName = (date: string) => WEEKDAY_NAMES[weekdayOf(date)] as string;

/** The day within three days of `date` that falls on the same weekday as `like`. */
function nearestSameWeekday(date: string, like: string): string {
  const diff = (weekdayOf(like) - weekdayOf(date) + 7) % 7;
  return addDays(date, diff <= 3 ? diff : diff - 7);
}

export function cycleFor(rb: Rulebook, matchYear: number): Cycle {
  // A pure function of the rulebook and the year, asked for on every assessment: computed once, frozen.
  let byYear = cycleCache.get(rb);
  if (!byYear) {
    byYear = new Map();
    cycleCache.set(rb, byYear);
  }
  let cycle = byYear.get(matchYear);
  if (!cycle) {
    cycle = deepFreeze(computeCycle(rb, matchYear));
    byYear.set(matchYear, cycle);
  }
  return cycle;
}

const cycleCache = new WeakMap<Rulebook, Map<number, Cycle>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function computeCycle(rb: Rulebook, matchYear: number): Cycle {
  const out = { matchYear } as Cycle;
  for (const event of CYCLE_EVENTS) {
    const stated = rb.cycles.cycles.find((c) => c.matchYear === matchYear)?.[event];
    if (stated) {
      out[event] = {
        date: iso(stated.date),
        estimated: stated.estimated,
        basis: stated.basis ?? `stated for the ${matchYear} Match`,
        sources: stated.sources,
        confidence: stated.confidence,
      };
      continue;
    }
    const donors = rb.cycles.cycles.filter((c) => c[event]).sort((a, b) => b.matchYear - a.matchYear);
    const donor = donors[0];
    const d = donor?.[event];
    if (!donor || !d) {
      out[event] = null;
      continue;
    }
    const shifted = shiftYears(iso(d.date), matchYear - donor.matchYear);
    const weekday = rb.cycles.estimation.keepWeekday;
    const keep = weekday?.events.includes(event) ?? false;
    const date = keep ? nearestSameWeekday(shifted, iso(d.date)) : shifted;
    out[event] = {
      date,
      estimated: true,
      basis:
        `estimated from the ${donor.matchYear} Match date (${iso(d.date)}) moved by ${matchYear - donor.matchYear} year(s)` +
        (keep && date !== shifted ? ` and to the nearest ${weekdayName(date)}` : ""),
      sources: [...d.sources, ...rb.cycles.estimation.sources, ...(keep && weekday ? weekday.sources : [])],
      confidence: d.confidence,
    };
  }
  return out;
}

/** The first Match year whose programs have not yet started reviewing applications on `asOf`. */
export function nextOpenMatchYear(rb: Rulebook, asOf: string): number {
  let year = Number(asOf.slice(0, 4));
  for (;;) {
    const review = cycleFor(rb, year).programsReview;
    if (!review || review.date > asOf) return year;
    year++;
  }
}

/**
 * The Match year a plan is for. This is the only place it is decided: the study planner, the
 * timeline and the report all take their year from here.
 *
 * Problem: the applicant asks for a Match year (or none: the first whose programs have not yet
 * started reviewing). That year is kept only if (a) its programs have not started reviewing, or
 * the applicant has applied for it, and (b) a Step 2 CK still to be sat is reported in time —
 * by the day programs start reviewing (D2: no score pending at screening), and for an IMG at
 * least one weekly ECFMG–NRMP exchange before the rank-list deadline, without which NRMP
 * withdraws the IMG from the Match (`ecfmgVerification` in data/facts/cycle-dates.yaml). The
 * score counts as reported at the end of the published reporting lag (`scoreReportWeeks`, its
 * longest value), never at its shortest.
 * Steps: from the asked year upwards, take the first year meeting (a) and (b); every year passed
 * over says why in `because` (rule id, the dates compared, sources) and in `reason` (words).
 * Complexity: O(y) in the years passed over (one or two in practice).
 * Reference: digest D2, D5; NRMP on ECFMG verification (nrmp-ecfmg-requirements).
 */
export interface MatchYearRequest {
  asOf: string;
  /** The Match year asked for (the profile's `targetMatchYear`); absent: the next open one. */
  requested?: number | undefined;
  /** The applicant has sent applications for the asked year (so its seasons are theirs). */
  applied?: boolean | undefined;
  applicantType: ApplicantType;
  /** The day Step 2 CK is to be sat (given, or the earliest sensible); null when the score is in hand. */
  examDate: string | null;
}

/** A day by which the score must be reported for one Match year, and why. */
export interface ScoreDeadline {
  date: string;
  event: CycleEvent;
  estimated: boolean;
  ruleId: string;
  sources: string[];
  why: string;
}

export interface MatchYearChoice {
  matchYear: number;
  /** The year asked for, or the next open one when none was asked for. */
  requested: number;
  moved: boolean;
  /** The latest day the exam's score may be reported (exam date + the longest lag), or null. */
  scoreReportedBy: string | null;
  /** The earliest day the score must be reported by for `matchYear`, or null (score in hand, or no date known). */
  deadline: ScoreDeadline | null;
  /** Why the asked year was passed over, in words; null when it was kept. */
  reason: string | null;
  because: Because[];
}

/**
 * Guards the search. It counts from the first year that could be reached at all, and each later
 * cycle reviews a year later, so from there the search ends within a year or two.
 */
const MAX_YEARS_AHEAD = 10;

const when = (d: CycleDate) =>
  `${d.date}${d.estimated ? " (estimated)" : ""}${d.confidence === "secondary" ? " (secondary source)" : ""}`;

/** The days a score must be reported by for one cycle, earliest first. */
export function scoreDeadlines(
  rb: Rulebook,
  cycle: Cycle,
  applicantType: ApplicantType,
  applied = false,
): ScoreDeadline[] {
  const out: ScoreDeadline[] = [];
  const review = cycle.programsReview;
  // Once applied, screening has begun: a pending score is already pending; only ECFMG's deadline is left.
  if (review && !applied)
    out.push({
      date: review.date,
      event: "programsReview",
      estimated: review.estimated,
      ruleId: "D2",
      sources: [...(rb.rules.find((r) => r.id === "D2")?.sources ?? []), ...review.sources],
      why: `programs start reviewing applications for the ${cycle.matchYear} Match on ${when(review)}, and a score still pending then is pending at screening`,
    });
  const ecfmg = rb.cycles.ecfmgVerification;
  const by = cycle[ecfmg.by];
  if (by && ecfmg.applicantTypes.includes(applicantType))
    out.push({
      date: addDays(by.date, -ecfmg.exchangeEveryDays),
      event: ecfmg.by,
      estimated: by.estimated,
      ruleId: "cycle-dates.ecfmgVerification",
      sources: [...ecfmg.sources, ...by.sources],
      why: `ECFMG must confirm an IMG's examinations to NRMP by the rank-list deadline on ${when(by)} (NRMP asks ECFMG once every ${ecfmg.exchangeEveryDays} days), or the IMG is withdrawn from the ${cycle.matchYear} Match`,
    });
  return out.sort((x, y) => x.date.localeCompare(y.date));
}

/** The Match year a plan is for (see `MatchYearRequest` for the rule); the only place it is decided. */
export function chooseMatchYear(rb: Rulebook, req: MatchYearRequest): MatchYearChoice {
  const report = rb.exam.usmle.scoreReportWeeks;
  const reportedBy = req.examDate ? addDays(req.examDate, report.value.max * 7) : null;
  const start = req.requested ?? nextOpenMatchYear(rb, req.asOf);
  const reasons: string[] = [];
  const because: Because[] = [];
  // Count the years ahead from the first year that could be reached: the first Match still open on
  // `asOf` (a requested year long past, from an old profile planned late, must not use up the
  // search before an open year is reached), or the first whose programs could review after the
  // score is reported (the year after its report; an exam date the input limits allow may lie
  // more than MAX_YEARS_AHEAD past `asOf`), whichever is later.
  const firstAfterReport = reportedBy ? Number(reportedBy.slice(0, 4)) + 1 : start;
  const last = Math.max(start, nextOpenMatchYear(rb, req.asOf), firstAfterReport) + MAX_YEARS_AHEAD;
  for (let year = start; year <= last; year++) {
    const cycle = cycleFor(rb, year);
    const applied = req.applied === true && year === start;
    const review = cycle.programsReview;
    if (!applied && review && review.date <= req.asOf) {
      const why = `programs started reviewing applications for the ${year} Match on ${when(review)}, and nothing says you have applied for it`;
      reasons.push(why);
      because.push({
        ruleId: "cycle-dates.programsReview",
        value: { matchYear: year, programsReview: review.date, asOf: req.asOf, applied: false },
        sources: review.sources,
        note: why,
      });
      continue;
    }
    const deadlines = reportedBy ? scoreDeadlines(rb, cycle, req.applicantType, applied) : [];
    const missed = reportedBy ? deadlines.filter((d) => reportedBy > d.date) : [];
    if (missed.length > 0) {
      reasons.push(
        `a Step 2 CK sat on ${req.examDate} may be reported as late as ${reportedBy} (${report.value.min}–${report.value.max} weeks after the exam), after ${missed.map((d) => d.date).join(" and ")}: ${missed.map((d) => d.why).join("; and ")}`,
      );
      for (const d of missed)
        because.push({
          ruleId: d.ruleId,
          value: { matchYear: year, examDate: req.examDate, scoreReportedBy: reportedBy, reportedBy: d.date },
          sources: [...d.sources, ...report.sources],
          note: d.why,
        });
      continue;
    }
    const moved = year !== start;
    const d5 = rb.rules.find((r) => r.id === "D5");
    if (moved && d5)
      because.push({
        ruleId: d5.id,
        value: { requested: start, proposed: year },
        sources: d5.sources,
        note: `the ${year} Match with the score in hand rather than the ${start} Match without it — ${d5.summary}`,
      });
    return {
      matchYear: year,
      requested: start,
      moved,
      scoreReportedBy: reportedBy,
      deadline: deadlines[0] ?? null,
      reason: moved
        ? `The ${start} Match is out of reach: ${reasons.join("; ")}. This plan is for the ${year} Match${review ? `, whose programs start reviewing on ${when(review)}` : ""}.`
        : null,
      because,
    };
  }
  throw new Error(`No Match year within ${MAX_YEARS_AHEAD} of ${start} can be reached`);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
