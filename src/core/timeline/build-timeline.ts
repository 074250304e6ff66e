import {
  addDays,
  CYCLE_EVENTS,
  type Cycle,
  type CycleDate,
  type CycleEvent,
  chooseMatchYear,
  cycleFor,
  type MatchYearChoice,
} from "../assess/application-cycle.ts";
import { deriveFacts } from "../assess/derive-facts.ts";
import type { Assessment, Because } from "../assess/types.ts";
import { factsFreshness } from "../cycle/fact-freshness.ts";
import type { Issue } from "../issues.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Facts } from "../rulebook/condition.ts";
import type { Rulebook, ScopeContext } from "../rulebook/rulebook.ts";
import { applicableRules, scopeSpecificity } from "../rulebook/rulebook.ts";
import type { RuleOf } from "../rulebook/schemas.ts";
import type { StudyPlan } from "../study/index.ts";
import { ecfmgRequirementsText, pathwaysRow } from "./pathways-row.ts";
import { overdueStep, ownStep2ckTasks } from "./personal-tasks.ts";
import {
  type Anchor,
  type Milestone,
  type MilestoneValues,
  milestoneValuesSchema,
  type Stage,
  stagePlanValuesSchema,
} from "./stage-data.ts";
import type { CycleEventItem, ItemStatus, Timeline, TimelineItem } from "./types.ts";

/**
 * The application timeline for one applicant and Match year.
 *
 * Spec. Problem: turn the guides' relative advice ("12–24 months before applying", "letters at
 * least 2–3 months before ERAS") into dated rows, using only cited cycle dates as anchors, and
 * say for every row whether a date it rests on is estimated. Steps: (0) the Match year: the study
 * plan's when there is one, else `chooseMatchYear` — never a year whose programs already review
 * without the applicant having applied, nor one a Step 2 CK still to be sat cannot reach;
 * (1) the cycle's dates for that year (`cycleFor`: stated, or estimated with their basis; an
 * event nothing covers is listed as unknown; events that concern only some applicants, such as
 * ECFMG's verification for IMGs, only for them, with ECFMG's Pathways from their opening to that
 * deadline — an opening no pack gives is unknown, with the last on record (pathways-row.ts)); (2) the stage plan chosen by rule scope (topic
 * `stage-plan`: the DR guide's months before applying, anchored on ERAS submission, or the IR
 * guide's months before Match, anchored on Match Day); seasons without months take their span
 * from D7.timeline; (3) the milestones of D7.timeline, each anchored on a cycle event or on
 * another milestone, resolved in dependency order; (4) Step 2 CK from the study plan when there
 * is one, else D1's window before submission while the exam is still ahead, else the score in
 * hand; (5) each row's status on the as-of date. The stage tasks about Step 2 CK follow the
 * applicant's own exam (done once the score is in hand; the plan's own dates when there is one), and
 * a milestone past its window that the profile shows is still needed (`overdue` of D7.timeline)
 * says what to do now, from the rule the assessment recommends for it. Because (0) keeps a year whose programs already
 * review only for an applicant who has applied, no one else is told a season is under way "now".
 * Complexity: O(r + m²) for r rules and m milestones (m is a handful). Pure: no clock.
 * Reference: digest D1, D7; data/rules/timing.yaml; data/cycles/ (the cycle packs).
 */
export interface TimelineRequest {
  assessment: Assessment;
  asOf: string;
  /** The Step 2 CK plan, when the exam is still to be taken and a plan was made. */
  studyPlan?: StudyPlan | null;
  /**
   * Whether Step 2 CK is still to be sat (`step2ckAhead`). Without it: when there is a plan or
   * no score. `planTimeline` always sets it.
   */
  examAhead?: boolean;
  /** The applicant has applied for the assessment's Match year (e.g. a saved plan with a program marked applied). */
  applied?: boolean;
  /** The Match year already chosen for this plan (`planStep2ck`); without it, step (0) chooses it. */
  year?: MatchYearChoice;
  /**
   * The profile, whose facts (`deriveFacts`) tell whether a milestone past its window is still
   * needed; without it no such row says what to do now. `planTimeline` and `planApplication` pass it.
   */
  profile?: Profile;
}

