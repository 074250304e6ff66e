import { assessProfile } from "../assess/assess-profile.ts";
import type { Assessment, Because } from "../assess/types.ts";
import { type Program, programSources } from "../catalog/program.ts";
import { type SignalAllowance, signalsFor, signalsShared } from "../cycle/signal-schemes.ts";
import { fail, ok, type Result } from "../issues.ts";
import { normalQuantile } from "../math/normal.ts";
import { roundCents } from "../math/round.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { APPLICANT_TYPE_LABEL, type ApplicantType } from "../vocabulary.ts";
import { signalCounts, spendSignals } from "./allocate-signals.ts";
import { type ApplicantStrength, applicantShift, untakenLogitSd } from "./applicant-shift.ts";
import {
  type ApplicationBill,
  type BillList,
  billFor,
  type FeeSchedule,
  feeScheduleFor,
  maxProgramsWithin,
  specialtyFee,
} from "./application-fees.ts";
import { calibrationNote } from "./calibration-note.ts";
import { compareIds } from "./compare-ids.ts";
import { type GuideCount, guideCount } from "./guide-count.ts";
import {
  borrowedSignalBecause,
  chanceLogit,
  estimateInterviewOdds,
  type InterviewOdds,
  rowBasis,
} from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import { decideCount, explainCount, type ListCount, ownTailText } from "./list-count.ts";
import { listedRow } from "./list-rows.ts";
import { type ListSignals, listSignals } from "./list-signals.ts";
import {
  combinePerDraw,
  estimateAt,
  type MatchEstimate,
  matchCurveForList,
  perDrawAt,
  summariseDraws,
} from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import { anyOf, jointWithPgy1, pgy1Factor, type TrackRate, withPgy1Range } from "./pgy1-joint.ts";
import {
  categoricalShareOf,
  pgy1Summary,
  type SupplementalSizing,
  sizeSupplemental,
  supplementalCostEstimate,
  supplementalTracks,
} from "./pgy1-list.ts";
import { type Pgy1Signals, signalPgy1 } from "./pgy1-signals.ts";
import { combinedRange, type RangeBreakdown } from "./pmatch-range.ts";
import type { ProgramData } from "./program-data.ts";
import type { ProgramModel } from "./program-model.ts";
import { referenceGains } from "./reference-gains.ts";
import { type SeasonFacts, seasonFacts } from "./season-facts.ts";
import { reachPublished } from "./shown-range.ts";
import { chooseSupplemental, type SupplementalProgram, type SupplementalTrack } from "./supplemental-pgy1.ts";
import { type ProgramTier, type TierLegend, tierLegend } from "./tiers.ts";
import {
  type ShownSponsorship,
  type Sponsorship,
  shownSponsorship,
  summariseSponsorship,
  type VisaSummary,
} from "./visa-sponsorship.ts";
import { type AssumptionSwing, pMatchIfAllSponsor, whatMoves } from "./what-moves.ts";

export type { SupplementalProgram } from "./supplemental-pgy1.ts";

/**
 * The program list: which real programs to apply to, which to signal, what it costs and the
 * chance of matching.
 *
 * Spec. Problem: choose programs maximising P(match) under a budget. Because every program's
 * odds move with the same shared strength term, the order of programs by interview odds is the
 * same for every value of that term, so the best list of n programs is the top n by odds and the
 * whole P(match)-vs-n curve comes from one incremental pass (see match-probability.ts). Steps:
 * (1) odds for every program of the specialty, each multiplied by P(it sponsors the visa needed)
 * (visa-sponsorship.ts; known non-sponsors dropped); order the preferred geography first at equal
 * odds; (2) the guides' count (A1) as the list's floor, at this standing or a weaker one
 * (guide-count.ts), shared with an alternative-pathway list (e.g. IR via DR) in the guide's
 * proportions; (3) the budget: enough main programs for every signal first; for an advanced
 * specialty, a supplemental PGY-1 list sized to a target chance at the published PGY-1 rates, cut
 * where a typical applicant's joint chance is highest when the budget cannot buy both lists
 * (pgy1-joint.ts); the rest to the main and parallel lists;
 * (4) signals by signalled odds among the programs the budget can reach, never below the
 * essentially-zero line; (5) signalled programs first, then by odds; compute the curve; the count
 * is the larger of the optimiser's stop (one more program adds less than the threshold), the
 * guides' floor and the signalled programs, unless the budget or the catalog stops it first
 * (list-count.ts names which); (6) tiers from the odds each row shows (tiers.ts); (7) for an
 * advanced specialty, P(match) is the joint chance of the advanced position and a PGY-1 year, and
 * the PGY-1 list is spread over the chosen programs' and the preferred states (supplemental-pgy1.ts).
 * Complexity O(n log n + D·n·K). Reference: greedy optimality for a monotone objective under a
 * common order (Fisher, Nemhauser & Wolsey 1978).
 */
export interface PlanRequest {
  profile: Profile;
  specialty: string;
  asOf: string;
  /** USD; defaults to the profile's `preferences.budgetUsd`; null = no limit. */
  budgetUsd?: number | null;
  signals?: "auto" | "none";
  /** Ignore the profile's preferred states and regions. */
  anywhere?: boolean;
  /** Also build a list in this specialty (a parallel or backup plan). */
  parallelSpecialty?: string | null;
  /**
   * The profile's assessment for `specialty`, when the caller already has it (planApplication
   * passes the one it made, for the Match year it chose); without it the profile is assessed here.
   */
  assessment?: Assessment;
  /**
   * The practice-exam forecast of a Step 2 CK still to come: its spread (points) is the spread of
   * the score the range allows for (applicant-shift.ts); without it, the type's published spread.
   */
  step2ckForecast?: { sd: number } | null;
}

