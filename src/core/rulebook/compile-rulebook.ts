import type { z } from "zod";
import { FACT_NAMES } from "../assess/derive-facts.ts";
import { cycleBookIssues, isCyclePackFile } from "../cycle/check-cycle-book.ts";
import { type CyclePack, countriesSchema, cyclePackSchema, cycleRulesSchema } from "../cycle/schemas.ts";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { INPUT_LIMITS_FILE, inputLimitIssues } from "../profile/input-limits.ts";
import { pathOf } from "../profile/validate-profile.ts";
import { STUDY_FILES, studyDataIssues } from "../study/study-data-checks.ts";
import { factsRead } from "./condition.ts";
import { nrmpByTypeSchema, seniors2024Schema, usMd2026Schema } from "./outcome-schemas.ts";
import type { Rulebook, StatisticEntry } from "./rulebook.ts";
import {
  type Band,
  chartingOutcomesSchema,
  examRulesSchema,
  inputLimitsSchema,
  type Rule,
  ruleFileSchema,
  sourcesFileSchema,
  specialtiesFileSchema,
  studyForecastSchema,
  studyPlanModelSchema,
  studyResourcesSchema,
} from "./schemas.ts";

/**
 * Builds the rulebook from parsed data files in two passes.
 *
 * Pass 1 checks each file against its own schema. Pass 2 checks what crosses files: every
 * cited source (and section) exists, every specialty named anywhere is registered, rule ids
 * are unique, conditions read only known facts, Step 2 CK bands are ordered and do not
 * overlap, and the study planner's model reads only rule values that exist
 * (`study-data-checks.ts`). Every problem names its file and path; nothing is half-loaded.
 */
export interface DataFile {
  /** Path relative to `data/`, e.g. `rules/step2ck/bands/diagnostic-radiology.yaml`. */
  path: string;
  data: unknown;
}

const FIXED = {
  sources: "sources.yaml",
  specialties: "specialties.yaml",
  exam: "facts/exam-rules.yaml",
  chartingOutcomes: "facts/charting-outcomes-2026.yaml",
  cycleRules: "cycles/cycle-rules.yaml",
  countries: "geography/countries.yaml",
  nrmp2025: "facts/outcomes/nrmp-2025-pgy1-by-applicant-type.yaml",
  usMd2026: "facts/outcomes/charting-outcomes-usmd-2026-step2ck.yaml",
  seniors2024: "facts/outcomes/charting-outcomes-md-do-2024.yaml",
  statistics: "facts/match-statistics.json",
  studyPlan: STUDY_FILES.plan,
  studyResources: STUDY_FILES.resources,
  studyForecast: STUDY_FILES.forecast,
  limits: INPUT_LIMITS_FILE,
} as const;

/** Files the loader reads besides rules and facts: the cycle packs and the country list. */
export function isCycleFile(path: string): boolean {
  return path === FIXED.cycleRules || path === FIXED.countries || isCyclePackFile(path);
}

export function isRuleFile(path: string): boolean {
  return path.startsWith("rules/") && /\.ya?ml$/.test(path);
}

