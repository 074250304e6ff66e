import { assessProfile } from "../assess/assess-profile.ts";
import type { Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import { fail, ok, type Result } from "../issues.ts";
import { PERCENT, pct } from "../math/percent.ts";
import { roundCents } from "../math/round.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { signalCounts, spendSignals } from "./allocate-signals.ts";
import { applicantShift } from "./applicant-shift.ts";
import { compareIds } from "./compare-ids.ts";
import { maxProgramsWithin, scheduleFor, specialtyFee } from "./eras-fees.ts";
import { type GuideCount, guideCount } from "./guide-count.ts";
import { estimateInterviewOdds, type InterviewOdds } from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import { decideCount, explainCount, type ListCount } from "./list-count.ts";
import { listedRow } from "./list-rows.ts";
import {
  combinePerDraw,
  estimateAt,
  type MatchEstimate,
  matchCurveForList,
  perDrawAt,
} from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import type { ProgramData } from "./program-data.ts";
import type { ProgramModel } from "./program-model.ts";
import { referenceGains } from "./reference-gains.ts";
import { type ProgramTier, type TierLegend, tierLegend } from "./tiers.ts";

/**
 * The program list: which real programs to apply to, which to signal, what it costs and the
 * chance of matching.
 *
 * Spec. Problem: choose programs maximising P(match) under a budget. Because every program's
 * odds move with the same shared strength term, the order of programs by interview odds is the
 * same for every value of that term, so the best list of n programs is the top n by odds and the
 * whole P(match)-vs-n curve comes from one incremental pass (see match-probability.ts). Steps:
 * (1) odds for every program of the specialty; drop visa mismatches; order the preferred
 * geography first at equal odds; (2) the guides' count (A1) as the list's floor, at this standing
 * or a weaker one (guide-count.ts), shared with an alternative-pathway list (e.g. IR via DR) in the
 * guide's proportions; (3) the budget: enough main programs for every signal first, then the
 * supplemental PGY-1 list (advanced specialties), then the rest to the main and parallel lists;
 * (4) signals by signalled odds among the programs the budget can reach, never below the
 * essentially-zero line; (5) signalled programs first, then by odds; compute the curve; the count
 * is the larger of the optimiser's stop (one more program adds less than the threshold), the
 * guides' floor and the signalled programs, unless the budget or the catalog stops it first
 * (list-count.ts names which); (6) tiers from the odds each row shows (tiers.ts).
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
}

export interface PlannedProgram {
  id: string;
  name: string;
  institution: string | null;
  city: string | null;
  state: string | null;
  division: string | null;
  specialty: string;
  track: string | null;
  tier: ProgramTier;
  pInterview: { estimate: number; low: number; high: number };
  signal: "gold" | "silver" | null;
  visa: Program["visa"];
  basis: string;
  sources: string[];
}

export interface SupplementalProgram {
  id: string;
  name: string;
  state: string | null;
  specialty: string;
  track: string | null;
  pInterview: null;
  near: string;
  sources: string[];
}

export interface SpecialtyList {
  specialty: string;
  programs: PlannedProgram[];
  costUsd: number;
  pMatch: MatchEstimate | null;
  pAtLeastOneInterview: number;
  marginal: Array<{ n: number; pMatch: number; gain: number }>;
  diminishingReturnsAt: number;
  maxByBudget: number | null;
  candidates: number;
  /** How many programs, from where, and what stopped the list there. */
  count: ListCount;
}

/**
 * Where the model's P(match) for this specialty is known to run low or high: the calibration
 * test's measured gap against NRMP's published match rate (data/model/program-model.yaml).
 */
export interface CalibrationNote {
  direction: "under" | "over";
  /** Predicted minus published, as a fraction (−0.163 = 16.3 points under). */
  difference: number;
  publishedMatchRate: number | null;
  text: string;
  sources: string[];
}