export interface PlannedProgram {
  // The program's own facts and its sponsorship of the visa needed, the same for every applicant
  // who needs that visa: every row opens with them, in this order (`PLANNED_PROGRAM_FACTS`).
  id: string;
  name: string;
  institution: string | null;
  city: string | null;
  state: string | null;
  division: string | null;
  specialty: string;
  track: string | null;
  visa: Program["visa"];
  /** P(the program sponsors the visa needed), already inside `pInterview`, and what it rests on. */
  sponsorship: ShownSponsorship;
  sources: readonly string[];
  // The applicant's figures at this program.
  tier: ProgramTier;
  pInterview: { estimate: number; low: number; high: number };
  signal: "gold" | "silver" | null;
  basis: string;
  /**
   * The interview rate the odds start from: the program's own (`observed`) shrunk toward the
   * specialty (`shrunk`), or — `estimated` — the specialty's median where the program reports none.
   * Every surface marks an estimated rate as an estimate.
   */
  rate: { observed: number | null; shrunk: number; estimated: boolean };
}

/** The keys a list row opens with, in order: the program's facts, then the applicant's figures follow. */
export const PLANNED_PROGRAM_FACTS = [
  "id",
  "name",
  "institution",
  "city",
  "state",
  "division",
  "specialty",
  "track",
  "visa",
  "sponsorship",
  "sources",
] as const satisfies ReadonlyArray<keyof PlannedProgram>;

/**
 * A list row: the program's facts first (`PLANNED_PROGRAM_FACTS`, in that order), then the
 * applicant's figures, made in one place for every list (the planner's and one the applicant
 * holds), so a row reads facts first and the server can keep their text between answers.
 */
export function plannedRow(
  p: Program,
  sponsorship: Sponsorship,
  f: Pick<PlannedProgram, "tier" | "pInterview" | "signal" | "basis" | "rate">,
): PlannedProgram {
  return {
    id: p.id,
    name: p.name,
    institution: p.institution,
    city: p.city,
    state: p.state,
    division: p.division,
    specialty: p.specialty,
    track: p.track,
    visa: p.visa,
    sponsorship: shownSponsorship(sponsorship),
    sources: programSources(p),
    tier: f.tier,
    pInterview: f.pInterview,
    signal: f.signal,
    basis: f.basis,
    rate: f.rate,
  };
}

export interface SpecialtyList {
  specialty: string;
  programs: PlannedProgram[];
  costUsd: number;
  /** For an advanced specialty, the joint chance with a PGY-1 year (ProgramPlan.pgy1). */
  pMatch: MatchEstimate | null;
  pAtLeastOneInterview: number;
  marginal: Array<{ n: number; pMatch: number; gain: number }>;
  diminishingReturnsAt: number;
  maxByBudget: number | null;
  candidates: number;
  /** How many programs, from where, and what stopped the list there. */
  count: ListCount;
  /** What the range of `pMatch` is made of (pmatch-range.ts); null without a list. */
  pMatchRange: RangeBreakdown | null;
  /**
   * With a PGY-1 year inside P(match) (ProgramPlan.pgy1): the share of this list's interviews held
   * by programs whose positions include the PGY-1 year, as P(match in either list) weighs it (so a
   * held main list's either-list figure is combined with it the same way). Null otherwise.
   */
  categoricalShare: number | null;
}

/**
 * Fewer applicants of the type than the model's `thinData.minApplicants` stand behind the
 * specialty's P(match | k interviews): the number is shown beside P(match).
 */
export interface ThinDataFlag {
  /** Applicants of the type behind the curve's prior (the match rate). */
  applicants: number;
  /** Applicants behind the ranks that shape the curve, and whether they are the type's own. */
  rankApplicants: number;
  ranksOwn: boolean;
  threshold: number;
  text: string;
  sources: string[];
}

import type { CalibrationNote } from "./calibration-note.ts";

export type { CalibrationNote };

export interface ProgramPlan extends SeasonFacts {
  specialty: string;
  applicantType: string;
  season: number;
  budgetUsd: number | null;
  programs: PlannedProgram[];
  costUsd: number;
  /** One bill per list (main, parallel, PGY-1), each from its specialty's application service, explained. */
  fees: ApplicationBill[];
  pMatch: MatchEstimate | null;
  /** What the range of `pMatch` is made of: strength, an untaken score, program rates, the curve. */
  pMatchRange: RangeBreakdown | null;
  /** Set where fewer than the threshold's applicants of the type stand behind the curve. */
  thinData: ThinDataFlag | null;
  /** The three stated assumptions that move this applicant's P(match) most, at their low and high values. */
  whatMoves: AssumptionSwing[];
  pAtLeastOneInterview: number;
  marginal: Array<{ n: number; pMatch: number; gain: number }>;
  diminishingReturnsAt: number;
  recommendedCount: number;
  /** The main list's count with its source (guides or optimiser) and binding constraint; `comparison` is its text. */
  count: ListCount;
  guideAdvice: { min: number; max: number | null; ruleId: string; sources: string[] } | null;
  comparison: string;
  /** Signals spent: this list's, a parallel list's and both against the allowance (`listSignals`). */
  signals: ListSignals | null;
  /** What reach, target and safety mean, for any surface that shows the tiers. */
  tierLegend: TierLegend;
  /** The specialty's allowance for the Match year, with its confidence (unknown counts say so). */
  signalAllowance: SignalAllowance;
  supplementalPgy1: SupplementalProgram[];
  /**
   * Signals on the PGY-1 list, from each track's allowance (preliminary IM from IM's), by
   * institution: each program's signal is on `supplementalPgy1`, which is that same list, so the
   * list is not carried here a second time (it was half of a plan's bytes).
   */
  pgy1Signals: Omit<Pgy1Signals, "programs"> | null;
  /** For an advanced specialty: the PGY-1 year inside P(match), and how the supplemental list was sized. Null otherwise. */
  pgy1: Pgy1Summary | null;
  /** Known / inferred / unknown / excluded sponsorship of the visa needed, and the warning when unknown dominates. */
  visaSponsorship: VisaSummary;
  parallel: SpecialtyList | null;
  pMatchAny: MatchEstimate | null;
  /** Null where the model meets the calibration tolerance or the specialty is not calibrated. */
  calibration: CalibrationNote | null;
  excluded: Array<{ id: string; name: string; reason: string }>;
  geography: { applied: boolean; kept: number; note: string };
  because: Because[];
}