export const EVENT_LABELS: Record<CycleEvent, string> = {
  erasOpens: "ERAS opens",
  applicantsSubmit: "Applicants may submit ERAS applications",
  applicationDeadline: "ERAS application deadline",
  programsReview: "Programs start reviewing applications",
  mspeRelease: "MSPEs (Dean's letters) released to programs",
  matchDay: "Match Day",
  erasCloses: "ERAS season ends",
  nrmpRegistrationOpens: "NRMP Main Residency Match registration opens",
  nrmpRegistrationDeadline: "NRMP standard registration deadline (a late fee applies after it)",
  rankListOpens: "Rank order list entry opens",
  rankListDeadline: "Rank order list certification deadline",
  nrmpLateRegistrationDeadline: "NRMP late registration closes (register or withdraw by this day)",
  ecfmgVerificationDeadline:
    "ECFMG must have confirmed to NRMP that you meet the requirements for ECFMG certification (else withdrawn from the Match)",
  matchWeekStarts: "Match Week begins (applicants learn whether they matched)",
  soapBegins: "SOAP begins",
  soapEnds: "SOAP ends",
};

/** An event's label for the cycle's application service ("ResidencyCAS opens"). */
export function eventLabel(id: CycleEvent, serviceName: string): string {
  return EVENT_LABELS[id].replace(/\bERAS\b/g, serviceName);
}

/**
 * A cycle date as a timeline event: its label for the cycle's service, the late fee's amount on
 * the registration deadline (with the fee's own source), and a date only a secondary source
 * states, or one carried from another cycle, named as such.
 */
function eventItem(rb: Rulebook, cycle: Cycle, id: CycleEvent, d: CycleDate): CycleEventItem {
  const fee = rb.cycles.nrmpFeeSchedule;
  const withFee = id === "nrmpRegistrationDeadline";
  const label = withFee
    ? `NRMP standard registration deadline (registering later adds a late fee: US$${fee.value.lateRegistration} in NRMP's ${fee.schedule} schedule, ${fee.note})`
    : id === "ecfmgVerificationDeadline"
      ? `ECFMG must have confirmed to NRMP that you meet the ${ecfmgRequirementsText(rb)} requirements (else withdrawn from the Match)`
      : eventLabel(id, cycle.service.name);
  return {
    id,
    label: d.restsOn === "secondary" ? `${label} (secondary source — confirm with the official body)` : label,
    ...d,
    sources: withFee ? [...new Set([...d.sources, ...fee.sources])] : d.sources,
  };
}

/** What the stage plan's month counts are measured back from. */
const STAGE_ANCHORS = { monthsBeforeApplying: "applicantsSubmit", monthsBeforeMatch: "matchDay" } as const;

