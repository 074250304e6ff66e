import { type ApplicationService, serviceFor } from "../cycle/application-service.ts";
import { resolveFact } from "../cycle/resolve-fact.ts";
import { type Confidence, SERVICE_EVENTS, type ServiceEventKey } from "../cycle/schemas.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { Because } from "./types.ts";

/**
 * Application-cycle dates for a Match year, from the cycle packs (data/cycles/). The service
 * events (opening, submission, the application deadline, programs' review, MSPE release, closing)
 * come from the application service the specialty uses that year (ERAS or ResidencyCAS); NRMP and
 * ECFMG events are the same for every service. A date no pack states for the year is the date of
 * the cycle it is carried from (resolve-fact.ts), moved by whole years, and is marked estimated
 * with its basis; events listed under the estimation's `keepWeekday` are then moved to the
 * nearest day with the stated date's weekday (Match Week runs Monday to Friday).
 */
export const CYCLE_EVENTS = [
  "erasOpens",
  "applicantsSubmit",
  "applicationDeadline",
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
  /** Who stated the date; `estimated` when it is carried from another cycle (see `restsOn`). */
  confidence: Confidence;
  /** Who stated the date that is used (for an estimate: the carried date's own confidence). */
  restsOn: "official" | "secondary";
  /** The day the date was last checked against its source. */
  verified: string;
  /** When the source was published, as it says (a year, a month or a day), or null. */
  published: string | null;
}

export type Cycle = {
  matchYear: number;
  service: { id: string; name: string };
  /** Why an event's date is unknown (null in the cycle), in words. */
  unknownWhy: Partial<Record<CycleEvent, string>>;
} & Record<CycleEvent, CycleDate | null>;

/** The pack key of each service event, by cycle event. */
const SERVICE_KEY_OF = Object.fromEntries(
  (Object.entries(SERVICE_EVENTS) as Array<[ServiceEventKey, CycleEvent]>).map(([k, e]) => [e, k]),
) as Partial<Record<CycleEvent, ServiceEventKey>>;

