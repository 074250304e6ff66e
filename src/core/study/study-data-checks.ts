import type { Issue } from "../issues.ts";
import type {
  InputLimits,
  Rule,
  StudyForecastModel,
  StudyPlanModel,
  StudyResources,
} from "../rulebook/schemas.ts";
import { collectRefs, isRange, lookupRef, type Range, refProblem } from "./rule-ref.ts";

/**
 * Pass two of the loader for `data/facts/study-*.yaml`: what crosses files. Every `{ rule, path }`
 * reference resolves; the P2 gaps the plan model bridges are exactly the gaps P2 leaves; every
 * `study-phases` rule has a phase model whose phase names are the rule's own; the diagnoses are
 * P10's; the NBME forms scheduled are ones the forecast treats as current; the input limits
 * leave room for every plan the guides describe and every form the planner schedules.
 */
export const STUDY_FILES = {
  plan: "facts/study-plan-model.yaml",
  resources: "facts/study-resources.yaml",
  forecast: "facts/study-forecast.yaml",
} as const;

export interface BaselineBracket {
  min?: number;
  max?: number;
  weeks: Range;
}

export function isBaselineBracket(v: unknown): v is BaselineBracket {
  if (v === null || typeof v !== "object") return false;
  const b = v as BaselineBracket;
  return (
    isRange(b.weeks) &&
    (b.min === undefined || typeof b.min === "number") &&
    (b.max === undefined || typeof b.max === "number")
  );
}

/** The inclusive score ranges P2's brackets leave uncovered on the scale, lowest first. */
export function bracketGaps(brackets: readonly BaselineBracket[], scale: Range): Range[] {
  const sorted = [...brackets].sort((a, b) => (a.min ?? scale.min) - (b.min ?? scale.min));
  const gaps: Range[] = [];
  let covered = scale.min - 1;
  for (const b of sorted) {
    const lo = b.min ?? scale.min;
    if (lo > covered + 1) gaps.push({ min: covered + 1, max: lo - 1 });
    covered = Math.max(covered, b.max ?? scale.max);
  }
  if (covered < scale.max) gaps.push({ min: covered + 1, max: scale.max });
  return gaps;
}