export function buildTimeline(rb: Rulebook, req: TimelineRequest): Timeline {
  const a = req.assessment;
  const specialty = rb.specialties.get(a.specialty);
  if (!specialty) throw new Error(`Assessment names unknown specialty "${a.specialty}"`);
  const ctx: ScopeContext = { specialty, applicantType: a.applicantType as ScopeContext["applicantType"] };
  const examAhead = req.examAhead ?? (req.studyPlan != null || a.step2ck.score === null);
  const issues: Issue[] = [];
  const because: Because[] = [];
  const notes: string[] = [];

  // ── (0) the Match year ──
  const year = timelineYear(rb, { ...req, examAhead });
  if (year.reason) notes.push(year.reason);
  because.push(...year.because);
  const cycle = cycleFor(rb, year.matchYear, a.specialty);
  const status = (start: string, end: string): ItemStatus =>
    end < req.asOf ? "past" : start > req.asOf ? "upcoming" : "now";

  // ── (1) cycle dates ──
  const events: CycleEventItem[] = [];
  const unknown: Timeline["unknown"] = [];
  const ecfmg = rb.cycles.ecfmgVerification;
  const concerns = (id: CycleEvent) => id !== ecfmg.by || ecfmg.applicantTypes.includes(ctx.applicantType);
  for (const id of CYCLE_EVENTS.filter(concerns)) {
    const d = cycle[id];
    if (d) events.push(eventItem(rb, cycle, id, d));
    else unknown.push({ id, label: eventLabel(id, cycle.service.name), why: cycle.unknownWhy[id] ?? null });
  }
  events.sort((x, y) => x.date.localeCompare(y.date) || x.id.localeCompare(y.id));
  const pathways = pathwaysRow(rb, cycle, ctx.applicantType);
  if (pathways.unknown) unknown.push(pathways.unknown);
  for (const u of unknown) {
    const why = u.why ?? "no source gives this date or a basis to estimate it";
    notes.push(`${u.label}: unknown — ${why}${/[.!?]$/.test(why) ? "" : "."}`);
  }

  const guidance = applicableRules(rb, "guidance", ctx);
  const milestoneRule = guidance.find((g) => g.topic === "timeline-milestones");
  let mv: MilestoneValues | null = null;
  if (milestoneRule) {
    const parsed = milestoneValuesSchema.safeParse(milestoneRule.values);
    if (parsed.success) mv = parsed.data;
    else issues.push(valuesIssue(milestoneRule.id, parsed.error.issues[0]?.message));
  }
  const label = (task: string) => mv?.taskLabels[task] ?? task;
  const facts = req.profile
    ? (deriveFacts(rb, req.profile, specialty, req.asOf) as unknown as Facts)
    : undefined;
  const stageTasks = ownStep2ckTasks(
    a,
    req.studyPlan ?? null,
    examAhead,
    new Set(mv?.step2ckTasks ?? []),
    label,
  );
  const items: TimelineItem[] = [];

  // ── (2) the stage plan, chosen by scope ──
  const stageRule = mostSpecific(guidance.filter((g) => g.topic === "stage-plan"));
  let stagePlan: Timeline["stagePlan"] = null;
  if (stageRule) {
    const parsed = stagePlanValuesSchema.safeParse(stageRule.values);
    if (!parsed.success) issues.push(valuesIssue(stageRule.id, parsed.error.issues[0]?.message));
    else {
      const anchors = new Set<string>();
      parsed.data.stages.forEach((stage, i) => {
        const tasks = stageTasks(stage.tasks ?? mv?.stageTasks[stageRule.id]?.[i] ?? []);
        const item = stageItem(cycle, stage, i, stageRule, mv, tasks, label);
        if ("anchor" in item) {
          anchors.add(item.anchor);
          items.push({ ...item.row, status: status(item.row.start, item.row.end) });
        } else notes.push(item.note);
      });
      stagePlan = {
        ruleId: stageRule.id,
        summary: stageRule.summary,
        anchor: [...anchors]
          .map((e) => (e in EVENT_LABELS ? eventLabel(e as CycleEvent, cycle.service.name) : e))
          .join("; "),
        sources: stageRule.sources,
      };
      because.push({
        ruleId: stageRule.id,
        value: { stages: parsed.data.stages.length },
        sources: stageRule.sources,
        note: "stage plan chosen by the rule's scope",
      });
    }
  } else
    notes.push(
      `The guides give no stage plan for ${specialty.name}; the timeline shows the cycle dates and the milestones every applicant shares.`,
    );

  // ── (3) milestones ──
  if (milestoneRule && mv) {
    const resolved = resolveMilestones(mv.milestones, cycle, label);
    for (const m of mv.milestones) {
      const r = resolved.get(m.task);
      if (!r) {
        notes.push(`${label(m.task)}: unknown — a date it depends on is unknown.`);
        continue;
      }
      const itemStatus = status(r.start, r.end);
      const catchUp = itemStatus === "past" ? overdueStep(mv.overdue[m.task], a, facts, milestoneRule) : null;
      if (catchUp) because.push(catchUp.because);
      items.push({
        id: `milestone-${m.task}`,
        kind: "milestone",
        label: label(m.task),
        tasks: catchUp ? [catchUp.text] : [],
        start: r.start,
        end: r.end,
        estimated: r.estimated,
        confidence: r.confidence,
        basis: r.basis,
        status: itemStatus,
        ruleId: milestoneRule.id,
        sources: [...new Set([...m.sources, ...r.sources, ...(catchUp?.because.sources ?? [])])],
      });
    }
    because.push({
      ruleId: milestoneRule.id,
      value: { milestones: mv.milestones.map((m) => m.task) },
      sources: milestoneRule.sources,
      ...(milestoneRule.assumption ? { note: milestoneRule.assumption } : {}),
    });
  }

  if (pathways.row) items.push({ ...pathways.row, status: status(pathways.row.start, pathways.row.end) });

  // ── (4) Step 2 CK ──
  items.push(...step2ckItems(rb, ctx, a, cycle, req.studyPlan ?? null, examAhead, notes, status));

  items.sort(
    (x, y) => x.start.localeCompare(y.start) || x.end.localeCompare(y.end) || x.id.localeCompare(y.id),
  );
  const freshness = factsFreshness(
    rb,
    req.asOf,
    events.map((e) => ({ what: `${e.label} (${e.date})`, verified: e.verified })),
    "Dates",
  );
  if (freshness.warning) notes.push(freshness.warning);
  return {
    matchYear: cycle.matchYear,
    requestedMatchYear: year.requested,
    asOf: req.asOf,
    stagePlan,
    events,
    unknown,
    items,
    notes,
    service: cycle.service,
    freshness,
    because,
    issues,
  };
}