/** A date moved by whole years (29 February to 28 February in a non-leap year). */
export function shiftYears(date: string, years: number): string {
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

/**
 * The cycle of a Match year for a specialty (its application service decides the service
 * events); without a specialty, the default service's.
 */
export function cycleFor(rb: Rulebook, matchYear: number, specialtyId?: string): Cycle {
  // A pure function of the rulebook, the year and the service, asked for on every assessment: computed once, frozen.
  const service = serviceFor(rb, specialtyId, matchYear);
  let byKey = cycleCache.get(rb);
  if (!byKey) {
    byKey = new Map();
    cycleCache.set(rb, byKey);
  }
  const key = `${matchYear}|${service.id}`;
  let cycle = byKey.get(key);
  if (!cycle) {
    cycle = deepFreeze(computeCycle(rb, matchYear, service));
    byKey.set(key, cycle);
  }
  return cycle;
}

const cycleCache = new WeakMap<Rulebook, Map<string, Cycle>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Where a cycle event's date lives in a pack. */
export function eventPath(event: CycleEvent, serviceId: string): string[] {
  const key = SERVICE_KEY_OF[event];
  return key ? ["services", serviceId, "events", key] : ["events", event];
}

function computeCycle(rb: Rulebook, matchYear: number, service: ApplicationService): Cycle {
  const out = { matchYear, service: { id: service.id, name: service.name }, unknownWhy: {} } as Cycle;
  for (const event of CYCLE_EVENTS) {
    const f = resolveFact<string>(rb, matchYear, eventPath(event, service.id));
    if (!f.known) {
      out[event] = null;
      out.unknownWhy[event] = f.basis;
      continue;
    }
    const common = {
      sources: f.sources,
      confidence: f.confidence,
      restsOn: f.restsOn,
      verified: f.verified,
      published: f.published,
    };
    if (f.statedFor === matchYear) {
      out[event] = { date: f.value, estimated: false, basis: f.basis, ...common };
      continue;
    }
    const years = matchYear - f.statedFor;
    const moved = moveDate(rb, event, f.value, years);
    out[event] = {
      date: moved.date,
      estimated: true,
      basis:
        `estimated from the ${f.statedFor} Match date (${f.value}) moved by ${years} year(s)` +
        (moved.weekday ? ` and to the nearest ${moved.weekday}` : "") +
        (f.why ? ` — ${f.why}` : ""),
      ...common,
      sources: [...f.sources, ...rb.cycles.estimation.sources, ...moved.sources],
    };
  }
  return out;
}

/**
 * A date carried to another cycle: moved by whole years, then (for the events of the
 * estimation's `keepWeekday`) to the nearest day with the stated date's weekday.
 */
export function moveDate(
  rb: Rulebook,
  event: CycleEvent,
  date: string,
  years: number,
): { date: string; weekday: string | null; sources: string[] } {
  const shifted = shiftYears(date, years);
  const weekday = rb.cycles.estimation.keepWeekday;
  const keep = (weekday?.events as readonly string[] | undefined)?.includes(event) ?? false;
  const moved = keep ? nearestSameWeekday(shifted, date) : shifted;
  return {
    date: moved,
    weekday: keep && moved !== shifted ? weekdayName(moved) : null,
    sources: keep && weekday ? weekday.sources : [],
  };
}

/** The cycle event a pack path names (`events.matchDay`, `services.eras.events.opens`), or null. */
export function eventOfPath(path: readonly string[]): CycleEvent | null {
  if (path[0] === "events" && path.length === 2) return path[1] as CycleEvent;
  if (path[0] === "services" && path[2] === "events" && path.length === 4)
    return SERVICE_EVENTS[path[3] as ServiceEventKey] ?? null;
  return null;
}

/**
 * The Match year an assessment of this profile is for: the one asked for, else the next open one,
 * or, for a student who graduates after it, the first Match they can take up.
 */
export function matchYearOf(
  rb: Rulebook,
  profile: Pick<Profile, "targetMatchYear" | "graduationYear">,
  asOf: string,
  specialtyId?: string,
): number {
  return (
    profile.targetMatchYear ??
    Math.max(nextOpenMatchYear(rb, asOf, specialtyId), firstMatchYearFor(rb, profile))
  );
}

/**
 * The first Match whose positions a graduate of `graduationYear` can take up (training starts in
 * July of the Match year: `graduationAfterMatch` in data/facts/input-limits.yaml). A student who
 * graduates after the next open Match plans for this one, unless the profile asks for a year.
 */
export function firstMatchYearFor(rb: Rulebook, profile: Pick<Profile, "graduationYear">): number {
  return profile.graduationYear - rb.limits.profile.graduationAfterMatch.value.maxYears;
}

/**
 * The year applications for a Match are sent: the year of the cycle's submission date (else of
 * programs' review). Every cycle pack states or carries those dates; without either, the calendar
 * year before the Match, when ERAS and NRMP cycles run from one September to the next March.
 */
export function applicationYearOf(cycle: Cycle): number {
  const sent = cycle.applicantsSubmit ?? cycle.programsReview;
  return sent ? Number(sent.date.slice(0, 4)) : cycle.matchYear - 1;
}

/** The first Match year whose programs have not yet started reviewing applications on `asOf`. */
export function nextOpenMatchYear(rb: Rulebook, asOf: string, specialtyId?: string): number {
  let year = Number(asOf.slice(0, 4));
  for (;;) {
    const review = cycleFor(rb, year, specialtyId).programsReview;
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
 * withdraws the IMG from the Match (`ecfmgVerification` in data/cycles/cycle-rules.yaml). The
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
  /** The specialty applied to: its application service decides when programs review. */
  specialty?: string | undefined;
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
  `${d.date}${d.estimated ? " (estimated)" : ""}${d.restsOn === "secondary" ? " (secondary source)" : ""}`;

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
      why: `programs start reviewing ${cycle.service.name} applications for the ${cycle.matchYear} Match on ${when(review)}, and a score still pending then is pending at screening`,
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
  const start = req.requested ?? nextOpenMatchYear(rb, req.asOf, req.specialty);
  const reasons: string[] = [];
  const because: Because[] = [];
  // Count the years ahead from the first year that could be reached: the first Match still open on
  // `asOf` (a requested year long past, from an old profile planned late, must not use up the
  // search before an open year is reached), or the first whose programs could review after the
  // score is reported (the year after its report; an exam date the input limits allow may lie
  // more than MAX_YEARS_AHEAD past `asOf`), whichever is later.
  const firstAfterReport = reportedBy ? Number(reportedBy.slice(0, 4)) + 1 : start;
  const last =
    Math.max(start, nextOpenMatchYear(rb, req.asOf, req.specialty), firstAfterReport) + MAX_YEARS_AHEAD;
  for (let year = start; year <= last; year++) {
    const cycle = cycleFor(rb, year, req.specialty);
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
