import { planBackups } from "../backup/plan-backups.ts";
import type { BackupPlan } from "../backup/types.ts";
import type { Program } from "../catalog/program.ts";
import { type SeasonCost, seasonCost } from "../cycle/season-cost.ts";
import { signalsFor, signalsShared } from "../cycle/signal-schemes.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import type { ApplicationBill } from "../programs/application-fees.ts";
import { evaluateList, type SignalPlan, sweepStep2ck } from "../programs/evaluate-list.ts";
import { estimateInterviewOdds, type InterviewOdds, rowBasis } from "../programs/interview-odds.ts";
import { listedRow } from "../programs/list-rows.ts";
import { type ListSignals, listSignals } from "../programs/list-signals.ts";
import { combinePerDraw, type MatchEstimate, summariseDraws } from "../programs/match-probability.ts";
import { oddsContext } from "../programs/odds-context.ts";
import { jointWithPgy1, pgy1Factor } from "../programs/pgy1-joint.ts";
import type { ProgramPlan } from "../programs/plan-program-list.ts";
import type { RangeBreakdown } from "../programs/pmatch-range.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { ProgramTier } from "../programs/tiers.ts";
import {
  specialtySponsorship,
  summariseSponsorship,
  type VisaSummary,
} from "../programs/visa-sponsorship.ts";
import { type AssumptionSwing, pMatchIfAllSponsor, whatMoves } from "../programs/what-moves.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { heldListFees } from "./held-list-fees.ts";
import type { Plan } from "./types.ts";

/**
 * A program list the applicant holds — the plan's list as they edit it on the page, a list saved
 * with a plan, a list sent to the evaluate or what-if routes — scored against their plan. This is
 * the one place such a list is evaluated: the planner's odds and kernel (`evaluateList`), the
 * plan's fees (`heldListFees`), and the plan's signals; what the plan derives from its list (the
 * backups, P(match) in either list, the signals per list) is derived again from the held one. Signals the plan placed on programs
 * still listed stay there, and the list holds no more of each tier than the plan's own list did:
 * a signal the plan spent on a parallel list that shares the scheme (IR via DR) is not spent
 * twice, and the plan's own list, unedited, scores exactly as the plan says. A signal freed by
 * removing its program goes to the listed program with the best signalled odds.
 */
export interface HeldList {
  rb: Rulebook;
  data: ProgramData;
  plan: Plan;
  list: ProgramPlan;
  /** Odds at every program of the specialty the applicant can apply to (visa mismatches left out). */
  odds: Map<string, { program: Program; odds: InterviewOdds }>;
  excluded: Map<string, string>;
  signals: SignalPlan;
  /**
   * The plan's parallel list as the kernel scores it, P(match | each strength draw) of its
   * advanced position, with the share its P(match in either list) is weighed by: the list is kept
   * as the plan made it, so the either-list figure of an edited main list is combined with it.
   * Null without a parallel list.
   */
  parallel: { perDraw: Float64Array; share: number } | null;
}

export interface ListRow {
  program: Program;
  tier: ProgramTier;
  pInterview: { estimate: number; low: number; high: number };
  signal: "gold" | "silver" | null;
  basis: string;
  /** The rate is the specialty's median: the program reports none for the applicant's type. */
  estimated: boolean;
  /** The rate the odds start from, as the planner's rows give it: observed, shrunk, or estimated. */
  rate: { observed: number | null; shrunk: number; estimated: boolean };
  /** P(the program sponsors the visa needed), already inside `pInterview`. */
  sponsorship: InterviewOdds["sponsorship"];
}