/**
 * Step (0): the Match year a timeline is for — the study plan's when there is one, else
 * `chooseMatchYear` for the assessment's year. Without a plan the exam date is unknown; "sat
 * today" is the most the applicant could do, so a year even that cannot reach is out of reach.
 */
export function timelineYear(
  rb: Rulebook,
  req: Pick<TimelineRequest, "assessment" | "asOf" | "studyPlan" | "applied" | "year"> & {
    examAhead: boolean;
  },
): MatchYearChoice {
  return (
    req.year ??
    req.studyPlan?.timing.year ??
    chooseMatchYear(rb, {
      asOf: req.asOf,
      requested: req.assessment.cycle.matchYear,
      applied: req.applied,
      applicantType: req.assessment.applicantType as ScopeContext["applicantType"],
      examDate: req.examAhead ? req.asOf : null,
      specialty: req.assessment.specialty,
    })
  );
}

function valuesIssue(ruleId: string, message: string | undefined): Issue {
  return {
    code: "invalid_value",
    path: `rules.${ruleId}.values`,
    message: `cannot read the rule's values: ${message ?? "unexpected shape"}`,
  };
}

function mostSpecific(rules: RuleOf<"guidance">[]): RuleOf<"guidance"> | undefined {
  return [...rules].sort((x, y) => scopeSpecificity(y.scope) - scopeSpecificity(x.scope))[0];
}

/** Moves a date by whole months, clamping the day to the target month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const firstDayOfMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;
const describeDate = (label: string, d: CycleDate) =>
  `${label} (${d.date}${d.estimated ? `; estimated — ${d.basis}` : d.restsOn === "secondary" ? "; stated only by a secondary source" : ""})`;

/** How sure a row's dates are: the weakest of the dates it rests on (an estimate, else a secondary source, else official). */
type Dating = Pick<TimelineItem, "estimated" | "confidence">;
function dating(...dates: Array<CycleDate | Dating>): Dating {
  const estimated = dates.some((d) => d.estimated);
  const secondary = dates.some(
    (d) => d.confidence === "secondary" || ("restsOn" in d && d.restsOn === "secondary"),
  );
  return { estimated, confidence: estimated ? "estimated" : secondary ? "secondary" : "official" };
}
const OWN_DATES: Dating = { estimated: false, confidence: "official" };
const DATE_KIND = {
  estimated: "an estimated date",
  secondary: "a date only a secondary source states",
} as const;
const monthsText = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);

type StageResult = { anchor: string; row: Omit<TimelineItem, "status"> } | { note: string };

