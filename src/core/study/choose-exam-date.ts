import {
  applicationYearOf,
  chooseMatchYear,
  cycleFor,
  type MatchYearChoice,
} from "../assess/application-cycle.ts";
import type { Because } from "../assess/types.ts";
import type { Rulebook, ScopeContext } from "../rulebook/rulebook.ts";
import { scopeMatches, scopeSpecificity } from "../rulebook/rulebook.ts";
import { addDays, addMonths, daysBetween, endOfMonth, maxDate, minDate } from "./dates.ts";
import { type Range, refList, refRange } from "./rule-ref.ts";
import type { CycleInfo, DateRange, ExamTiming } from "./types.ts";

/**
 * Chooses the exam date (D1–D5, G3) and, with it, the Match year the plan is for.
 *
 * Problem: the latest exam date that leaves the minimum study weeks, keeps D1 (6–9 months before
 * ERAS submission, "if possible"), is reported before programs review applications (D2, G3) — and
 * for an IMG before ECFMG must confirm it to NRMP —, is sat by D2's month of the application year,
 * precedes major USCE for graduates (D3), and avoids clerkships and intensive electives (D4).
 * Steps: (0) the Match year: the asked-for year if the earliest sensible date (or the given date)
 * is reported in time for it, else the next year that is (`chooseMatchYear`, which says why);
 * (1) hard latest date = min(the year's score deadline − longest report time, end of D2's last
 * month, USCE start − longest report time); (2) D1 window from the submission date; (3) if some
 * date in [as-of + minimum weeks, hard latest] ∩ D1 exists, take the latest not in a busy range;
 * (4) else, if the minimum fits before the hard latest, keep D1 aside and run the full length
 * (D5: points over weeks; G3: room to postpone); (5) else sit on the earliest sensible date, whose
 * score still comes before review (step 0), and say what D2's month asked for; (6) if a busy range
 * pushed the date past the year's deadline, choose the year again from that date.
 * A date whose score would be pending at review is never proposed: the plan moves to the next
 * Match year instead and says why.
 * Complexity: O(b) in the busy ranges per moved date.
 * Reference: digest D1–D5, G3; `timing` in data/facts/study-plan-model.yaml.
 */
export interface ExamDateInput {
  asOf: string;
  weeks: Range;
  /** The Match year asked for (the assessment's); the plan may move to a later one (step 0). */
  matchYear: number;
  /** The applicant has applied for `matchYear` (see `chooseMatchYear`). */
  applied?: boolean;
  ctx: ScopeContext;
  examDate?: string;
  busy: DateRange[];
  /** Set only when D3 applies to the applicant (a graduate). */
  usceStart?: string;
}

export interface ExamDateChoice {
  timing: ExamTiming;
  notes: string[];
  because: Because[];
}

const inBusy = (date: string, busy: DateRange[]) => busy.find((b) => b.start <= date && date <= b.end);

/** The latest date ≤ `date` and ≥ `lo` outside every busy range, or null. */
function latestFree(date: string, lo: string, busy: DateRange[]): string | null {
  let d = date;
  for (let guard = 0; guard <= busy.length; guard++) {
    if (d < lo) return null;
    const b = inBusy(d, busy);
    if (!b) return d;
    d = addDays(b.start, -1);
  }
  return d >= lo && !inBusy(d, busy) ? d : null;
}

/** The earliest date ≥ `date` and ≤ `hi` outside every busy range, or null. */
function earliestFree(date: string, hi: string, busy: DateRange[]): string | null {
  let d = date;
  for (let guard = 0; guard <= busy.length; guard++) {
    if (d > hi) return null;
    const b = inBusy(d, busy);
    if (!b) return d;
    d = addDays(b.end, 1);
  }
  return d <= hi && !inBusy(d, busy) ? d : null;
}

/** Guards step (6): each pass moves to a later year, so one or two passes settle it. */
const MAX_YEAR_PASSES = 3;

export function chooseExamDate(rb: Rulebook, input: ExamDateInput): ExamDateChoice {
  const earliest = addDays(input.asOf, Math.ceil(input.weeks.min * 7));
  const reportMaxDays = rb.exam.usmle.scoreReportWeeks.value.max * 7;
  const choose = (examDate: string) =>
    chooseMatchYear(rb, {
      asOf: input.asOf,
      requested: input.matchYear,
      applied: input.applied,
      applicantType: input.ctx.applicantType,
      examDate,
      specialty: input.ctx.specialty.id,
    });
  // (0) the year, from the date the exam can be sat at the earliest (or the date given)
  let year = choose(input.examDate ?? earliest);
  let choice = planForYear(rb, input, year);
  // (6) a busy range can push a recommended date past the year's deadline: the date decides again
  for (let pass = 1; pass < MAX_YEAR_PASSES && !input.examDate; pass++) {
    const deadline = year.deadline;
    if (!deadline || addDays(choice.timing.examDate, reportMaxDays) <= deadline.date) break;
    year = choose(choice.timing.examDate);
    choice = planForYear(rb, input, year);
  }
  return choice;
}