/** The PGY-1 year of an advanced specialty: what P(match) includes and how the supplemental list was sized. */
export interface Pgy1Summary {
  /** P(match) of the advanced position alone (the main list), before the PGY-1 year. */
  advancedOnly: MatchEstimate | null;
  /** P(a PGY-1 position) from the supplemental list. */
  chance: number;
  /**
   * Share of a typical applicant's expected interviews, on a list as long as the main one (visa
   * aside), held by programs whose positions include the PGY-1 year.
   */
  categoricalShare: number;
  target: number;
  /** Programs the target needs at the published rates, visa aside (all of the tracks' when it is out of reach). */
  wanted: number;
  programs: number;
  /** What set the size: the target, the budget, or the PGY-1 programs the catalog holds. */
  binding: SupplementalSizing["binding"];
  rates: TrackRate[];
  text: string;
  sources: string[];
}

export interface Scored {
  program: Program;
  odds: InterviewOdds;
  signal: "gold" | "silver" | null;
  /** Log-odds of an interview if the program sponsors the visa needed (signalled where a signal is spent). */
  logit: number;
  /** P(the program sponsors the visa needed): multiplies the chance `logit` gives. */
  scale: number;
  /** Log-odds of the chance the program gives, sponsorship included (chanceLogit of `logit` and `scale`): the list's order. */
  chance: number;
  /** Added to the log-odds for ordering only: the applicant's preference for the location. */
  preference: number;
}

const CO = "nrmp-charting-outcomes-nonus-img-2026";

/**
 * The PGY-1 tracks an advanced specialty's plan adds a supplemental list from: the specialties
 * whose `supplementalFor` (data/specialties.yaml) names it. None for a specialty whose positions
 * include the PGY-1 year. Also what a caller holding part of the catalog loads with the specialty.
 */
export function supplementalSpecialtiesOf(rb: Rulebook, specialty: Specialty): Specialty[] {
  if (specialty.positions.value !== "advanced") return [];
  return [...rb.specialties.values()].filter((s) => s.supplementalFor?.includes(specialty.id));
}