export interface ProgramPlan {
  specialty: string;
  applicantType: string;
  season: number;
  budgetUsd: number | null;
  programs: PlannedProgram[];
  costUsd: number;
  fees: Array<{ specialty: string; programs: number; usd: number }>;
  pMatch: MatchEstimate | null;
  pAtLeastOneInterview: number;
  marginal: Array<{ n: number; pMatch: number; gain: number }>;
  diminishingReturnsAt: number;
  recommendedCount: number;
  /** The main list's count with its source (guides or optimiser) and binding constraint; `comparison` is its text. */
  count: ListCount;
  guideAdvice: { min: number; max: number | null; ruleId: string; sources: string[] } | null;
  comparison: string;
  signals: { scheme: string; gold: number; silver: number } | null;
  /** What reach, target and safety mean, for any surface that shows the tiers. */
  tierLegend: TierLegend;
  supplementalPgy1: SupplementalProgram[];
  parallel: SpecialtyList | null;
  pMatchAny: MatchEstimate | null;
  /** Null where the model meets the calibration tolerance or the specialty is not calibrated. */
  calibration: CalibrationNote | null;
  excluded: Array<{ id: string; name: string; reason: string }>;
  geography: { applied: boolean; kept: number; note: string };
  because: Because[];
}

interface Scored {
  program: Program;
  odds: InterviewOdds;
  signal: "gold" | "silver" | null;
  logit: number;
  /** Added to the log-odds for ordering only: the applicant's preference for the location. */
  preference: number;
}