export interface ListSummary {
  rows: ListRow[];
  /** Rows that count: not withdrawn. */
  active: number;
  pMatch: MatchEstimate | null;
  /** What the range of `pMatch` is made of, as the planner's (`evaluateList`). */
  pMatchRange: RangeBreakdown | null;
  /** P(at least one interview) over the rows that count; 0 for an empty list, null where P(match) is. */
  pAtLeastOneInterview: number | null;
  /** Application fees: this list, priced as one specialty by its service, plus the plan's other lists (supplemental PGY-1, parallel). */
  costUsd: number;
  fees: ApplicationBill[];
  /** The season's all-in cost for these lists, in the applicant's currency too when given. */
  cost: SeasonCost;
  /** "What moves your number" for this list (the planner's own list gives the plan's). */
  whatMoves: AssumptionSwing[];
  /** Sponsorship of the visa needed over this list's programs that count, with the plan's PGY-1 list. */
  visaSponsorship: VisaSummary;
  /** Signals on this list, on the plan's parallel list, and both against the allowance; null where the specialty has none. */
  signals: ListSignals | null;
  /** P(match in this list or the plan's parallel list), under the same strength draws; null without a parallel list. */
  pMatchAny: MatchEstimate | null;
  /**
   * The backups for this list (`planBackups` with it as the main list): the call on its P(match),
   * a parallel specialty's list sized to the budget it leaves. Null where the plan has no backups part.
   */
  backups: BackupPlan | null;
}

/** The signals a list held against this plan may carry (see `HeldList`); none when asked for none. */
export function planSignals(
  list: Pick<ProgramPlan, "programs"> | null,
  mode: "auto" | "none" = "auto",
): SignalPlan {
  const placed = new Map<string, "gold" | "silver">();
  if (list && mode === "auto") for (const p of list.programs) if (p.signal) placed.set(p.id, p.signal);
  const count = (tier: "gold" | "silver") => [...placed.values()].filter((t) => t === tier).length;
  return { placed, allowance: { gold: count("gold"), silver: count("silver") } };
}

/** The plan's list ready to be edited: odds for every program of the specialty, computed once per plan. Null without a list. */
export function holdList(rb: Rulebook, data: ProgramData, plan: Plan): HeldList | null {
  const list = plan.list;
  const sp = rb.specialties.get(plan.specialty.id);
  if (!list || !sp) return null;
  const profile = plan.inputs.profile;
  const odds = new Map<string, { program: Program; odds: InterviewOdds }>();
  const excluded = new Map<string, string>();
  const shift = applicantShift(rb, data.model, profile, sp, plan.asOf);
  const ctx = oddsContext(rb, data, sp, profile);
  for (const program of data.bySpecialty.get(sp.id) ?? []) {
    const o = estimateInterviewOdds(program, shift, ctx, data.model);
    if (o.excluded) excluded.set(program.id, o.excluded);
    else odds.set(program.id, { program, odds: o });
  }
  return {
    rb,
    data,
    plan,
    list,
    odds,
    excluded,
    signals: planSignals(list),
    parallel: parallelDraws(rb, data, plan),
  };
}

/** The plan's parallel list scored per strength draw (see `HeldList.parallel`), or null. */
function parallelDraws(rb: Rulebook, data: ProgramData, plan: Plan): HeldList["parallel"] {
  const parallel = plan.list?.parallel;
  if (!parallel) return null;
  const byId = new Map((data.bySpecialty.get(parallel.specialty) ?? []).map((p) => [p.id, p]));
  const programs = parallel.programs.flatMap((p) => {
    const program = byId.get(p.id);
    return program ? [program] : [];
  });
  const placed = planSignals({ programs: parallel.programs });
  const scored = evaluateList(
    rb,
    data,
    plan.inputs.profile,
    parallel.specialty,
    programs,
    plan.asOf,
    placed,
    planForecastSpread(plan),
  );
  return scored ? { perDraw: scored.perDraw, share: parallel.categoricalShare ?? 1 } : null;
}

/**
 * P(match in either list): the held main list and the plan's parallel list under the same
 * strength draws, as the planner combines them (with the PGY-1 year where the plan has one).
 * Null without a parallel list or where P(match) is not estimated.
 */