export function planProgramList(rb: Rulebook, data: ProgramData, req: PlanRequest): Result<ProgramPlan> {
  const specialty = rb.specialties.get(req.specialty);
  if (!specialty)
    return fail([
      {
        code: "unknown_specialty",
        path: "specialty",
        message: `unknown specialty "${req.specialty}"`,
        allowed: [...rb.specialties.keys()].join(", "),
      },
    ]);
  if (req.parallelSpecialty && !rb.specialties.has(req.parallelSpecialty)) {
    return fail([
      {
        code: "unknown_specialty",
        path: "parallelSpecialty",
        message: `unknown specialty "${req.parallelSpecialty}"`,
        allowed: [...rb.specialties.keys()].join(", "),
      },
    ]);
  }
  const assessed = req.assessment
    ? givenAssessment(req.assessment, specialty.id)
    : assessProfile(rb, req.profile, specialty.id, req.asOf);
  if (!assessed.ok) return assessed;
  const a = assessed.value;
  const model = data.model;
  const because: Because[] = [];
  const season = a.cycle.matchYear;
  const schedule = feeScheduleFor(rb, specialty.id, season);
  because.push({
    ruleId: "fees",
    value: {
      matchYear: season,
      service: schedule.service.id,
      tiers: schedule.tiers,
      confidence: schedule.fact.confidence,
    },
    sources: [...schedule.service.sources, ...schedule.fact.sources],
    note: `${schedule.service.basis}; its fee schedule is ${schedule.fact.basis}`,
  });
  const budget = req.budgetUsd === undefined ? (req.profile.preferences?.budgetUsd ?? null) : req.budgetUsd;

  // ── the parallel specialty: asked for, or the alternative pathway's mix (A3) ──
  let parallelId = req.parallelSpecialty ?? null;
  let mainShare = 1;
  let pathwayParallel = false;
  if (!parallelId && specialty.alternativePathway && a.pathway) {
    const shares = model.lists.pathwayShares.value;
    const own = a.pathway.mix
      .filter((m) => m.specialty === specialty.id)
      .reduce((s, m) => s + shares[m.share], 0);
    const other = a.pathway.mix
      .filter((m) => m.specialty !== specialty.id)
      .reduce((s, m) => s + shares[m.share], 0);
    if (other > 0) {
      parallelId = specialty.alternativePathway.via;
      pathwayParallel = true;
      mainShare = own / (own + other);
      because.push({
        ruleId: a.pathway.ruleId,
        value: { scenario: a.pathway.scenario, mainShare: Number(mainShare.toFixed(2)) },
        sources: [...a.pathway.sources, ...(model.lists.pathwayShares.sources ?? [])],
        note: model.lists.pathwayShares.assumption,
      });
    }
  } else if (parallelId) mainShare = 0.5;

  // ── the guides' count (A1): the list's floor, shared with a pathway list in the mix's proportions ──
  const guides = guideCount(rb, req.profile, a);
  const floor = guides.floor?.min ?? 0;
  const mainFloor = pathwayParallel ? Math.round(floor * mainShare) : floor;
  const parallelFloor = pathwayParallel ? floor - mainFloor : 0;
  if (guides.floor)
    because.push({
      ruleId: guides.floor.ruleId,
      value: { floor, standing: guides.floor.standing, forOwnStanding: guides.floor.forOwnStanding },
      sources: guides.floor.sources,
      note: guides.floor.forOwnStanding
        ? "the guides' minimum for this standing is the list's floor when the budget allows"
        : "the guides give no count for this standing; their minimum for a weaker one is kept as the floor, so a stronger profile never gets a shorter list",
    });

  // ── supplemental PGY-1 list for advanced specialties ──
  const supplementalSpecialties = supplementalSpecialtiesOf(rb, specialty);
  const wantsSupplemental = supplementalSpecialties.length > 0;
  const tracks: SupplementalTrack[] = wantsSupplemental
    ? supplementalTracks(data, supplementalSpecialties, req.profile)
    : [];

  const ctxFor = (sp: Specialty) => oddsContext(rb, data, sp, req.profile);
  const forecast = req.step2ckForecast ?? null;
  const shifts = new Map<string, ApplicantStrength>();
  const shift = (sp: Specialty): ApplicantStrength => {
    let s = shifts.get(sp.id);
    if (!s) {
      s = applicantShift(rb, model, req.profile, sp, req.asOf, forecast);
      shifts.set(sp.id, s);
    }
    return s;
  };
  const mainShift = shift(specialty);
  because.push(...mainShift.because);

  const excluded: ProgramPlan["excluded"] = [];
  const mainSponsorship: Sponsorship[] = [];
  const score = (sp: Specialty): ScoredSpecialty => {
    const ctx = ctxFor(sp);
    const sh = shift(sp);
    const all: Scored[] = [];
    const everyone: Scored[] = [];
    for (const p of data.bySpecialty.get(sp.id) ?? []) {
      const odds = estimateInterviewOdds(p, sh, ctx, model);
      if (sp.id === specialty.id) mainSponsorship.push(odds.sponsorship);
      const row: Scored = {
        program: p,
        odds,
        signal: null,
        logit: odds.logit,
        scale: odds.sponsorship.p,
        chance: chanceLogit(odds.logit, odds.sponsorship.p),
        preference: 0,
      };
      everyone.push(row);
      if (odds.excluded) excluded.push({ id: p.id, name: p.name, reason: odds.excluded });
      else all.push(row);
    }
    const geography = applyPreferences(
      everyone,
      all,
      req,
      Math.log(model.preferences.orderingOddsRatio.value),
    );
    // A typical applicant of the type, visa aside: every program at its base odds. The list's
    // length is read from them, so it depends neither on the applicant's strength nor on the visa.
    const typical = everyone.filter((x) => x.odds.baseLogit > Number.NEGATIVE_INFINITY).sort(byTypical);
    return { scored: all, typical, geography };
  };

  const main = score(specialty);
  const parallel = parallelId ? score(rb.specialties.get(parallelId) as Specialty) : null;
  const parallelSchedule = parallelId ? feeScheduleFor(rb, parallelId, season) : schedule;
  const trackSchedules = tracks.map((tr) => feeScheduleFor(rb, tr.specialty, season));

  // Budgets, in order: first enough main programs to place every signal (a signal needs an
  // application, and a supplemental list without a main list is no application at all); then the
  // supplemental PGY-1 list, since an advanced match cannot start without a PGY-1 year; then the
  // rest to the main list (and a parallel list, in its share).
  const allowance = signalsFor(rb, specialty.id, season);
  const scheme = allowance.scheme;
  const signalTotal = scheme ? signalCounts(scheme).gold + signalCounts(scheme).silver : 0;
  const firstMain = Math.min(main.scored.length, Math.max(1, signalTotal));
  const firstFee = specialtyFee(schedule, firstMain);
  // Each PGY-1 track is priced by its own service (application-fees.ts); the list's size is the
  // fewest programs that reach the target chance at the published rates, or under a budget the split
  // that gives a typical applicant the best joint chance (pgy1-list.ts).
  const supplementalFeeFor = (n: number) => supplementalCostEstimate(trackSchedules, n);
  const sizing = sizeSupplemental(rb, data, specialty, main.typical, tracks, {
    budget,
    firstFee,
    mainShare,
    schedule,
    supplementalFeeFor,
    applicantType: req.profile.applicantType,
  });
  const supplementalCount = sizing.programs;
  const supplementalFee = wantsSupplemental ? supplementalFeeFor(supplementalCount) : 0;
  const rest = budget === null ? null : Math.max(0, budget - supplementalFee);
  const mainBudget = rest === null ? null : rest * mainShare;
  const parallelBudget = rest === null || !parallel ? null : rest - (mainBudget ?? 0);
  const maxMain = mainBudget === null ? null : maxProgramsWithin(schedule, mainBudget);
  const maxParallel = parallelBudget === null ? null : maxProgramsWithin(parallelSchedule, parallelBudget);

  // ── signals, over the programs the budget can reach, shared across lists when the scheme is shared ──
  if (req.signals !== "none" && scheme) {
    const reach = (list: Scored[], max: number | null) =>
      [...list].sort(byLogit).slice(0, max ?? list.length);
    const sharesSignals =
      parallel !== null && parallelId !== null && signalsShared(rb, specialty.id, parallelId, season);
    const pool = [
      ...reach(main.scored, maxMain),
      ...(sharesSignals && parallel ? reach(parallel.scored, maxParallel) : []),
    ];
    const spent = spendOver(pool, scheme, model.signals.minimumSignalledOdds.value);
    because.push({
      ruleId: "A4",
      value: { ...spent, scheme },
      sources: [...allowance.sources, ...model.signals.minimumSignalledOdds.sources],
      note: model.signals.minimumSignalledOdds.assumption,
    });
    const borrowed = borrowedSignalBecause(model, signalledIn(pool));
    if (borrowed) because.push(borrowed);
  }

  // ── a parallel list whose specialty has an allowance of its own spends it on its own programs ──
  // (a backup IM list is signalled from IM's allowance; what is left of it goes to the PGY-1 list,
  // where an institution already signalled shares that signal: pgy1-signals.ts)
  const parallelAllowance =
    parallel && parallelId && !signalsShared(rb, specialty.id, parallelId, season)
      ? signalsFor(rb, parallelId, season)
      : null;
  if (req.signals !== "none" && parallel && parallelId && parallelAllowance?.scheme) {
    const own = [...parallel.scored].sort(byLogit).slice(0, maxParallel ?? parallel.scored.length);
    const spent = spendOver(own, parallelAllowance.scheme, model.signals.minimumSignalledOdds.value);
    because.push({
      ruleId: "A4",
      value: { specialty: parallelId, ...spent, scheme: parallelAllowance.scheme },
      sources: [...parallelAllowance.sources, ...model.signals.minimumSignalledOdds.sources],
      note: `the parallel ${rb.specialties.get(parallelId)?.name ?? parallelId} list's signals, from its own allowance`,
    });
    const borrowed = borrowedSignalBecause(model, signalledIn(own));
    if (borrowed) because.push(borrowed);
  }

  const listArgs = (sp: Specialty, listBudget: number | null, listFloor: number, extraUsd: number) => ({
    guides: guides as GuideCount | null,
    floor: listFloor,
    budgetUsd: listBudget,
    totalBudgetUsd: budget,
    supplementalUsd: extraUsd,
    specialtyName: sp.name,
    noPgy1Left: sp.id === specialty.id && wantsSupplemental && supplementalCount === 0,
    applicantType: req.profile.applicantType,
    untakenLogitSd: untakenLogitSd(shift(sp)),
  });
  const mainList = buildList(
    rb,
    data,
    specialty,
    main,
    maxMain,
    schedule,
    listArgs(specialty, mainBudget, mainFloor, supplementalFee),
  );
  if (!mainList)
    return fail([
      {
        code: "invalid_value",
        path: "specialty",
        message: `no Charting Outcomes ranks data for ${specialty.name}, so P(match) cannot be computed`,
      },
    ]);
  const parallelSpecialty = parallelId ? (rb.specialties.get(parallelId) as Specialty) : null;
  const parallelList =
    parallel && parallelSpecialty
      ? buildList(
          rb,
          data,
          parallelSpecialty,
          parallel,
          maxParallel,
          parallelSchedule,
          pathwayParallel
            ? listArgs(parallelSpecialty, parallelBudget, parallelFloor, 0)
            : { ...listArgs(parallelSpecialty, parallelBudget, 0, 0), guides: null },
        )
      : null;

  const supplementalPgy1 = wantsSupplemental
    ? chooseSupplemental(tracks, mainList.list.programs, supplementalCount, req.profile)
    : [];
  const q = model.match.rangeQuantiles.value;

  // For an advanced specialty, P(match) is the joint chance of the advanced position and a PGY-1
  // year (pgy1-joint.ts); a parallel list of a specialty that needs no PGY-1 year counts in full.
  let pgy1: Pgy1Summary | null = null;
  let pMatchAny: MatchEstimate | null = null;
  if (wantsSupplemental) {
    const chance = anyOf(supplementalPgy1.map((x) => x.pPosition));
    // The categorical share is read from a typical applicant's list of the same length (visa aside),
    // like the length itself: it moves with neither the applicant's strength nor the visa.
    const shareOf = (list: { chosen: readonly Scored[] }, scored: ScoredSpecialty, sp: Specialty) =>
      sp.positions.value === "advanced"
        ? categoricalShareOf(data, scored.typical.slice(0, list.chosen.length))
        : 1;
    const mainCategorical = shareOf(mainList, main, specialty);
    const advancedOnly = mainList.list.pMatch;
    // One list's joint chance is its advanced chance × (c + (1 − c)·P1) in every strength draw, so
    // the combined range (pmatch-range.ts) carries over exactly by the same factor; held lists
    // (plan/held-list.ts) take the same step (withPgy1Range) and so show the same range.
    const joint = (list: SpecialtyList, share: number) => {
      if (list.programs.length === 0 || !list.pMatch || !list.pMatchRange) return;
      const r = withPgy1Range(
        { pMatch: list.pMatch, breakdown: list.pMatchRange },
        { chance, categoricalShare: share },
      );
      list.pMatch = r.pMatch;
      list.pMatchRange = r.breakdown;
    };
    joint(mainList.list, mainCategorical);
    const factor = pgy1Factor({ chance, categoricalShare: mainCategorical });
    mainList.list.marginal = mainList.list.marginal.map((m) => ({
      n: m.n,
      pMatch: m.pMatch * factor,
      gain: m.gain * factor,
    }));
    const lists = [{ perDraw: mainList.perDraw, share: mainCategorical }];
    if (parallelList && parallelSpecialty && parallel) {
      const share = shareOf(parallelList, parallel, parallelSpecialty);
      joint(parallelList.list, share);
      parallelList.list.categoricalShare = share;
      lists.push({ perDraw: parallelList.perDraw, share });
      pMatchAny = jointWithPgy1(lists, chance, (v) => summariseDraws(v, q));
    }
    pgy1 = pgy1Summary(model, specialty, req.profile.applicantType, {
      advancedOnly,
      joint: mainList.list.pMatch,
      chance,
      categoricalShare: mainCategorical,
      programs: supplementalPgy1.length,
      sizing,
      tracks,
      need: req.profile.visa,
    });
  } else if (parallelList) {
    // P(match) in either list, under the same strength draws.
    pMatchAny = combinePerDraw([mainList.perDraw, parallelList.perDraw], q);
  }
  const bill = (list: BillList, sp: string, n: number, sched: FeeSchedule) =>
    billFor(rb, season, list, sp, n, sched);
  const fees = [bill("main", specialty.id, mainList.list.programs.length, schedule)];
  if (parallelList)
    fees.push(
      bill("parallel", parallelList.list.specialty, parallelList.list.programs.length, parallelSchedule),
    );
  tracks.forEach((tr, i) => {
    const n = supplementalPgy1.filter((s) => s.specialty === tr.specialty).length;
    if (n > 0) fees.push(bill("pgy1", tr.specialty, n, trackSchedules[i] as FeeSchedule));
  });
  const pgy1Signals =
    req.signals === "none" || supplementalPgy1.length === 0
      ? null
      : signalPgy1(rb, season, supplementalPgy1, [
          ...mainList.list.programs,
          ...(parallelList?.list.programs ?? []),
        ]);
  const costUsd = roundCents(fees.reduce((s, f) => s + f.usd, 0));

  const advice = guides.own
    ? { min: guides.own.min, max: guides.own.max, ruleId: guides.own.ruleId, sources: guides.own.sources }
    : null;
  // The length is a typical applicant's; the text says what the tail adds for this one (the table's gains).
  mainList.list.count = {
    ...mainList.list.count,
    text: `${mainList.list.count.text}${ownTailText(
      mainList.list.marginal,
      mainList.list.programs.length,
      mainList.list.diminishingReturnsAt,
      model.match.diminishingReturnsPerProgram.value,
      (k) => specialtyFee(schedule, k),
    )}`,
  };
  const n = mainList.list.programs.length;
  const count = mainList.list.count;
  // A recorded miss is shown beside P(match), and the range shown reaches the published figure.
  const note = calibrationNote(model, specialty, req.profile.applicantType, req.profile.step2ck.score);
  const shown = reachPublished(
    mainList.list.pMatch,
    mainList.list.pMatchRange,
    note?.publishedMatchRate ?? null,
  );
  // The list as the kernel scores it, for what moves the number and what confirming sponsorship is worth.
  const swingListed = mainList.chosen.map((x) => ({
    program: x.program,
    signal: x.signal,
    logit: x.logit,
    odds: x.odds,
  }));
  const listedPgy1Factor = pgy1 ? pgy1Factor(pgy1) : 1;
  const ifAllSponsor = pMatchIfAllSponsor(rb, model, {
    profile: req.profile,
    specialty,
    listed: swingListed,
    pgy1Factor: listedPgy1Factor,
  });
  const comparison = parallelList
    ? `${count.text} A parallel ${parallelSpecialty?.name ?? parallelList.list.specialty} list of ${parallelList.list.programs.length} adds to the total: ${parallelList.list.count.text}`
    : count.text;

  return ok({
    specialty: specialty.id,
    applicantType: req.profile.applicantType,
    season,
    budgetUsd: budget,
    programs: mainList.list.programs,
    costUsd,
    fees,
    pMatch: shown.pMatch,
    pMatchRange: shown.range,
    thinData: thinDataFlag(rb, model, specialty, req.profile.applicantType),
    whatMoves: whatMoves(rb, model, {
      profile: req.profile,
      specialty,
      asOf: req.asOf,
      data,
      ctx: ctxFor(specialty),
      listed: swingListed,
      shift: mainShift,
      pgy1Factor: listedPgy1Factor,
    }),
    pAtLeastOneInterview: mainList.list.pAtLeastOneInterview,
    marginal: mainList.list.marginal,
    diminishingReturnsAt: mainList.list.diminishingReturnsAt,
    recommendedCount: n,
    count,
    guideAdvice: advice,
    comparison,
    signals: scheme
      ? listSignals(
          scheme,
          mainList.list.programs,
          parallelList
            ? {
                name: parallelSpecialty?.name ?? parallelList.list.specialty,
                programs: parallelList.list.programs,
                ownScheme: parallelAllowance?.scheme ?? null,
              }
            : null,
        )
      : null,
    tierLegend: tierLegend(model),
    signalAllowance: allowance,
    supplementalPgy1: pgy1Signals?.programs ?? supplementalPgy1,
    pgy1Signals: pgy1Signals && {
      tracks: pgy1Signals.tracks,
      rule: pgy1Signals.rule,
      note: pgy1Signals.note,
      sources: pgy1Signals.sources,
    },
    pgy1,
    visaSponsorship: summariseSponsorship(model.visa, {
      need: req.profile.visa,
      specialtyId: specialty.id,
      specialtyName: specialty.name,
      candidates: mainSponsorship,
      listed: mainList.chosen.map((x) => x.odds.sponsorship),
      supplemental: wantsSupplemental ? supplementalPgy1.map((x) => x.sponsorship) : null,
      pMatch: ifAllSponsor !== null && shown.pMatch ? { ifAllSponsor, shown: shown.pMatch.estimate } : null,
    }),
    parallel: parallelList?.list ?? null,
    pMatchAny,
    calibration: note,
    excluded,
    geography: main.geography,
    ...seasonFacts(rb, {
      matchYear: season,
      specialty: specialty.id,
      profile: req.profile,
      asOf: req.asOf,
      bills: fees,
      allowance,
      pgy1: pgy1Signals,
    }),
    because: [
      ...because,
      {
        ruleId: "model.list-count",
        value: {
          programs: count.programs,
          from: count.from,
          binding: count.binding,
          optimiserStop: count.optimiserStop,
          floor: count.floor,
        },
        sources: [...(guides.floor?.sources ?? []), "matchplan-assumptions"],
        note: count.text,
      },
      {
        ruleId: "model.match",
        value: { strengthSd: model.match.strengthSd.value, draws: model.match.draws.value },
        sources: [CO, ...model.match.strengthSd.sources],
        note: model.match.strengthSd.note ?? model.match.strengthSd.assumption,
      },
      {
        ruleId: "model.visa",
        value: { need: req.profile.visa },
        sources: [
          ...model.visa.inferred.sources,
          ...(model.visa.specialtyShare[specialty.id]?.sources ?? model.visa.defaultShare.sources),
        ],
        note: model.visa.method,
      },
      ...(pgy1
        ? [
            {
              ruleId: "model.pgy1",
              value: {
                chance: Number(pgy1.chance.toFixed(4)),
                programs: pgy1.programs,
                wanted: pgy1.wanted,
                categoricalShare: Number(pgy1.categoricalShare.toFixed(4)),
                binding: pgy1.binding,
              },
              sources: pgy1.sources,
              note: pgy1.text,
            },
          ]
        : []),
    ],
  });
}

