import {
  type Assessment,
  evaluateChosenList,
  type ForecastResult,
  type Issue,
  type Plan,
  type Program,
  type ProgramData,
  parsePracticeLog,
  planApplication,
  profileSchemaFor,
  type Rulebook,
  validateProfile,
} from "../../core/index.ts";
import { type SeasonReport, trackerMatchYear, trackSeason } from "../../core/season.ts";
import type { SavedPlan } from "../../store/store.ts";
import { bracketed } from "../problem.ts";
import type { ComputeData } from "./compute-tasks.ts";
import type { ListEvaluation } from "./evaluate-chosen.ts";

/**
 * What a saved plan's inputs give today: the assessment, P(match) and fees of the chosen
 * programs still in play (withdrawn ones left out), one list per specialty, and the forecast
 * from the practice-exam log against the assessment's Step 2 CK target, and the season update
 * from the tracker (null while the tracker is empty). Computed on read, never
 * stored — data and rules change, stored inputs do not; `SavedPlanCache` keeps them in memory by
 * plan version, data version and date. A result that cannot be computed is null
 * and `issues` says why (a profile saved under older rules may no longer validate, say).
 */
export interface SavedPlanResults {
  asOf: string;
  assessment: Assessment | null;
  lists: ListEvaluation[];
  forecast: ForecastResult | null;
  /** The season read from the plan's tracker, for the plan's specialty and Match year; null when empty. */
  season: SeasonReport | null;
  issues: Issue[];
}

const prefixed = (prefix: string, issues: Issue[]) =>
  issues.map((i) => ({ ...i, path: i.path.startsWith(prefix) ? i.path : `${prefix}.${i.path}` }));

export function savedPlanResults(d: ComputeData, plan: SavedPlan, asOf: string): SavedPlanResults {
  const r = compute(d, plan, asOf);
  return { ...r, issues: r.issues.map((i) => ({ ...i, path: bracketed(i.path) })) };
}

function compute(d: ComputeData, plan: SavedPlan, asOf: string): SavedPlanResults {
  const { rulebook: rb, programData: data, programsById: byId } = d;
  const issues: Issue[] = [];
  const empty = { asOf, assessment: null, lists: [], forecast: null, season: null };
  const profile = validateProfile(profileSchemaFor(rb), plan.profile);
  if (!profile.ok) return { ...empty, issues: prefixed("profile", profile.issues) };
  const log =
    plan.practiceLog.length > 0 ? parsePracticeLog(rb, plan.practiceLog, asOf, "practiceLog") : null;
  if (log && !log.ok) issues.push(...log.issues);
  // The plan the page shows for these inputs today: its assessment, Match year, signals and forecast.
  const made = planApplication(rb, data, {
    profile: profile.value,
    specialty: plan.specialty,
    asOf,
    log: log?.ok ? log.value : null,
    parts: ["list"],
  });
  if (!made.ok) return { ...empty, issues: made.issues };
  const main = made.value;
  const assessment = main.assessment;

  const bySpecialty = new Map<string, Program[]>();
  plan.programs.forEach((chosen, i) => {
    if (chosen.status === "withdrawn") return;
    const p = byId.get(chosen.programId);
    if (!p) {
      issues.push({
        code: "unknown_reference",
        path: `programs[${i}].programId`,
        message: `"${chosen.programId}" is no longer in the program catalog; it is left out of the lists`,
      });
      return;
    }
    bySpecialty.set(p.specialty, [...(bySpecialty.get(p.specialty) ?? []), p]);
  });
  const lists: ListEvaluation[] = [];
  for (const [specialty, programs] of bySpecialty) {
    // A list in another specialty is held against the profile's plan for that specialty.
    const against: Plan | null =
      specialty === main.specialty.id ? main : planFor(rb, data, profile.value, specialty, asOf, issues);
    if (against) lists.push(evaluateChosenList(rb, data, against, programs));
  }

  const forecast: ForecastResult | null = main.forecast;
  issues.push(
    ...main.issues.filter((i) => i.path === "forecast" || i.path.startsWith("forecast.")).map(asLogIssue),
  );
  return { asOf, assessment, lists, forecast, season: seasonOf(d, main, plan, asOf, issues), issues };
}

/** The tracker read against the plan: its entries are for the plan's specialty and Match year. */
function seasonOf(
  d: ComputeData,
  main: Plan,
  plan: SavedPlan,
  asOf: string,
  issues: Issue[],
): SeasonReport | null {
  if (plan.tracker.length === 0) return null;
  const r = trackSeason(d.rulebook, d.programData, d.season.model, {
    profile: main.inputs.profile,
    tracker: {
      specialty: plan.specialty,
      matchYear: trackerMatchYear(
        d.rulebook,
        plan.tracker.map((e) => ({ applied: typeof e.applied === "string" ? e.applied : null })),
        main.matchYear.matchYear,
      ),
      entries: plan.tracker,
    },
    asOf,
    unfilled: d.season.unfilled,
    // This plan (its practice-log forecast included), so "at plan time" is the figure the page
    // shows for it; the season makes its own only for a tracker of another Match year.
    plan: main,
  });
  if (r.ok) return r.value;
  issues.push(...r.issues.map((i) => ({ ...i, path: i.path.replace(/^entries/, "tracker") })));
  return null;
}

function planFor(
  rb: Rulebook,
  data: ProgramData,
  profile: Plan["inputs"]["profile"],
  specialty: string,
  asOf: string,
  issues: Issue[],
): Plan | null {
  const r = planApplication(rb, data, { profile, specialty, asOf, parts: ["list"] });
  if (r.ok) return r.value;
  issues.push(...r.issues);
  return null;
}

/** A forecast issue concerns the saved practice log. */
const asLogIssue = (i: Issue): Issue => ({ ...i, path: i.path.replace(/^forecast/, "practiceLog") });