const CO = "nrmp-charting-outcomes-nonus-img-2026";

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
  const assessed = assessProfile(rb, req.profile, specialty.id, req.asOf);
  if (!assessed.ok) return assessed;
  const a = assessed.value;
  const model = data.model;
  const because: Because[] = [];
  const season = a.cycle.matchYear;
  const schedule = scheduleFor(data.fees, season);
  because.push({
    ruleId: "fees",
    value: { season: schedule.season, tiers: schedule.perSpecialtyTiers },
    sources: schedule.sources,
    ...(schedule.season === season
      ? {}
      : { note: `the ${season} fees are not published; the ${schedule.season} schedule is used` }),
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
  const supplementalSpecialties = [...rb.specialties.values()].filter((s) =>
    s.supplementalFor?.includes(specialty.id),
  );
  const wantsSupplemental = specialty.positions.value === "advanced" && supplementalSpecialties.length > 0;
  let supplementalCount = wantsSupplemental ? model.lists.supplementalPgy1Count.value : 0;

  const ctxFor = (sp: Specialty) => oddsContext(rb, data, sp, req.profile);
  const shift = (sp: Specialty) => applicantShift(rb, model, req.profile, sp, req.asOf);
  const mainShift = shift(specialty);
  because.push(...mainShift.because);

  const excluded: ProgramPlan["excluded"] = [];
  const score = (sp: Specialty): { scored: Scored[]; geography: ProgramPlan["geography"] } => {
    const ctx = ctxFor(sp);
    const sh = sp.id === specialty.id ? mainShift : shift(sp);
    const all: Scored[] = [];
    for (const p of data.bySpecialty.get(sp.id) ?? []) {
      const odds = estimateInterviewOdds(p, sh, ctx, model);
      if (odds.excluded) excluded.push({ id: p.id, name: p.name, reason: odds.excluded });
      else all.push({ program: p, odds, signal: null, logit: odds.logit, preference: 0 });
    }
    return applyPreferences(all, req, Math.log(model.preferences.orderingOddsRatio.value));
  };

  const main = score(specialty);
  const parallel = parallelId ? score(rb.specialties.get(parallelId) as Specialty) : null;

  // Budgets, in order: first enough main programs to place every signal (a signal needs an
  // application, and a supplemental list without a main list is no application at all); then the
  // supplemental PGY-1 list, since an advanced match cannot start without a PGY-1 year; then the
  // rest to the main list (and a parallel list, in its share).
  const scheme = specialty.signals.value;
  const signalTotal = scheme ? signalCounts(scheme).gold + signalCounts(scheme).silver : 0;
  const firstMain = Math.min(main.scored.length, Math.max(1, signalTotal));
  const firstFee = specialtyFee(schedule, firstMain);
  const supplementalFeeFor = (n: number) =>
    supplementalCostEstimate(schedule, n, supplementalSpecialties.length);
  while (
    budget !== null &&
    supplementalCount > 0 &&
    supplementalFeeFor(supplementalCount) > budget - firstFee
  )
    supplementalCount--;
  const supplementalFee = wantsSupplemental ? supplementalFeeFor(supplementalCount) : 0;
  const rest = budget === null ? null : Math.max(0, budget - supplementalFee);
  const mainBudget = rest === null ? null : rest * mainShare;
  const parallelBudget = rest === null || !parallel ? null : rest - (mainBudget ?? 0);
  const maxMain = mainBudget === null ? null : maxProgramsWithin(schedule, mainBudget);
  const maxParallel = parallelBudget === null ? null : maxProgramsWithin(schedule, parallelBudget);

  // ── signals, over the programs the budget can reach, shared across lists when the scheme is shared ──
  if (req.signals !== "none" && scheme) {
    const reach = (list: Scored[], max: number | null) =>
      [...list].sort(byLogit).slice(0, max ?? list.length);
    const sharesSignals =
      parallel !== null && parallelId !== null && signalsShared(rb, specialty.id, parallelId);
    const pool = [
      ...reach(main.scored, maxMain),
      ...(sharesSignals && parallel ? reach(parallel.scored, maxParallel) : []),
    ];
    const chosen = spendSignals(
      scheme,
      model.signals.minimumSignalledOdds.value,
      pool.map((s) => ({ id: s.program.id, odds: s.odds })),
    );
    for (const s of pool) {
      const tier = chosen.get(s.program.id);
      if (tier && s.odds.signalledLogit) {
        s.signal = tier;
        s.logit = s.odds.signalledLogit[tier];
      }
    }
    because.push({
      ruleId: "A4",
      value: {
        gold: [...chosen.values()].filter((t) => t === "gold").length,
        silver: [...chosen.values()].filter((t) => t === "silver").length,
        scheme,
      },
      sources: [...specialty.signals.sources, ...model.signals.minimumSignalledOdds.sources],
      note: model.signals.minimumSignalledOdds.assumption,
    });
  }

  const listArgs = (sp: Specialty, listBudget: number | null, listFloor: number, extraUsd: number) => ({
    guides: guides as GuideCount | null,
    floor: listFloor,
    budgetUsd: listBudget,
    totalBudgetUsd: budget,
    supplementalUsd: extraUsd,
    specialtyName: sp.name,
    noPgy1Left: sp.id === specialty.id && wantsSupplemental && supplementalCount === 0,
  });
  const mainList = buildList(
    rb,
    data,
    specialty,
    main.scored,
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
          parallel.scored,
          maxParallel,
          schedule,
          pathwayParallel
            ? listArgs(parallelSpecialty, parallelBudget, parallelFloor, 0)
            : { ...listArgs(parallelSpecialty, parallelBudget, 0, 0), guides: null },
        )
      : null;

  // P(match) in either list, under the same strength draws.
  let pMatchAny: MatchEstimate | null = null;
  if (parallelList && mainList.perDraw && parallelList.perDraw) {
    pMatchAny = combinePerDraw([mainList.perDraw, parallelList.perDraw], model.match.rangeQuantiles.value);
  }

  const supplementalPgy1 = wantsSupplemental
    ? chooseSupplemental(
        data,
        supplementalSpecialties,
        mainList.list.programs,
        supplementalCount,
        req.profile,
      )
    : [];
  const fees = [
    { specialty: specialty.id, programs: mainList.list.programs.length, usd: mainList.list.costUsd },
  ];
  if (parallelList)
    fees.push({
      specialty: parallelList.list.specialty,
      programs: parallelList.list.programs.length,
      usd: parallelList.list.costUsd,
    });
  for (const sp of supplementalSpecialties) {
    const n = supplementalPgy1.filter((s) => s.specialty === sp.id).length;
    if (n > 0) fees.push({ specialty: sp.id, programs: n, usd: specialtyFee(schedule, n) });
  }
  const costUsd = roundCents(fees.reduce((s, f) => s + f.usd, 0));

  const advice = guides.own
    ? { min: guides.own.min, max: guides.own.max, ruleId: guides.own.ruleId, sources: guides.own.sources }
    : null;
  const n = mainList.list.programs.length;
  const count = mainList.list.count;
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
    pMatch: mainList.list.pMatch,
    pAtLeastOneInterview: mainList.list.pAtLeastOneInterview,
    marginal: mainList.list.marginal,
    diminishingReturnsAt: mainList.list.diminishingReturnsAt,
    recommendedCount: n,
    count,
    guideAdvice: advice,
    comparison,
    signals: scheme
      ? {
          scheme: scheme.scheme,
          gold:
            mainList.list.programs.filter((p) => p.signal === "gold").length +
            (parallelList?.list.programs.filter((p) => p.signal === "gold").length ?? 0),
          silver:
            mainList.list.programs.filter((p) => p.signal === "silver").length +
            (parallelList?.list.programs.filter((p) => p.signal === "silver").length ?? 0),
        }
      : null,
    tierLegend: tierLegend(model),
    supplementalPgy1,
    parallel: parallelList?.list ?? null,
    pMatchAny,
    calibration: calibrationNote(rb, model, specialty),
    excluded,
    geography: main.geography,
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
        note: model.match.strengthSd.assumption,
      },
    ],
  });
}