/** A passed-in assessment is used only for the specialty it was made for. */
function givenAssessment(a: Assessment, specialty: string): Result<Assessment> {
  if (a.specialty !== specialty)
    return fail([
      {
        code: "inconsistent",
        path: "assessment",
        message: `the assessment given is for ${a.specialty}, not ${specialty}`,
      },
    ]);
  return ok(a);
}

function thinDataFlag(
  rb: Rulebook,
  model: ProgramModel,
  sp: Specialty,
  type: ApplicantType,
): ThinDataFlag | null {
  const curve = curveFor(rb, model, sp.id, type);
  if (!curve) return null;
  const t = model.match.thinData.minApplicants.value;
  const own = !curve.ranksBorrowed;
  const label = APPLICANT_TYPE_LABEL[type];
  if (!curve.ownRecord)
    return {
      applicants: 0,
      rankApplicants: curve.rankApplicants,
      ranksOwn: false,
      threshold: t,
      text: `Thin data: no published outcome of ${label} applicants to ${sp.name} is in the data; the record of ${curve.applicants} non-US IMGs stands in for P(match | interviews). Read P(match) and its range as rough.`,
      sources: curve.sources,
    };
  const behind = own ? Math.min(curve.applicants, curve.rankApplicants) : curve.applicants;
  if (behind >= t) return null;
  return {
    applicants: curve.applicants,
    rankApplicants: curve.rankApplicants,
    ranksOwn: own,
    threshold: t,
    text: `Thin data: ${behind} ${label} applicant${behind === 1 ? "" : "s"} stand behind ${sp.name}'s P(match | interviews) (fewer than ${t})${own ? "" : `; the shape of the curve is borrowed from ${curve.rankApplicants} non-US IMGs`}. Read P(match) and its range as rough.`,
    sources: curve.sources,
  };
}

