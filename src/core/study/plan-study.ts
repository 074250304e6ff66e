import { assessProfile } from "../assess/assess-profile.ts";
import { deriveFacts } from "../assess/derive-facts.ts";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { dateWindowIssue, textIssues } from "../profile/input-limits.ts";
import { evaluate, type Facts } from "../rulebook/condition.ts";
import type { Rulebook, ScopeContext } from "../rulebook/rulebook.ts";
import { applicableRules, scopeSpecificity } from "../rulebook/rulebook.ts";
import type { RuleOf } from "../rulebook/schemas.ts";
import { allocatePhases } from "./allocate-phases.ts";
import { checkPlan } from "./check-plan.ts";
import { chooseExamDate } from "./choose-exam-date.ts";
import { addDays, addMonths, daysBetween, isIsoDate } from "./dates.ts";
import { lookupRef, refList, refNumber, refRange, refRecord } from "./rule-ref.ts";
import { scheduleDays } from "./schedule-days.ts";
import { step2ckAhead } from "./step2ck-ahead.ts";
import { type BaselineBracket, isBaselineBracket } from "./study-data-checks.ts";
import { studyLength } from "./study-length.ts";
import type { Because, Reminder, StudyPlan, StudyRequest } from "./types.ts";
import { type PhaseRole, STUDY_MODES, WEEKDAYS } from "./vocabulary.ts";

/**
 * Plans Step 2 CK study day by day for one profile, specialty and date.
 *
 * Steps: validate the request, inside the input limits → assess the profile for its target
 * (T1–T6) and cycle → refuse a retake of a passed exam (G4) → weeks needed (P1, P2), refused past
 * the longest plan the limits allow → exam date (D1–D5, G3) → phase model
 * (the most narrowly scoped `study-phases` rule: P3, or P4 where its scope applies) and phase
 * lengths → the day-by-day calendar (P3–P10) with a secondary bank only where P8 allows it →
 * reminders (D2, D8) → the plan checks itself (`checkPlan`). Every step is traced in `because`.
 *
 * Complexity: O(d · s) for the d calendar days (at most the limits' longest plan, in days) and s
 * self-assessments, so every valid request is bounded.
 * Pure: no IO, no clock — `asOf` is an argument.
 */