function calibrationNote(rb: Rulebook, model: ProgramModel, sp: Specialty): CalibrationNote | null {
  const miss = model.calibration.knownMisses[sp.id];
  if (!miss) return null;
  const published = rb.chartingOutcomes.specialties[sp.id]?.matchRate ?? null;
  const points = Math.abs(miss.difference * PERCENT).toFixed(0);
  const side = miss.direction === "under" ? "below" : "above";
  const rate = published === null ? "" : ` (${pct(published)})`;
  return {
    direction: miss.direction,
    difference: miss.difference,
    publishedMatchRate: published,
    text: `Checked against NRMP Charting Outcomes 2026: for a cohort of typical non-US IMG applicants to ${sp.name}, this model's mean P(match) came out about ${points} points ${side} the published match rate of those who ranked it first${rate}. Read P(match) in this specialty as a ${miss.direction === "under" ? "floor" : "ceiling"}. Why: ${miss.reason}`,
    sources: model.calibration.sources,
  };
}

/** Whether two specialties draw on one pool of signals (e.g. DR and IR). */
function signalsShared(rb: Rulebook, a: string, b: string): boolean {
  const shared = (x: string, y: string) => {
    const v = rb.specialties.get(x)?.signals.value;
    return v?.scheme === "gold-silver" && v.sharedWith === y;
  };
  return shared(a, b) || shared(b, a);
}

const byLogit = (a: Scored, b: Scored) =>
  b.logit + b.preference - (a.logit + a.preference) || compareIds(a.program.id, b.program.id);

/** Marks programs in the preferred states, regions or tie states; they are ordered ahead of equal odds elsewhere. */
function applyPreferences(
  all: Scored[],
  req: PlanRequest,
  bonus: number,
): { scored: Scored[]; geography: ProgramPlan["geography"] } {
  const states = new Set([...(req.profile.preferences?.states ?? []), ...(req.profile.ties?.states ?? [])]);
  const regions = new Set(req.profile.preferences?.regions ?? []);
  if (req.anywhere || (states.size === 0 && regions.size === 0)) {
    const note = req.anywhere ? "preferences ignored on request" : "no preferred states or regions given";
    return { scored: all, geography: { applied: false, kept: 0, note } };
  }
  let preferred = 0;
  for (const s of all) {
    const inState = s.program.state !== null && states.has(s.program.state);
    const inRegion = s.program.division !== null && regions.has(s.program.division);
    if (inState || inRegion) {
      s.preference = bonus;
      preferred++;
    }
  }
  const note = `${preferred} of ${all.length} programs lie in the preferred states, regions or tie states and are ordered first at equal odds`;
  return { scored: all, geography: { applied: true, kept: preferred, note } };
}