const byLogit = (a: Scored, b: Scored) =>
  b.chance + b.preference - (a.chance + a.preference) || compareIds(a.program.id, b.program.id);

/** The order of a typical applicant of the type (base odds, no signals, visa aside). */
function byTypical(x: Scored, y: Scored): number {
  return (
    y.odds.baseLogit + y.preference - (x.odds.baseLogit + x.preference) ||
    compareIds(x.program.id, y.program.id)
  );
}

interface ScoredSpecialty {
  /** The programs the applicant can apply to (known non-sponsors of the visa left out). */
  scored: Scored[];
  /** Every program with a rate, in a typical applicant's order, visa aside: the list's length is read from it. */
  typical: Scored[];
  geography: ProgramPlan["geography"];
}

/**
 * Marks programs in the preferred states, regions or tie states; they are ordered ahead of equal
 * odds elsewhere. The note counts the programs the applicant can apply to (`candidates`).
 */
function applyPreferences(
  everyone: Scored[],
  candidates: readonly Scored[],
  req: PlanRequest,
  bonus: number,
): ProgramPlan["geography"] {
  const states = new Set([...(req.profile.preferences?.states ?? []), ...(req.profile.ties?.states ?? [])]);
  const regions = new Set(req.profile.preferences?.regions ?? []);
  if (req.anywhere || (states.size === 0 && regions.size === 0)) {
    const note = req.anywhere ? "preferences ignored on request" : "no preferred states or regions given";
    return { applied: false, kept: 0, note };
  }
  for (const s of everyone) {
    const inState = s.program.state !== null && states.has(s.program.state);
    const inRegion = s.program.division !== null && regions.has(s.program.division);
    if (inState || inRegion) s.preference = bonus;
  }
  const preferred = candidates.filter((s) => s.preference !== 0).length;
  const note = `${preferred} of ${candidates.length} programs lie in the preferred states, regions or tie states and are ordered first at equal odds`;
  return { applied: true, kept: preferred, note };
}