export function planStudy(rb: Rulebook, req: StudyRequest): Result<StudyPlan> {
  const issues = validateRequest(rb, req);
  if (issues.length > 0) return fail(issues);
  const assessed = assessProfile(rb, req.profile, req.specialtyId, req.asOf);
  if (!assessed.ok) return assessed;
  const a = assessed.value;
  const specialty = rb.specialties.get(req.specialtyId);
  if (!specialty) throw new Error("assessProfile accepted an unknown specialty");
  const R = rb.rules;
  const P = rb.study.plan;
  const because: Because[] = [];

  const s2 = req.profile.step2ck.score;
  if (!step2ckAhead(rb, req.profile))
    return fail([
      {
        code: "inconsistent",
        path: "profile.step2ck.score",
        message: `Step 2 CK is already passed (${s2}); a passed Step cannot be retaken for a higher score (G4)`,
        allowed: "a profile whose Step 2 CK is not yet taken (score null) or was failed",
      },
    ]);
  if (s2 !== null)
    because.push({
      ruleId: "G4",
      value: { failedScore: s2 },
      sources: R.find((r) => r.id === "G4")?.sources ?? [],
      note: "after a failed attempt the plan must be substantially new, not a re-try: name what went wrong (P10)",
    });

  // ── target ──
  const guideTarget = a.step2ck.target;
  if (req.target === undefined && !guideTarget)
    return fail([
      {
        code: "missing_field",
        path: "target",
        message: `the guides set no Step 2 CK target for a ${req.profile.applicantType} applicant in ${specialty.name}; give one`,
        allowed: `a score on the USMLE scale ${rb.exam.usmle.scale.value.min}–${rb.exam.usmle.scale.value.max}`,
      },
    ]);
  const target =
    req.target !== undefined
      ? { score: req.target, ruleId: "input", sources: [] as string[], label: "your own target" }
      : {
          score: guideTarget?.min as number,
          ruleId: guideTarget?.ruleId as string,
          sources: guideTarget?.sources ?? [],
          label: guideTarget?.label ?? "",
        };
  because.push({
    ruleId: target.ruleId,
    value: { target: target.score, guideRange: guideTarget ? [guideTarget.min, guideTarget.max] : null },
    sources: target.sources,
    note:
      req.target !== undefined
        ? "target given by the applicant"
        : `the lower end of the guide's target: ${target.label}`,
  });

  // ── availability ──
  const mode = req.mode ?? "full-time";
  const modeKey = mode === "full-time" ? "fullTime" : "partTime";
  const hoursRange = refRange(R, P.day[modeKey].hours);
  const notes: string[] = [];
  let hoursPerDay = req.hoursPerDay ?? hoursRange.min;
  if (hoursPerDay > hoursRange.max) {
    notes.push(
      `${hoursPerDay} h a day is more than the guides plan for ${mode} study; the plan uses ${hoursRange.max} h.`,
    );
    hoursPerDay = hoursRange.max;
  } else if (hoursPerDay < hoursRange.min)
    notes.push(
      `${hoursPerDay} h a day is below the ${hoursRange.min}–${hoursRange.max} h the guides plan for ${mode} study (${P.day[modeKey].hours.rule}); daily questions shrink to fit.`,
    );
  const daysOff = [...new Set(req.daysOff ?? [])].sort((x, y) => WEEKDAYS.indexOf(x) - WEEKDAYS.indexOf(y));
  const heavyPerWeek = 7 - daysOff.length - 1;
  const fullTimeDays = refRange(R, P.day.fullTimeDaysPerWeek);
  if (mode === "full-time" && heavyPerWeek < fullTimeDays.min)
    notes.push(
      `${heavyPerWeek} heavy days a week is below ${P.day.fullTimeDaysPerWeek.rule}'s ${fullTimeDays.min}–${fullTimeDays.max} for full-time study.`,
    );

  // ── how long, and when ──
  const baseline = req.baseline ?? null;
  const length = studyLength(rb, baseline, mode, hoursPerDay);
  const longest = rb.limits.study.weeks.value.max;
  if (length.weeks.max > longest) {
    // Weeks grow as hours shrink (a part-time plan keeps the full-time study hours), so the
    // fewest hours that fit scale by the same ratio, rounded up to the planner's hour step.
    const step = P.day.hourStep;
    const fewest = Math.ceil((hoursPerDay * length.weeks.max) / longest / step - 1e-9) * step;
    return fail([
      {
        code: "out_of_range",
        path: "hoursPerDay",
        message: `at ${Number(hoursPerDay.toFixed(2))} h a day this ${mode} plan needs up to ${Math.ceil(length.weeks.max)} weeks of study, more than the ${longest} weeks the planner lays out (${length.note})`,
        allowed: `at least ${fewest} h a day for this plan`,
      },
    ]);
  }
  because.push({
    ruleId: length.ruleId,
    value: { weeks: length.weeks },
    sources: length.sources,
    note: length.note,
  });
  const ctx: ScopeContext = { specialty, applicantType: req.profile.applicantType };
  const facts = deriveFacts(rb, req.profile, specialty, req.asOf) as unknown as Facts;
  const guidance = applicableRules(rb, "guidance", ctx).filter((g) => !g.when || evaluate(g.when, facts));
  const applies = (id: string) => guidance.find((g) => g.id === id);
  const d3 = applies("D3");
  const choice = chooseExamDate(rb, {
    asOf: req.asOf,
    weeks: length.weeks,
    matchYear: a.cycle.matchYear,
    ...(req.applied ? { applied: true } : {}),
    ctx,
    ...(req.examDate ? { examDate: req.examDate } : {}),
    busy: req.busy ?? [],
    ...(d3 && req.usceStart ? { usceStart: req.usceStart } : {}),
  });
  const timing = choice.timing;
  notes.push(...choice.notes);
  because.push(...choice.because);
  because.push({
    ruleId: "exam-rules.scoreReportWeeks",
    value: timing.reportWeeks,
    sources: rb.exam.usmle.scoreReportWeeks.sources,
    note: `score reported ${timing.scoreReported.earliest} to ${timing.scoreReported.latest}`,
  });
  if (req.busy?.length)
    because.push({
      ruleId: "D4",
      value: req.busy,
      sources: R.find((r) => r.id === "D4")?.sources ?? [],
      note: "the exam date avoids these clerkships and electives",
    });

  // ── phases ──
  const phaseRule = guidance
    .filter((g) => g.topic === "study-phases")
    .sort((x, y) => scopeSpecificity(y.scope) - scopeSpecificity(x.scope))[0] as RuleOf<"guidance">;
  const model = P.phaseModels.find((m) => m.rule === phaseRule.id);
  if (!model) throw new Error(`No phase model for ${phaseRule.id}`);
  const diagnoses = [...new Set(req.diagnoses ?? [])];
  const growFirst = diagnoses
    .map((d) => P.diagnoses[d]?.growFirst)
    .find((g): g is PhaseRole => g !== undefined);
  const studyDays = daysBetween(timing.studyStart, timing.examDate);
  const phases = allocatePhases(R, model, timing.studyStart, studyDays, growFirst, [
    ...phaseRule.sources,
    ...P.phaseSources,
  ]);
  because.push({
    ruleId: phaseRule.id,
    value: phases.map((p) => ({ name: p.name, days: p.days })),
    sources: [...phaseRule.sources, ...P.phaseSources],
    note: `${phaseRule.id} is the most narrowly scoped study-phases rule for this specialty; ${P.phaseAssumption}`,
  });

  // ── reminders (D2, D8, final review) ──
  const reminders: Reminder[] = [];
  const d2 = R.find((r) => r.id === "D2");
  reminders.push({
    date: req.asOf,
    ruleId: "D2",
    text: `Book Step 2 CK for ${timing.examDate}; the score comes ${timing.reportWeeks.min}–${timing.reportWeeks.max} weeks later`,
    sources: d2?.sources ?? [],
  });
  const d8 = applies("D8");
  if (d8)
    for (const point of d8.points)
      reminders.push({ date: req.asOf, ruleId: "D8", text: point, sources: d8.sources });
  const finalPhase = phases.find((p) => p.role === "final");
  if (finalPhase) {
    reminders.push({
      date: finalPhase.start,
      ruleId: phaseRule.id,
      text: "Final review: incorrect questions only, no new resources, move your sleep to exam-day hours, check logistics",
      sources: phaseRule.sources,
    });
    if (d8)
      reminders.push({
        date: finalPhase.start,
        ruleId: "D8",
        text: "Confirm the test-centre booking, travel and identity documents",
        sources: d8.sources,
      });
  }

  // ── the calendar, with a secondary bank only where P8 allows ──
  const p9 = applies(P.day.weakAreas.rule);
  const areas = p9 ? refList<string>(R, P.day.weakAreas) : [];
  const weakSystems = [...new Set((req.weakSystems ?? []).map((s) => s.trim()).filter(Boolean))];
  const bank = rb.study.resources.questionBanks;
  const passes = refRange(R, bank.primary.passes);
  const scheduleWith = (secondary: { names: string[]; from: string; budget: number } | null) =>
    scheduleDays(rb, {
      model,
      phases,
      start: timing.studyStart,
      examDate: timing.examDate,
      mode,
      hoursPerDay,
      daysOff,
      baselineKnown: baseline !== null,
      diagnoses,
      weakSystems,
      areas,
      secondary,
      reminders,
    });
  let schedule = scheduleWith(null);
  const total0 = schedule.days.reduce((s, d) => s + d.questions, 0);
  const weakBracket = lookupRef(R, bank.secondary.whenBaseline);
  const weakBaseline =
    baseline !== null &&
    isBaselineBracket(weakBracket) &&
    baseline >= ((weakBracket as BaselineBracket).min ?? rb.exam.usmle.scale.value.min) &&
    baseline <= ((weakBracket as BaselineBracket).max ?? rb.exam.usmle.scale.value.max);
  const overflow = total0 > bank.primary.questions * passes.max;
  // The secondary bank only takes questions the primary bank's full pass does not need (P8).
  const budget = total0 - bank.primary.questions * passes.min;
  let secondary: StudyPlan["questionBank"]["secondary"] = null;
  if ((weakBaseline || overflow) && budget > 0) {
    const names = refList<string>(R, bank.secondary.namesFrom);
    const core = phases.find((p) => p.role === "core");
    const midpoint = addDays(timing.studyStart, Math.floor(studyDays / 2));
    const reason = weakBaseline
      ? `baseline ${baseline} is in ${bank.secondary.whenBaseline.rule}'s lowest bracket (P8: a secondary bank for weaker baselines)`
      : `the plan would use more than ${passes.max} passes of ${bank.primary.name}`;
    if (core && core.start <= midpoint) {
      schedule = scheduleWith({ names, from: core.start, budget });
      const first = schedule.days.find((d) => (d.secondaryQuestions ?? 0) > 0);
      if (first)
        secondary = {
          names,
          from: first.date,
          planned: schedule.days.reduce((s, d) => s + (d.secondaryQuestions ?? 0), 0),
          reason,
          sources: bank.secondary.sources,
        };
    } else
      notes.push(
        `A secondary bank would start after the plan's midpoint, which P8 rules out; the plan keeps to ${bank.primary.name}.`,
      );
  } else if (weakBaseline)
    notes.push(
      `P8 allows a secondary bank for a weaker baseline, but this plan has no questions to spare beyond one pass of ${bank.primary.name}.`,
    );
  const total = schedule.days.reduce((s, d) => s + d.questions, 0);
  const primaryPlanned = total - (secondary?.planned ?? 0);
  const primaryPasses = primaryPlanned / bank.primary.questions;
  if (primaryPasses < passes.min)
    notes.push(
      `The plan covers ${Math.round(primaryPasses * 100)}% of ${bank.primary.name} (about ${bank.primary.questions} questions, a stated assumption); P8 asks for all of it.`,
    );
  else if (primaryPasses > passes.max)
    notes.push(
      `Questions beyond ${passes.max} passes of ${bank.primary.name} are for incorrect and marked questions.`,
    );
  if (
    req.profile.step1.outcome !== "not-taken" &&
    ["failed", "borderline"].includes(String(facts.step1Class))
  ) {
    const runway = refRange(R, rb.study.plan.length.partTimeMonths);
    const redemption = refRange(R, P.length.redemptionMonths);
    if (timing.examDate < addMonths(req.asOf, redemption.min))
      notes.push(
        `After a weak Step 1, ${P.length.redemptionMonths.rule} suggests a ${redemption.min}–${redemption.max} month runway (part-time study runs ${runway.min}–${runway.max} months); start earlier if you can.`,
      );
  }

  const plan: StudyPlan = {
    asOf: req.asOf,
    specialty: specialty.id,
    applicantType: req.profile.applicantType,
    target,
    baseline,
    mode,
    availability: { hoursPerDay, fullLengthDayHours: schedule.fullLengthDayHours, daysOff },
    examDate: timing.examDate,
    studyStart: timing.studyStart,
    weeks: { planned: Math.round((studyDays / 7) * 10) / 10, needed: length.weeks, ruleId: length.ruleId },
    timing,
    phaseRule: phaseRule.id,
    phases,
    days: schedule.days,
    selfAssessments: schedule.selfAssessments,
    questionBank: {
      primary: {
        name: bank.primary.name,
        size: bank.primary.questions,
        planned: primaryPlanned,
        passes: Number(primaryPasses.toFixed(2)),
        sources: bank.primary.sources,
      },
      secondary,
      total,
    },
    rotation: [
      ...weakSystems,
      ...areas,
      ...model.phases.flatMap((m) => (m.extraTopics ? refList<string>(R, m.extraTopics) : [])),
    ],
    weakSystems,
    reminders,
    notes,
    issues: [],
    because,
  };
  if (schedule.fullLengthDayHours > hoursPerDay)
    notes.push(`Self-assessment days need up to ${schedule.fullLengthDayHours} h: free those days.`);

  const vol = model.phases.map((m) => ({
    phase: m.name,
    questionsPerDay: refNumber(R, m.questionsPerDay[modeKey]),
  }));
  const cited = (id: string) => R.find((r) => r.id === id)?.sources ?? [];
  because.push(
    { ruleId: "P5", value: vol, sources: cited("P5"), note: `${mode} volumes; self-assessments per P5` },
    {
      ruleId: "P6",
      value: { hoursPerDay, lightDay: "one a week", consolidation: "every 2 weeks" },
      sources: [...cited("P6"), ...P.day.sources],
      note: P.day.assumption ?? "",
    },
    {
      ruleId: "P7",
      value: {
        simulations: plan.selfAssessments.filter((s) => s.fullLength).map((s) => s.date),
        errorLog: "weekly",
      },
      sources: cited("P7"),
    },
    {
      ruleId: "P8",
      value: { primary: plan.questionBank.primary.planned, secondary: secondary?.planned ?? null },
      sources: [...cited("P8"), ...bank.primary.sources],
      note: bank.primary.assumption ?? "",
    },
    {
      ruleId: "study-plan-model.selfAssessments",
      value: plan.selfAssessments.map((s) => ({ date: s.date, label: s.label })),
      sources: P.selfAssessments.sources,
      note: P.selfAssessments.assumption ?? "",
    },
  );
  if (p9)
    because.push({
      ruleId: p9.id,
      value: areas,
      sources: p9.sources,
      note: "added to the weak-system rotation",
    });
  if (diagnoses.length > 0) {
    const text = refRecord(R, P.diagnosesFrom);
    because.push({
      ruleId: "P10",
      value: Object.fromEntries(diagnoses.map((d) => [d, text[d]])),
      sources: [...cited("P10"), ...P.diagnosisSources],
      note: P.diagnosisAssumption,
    });
  }
  if (d8) because.push({ ruleId: "D8", value: "logistics reminders", sources: d8.sources });
  plan.issues = checkPlan(rb, plan);
  return ok(plan);
}