function buildList(
  rb: Rulebook,
  data: ProgramData,
  sp: Specialty,
  scored: Scored[],
  maxByBudget: number | null,
  schedule: ReturnType<typeof scheduleFor>,
  c: {
    guides: GuideCount | null;
    floor: number;
    budgetUsd: number | null;
    totalBudgetUsd: number | null;
    supplementalUsd: number;
    specialtyName: string;
    noPgy1Left: boolean;
  },
): { list: SpecialtyList; perDraw: Float64Array | null } | null {
  const model = data.model;
  const curve = curveFor(rb, model, sp.id);
  if (!curve) return null;
  // Signalled programs first: a signal is only spent with an application, so they are always on the list.
  const ordered = [...scored].sort(
    (x, y) => Number(y.signal !== null) - Number(x.signal !== null) || byLogit(x, y),
  );
  const signalled = ordered.filter((s) => s.signal !== null).length;
  const limit = Math.min(ordered.length, maxByBudget ?? ordered.length);
  const kernel = kernelOptions(model);
  const full = matchCurveForList(
    ordered.slice(0, limit).map((s) => s.logit),
    curve,
    kernel,
  );
  const threshold = model.match.diminishingReturnsPerProgram.value;
  const gainsOf = (curveMeans: readonly number[]) =>
    curveMeans.map((e, i) => e - (i > 0 ? (curveMeans[i - 1] ?? 0) : 0));
  const ownGains = gainsOf(full.meanByCount);
  const marginal = full.meanByCount.map((e, i) => ({ n: i + 1, pMatch: e, gain: ownGains[i] ?? 0 }));
  // The length is read off the curve of a typical applicant of the same kind (base odds without
  // the applicant's strength, no signals) over the same programs: it does not depend on how strong the
  // applicant is, so a stronger profile never ends up with a shorter list — and a lower P(match) —
  // than a weaker one. The applicant's own odds set P(match), the signals and the tiers.
  const byBase = (x: Scored, y: Scored) =>
    y.odds.baseLogit + y.preference - (x.odds.baseLogit + x.preference) ||
    compareIds(x.program.id, y.program.id);
  const referenceCurve = referenceGains(
    [...scored]
      .sort(byBase)
      .slice(0, limit)
      .map((s) => s.odds.baseLogit),
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
  const programs: PlannedProgram[] = chosen.map((s) => ({
    id: s.program.id,
    name: s.program.name,
    institution: s.program.institution,
    city: s.program.city,
    state: s.program.state,
    division: s.program.division,
    specialty: s.program.specialty,
    track: s.program.track,
    ...listedRow(model.tiers, s.odds, s.signal),
    signal: s.signal,
    visa: s.program.visa,
    basis: s.odds.basis + (s.signal ? `; ${s.signal} signal` : ""),
    sources: [...new Set(s.program.provenance.map((e) => e.source))],
  }));
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
  return {
    list: {
      specialty: sp.id,
      programs,
      costUsd: specialtyFee(schedule, programs.length),
      pMatch: n > 0 ? estimateAt(full, n, kernel.rangeQuantiles) : none,
      pAtLeastOneInterview: n > 0 ? (full.atLeastOneInterview[n - 1] ?? 0) : 0,
      marginal,
      diminishingReturnsAt: ownStop(ownGains, threshold),
      maxByBudget,
      candidates: ordered.length,
      count,
    },
    perDraw: n > 0 ? perDrawAt(full, n, kernel.draws) : new Float64Array(kernel.draws),
  };
}

/** Where the applicant's own curve flattens: after the last program that still adds the threshold. */
function ownStop(gains: readonly number[], threshold: number): number {
  let n = gains.length;
  while (n > 1 && (gains[n - 1] ?? 0) < threshold) n--;
  return n;
}

/** Fees of the supplemental list: split evenly over the PGY-1 tracks, each priced as its own specialty. */
function supplementalCostEstimate(
  schedule: ReturnType<typeof scheduleFor>,
  count: number,
  tracks: number,
): number {
  if (count === 0 || tracks === 0) return 0;
  const per = Math.ceil(count / tracks);
  return specialtyFee(schedule, per) * tracks;
}

/**
 * PGY-1 programs near the chosen advanced programs: same state first, then the same census
 * division, then the rest; within a group, states holding more of the chosen programs first,
 * then id order. Visa mismatches are left out. No interview odds exist for these tracks in the
 * data, so none are given. The tracks are interleaved so the list spans preliminary and
 * transitional programs. Each track is read lazily in that order (nearOrder) and entries are
 * made only for the programs the list takes.
 */
function chooseSupplemental(
  data: ProgramData,
  specialties: Specialty[],
  chosen: PlannedProgram[],
  count: number,
  profile: Profile,
): SupplementalProgram[] {
  if (count <= 0) return [];
  const stateCount = new Map<string, number>();
  for (const c of chosen) if (c.state) stateCount.set(c.state, (stateCount.get(c.state) ?? 0) + 1);
  const divisions = new Set(chosen.map((c) => c.division).filter((d): d is string => d !== null));
  const visaOk = (p: Program) => {
    const v = p.visa;
    if (!v || profile.visa === "none-needed") return true;
    if (profile.visa === "j1") return v.j1 !== false;
    if (profile.visa === "h1b") return v.h1b !== false;
    return v.j1 !== false || v.h1b !== false;
  };
  const queues = specialties.map((sp) => ({
    sp,
    next: nearOrder(data.bySpecialty.get(sp.id) ?? [], stateCount, divisions, visaOk),
  }));
  const out: SupplementalProgram[] = [];
  let open = queues;
  while (out.length < count && open.length > 0) {
    const still: typeof open = [];
    for (const q of open) {
      if (out.length >= count) break;
      const r = q.next.next();
      if (r.done) continue;
      still.push(q);
      out.push({
        id: r.value.p.id,
        name: r.value.p.name,
        state: r.value.p.state,
        specialty: q.sp.id,
        track: r.value.p.track,
        pInterview: null,
        near: r.value.near,
        sources: [...new Set(r.value.p.provenance.map((e) => e.source))],
      });
    }
    open = still;
  }
  return out;
}

/**
 * A track's programs by nearness to the chosen states and divisions, made lazily: each group is
 * gathered (from a per-track index by state and division) only when the list reaches it, so a
 * list filled from the first groups never looks at the rest of the track.
 */
function* nearOrder(
  programs: readonly Program[],
  stateCount: ReadonlyMap<string, number>,
  divisions: ReadonlySet<string>,
  keep: (p: Program) => boolean,
): Generator<{ p: Program; near: string }> {
  const idx = geoIndex(programs);
  const byId = (a: Program, b: Program) => compareIds(a.id, b.id);
  for (const n of [...new Set(stateCount.values())].sort((a, b) => b - a)) {
    const group = [...stateCount]
      .filter(([, c]) => c === n)
      .flatMap(([state]) => idx.byState.get(state) ?? [])
      .sort(byId);
    for (const p of group) if (keep(p)) yield { p, near: `same state as ${n} chosen program(s)` };
  }
  const inChosenState = (p: Program) => p.state !== null && stateCount.has(p.state);
  const sameDivision = [...divisions]
    .flatMap((d) => idx.byDivision.get(d) ?? [])
    .filter((p) => !inChosenState(p))
    .sort(byId);
  for (const p of sameDivision) if (keep(p)) yield { p, near: "same census division as chosen programs" };
  for (const p of programs)
    if (!inChosenState(p) && !(p.division !== null && divisions.has(p.division)) && keep(p))
      yield { p, near: "elsewhere" };
}

/** A track's programs by state and by census division, in the track's order; built once per track. */
function geoIndex(programs: readonly Program[]): {
  byState: Map<string, Program[]>;
  byDivision: Map<string, Program[]>;
} {
  let idx = geoIndexCache.get(programs);
  if (!idx) {
    idx = { byState: new Map(), byDivision: new Map() };
    const add = (map: Map<string, Program[]>, key: string | null, p: Program) => {
      if (key === null) return;
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    };
    for (const p of programs) {
      add(idx.byState, p.state, p);
      add(idx.byDivision, p.division, p);
    }
    geoIndexCache.set(programs, idx);
  }
  return idx;
}

const geoIndexCache = new WeakMap<
  readonly Program[],
  { byState: Map<string, Program[]>; byDivision: Map<string, Program[]> }
>();