function stageItem(
  cycle: Cycle,
  stage: Stage,
  index: number,
  rule: RuleOf<"guidance">,
  mv: MilestoneValues | null,
  tasks: string[],
  label: (t: string) => string,
): StageResult {
  const id = `stage-${index + 1}`;
  const base = { id, tasks, ruleId: rule.id };
  if ("season" in stage) {
    if (stage.months && stage.months.length > 0) {
      const first = stage.months[0] as number;
      const last = stage.months[stage.months.length - 1] as number;
      const startYear = first > last ? cycle.matchYear - 1 : cycle.matchYear;
      return {
        anchor: "matchDay",
        row: {
          ...base,
          kind: "season",
          label: label(stage.season),
          start: firstDayOfMonth(startYear, first),
          end: lastDayOfMonth(cycle.matchYear, last),
          ...OWN_DATES,
          basis: `the guide's months for the ${cycle.matchYear} Match season`,
          sources: rule.sources,
        },
      };
    }
    const span = mv?.seasons[stage.season];
    const from = span ? cycle[span.from.event] : null;
    const to = span ? cycle[span.by.event] : null;
    if (!span || !from || !to)
      return { note: `${label(stage.season)}: unknown — no cycle dates bound this season.` };
    return {
      anchor: span.from.event,
      row: {
        ...base,
        kind: "season",
        label: label(stage.season),
        start: from.date,
        end: addDays(to.date, -1),
        ...dating(from, to),
        basis: `from ${describeDate(EVENT_LABELS[span.from.event], from)} to ${describeDate(EVENT_LABELS[span.by.event], to)}`,
        sources: [...rule.sources, ...from.sources, ...to.sources],
      },
    };
  }
  const key = "monthsBeforeApplying" in stage ? "monthsBeforeApplying" : "monthsBeforeMatch";
  const range = "monthsBeforeApplying" in stage ? stage.monthsBeforeApplying : stage.monthsBeforeMatch;
  const event = STAGE_ANCHORS[key];
  const anchor = cycle[event];
  if (!anchor) return { note: `Stage ${index + 1}: unknown — ${EVENT_LABELS[event]} is unknown.` };
  const what = key === "monthsBeforeApplying" ? "applying (ERAS submission)" : "Match Day";
  return {
    anchor: event,
    row: {
      ...base,
      kind: "stage",
      label: `${monthsText(range)} months before ${key === "monthsBeforeApplying" ? "applying" : "Match"}`,
      start: addMonths(anchor.date, -range.max),
      end: addDays(addMonths(anchor.date, -range.min), -1),
      ...dating(anchor),
      basis: `${monthsText(range)} months before ${describeDate(what, anchor)}`,
      sources: [...rule.sources, ...anchor.sources],
    },
  };
}

interface Resolved extends Dating {
  start: string;
  end: string;
  basis: string;
  sources: string[];
}

/** Resolves each milestone's window; a milestone anchored on another waits for it (the data is acyclic and small). */
function resolveMilestones(
  milestones: Milestone[],
  cycle: Cycle,
  label: (task: string) => string,
): Map<string, Resolved> {
  const out = new Map<string, Resolved>();
  const byTask = new Map(milestones.map((m) => [m.task, m]));
  const visiting = new Set<string>();

  const anchorDate = (anc: Anchor): Resolved | null => {
    if ("event" in anc) {
      const d = cycle[anc.event];
      return d
        ? {
            start: d.date,
            end: d.date,
            ...dating(d),
            basis: describeDate(EVENT_LABELS[anc.event], d),
            sources: d.sources,
          }
        : null;
    }
    const dep = resolve(anc.task);
    if (!dep) return null;
    const weak = dep.confidence === "official" ? "" : `, which rests on ${DATE_KIND[dep.confidence]}`;
    return { ...dep, end: dep.start, basis: `"${label(anc.task)}" (from ${dep.start}${weak})` };
  };

  const resolve = (task: string): Resolved | null => {
    const done = out.get(task);
    if (done) return done;
    const m = byTask.get(task);
    if (!m || visiting.has(task)) return null;
    visiting.add(task);
    const by = anchorDate(m.by);
    const from = m.from ? anchorDate(m.from) : null;
    visiting.delete(task);
    if (!by || (m.from && !from)) return null;
    let r: Resolved;
    if (m.by.monthsBefore && !m.from) {
      const mb = m.by.monthsBefore;
      r = {
        start: addMonths(by.start, -mb.max),
        end: addMonths(by.start, -mb.min),
        ...dating(by),
        basis: `${monthsText(mb)} months before ${by.basis}`,
        sources: by.sources,
      };
    } else {
      const start = from?.start ?? by.start;
      const end = m.by.monthsBefore ? addMonths(by.start, -m.by.monthsBefore.min) : by.start;
      r = {
        start,
        end: end < start ? start : end,
        ...dating(by, ...(from ? [from] : [])),
        basis: from ? `from ${from.basis} to ${by.basis}` : by.basis,
        sources: [...(from?.sources ?? []), ...by.sources],
      };
    }
    out.set(task, r);
    return r;
  };
  for (const m of milestones) resolve(m.task);
  return out;
}