export function compileRulebook(files: readonly DataFile[]): Result<Rulebook> {
  const issues: Issue[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.data]));

  function parse<T>(file: string, schema: z.ZodType<T>): T | undefined {
    if (!byPath.has(file)) {
      issues.push({ code: "missing_field", file, path: "", message: "required data file is missing" });
      return undefined;
    }
    const r = schema.safeParse(byPath.get(file));
    if (r.success) return r.data;
    for (const zi of r.error.issues) {
      issues.push({ code: "invalid_value", file, path: pathOf(zi.path), message: zi.message });
    }
    return undefined;
  }

  // ── pass 1: each file on its own ──
  const sources = parse(FIXED.sources, sourcesFileSchema)?.sources;
  const specialtiesFile = parse(FIXED.specialties, specialtiesFileSchema);
  const exam = parse(FIXED.exam, examRulesSchema);
  const chartingOutcomes = parse(FIXED.chartingOutcomes, chartingOutcomesSchema);
  const cycleRules = parse(FIXED.cycleRules, cycleRulesSchema);
  const countriesFile = parse(FIXED.countries, countriesSchema);
  const packs: Array<{ file: string; pack: CyclePack }> = [];
  for (const f of files.filter((x) => isCyclePackFile(x.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    const pack = parse(f.path, cyclePackSchema);
    if (pack) packs.push({ file: f.path, pack });
  }
  const nrmp2025 = parse(FIXED.nrmp2025, nrmpByTypeSchema);
  const usMd2026 = parse(FIXED.usMd2026, usMd2026Schema);
  const seniors2024 = parse(FIXED.seniors2024, seniors2024Schema);
  const studyPlan = parse(FIXED.studyPlan, studyPlanModelSchema);
  const studyResources = parse(FIXED.studyResources, studyResourcesSchema);
  const studyForecast = parse(FIXED.studyForecast, studyForecastSchema);
  const limits = parse(FIXED.limits, inputLimitsSchema);
  const statsRaw = byPath.get(FIXED.statistics) as { entries?: StatisticEntry[] } | undefined;
  const statistics = Array.isArray(statsRaw?.entries) ? statsRaw.entries : undefined;
  if (!statistics)
    issues.push({
      code: "missing_field",
      file: FIXED.statistics,
      path: "entries",
      message: "expected an entries array",
    });

  const ruleEntries: Array<{ file: string; index: number; rule: Rule }> = [];
  for (const f of files.filter((x) => isRuleFile(x.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = parse(f.path, ruleFileSchema);
    parsed?.rules.forEach((rule, index) => {
      ruleEntries.push({ file: f.path, index, rule });
    });
  }
  if (
    issues.length > 0 ||
    !sources ||
    !specialtiesFile ||
    !exam ||
    !chartingOutcomes ||
    !cycleRules ||
    !countriesFile ||
    !nrmp2025 ||
    !usMd2026 ||
    !seniors2024 ||
    !statistics ||
    !studyPlan ||
    !studyResources ||
    !studyForecast ||
    !limits
  ) {
    return fail(issues);
  }

  // ── pass 2: across files ──
  const specialtyIds = new Set(specialtiesFile.specialties.map((s) => s.id));
  const checkRef = (file: string, path: string, ref: string) => {
    const [id, section] = ref.split("#") as [string, string | undefined];
    const src = sources[id];
    if (!src) {
      issues.push({
        code: "unknown_source",
        file,
        path,
        message: `cites unknown source "${id}"`,
        allowed: Object.keys(sources).join(", "),
      });
      return;
    }
    if (section === undefined) return;
    if (id === "match-statistics") {
      const n = Number(section);
      if (!Number.isInteger(n) || n < 0 || n >= statistics.length) {
        issues.push({
          code: "unknown_source",
          file,
          path,
          message: `cites entry ${section} of match-statistics, which has ${statistics.length} entries`,
          allowed: `0–${statistics.length - 1}`,
        });
      }
      return;
    }
    if (src.sections && !(section in src.sections)) {
      issues.push({
        code: "unknown_source",
        file,
        path,
        message: `cites unknown section "${section}" of ${id}`,
        allowed: Object.keys(src.sections).join(", "),
      });
    }
  };
  const checkSpecialty = (file: string, path: string, id: string) => {
    if (!specialtyIds.has(id))
      issues.push({
        code: "unknown_specialty",
        file,
        path,
        message: `names unregistered specialty "${id}"`,
        allowed: "an id in data/specialties.yaml",
      });
  };
  const walkSources = (file: string, value: unknown, path: string) => {
    if (Array.isArray(value))
      value.forEach((v, i) => {
        walkSources(file, v, `${path}.${i}`);
      });
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "sources" && Array.isArray(v))
          v.forEach((ref, i) => {
            checkRef(file, `${path}.sources.${i}`, String(ref));
          });
        else if (k === "source" && typeof v === "string") checkRef(file, `${path}.source`, v);
        else walkSources(file, v, path ? `${path}.${k}` : k);
      }
    }
  };

  walkSources(FIXED.specialties, specialtiesFile, "");
  walkSources(FIXED.exam, exam, "");
  walkSources(FIXED.chartingOutcomes, chartingOutcomes, "");
  walkSources(FIXED.cycleRules, cycleRules, "");
  walkSources(FIXED.countries, countriesFile, "");
  for (const { file, pack } of packs) walkSources(file, pack, "");
  issues.push(
    ...cycleBookIssues({
      rules: cycleRules,
      rulesFile: FIXED.cycleRules,
      packs,
      specialties: specialtiesFile.specialties,
      countries: new Set(Object.keys(countriesFile.countries)),
    }),
  );
  walkSources(FIXED.nrmp2025, nrmp2025, "");
  walkSources(FIXED.usMd2026, usMd2026, "");
  walkSources(FIXED.seniors2024, seniors2024, "");
  walkSources(FIXED.studyPlan, studyPlan, "");
  walkSources(FIXED.studyResources, studyResources, "");
  walkSources(FIXED.studyForecast, studyForecast, "");
  walkSources(FIXED.limits, limits, "");
  specialtiesFile.specialties.forEach((s, i) => {
    s.supplementalFor?.forEach((id, j) => {
      checkSpecialty(FIXED.specialties, `specialties.${i}.supplementalFor.${j}`, id);
    });
    if (s.alternativePathway)
      checkSpecialty(FIXED.specialties, `specialties.${i}.alternativePathway.via`, s.alternativePathway.via);
  });
  for (const key of Object.keys(chartingOutcomes.specialties))
    checkSpecialty(FIXED.chartingOutcomes, `specialties.${key}`, key);
  for (const [file, outcome] of [
    [FIXED.nrmp2025, nrmp2025],
    [FIXED.usMd2026, usMd2026],
    [FIXED.seniors2024, seniors2024],
  ] as const)
    for (const key of Object.keys(outcome.specialties)) checkSpecialty(file, `specialties.${key}`, key);

  const seenIds = new Map<string, string>();
  const knownFacts = new Set<string>(FACT_NAMES);
  const thresholdNames = new Set(
    ruleEntries.flatMap((e) => (e.rule.kind === "threshold" ? [e.rule.name] : [])),
  );
  for (const { file, index, rule } of ruleEntries) {
    const at = `rules.${index}`;
    const prior = seenIds.get(rule.id);
    if (prior)
      issues.push({
        code: "duplicate_id",
        file,
        path: `${at}.id`,
        message: `rule id ${rule.id} is already used in ${prior}`,
      });
    seenIds.set(rule.id, file);
    walkSources(file, rule, at);
    rule.scope.specialties?.forEach((id, j) => {
      checkSpecialty(file, `${at}.scope.specialties.${j}`, id);
    });
    for (const cond of conditionsOf(rule)) {
      for (const fact of factsRead(cond)) {
        if (!knownFacts.has(fact))
          issues.push({
            code: "unknown_reference",
            file,
            path: `${at}`,
            message: `condition reads unknown fact "${fact}"`,
            allowed: FACT_NAMES.join(", "),
          });
      }
    }
    if (rule.kind === "step2ck-bands")
      issues.push(...checkBands(rule.bands, exam.usmle.scale.value, file, `${at}.bands`));
    if (rule.kind === "backup-plan")
      rule.specialties.forEach((id, j) => {
        checkSpecialty(file, `${at}.specialties.${j}`, id);
      });
    if (rule.kind === "pathway-advice")
      rule.mix.forEach((m, j) => {
        checkSpecialty(file, `${at}.mix.${j}.specialty`, m.specialty);
      });
    if (rule.kind === "target" && "above" in rule.target && !thresholdNames.has(rule.target.above)) {
      issues.push({
        code: "unknown_reference",
        file,
        path: `${at}.target.above`,
        message: `refers to unknown threshold "${rule.target.above}"`,
        allowed: [...thresholdNames].join(", "),
      });
    }
  }
  issues.push(
    ...studyDataIssues(
      ruleEntries.map((e) => e.rule),
      studyPlan,
      studyResources,
      studyForecast,
      exam.usmle.scale.value,
      specialtyIds,
      limits,
    ),
    ...inputLimitIssues(limits, exam, packs),
  );
  if (issues.length > 0) return fail(issues);

  return ok({
    sources,
    specialties: new Map(specialtiesFile.specialties.map((s) => [s.id, s])),
    exam,
    chartingOutcomes,
    cycles: { ...cycleRules, packs: new Map(packs.map((p) => [p.pack.matchYear, p.pack])) },
    countries: new Map(Object.entries(countriesFile.countries)),
    outcomes: { nrmp2025, usMd2026, seniors2024 },
    statistics,
    rules: ruleEntries.map((e) => e.rule),
    study: { plan: studyPlan, resources: studyResources, forecast: studyForecast },
    limits,
  });
}