/**
 * Everything about the request that needs no assessment: formats, scales and the input limits
 * (data/facts/input-limits.yaml). A list over its limit is one issue; its entries are then not
 * checked one by one, so a long list cannot make a long answer.
 */
function validateRequest(rb: Rulebook, req: StudyRequest): Issue[] {
  const issues: Issue[] = [];
  const scale = rb.exam.usmle.scale;
  const L = rb.limits.study;
  const date = (path: string, v: string | undefined) => {
    if (v === undefined) return;
    if (!isIsoDate(v))
      issues.push({ code: "invalid_value", path, message: `"${v}" is not a date`, allowed: "YYYY-MM-DD" });
    else {
      const outside = dateWindowIssue(rb.limits, path, v);
      if (outside) issues.push(outside);
    }
  };
  const listTooLong = (path: string, list: readonly unknown[] | undefined, max: number, what: string) => {
    if (!list || list.length <= max) return false;
    issues.push({
      code: "out_of_range",
      path,
      message: `lists ${list.length} ${what}; at most ${max}`,
      allowed: `up to ${max} ${what}`,
    });
    return true;
  };
  date("asOf", req.asOf);
  date("examDate", req.examDate);
  date("usceStart", req.usceStart);
  if (req.examDate && isIsoDate(req.examDate) && isIsoDate(req.asOf) && req.examDate <= req.asOf)
    issues.push({
      code: "out_of_range",
      path: "examDate",
      message: `the exam date ${req.examDate} must be after the as-of date ${req.asOf}`,
      allowed: `after ${req.asOf}`,
    });
  const score = (path: string, v: number | null | undefined) => {
    if (v === undefined || v === null) return;
    if (!Number.isInteger(v) || v < scale.value.min || v > scale.value.max)
      issues.push({
        code: "out_of_range",
        path,
        message: `${v} is not a score on the USMLE scale (${scale.sources.join(", ")})`,
        allowed: `a whole number ${scale.value.min}–${scale.value.max}`,
      });
  };
  score("baseline", req.baseline);
  score("target", req.target);
  if (req.mode !== undefined && !STUDY_MODES.includes(req.mode))
    issues.push({
      code: "invalid_value",
      path: "mode",
      message: `unknown mode "${req.mode}"`,
      allowed: STUDY_MODES.join(", "),
    });
  const hours = L.hoursPerDay.value;
  if (
    req.hoursPerDay !== undefined &&
    !(Number.isFinite(req.hoursPerDay) && req.hoursPerDay >= hours.min && req.hoursPerDay <= hours.max)
  )
    issues.push({
      code: "out_of_range",
      path: "hoursPerDay",
      message: `must be from ${hours.min} to ${hours.max} hours: a study day holds at least one timed block (P3)`,
      allowed: `${hours.min}–${hours.max}`,
    });
  if (!listTooLong("daysOff", req.daysOff, WEEKDAYS.length, "weekdays"))
    (req.daysOff ?? []).forEach((d, i) => {
      if (!WEEKDAYS.includes(d))
        issues.push({
          code: "invalid_value",
          path: `daysOff[${i}]`,
          message: `"${d}" is not a weekday`,
          allowed: WEEKDAYS.join(", "),
        });
    });
  const maxOff = L.daysOff.value.max;
  if (new Set(req.daysOff ?? []).size > maxOff)
    issues.push({
      code: "out_of_range",
      path: "daysOff",
      message: `at most ${maxOff} days off a week leave room for study and the weekly light day`,
      allowed: `0–${maxOff} weekdays`,
    });
  const known = Object.keys(rb.study.plan.diagnoses);
  if (!listTooLong("diagnoses", req.diagnoses, known.length, "diagnoses"))
    (req.diagnoses ?? []).forEach((d, i) => {
      if (!known.includes(d))
        issues.push({
          code: "invalid_value",
          path: `diagnoses[${i}]`,
          message: `unknown Step 1 diagnosis "${d}"`,
          allowed: known.join(", "),
        });
    });
  const weak = L.weakSystems.value;
  if (!listTooLong("weakSystems", req.weakSystems, weak.maxItems, "systems"))
    (req.weakSystems ?? []).forEach((s, i) => {
      issues.push(...textIssues(`weakSystems[${i}]`, s, weak.maxLength));
    });
  const busy = L.busy.value;
  if (!listTooLong("busy", req.busy, busy.maxItems, "busy periods"))
    (req.busy ?? []).forEach((b, i) => {
      date(`busy[${i}].start`, b.start);
      date(`busy[${i}].end`, b.end);
      if (isIsoDate(b.start) && isIsoDate(b.end) && b.end < b.start)
        issues.push({ code: "inconsistent", path: `busy[${i}].end`, message: "ends before it starts" });
      if (b.label !== undefined) issues.push(...textIssues(`busy[${i}].label`, b.label, busy.maxLabelLength));
    });
  return issues;
}