function step2ckItems(
  rb: Rulebook,
  ctx: ScopeContext,
  a: Assessment,
  cycle: Cycle,
  plan: StudyPlan | null,
  examAhead: boolean,
  notes: string[],
  status: (start: string, end: string) => ItemStatus,
): TimelineItem[] {
  if (plan) {
    const timingSources = [
      ...new Set(plan.because.filter((b) => b.ruleId.startsWith("D")).flatMap((b) => b.sources)),
    ];
    const sources = timingSources.length > 0 ? timingSources : plan.target.sources;
    const review = plan.timing.cycle.programsReview;
    // The plan's year is the timeline's, so its review date is the cycle's, with the cycle's confidence.
    const examDating = cycle.programsReview ? dating(cycle.programsReview) : OWN_DATES;
    const rows: Array<Omit<TimelineItem, "status">> = [
      {
        id: "step2ck-study",
        kind: "exam",
        label: `Step 2 CK study (${plan.weeks.planned} weeks, ${plan.mode})`,
        tasks: plan.phases.map((p) => `${p.name.replace(/-/g, " ")}: ${p.start} – ${p.end}`),
        start: plan.studyStart,
        end: addDays(plan.examDate, -1),
        ...OWN_DATES,
        basis: `the Step 2 CK study plan (${plan.weeks.ruleId}, ${plan.phaseRule})`,
        ruleId: plan.weeks.ruleId,
        sources: [...new Set(plan.phases.flatMap((p) => p.sources))],
      },
      {
        id: "step2ck-exam",
        kind: "exam",
        label: "Sit USMLE Step 2 CK",
        tasks: plan.timing.messages,
        start: plan.examDate,
        end: plan.examDate,
        ...examDating,
        basis:
          plan.timing.status === "given"
            ? "the exam date you gave"
            : `recommended by the study planner so the score is out before programs review${review ? ` (${review.date}${review.estimated ? ", estimated" : ""})` : ""}`,
        ruleId: "D2",
        sources,
      },
      {
        id: "step2ck-score",
        kind: "milestone",
        label: "Step 2 CK score reported",
        tasks: [],
        start: plan.timing.scoreReported.earliest,
        end: plan.timing.scoreReported.latest,
        ...OWN_DATES,
        basis: `${plan.timing.reportWeeks.min}–${plan.timing.reportWeeks.max} weeks after the exam`,
        ruleId: "D2",
        sources: [...new Set([...rb.exam.usmle.scoreReportWeeks.sources])],
      },
    ];
    return rows.map((r) => ({ ...r, status: status(r.start, r.end) }));
  }
  if (!examAhead) {
    notes.push(`Step 2 CK: score in hand (${a.step2ck.score}); no exam date to plan.`);
    return [];
  }
  // No plan: D1's window before submission, from the rule that states it.
  const d1 = applicableRules(rb, "guidance", ctx).find(
    (g) => g.topic === "exam-timing" && isRange(g.values.monthsBeforeSubmission),
  );
  const submit = cycle.applicantsSubmit;
  if (!d1 || !submit) {
    notes.push("Step 2 CK: no exam date planned, and no rule or cycle date to place one.");
    return [];
  }
  const r = d1.values.monthsBeforeSubmission as { min: number; max: number };
  const start = addMonths(submit.date, -r.max);
  const end = addMonths(submit.date, -r.min);
  return [
    {
      id: "step2ck-window",
      kind: "exam",
      label: `Sit Step 2 CK (${monthsText(r)} months before submission)`,
      tasks: [],
      start,
      end,
      ...dating(submit),
      basis: `${monthsText(r)} months before ${describeDate("ERAS submission", submit)}`,
      ruleId: d1.id,
      sources: [...d1.sources, ...submit.sources],
      status: status(start, end),
    },
  ];
}

function isRange(v: unknown): v is { min: number; max: number } {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { min?: unknown }).min === "number" &&
    typeof (v as { max?: unknown }).max === "number"
  );
}
