import type { Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import { type SeasonCost, seasonCost } from "../cycle/season-cost.ts";
import { roundCents } from "../math/round.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import { type ApplicationBill, billFor } from "../programs/application-fees.ts";
import { evaluateList, type SignalPlan, sweepStep2ck } from "../programs/evaluate-list.ts";
import { estimateInterviewOdds, type InterviewOdds, rowBasis } from "../programs/interview-odds.ts";
import { listedRow } from "../programs/list-rows.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import { oddsContext } from "../programs/odds-context.ts";
import { percentText, pgy1Factor } from "../programs/pgy1-joint.ts";
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
import type { Plan } from "./types.ts";

/**
 * A program list the applicant holds — the plan's list as they edit it on the page, a list saved
 * with a plan, a list sent to the evaluate or what-if routes — scored against their plan. This is
 * the one place such a list is evaluated: the planner's odds and kernel (`evaluateList`), the
 * plan's Match year for the fees, and the plan's signals. Signals the plan placed on programs
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
}

/** A list chosen by hand: P(match) and the application fees of that list alone, for the plan's Match year. */
export interface ListEvaluation {
  specialty: string;
  asOf: string;
  season: number;
  programs: number;
  pMatch: MatchEstimate | null;
  costUsd: number;
  fees: ApplicationBill[];
  notes: string[];
  because: Because[];
}

/** The signals a list held against this plan may carry (see `HeldList`); none when asked for none. */
export function planSignals(list: ProgramPlan | null, mode: "auto" | "none" = "auto"): SignalPlan {
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
  return { rb, data, plan, list, odds, excluded, signals: planSignals(list) };
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
  const fees = [
    billFor(rb, list.season, "main", plan.specialty.id, programs.length),
    ...list.fees.filter((f) => f.specialty !== plan.specialty.id),
  ];
  const moves = heldWhatMoves(held, listed, signals);
  const pMatch = evaluated?.pMatch ?? null;
  return {
    rows,
    active: listed.length,
    pMatch: evaluated?.pMatch ?? null,
    pMatchRange: evaluated?.pMatchRange ?? null,
    pAtLeastOneInterview: evaluated?.pAtLeastOneInterview ?? null,
    costUsd: roundCents(fees.reduce((s, f) => s + f.usd, 0)),
    fees,
    cost: seasonCost(rb, list.season, fees, plan.inputs.profile.preferences?.currency),
    whatMoves: moves.swings,
    visaSponsorship: heldVisa(
      held,
      listed,
      moves.ifAllSponsor !== null && pMatch
        ? { ifAllSponsor: moves.ifAllSponsor, shown: pMatch.estimate }
        : null,
    ),
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

/**
 * A list chosen by hand, evaluated against the plan for its specialty: P(match) as `summariseList`
 * gives it (programs the profile's visa rules out count, at no chance), and the fees of this list
 * for the plan's Match year.
 */
export function evaluateChosenList(
  rb: Rulebook,
  data: ProgramData,
  plan: Plan,
  programs: readonly Program[],
  signals: "auto" | "none" = "auto",
): ListEvaluation {
  const season = plan.matchYear.matchYear;
  const bill = billFor(rb, season, "main", plan.specialty.id, programs.length);
  const notes: string[] = [];
  if (bill.confidence !== "official") notes.push(bill.text);
  const pMatch =
    evaluateList(
      rb,
      data,
      plan.inputs.profile,
      plan.specialty.id,
      programs,
      plan.asOf,
      planSignals(plan.list, signals),
      planForecastSpread(plan),
      plan.list?.pgy1 ?? null,
    )?.pMatch ?? null;
  if (!pMatch)
    notes.push("P(match) is not estimated for this specialty: Charting Outcomes has no data for it");
  const pgy1 = plan.list?.pgy1;
  if (pMatch && pgy1)
    notes.push(
      `${plan.specialty.name} positions mostly start at PGY-2: this P(match) is the joint chance of the advanced position and a PGY-1 year, with the plan's supplemental PGY-1 list (${pgy1.programs} programs, ${percentText(pgy1.chance)} chance of a PGY-1 position); the list's fees here are the advanced list's alone`,
    );
  return {
    specialty: plan.specialty.id,
    asOf: plan.asOf,
    season,
    programs: programs.length,
    pMatch,
    costUsd: bill.usd,
    fees: [bill],
    notes,
    because: [
      {
        ruleId: "fees",
        value: { matchYear: season, service: bill.service, confidence: bill.confidence },
        sources: bill.sources,
        note: bill.basis,
      },
    ],
  };
}

/** The practice-exam forecast's spread the plan's list was ranged with (planApplication), or null. */
function planForecastSpread(plan: Plan): { sd: number } | null {
  return plan.forecast ? { sd: plan.forecast.forecast.sd } : null;
}
