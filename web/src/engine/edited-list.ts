import type { Program } from "../../../src/core/catalog/program.ts";
import { roundCents } from "../../../src/core/math/round.ts";
import type { Profile } from "../../../src/core/profile/profile-schema.ts";
import { applicantShift } from "../../../src/core/programs/applicant-shift.ts";
import { scheduleFor, specialtyFee } from "../../../src/core/programs/eras-fees.ts";
import { evaluateList, sweepStep2ck } from "../../../src/core/programs/evaluate-list.ts";
import { estimateInterviewOdds, type InterviewOdds } from "../../../src/core/programs/interview-odds.ts";
import { listedRow } from "../../../src/core/programs/list-rows.ts";
import type { MatchEstimate } from "../../../src/core/programs/match-probability.ts";
import { oddsContext } from "../../../src/core/programs/odds-context.ts";
import { withPgy1Year } from "../../../src/core/programs/pgy1-joint.ts";
import type { ProgramPlan } from "../../../src/core/programs/plan-program-list.ts";
import type { Engine } from "./load-engine.ts";

/**
 * The program list as the applicant edits it. The planner chooses the first list; after that the
 * applicant adds and removes programs and the page re-scores the list they hold, with the core's
 * `evaluateList` (the planner's odds and kernel, signals spent on the listed programs with the
 * best signalled odds). Interview odds for every program of the specialty are computed once per
 * profile, so an edit costs one kernel pass (a few ms).
 */
export interface ListRow {
  program: Program;
  tier: "reach" | "target" | "safety";
  pInterview: { estimate: number; low: number; high: number };
  signal: "gold" | "silver" | null;
  basis: string;
  /** P(the program sponsors the visa needed), already inside `pInterview`. */
  sponsorship: InterviewOdds["sponsorship"];
}

export interface ListSummary {
  rows: ListRow[];
  /** Rows that count: not withdrawn. */
  active: number;
  pMatch: MatchEstimate | null;
  /** ERAS fees: this list, priced as one specialty, plus the planner's other lists (supplemental PGY-1, parallel). */
  costUsd: number;
  fees: Array<{ specialty: string; programs: number; usd: number }>;
  feeSeason: number;
}

export interface ListContext {
  engine: Engine;
  profile: Profile;
  specialty: string;
  asOf: string;
  plan: ProgramPlan;
  /** Odds at every program of the specialty the applicant can apply to (visa mismatches left out). */
  odds: Map<string, { program: Program; odds: InterviewOdds }>;
  excluded: Map<string, string>;
}

export function listContext(
  engine: Engine,
  profile: Profile,
  specialty: string,
  asOf: string,
  plan: ProgramPlan,
): ListContext {
  const { rb, data } = engine;
  const sp = rb.specialties.get(specialty);
  const odds = new Map<string, { program: Program; odds: InterviewOdds }>();
  const excluded = new Map<string, string>();
  if (sp) {
    const shift = applicantShift(rb, data.model, profile, sp, asOf);
    const ctx = oddsContext(rb, data, sp, profile);
    for (const program of data.bySpecialty.get(sp.id) ?? []) {
      const o = estimateInterviewOdds(program, shift, ctx, data.model);
      if (o.excluded) excluded.set(program.id, o.excluded);
      else odds.set(program.id, { program, odds: o });
    }
  }
  return { engine, profile, specialty, asOf, plan, odds, excluded };
}

/**
 * Rows, P(match) and cost for the listed program ids (unknown or excluded ids are dropped).
 * Programs in `inactive` (withdrawn applications) keep their row but count for nothing else.
 */
export function summariseList(
  lc: ListContext,
  ids: readonly string[],
  inactive: ReadonlySet<string> = new Set(),
): ListSummary {
  const { rb, data } = lc.engine;
  const all = ids.flatMap((id) => {
    const x = lc.odds.get(id);
    return x ? [x] : [];
  });
  const listed = all.filter((x) => !inactive.has(x.program.id));
  const programs = listed.map((x) => x.program);
  const evaluated =
    programs.length > 0 ? evaluateList(rb, data, lc.profile, lc.specialty, programs, lc.asOf) : null;
  const signals = evaluated?.signals ?? new Map<string, "gold" | "silver">();
  const rows: ListRow[] = all.map(({ program, odds }) => {
    const signal = signals.get(program.id) ?? null;
    return {
      program,
      ...listedRow(data.model.tiers, odds, signal),
      signal,
      basis: odds.basis + (signal ? `; ${signal} signal` : ""),
      sponsorship: odds.sponsorship,
    };
  });
  const pMatch = withPlanPgy1(lc, evaluated?.pMatch ?? null);
  const schedule = scheduleFor(data.fees, lc.plan.season);
  const fees = [
    { specialty: lc.specialty, programs: programs.length, usd: specialtyFee(schedule, programs.length) },
    ...lc.plan.fees.filter((f) => f.specialty !== lc.specialty),
  ];
  return {
    rows,
    active: listed.length,
    pMatch,
    costUsd: roundCents(fees.reduce((s, f) => s + f.usd, 0)),
    fees,
    feeSeason: schedule.season,
  };
}

/** P(match) of the listed programs if Step 2 CK were `score` (the what-if slider). */
export function pMatchAtScore(lc: ListContext, ids: readonly string[], score: number): MatchEstimate | null {
  const programs = ids.flatMap((id) => {
    const x = lc.odds.get(id);
    return x ? [x.program] : [];
  });
  if (programs.length === 0) return null;
  const { rb, data } = lc.engine;
  return withPlanPgy1(
    lc,
    sweepStep2ck(rb, data, lc.profile, lc.specialty, programs, lc.asOf, [score])[0]?.pMatch ?? null,
  );
}

/** For an advanced specialty, the edited list's chance with the plan's PGY-1 list (the joint chance the plan shows). */
function withPlanPgy1(lc: ListContext, pMatch: MatchEstimate | null): MatchEstimate | null {
  return pMatch && lc.plan.pgy1 ? withPgy1Year(pMatch, lc.plan.pgy1) : pMatch;
}