export function studyDataIssues(
  rules: readonly Rule[],
  plan: StudyPlanModel,
  resources: StudyResources,
  forecast: StudyForecastModel,
  scale: Range,
  specialtyIds: ReadonlySet<string>,
  limits: InputLimits,
): Issue[] {
  const issues: Issue[] = [];
  const files: Array<[string, unknown]> = [
    [STUDY_FILES.plan, plan],
    [STUDY_FILES.resources, resources],
    [STUDY_FILES.forecast, forecast],
  ];
  for (const [file, data] of files)
    for (const { path, ref } of collectRefs(data)) {
      const problem = refProblem(rules, ref);
      if (problem) issues.push({ code: "unknown_reference", file, path, message: problem });
    }
  if (issues.length > 0) return issues;

  // P2's gaps, as the plan model states them.
  const brackets = lookupRef(rules, plan.length.byBaseline);
  if (!Array.isArray(brackets) || !brackets.every(isBaselineBracket)) {
    issues.push({
      code: "invalid_value",
      file: STUDY_FILES.plan,
      path: "length.byBaseline",
      message: "must point at a list of { min?, max?, weeks: { min, max } } brackets",
    });
  } else {
    const actual = bracketGaps(brackets, scale);
    const stated = plan.length.baselineGaps;
    const same =
      actual.length === stated.length &&
      actual.every((g, i) => g.min === stated[i]?.min && g.max === stated[i]?.max);
    if (!same)
      issues.push({
        code: "inconsistent",
        file: STUDY_FILES.plan,
        path: "length.baselineGaps",
        message: `must list exactly the baseline ranges ${plan.length.byBaseline.rule} leaves uncovered`,
        allowed: actual.map((g) => `${g.min}–${g.max}`).join(", ") || "none",
      });
  }

  // One phase model per `study-phases` rule, with the rule's own phase names and one core phase.
  const phaseRules = rules.filter((r) => r.kind === "guidance" && r.topic === "study-phases");
  for (const r of phaseRules)
    if (!plan.phaseModels.some((m) => m.rule === r.id))
      issues.push({
        code: "missing_field",
        file: STUDY_FILES.plan,
        path: "phaseModels",
        message: `no phase model for study-phases rule ${r.id}`,
      });
  plan.phaseModels.forEach((m, i) => {
    const rule = phaseRules.find((r) => r.id === m.rule);
    if (!rule) {
      issues.push({
        code: "unknown_reference",
        file: STUDY_FILES.plan,
        path: `phaseModels.${i}.rule`,
        message: `${m.rule} is not a study-phases guidance rule`,
        allowed: phaseRules.map((r) => r.id).join(", "),
      });
      return;
    }
    const names = (
      (rule.kind === "guidance" ? rule.values.phases : undefined) as Array<{ name?: string }> | undefined
    )
      ?.map((p) => p.name)
      .filter((n): n is string => typeof n === "string");
    m.phases.forEach((p, j) => {
      if (!names?.includes(p.name))
        issues.push({
          code: "unknown_reference",
          file: STUDY_FILES.plan,
          path: `phaseModels.${i}.phases.${j}.name`,
          message: `phase "${p.name}" is not a phase of ${m.rule}`,
          allowed: names?.join(", ") ?? "none",
        });
    });
    if (m.phases.filter((p) => p.role === "core").length !== 1)
      issues.push({
        code: "inconsistent",
        file: STUDY_FILES.plan,
        path: `phaseModels.${i}.phases`,
        message: "a phase model has exactly one core phase",
      });
  });

  // The diagnoses are P10's.
  const diagnoses = lookupRef(rules, plan.diagnosesFrom);
  const p10 = diagnoses && typeof diagnoses === "object" ? Object.keys(diagnoses).sort() : [];
  const here = Object.keys(plan.diagnoses).sort();
  if (p10.join() !== here.join())
    issues.push({
      code: "inconsistent",
      file: STUDY_FILES.plan,
      path: "diagnoses",
      message: `must describe exactly the diagnoses ${plan.diagnosesFrom.rule} names`,
      allowed: p10.join(", "),
    });

  plan.timing.sitBy.forEach((s, i) => {
    s.scope.specialties?.forEach((id, j) => {
      if (!specialtyIds.has(id))
        issues.push({
          code: "unknown_specialty",
          file: STUDY_FILES.plan,
          path: `timing.sitBy.${i}.scope.specialties.${j}`,
          message: `names unregistered specialty "${id}"`,
          allowed: "an id in data/specialties.yaml",
        });
    });
  });

  resources.selfAssessments.nbme.forms.forEach((form, i) => {
    if (form < forecast.kinds.nbme.oldFormsBelow)
      issues.push({
        code: "inconsistent",
        file: STUDY_FILES.resources,
        path: `selfAssessments.nbme.forms.${i}`,
        message: `form ${form} is an old form for the forecast (below ${forecast.kinds.nbme.oldFormsBelow}); schedule current forms only`,
      });
  });
  for (const form of resources.selfAssessments.uwsa.forms)
    if (!(String(form) in forecast.kinds.uwsa.forms))
      issues.push({
        code: "missing_field",
        file: STUDY_FILES.forecast,
        path: `kinds.uwsa.forms.${form}`,
        message: `UWSA ${form} is scheduled by the planner but has no forecast coefficients`,
      });

  // The limits leave room for what the guides plan and the planner schedules.
  const maxWeeks = limits.study.weeks.value.max;
  const longest = (ref: StudyPlanModel["length"]["fullTimeWeeks"]) => {
    const r = lookupRef(rules, ref);
    return isRange(r) ? r.max : 0;
  };
  const lengths: Array<[string, number]> = [
    [`${plan.length.fullTimeWeeks.rule} full-time weeks`, longest(plan.length.fullTimeWeeks)],
    [
      `${plan.length.partTimeMonths.rule} part-time months`,
      longest(plan.length.partTimeMonths) * WEEKS_PER_MONTH,
    ],
    ...(Array.isArray(brackets) ? brackets.filter(isBaselineBracket) : []).map((b): [string, number] => [
      `a ${plan.length.byBaseline.rule} bracket`,
      b.weeks.max,
    ]),
  ];
  for (const [what, weeks] of lengths)
    if (weeks > maxWeeks)
      issues.push({
        code: "inconsistent",
        file: "facts/input-limits.yaml",
        path: "study.weeks.value.max",
        message: `is below ${what} (${Math.ceil(weeks)} weeks): the planner could not lay out a plan the guides describe`,
        allowed: `${Math.ceil(weeks)} or more`,
      });
  const maxForm = limits.practiceLog.form.value.maxNumber;
  for (const form of resources.selfAssessments.nbme.forms)
    if (form > maxForm)
      issues.push({
        code: "inconsistent",
        file: "facts/input-limits.yaml",
        path: "practiceLog.form.value.maxNumber",
        message: `is below NBME form ${form}, which the planner schedules: its score could not be logged`,
        allowed: `${form} or more`,
      });
  return issues;
}

/** Weeks in an average month (365.25 days a year). */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;