function buildList(
  rb: Rulebook,
  data: ProgramData,
  sp: Specialty,
  { scored, typical: everyTypical }: ScoredSpecialty,
  maxByBudget: number | null,
  schedule: FeeSchedule,
  c: {
    guides: GuideCount | null;
    floor: number;
    budgetUsd: number | null;
    totalBudgetUsd: number | null;
    supplementalUsd: number;
    specialtyName: string;
    noPgy1Left: boolean;
    applicantType: ApplicantType;
    untakenLogitSd: number | null;
  },
): { list: SpecialtyList; perDraw: Float64Array; chosen: Scored[] } | null {
  const model = data.model;
  const curve = curveFor(rb, model, sp.id, c.applicantType);
  if (!curve) return null;
  // Signalled programs first: a signal is only spent with an application, so they are always on the list.
  const ordered = [...scored].sort(
    (x, y) => Number(y.signal !== null) - Number(x.signal !== null) || byLogit(x, y),
  );
  const signalled = ordered.filter((s) => s.signal !== null).length;
  const limit = Math.min(ordered.length, maxByBudget ?? ordered.length);
  const kernel = kernelOptions(model);
  const reach = ordered.slice(0, limit);
  const full = matchCurveForList(
    reach.map((s) => s.logit),
    curve,
    kernel,
    false,
    reach.map((s) => s.scale),
  );
  const threshold = model.match.diminishingReturnsPerProgram.value;
  const gainsOf = (curveMeans: readonly number[]) =>
    curveMeans.map((e, i) => e - (i > 0 ? (curveMeans[i - 1] ?? 0) : 0));
  const ownGains = gainsOf(full.meanByCount);
  const marginal = full.meanByCount.map((e, i) => ({ n: i + 1, pMatch: e, gain: ownGains[i] ?? 0 }));
  // The length is read off the curve of a typical applicant of the same kind (base odds without
  // the applicant's strength, no signals, visa aside) over the specialty's programs: it does not
  // depend on how strong the applicant is, so a stronger profile never ends up with a shorter list —
  // and a lower P(match) — than a weaker one; nor on the visa, so needing one never buys a longer
  // list and a higher P(match) than needing none. The applicant's own odds (sponsorship included)
  // choose the programs and set P(match), the signals and the tiers.
  const referenceCurve = referenceGains(
    everyTypical.map((s) => s.odds.baseLogit),
    maxByBudget ?? everyTypical.length,
    curve,
    kernel,
  );
  const decision = decideCount({
    gains: referenceCurve,
    threshold,
    floor: c.floor,
    signalled,
    maxByBudget,
    candidates: ordered.length,
  });
  const n = decision.programs;
  const chosen = ordered.slice(0, n);
  const programs: PlannedProgram[] = chosen.map((s) => {
    const row = listedRow(model.tiers, s.odds, s.signal);
    return plannedRow(s.program, s.odds.sponsorship, {
      tier: row.tier,
      pInterview: row.pInterview,
      signal: s.signal,
      basis: rowBasis(s.odds, s.signal),
      rate: {
        observed: s.odds.rate?.observed ?? null,
        shrunk: s.odds.rate?.rate ?? 0,
        estimated: s.odds.rate?.estimated ?? false,
      },
    });
  });
  programs.sort((x, y) => y.pInterview.estimate - x.pInterview.estimate || compareIds(x.id, y.id));
  const count = explainCount({
    decision,
    guides: c.guides,
    specialtyName: c.specialtyName,
    candidates: ordered.length,
    threshold,
    budgetUsd: c.budgetUsd,
    totalBudgetUsd: c.totalBudgetUsd,
    supplementalUsd: c.supplementalUsd,
    expectedInterviews: programs.reduce((sum, p) => sum + p.pInterview.estimate, 0),
    minimumExpectedInterviews: model.lists.tooSmall.minimumExpectedInterviews.value,
    feeOf: (k) => specialtyFee(schedule, k),
    noPgy1Left: c.noPgy1Left,
  });
  const none = { estimate: 0, low: 0, high: 0 };
  const strength = n > 0 ? estimateAt(full, n, kernel.rangeQuantiles) : null;
  const ranged = strength
    ? combinedRange({
        logits: chosen.map((s) => s.logit),
        scales: chosen.map((s) => s.scale),
        logitSds: chosen.map((s) => s.odds.rate?.logitSd ?? 0),
        curve,
        kernel,
        strength,
        untakenLogitSd: c.untakenLogitSd,
        z: normalQuantile(0.5 + model.interview.intervalCoverage.value / 2),
      })
    : null;
  return {
    list: {
      specialty: sp.id,
      programs,
      costUsd: specialtyFee(schedule, programs.length),
      pMatch: ranged?.pMatch ?? none,
      pMatchRange: ranged?.breakdown ?? null,
      pAtLeastOneInterview: n > 0 ? (full.atLeastOneInterview[n - 1] ?? 0) : 0,
      marginal,
      diminishingReturnsAt: ownStop(ownGains, threshold),
      maxByBudget,
      candidates: ordered.length,
      count,
      categoricalShare: null,
    },
    perDraw: (n > 0 ? perDrawAt(full, n, kernel.draws) : null) ?? new Float64Array(kernel.draws),
    chosen,
  };
}