function conditionsOf(rule: Rule) {
  const out = [];
  if ("when" in rule && rule.when) out.push(rule.when);
  if (rule.kind === "screening-pattern") {
    out.push(rule.clears);
    for (const m of [rule.failsMessage, rule.unknownMessage])
      if (typeof m !== "string") for (const x of m) if (x.when) out.push(x.when);
  }
  return out;
}

/**
 * Bands must be listed highest first, each with min ≤ max, inside the score scale, and must
 * not overlap (gaps are allowed: a guide may be silent about a range).
 */
export function checkBands(
  bands: readonly Band[],
  scale: { min: number; max: number },
  file: string,
  path: string,
): Issue[] {
  const issues: Issue[] = [];
  const lo = (b: Band) => b.min ?? scale.min;
  const hi = (b: Band) => b.max ?? scale.max;
  bands.forEach((b, i) => {
    if (lo(b) > hi(b))
      issues.push({
        code: "bands_unordered",
        file,
        path: `${path}.${i}`,
        message: `band "${b.label}" has min ${lo(b)} above max ${hi(b)}`,
      });
    if (lo(b) < scale.min || hi(b) > scale.max)
      issues.push({
        code: "out_of_range",
        file,
        path: `${path}.${i}`,
        message: `band "${b.label}" leaves the score scale`,
        allowed: `${scale.min}–${scale.max}`,
      });
    const next = bands[i + 1];
    if (!next) return;
    if (lo(next) > lo(b))
      issues.push({
        code: "bands_unordered",
        file,
        path: `${path}.${i + 1}`,
        message: `bands must be listed highest first: "${next.label}" starts above "${b.label}"`,
      });
    else if (hi(next) >= lo(b))
      issues.push({
        code: "bands_overlap",
        file,
        path: `${path}.${i + 1}`,
        message: `band "${next.label}" (${lo(next)}–${hi(next)}) overlaps "${b.label}" (${lo(b)}–${hi(b)})`,
      });
  });
  return issues;
}