function planForYear(rb: Rulebook, input: ExamDateInput, year: MatchYearChoice): ExamDateChoice {
  const t = rb.study.plan.timing;
  const rules = rb.rules;
  const report = rb.exam.usmle.scoreReportWeeks;
  const reportMaxDays = report.value.max * 7;
  const cycle = cycleFor(rb, year.matchYear, input.ctx.specialty.id);
  const because: Because[] = [...year.because];
  const notes: string[] = [];
  const messages: string[] = year.reason ? [year.reason] : [];
  const d = (c: typeof cycle.programsReview) =>
    c ? { date: c.date, estimated: c.estimated, sources: c.sources } : null;
  const cycleInfo: CycleInfo = {
    matchYear: year.matchYear,
    programsReview: d(cycle.programsReview),
    applicantsSubmit: d(cycle.applicantsSubmit),
  };
  const est = (c: { estimated: boolean } | null) => (c?.estimated ? " (estimated)" : "");

  // (1) the hard latest date
  const candidates: Array<{ date: string; why: string; ruleId: string; sources: string[] }> = [];
  if (year.deadline) {
    const dl = year.deadline;
    candidates.push({
      date: addDays(dl.date, -reportMaxDays),
      why: `score reported (≤ ${report.value.max} weeks) by ${dl.date}${dl.estimated ? " (estimated)" : ""}: ${dl.why}`,
      ruleId: dl.ruleId,
      sources: [...report.sources, ...dl.sources],
    });
  }
  const sitBy = t.sitBy
    .filter((s) => scopeMatches(s.scope, input.ctx))
    .sort((a, b) => scopeSpecificity(b.scope) - scopeSpecificity(a.scope))[0];
  const applicationYear = applicationYearOf(cycle);
  if (sitBy) {
    const months = refList<number>(rules, sitBy.months);
    const lastMonth = Math.max(...months);
    candidates.push({
      date: endOfMonth(applicationYear, lastMonth),
      why: `sit by the end of month ${lastMonth} of the application year (${sitBy.months.rule})`,
      ruleId: sitBy.months.rule,
      sources: rules.find((r) => r.id === sitBy.months.rule)?.sources ?? [],
    });
  }
  if (input.usceStart) {
    candidates.push({
      date: addDays(input.usceStart, -reportMaxDays),
      why: `score in hand before US clinical experience starts on ${input.usceStart} (D3)`,
      ruleId: "D3",
      sources: rules.find((r) => r.id === "D3")?.sources ?? [],
    });
  }
  const hard = candidates.sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
  const hardLatest = hard?.date ?? null;
  if (hard)
    because.push({
      ruleId: hard.ruleId,
      value: { latestExamDate: hard.date },
      sources: hard.sources,
      note: hard.why,
    });

  // (2) D1's window
  const d1Months = refRange(rules, t.monthsBeforeSubmission);
  const d1Window = cycle.applicantsSubmit
    ? {
        from: addMonths(cycle.applicantsSubmit.date, -d1Months.max),
        to: addMonths(cycle.applicantsSubmit.date, -d1Months.min),
      }
    : null;
  const d1Rule = rules.find((r) => r.id === t.monthsBeforeSubmission.rule);
  if (d1Window)
    because.push({
      ruleId: t.monthsBeforeSubmission.rule,
      value: d1Window,
      sources: [...(d1Rule?.sources ?? []), ...(cycle.applicantsSubmit?.sources ?? [])],
      note: `${d1Months.min}–${d1Months.max} months before ERAS submission on ${cycle.applicantsSubmit?.date}${est(cycle.applicantsSubmit)}`,
    });

  const minDays = Math.ceil(input.weeks.min * 7);
  const maxDays = Math.ceil(input.weeks.max * 7);
  const earliest = addDays(input.asOf, minDays);
  const full = addDays(input.asOf, maxDays);
  const gain = refRange(rules, t.worthwhileGain);

  let status: ExamTiming["status"];
  let examDate: string;
  if (input.examDate) {
    status = "given";
    examDate = input.examDate;
    if (examDate < earliest)
      messages.push(
        `Time is short: ${daysBetween(input.asOf, examDate)} days of study is below the ${round1(input.weeks.min)}-week minimum; the earliest sensible exam date is ${earliest}.`,
      );
    if (inBusy(examDate, input.busy))
      notes.push(
        `The exam date falls in "${inBusy(examDate, input.busy)?.label ?? "a busy period"}" — D4 advises against sitting during an intensive elective or core clerkship.`,
      );
  } else {
    const lo = maxDate(earliest, d1Window?.from ?? earliest);
    const hi = minDate(hardLatest ?? full, d1Window?.to ?? hardLatest ?? full);
    const onTime = lo <= hi ? latestFree(hi, lo, input.busy) : null;
    if (onTime) {
      status = "on-time";
      examDate = onTime;
    } else if (hardLatest === null || earliest <= hardLatest) {
      status = "d1-relaxed";
      const top = hardLatest === null ? full : minDate(full, hardLatest);
      examDate =
        latestFree(top, earliest, input.busy) ?? earliestFree(top, hardLatest ?? top, input.busy) ?? top;
      // The plan's own length: the full length only when nothing (the hard latest date, a busy range) cut it.
      const planned = round1(daysBetween(input.asOf, examDate) / 7);
      const length = planned >= round1(input.weeks.max) ? `its full ${planned} weeks` : `${planned} weeks`;
      const room =
        hardLatest === null
          ? ", and sitting well before review keeps room to postpone (G3)"
          : examDate < hardLatest
            ? `, and sitting before ${hardLatest} keeps room to postpone (G3)`
            : `; ${hardLatest} is the latest date for this cycle, so postponing means a later Match (G3)`;
      if (d1Window)
        messages.push(
          `D1 asks for the exam ${d1Months.min}–${d1Months.max} months before ERAS submission (${d1Window.from} to ${d1Window.to}); with at least ${round1(input.weeks.min)} weeks of study the earliest sensible date is ${earliest}, so the plan runs ${length} to ${examDate} instead — a ${gain.min}–${gain.max} point gain is worth more than a few weeks (D5)${room}.`,
        );
    } else {
      // The year was chosen so that the earliest date's score comes before review (step 0); what
      // is missed here is D2's month or D3's USCE start, which the guides ask for but screening does not.
      status = "too-short";
      examDate = earliestFree(earliest, addDays(earliest, DAYS_IN_YEAR), input.busy) ?? earliest;
      const review = cycle.programsReview;
      messages.push(
        `Time is short: with at least ${round1(input.weeks.min)} weeks of study the earliest sensible exam date is ${earliest}, later than ${hardLatest} (${hard?.why ?? "the latest date for this cycle"}).${review ? ` Its score is still reported by ${addDays(earliest, reportMaxDays)}, before programs start reviewing on ${review.date}${est(review)}.` : ""} Sit then for the ${year.matchYear} Match, or take the ${year.matchYear + 1} Match with a full plan: a ${gain.min}–${gain.max} point gain is worth more than applying a few weeks earlier (D5); weigh it with a mentor (G3).`,
      );
    }
  }

  const scoreReported = {
    earliest: addDays(examDate, report.value.min * 7),
    latest: addDays(examDate, reportMaxDays),
  };
  // Steps (0) and (6) move the year rather than leave a score pending, so this is false unless the
  // applicant has already applied (review has begun; only ECFMG's deadline is left to meet).
  const pendingAtReview = cycle.programsReview ? scoreReported.latest > cycle.programsReview.date : null;
  if (d1Window && status === "given" && (examDate < d1Window.from || examDate > d1Window.to))
    notes.push(
      `D1 prefers the exam ${d1Months.min}–${d1Months.max} months before ERAS submission (${d1Window.from} to ${d1Window.to}).`,
    );

  const studyStart = maxDate(input.asOf, addDays(examDate, -maxDays));
  if (studyStart > input.asOf)
    notes.push(
      `Dedicated study starts on ${studyStart}: ${round1(input.weeks.max)} weeks is the most the guides plan, so the weeks before are free for clinical work, research or USCE.`,
    );

  return {
    timing: {
      status,
      year,
      examDate,
      studyStart,
      reportWeeks: report.value,
      scoreReported,
      cycle: cycleInfo,
      latestExamForReview: cycle.programsReview ? addDays(cycle.programsReview.date, -reportMaxDays) : null,
      d1Window,
      earliestSensibleExamDate: earliest,
      pendingAtReview,
      messages,
    },
    notes,
    because,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
/** How far past the earliest date a busy range may push the exam: a guard, a year of calendar. */
const DAYS_IN_YEAR = 366;