/**
 * Spends a scheme's signals over the programs a list can reach (`spendSignals`: best signalled odds
 * first, down to the model's minimum) and marks each chosen row with its tier and lifted odds.
 * Returns how many of each tier were spent.
 */
function spendOver(
  pool: Scored[],
  scheme: Parameters<typeof spendSignals>[0],
  minimumOdds: number,
): { gold: number; silver: number } {
  const chosen = spendSignals(
    scheme,
    minimumOdds,
    pool.map((s) => ({ id: s.program.id, odds: s.odds })),
  );
  for (const s of pool) {
    const tier = chosen.get(s.program.id);
    if (tier && s.odds.signalledLogit) {
      s.signal = tier;
      s.logit = s.odds.signalledLogit[tier];
      s.chance = chanceLogit(s.logit, s.scale);
    }
  }
  const tiers = [...chosen.values()];
  return {
    gold: tiers.filter((t) => t === "gold").length,
    silver: tiers.filter((t) => t === "silver").length,
  };
}

const signalledIn = (pool: readonly Scored[]) =>
  pool.flatMap((s) => (s.signal ? [{ odds: s.odds, signal: s.signal }] : []));

/** Where the applicant's own curve flattens: after the last program that still adds the threshold. */
function ownStop(gains: readonly number[], threshold: number): number {
  let n = gains.length;
  while (n > 1 && (gains[n - 1] ?? 0) < threshold) n--;
  return n;
}