function eitherList(held: HeldList, main: Float64Array | null): MatchEstimate | null {
  const parallel = held.parallel;
  if (!parallel || !main) return null;
  const q = held.data.model.match.rangeQuantiles.value;
  const pgy1 = held.list.pgy1;
  return pgy1
    ? jointWithPgy1(
        [
          { perDraw: main, share: pgy1.categoricalShare },
          { perDraw: parallel.perDraw, share: parallel.share },
        ],
        pgy1.chance,
        (v) => summariseDraws(v, q),
      )
    : combinePerDraw([main, parallel.perDraw], q);
}

/**
 * Rows, P(match) and cost for the listed program ids (unknown or excluded ids are dropped).
 * Programs in `inactive` (withdrawn applications) keep their row but count for nothing else.
 */
export function summariseList(
  held: HeldList,
  ids: readonly string[],
  inactive: ReadonlySet<string> = new Set(),
): ListSummary {
  const { rb, data, plan, list } = held;
  const all = ids.flatMap((id) => {
    const x = held.odds.get(id);
    return x ? [x] : [];
  });
  const listed = all.filter((x) => !inactive.has(x.program.id));
  const programs = listed.map((x) => x.program);
  // An empty list is a P(match) of 0, as the planner says of one (not unknown).
  const evaluated = evaluateList(
    rb,
    data,
    plan.inputs.profile,
    plan.specialty.id,
    programs,
    plan.asOf,
    held.signals,
    planForecastSpread(plan),
    list.pgy1,
  );
  const signals = evaluated?.signals ?? new Map<string, "gold" | "silver">();
  const rows: ListRow[] = all.map(({ program, odds }) => {
    const signal = signals.get(program.id) ?? null;
    return {
      program,
      ...listedRow(data.model.tiers, odds, signal),
      signal,
      basis: rowBasis(odds, signal),
      estimated: odds.rate?.estimated ?? false,
      rate: {
        observed: odds.rate?.observed ?? null,
        shrunk: odds.rate?.rate ?? 0,
        estimated: odds.rate?.estimated ?? false,
      },
      sponsorship: odds.sponsorship,
    };
  });
  const { fees, costUsd } = heldListFees(rb, plan, programs.length);
  const moves = heldWhatMoves(held, listed, signals);
  const pMatch = evaluated?.pMatch ?? null;
  const backups = plan.backups
    ? planBackups(rb, data, {
        profile: plan.inputs.profile,
        assessment: plan.assessment,
        mainPlan: { ...list, pMatch, costUsd },
        asOf: plan.asOf,
        budgetUsd: plan.inputs.budgetUsd,
        planned: plan.backups,
      })
    : null;
  const scheme = list.signalAllowance.scheme;
  return {
    rows,
    active: listed.length,
    pMatch: evaluated?.pMatch ?? null,
    pMatchRange: evaluated?.pMatchRange ?? null,
    pAtLeastOneInterview: evaluated?.pAtLeastOneInterview ?? null,
    costUsd,
    fees,
    // The season's cost, as the plan counts it: these lists' bills and a backup list's.
    cost: seasonCost(
      rb,
      list.season,
      [...fees, ...(backups?.parallel?.fees ?? [])],
      plan.inputs.profile.preferences?.currency,
    ),
    whatMoves: moves.swings,
    visaSponsorship: heldVisa(
      held,
      listed,
      moves.ifAllSponsor !== null && pMatch
        ? { ifAllSponsor: moves.ifAllSponsor, shown: pMatch.estimate }
        : null,
    ),
    signals:
      list.signals && scheme
        ? listSignals(
            scheme,
            rows,
            list.parallel
              ? {
                  name: held.rb.specialties.get(list.parallel.specialty)?.name ?? list.parallel.specialty,
                  programs: list.parallel.programs,
                  ownScheme: signalsShared(held.rb, plan.specialty.id, list.parallel.specialty, list.season)
                    ? null
                    : signalsFor(held.rb, list.parallel.specialty, list.season).scheme,
                }
              : null,
          )
        : null,
    pMatchAny: eitherList(held, evaluated?.perDraw ?? null),
    backups,
  };
}

/**
 * "What moves your number" for the held list: the planner's swings (what-moves.ts) on these
 * programs, with the odds, signals and PGY-1 factor the list is scored with, so an unedited list
 * gives the plan's swings exactly and an edited one its own.
 */
function heldWhatMoves(
  held: HeldList,
  listed: ReadonlyArray<{ program: Program; odds: InterviewOdds }>,
  signals: ReadonlyMap<string, "gold" | "silver">,
): { swings: AssumptionSwing[]; ifAllSponsor: number | null } {
  const { rb, data, plan, list } = held;
  const sp = rb.specialties.get(plan.specialty.id);
  if (!sp || listed.length === 0) return { swings: [], ifAllSponsor: null };
  const profile = plan.inputs.profile;
  // The odds the list is scored with: the plan's forecast spread of an untaken score included.
  const shift = applicantShift(rb, data.model, profile, sp, plan.asOf, planForecastSpread(plan));
  const ctx = oddsContext(rb, data, sp, profile);
  const scored = listed.map(({ program }) => {
    const odds = estimateInterviewOdds(program, shift, ctx, data.model);
    const signal = signals.get(program.id) ?? null;
    const logit = signal && odds.signalledLogit ? odds.signalledLogit[signal] : odds.logit;
    return { program, signal, logit, odds };
  });
  const pgy1 = list.pgy1 ? pgy1Factor(list.pgy1) : 1;
  return {
    swings: whatMoves(rb, data.model, {
      profile,
      specialty: sp,
      asOf: plan.asOf,
      data,
      ctx,
      listed: scored,
      shift,
      pgy1Factor: pgy1,
    }),
    ifAllSponsor: pMatchIfAllSponsor(rb, data.model, {
      profile,
      specialty: sp,
      listed: scored,
      pgy1Factor: pgy1,
    }),
  };
}

/** The visa counts and note over the held list's programs that count, beside the specialty's and the plan's PGY-1 list. */
function heldVisa(
  held: HeldList,
  listed: ReadonlyArray<{ program: Program; odds: InterviewOdds }>,
  pMatch: { ifAllSponsor: number; shown: number } | null,
): VisaSummary {
  const { rb, data, plan, list } = held;
  const need = plan.inputs.profile.visa;
  const lookup = specialtySponsorship(data, rb.specialties.get(plan.specialty.id) ?? plan.specialty, need);
  return summariseSponsorship(data.model.visa, {
    need,
    specialtyId: plan.specialty.id,
    specialtyName: plan.specialty.name,
    candidates: (data.bySpecialty.get(plan.specialty.id) ?? []).map(lookup),
    listed: listed.map((x) => x.odds.sponsorship),
    supplemental:
      list.visaSponsorship.supplemental === null ? null : list.supplementalPgy1.map((x) => x.sponsorship),
    pMatch,
  });
}

/** P(match) of the listed programs at each Step 2 CK score (the what-if slider and route), with the plan's signals. */
export function pMatchAtScores(
  rb: Rulebook,
  data: ProgramData,
  plan: Plan,
  programs: readonly Program[],
  scores: readonly number[],
): Array<{ score: number; pMatch: MatchEstimate }> {
  if (programs.length === 0) return [];
  return sweepStep2ck(
    rb,
    data,
    plan.inputs.profile,
    plan.specialty.id,
    programs,
    plan.asOf,
    scores,
    planSignals(plan.list),
    plan.list?.pgy1 ?? null,
  );
}

/** P(match) of the listed ids if Step 2 CK were `score` (the page's what-if slider). */
export function pMatchAtScore(held: HeldList, ids: readonly string[], score: number): MatchEstimate | null {
  const programs = ids.flatMap((id) => {
    const x = held.odds.get(id);
    return x ? [x.program] : [];
  });
  return pMatchAtScores(held.rb, held.data, held.plan, programs, [score])[0]?.pMatch ?? null;
}

/** The practice-exam forecast's spread the plan's list was ranged with (planApplication), or null. */
export function planForecastSpread(plan: Plan): { sd: number } | null {
  return plan.forecast ? { sd: plan.forecast.forecast.sd } : null;
}
