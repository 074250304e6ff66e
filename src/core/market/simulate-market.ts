import { seededRandom } from "../math/seeded-random.ts";
import { pMatchForList } from "../programs/match-probability.ts";
import { APPLICANT_TYPES, type ApplicantType } from "../vocabulary.ts";
import type { MarketTemplate } from "./build-market.ts";
import { applicationsOf, drawSeasonForMatch, type Season, type SeasonApplicant } from "./draw-season.ts";
import { type MatchOutcome, matchCompiledMarket } from "./run-match.ts";

/**
 * Many seasons of one specialty's market, and what they add up to.
 *
 * Spec. For run r = 0 … runs−1: draw a season with seed + r (draw-season.ts), run the Match
 * (run-match.ts) and read off the specialty's fill, who matched by applicant type, the ranks of
 * matched applicants and where on their lists they matched. A season with no stable matching
 * found is counted and its stopped matching (feasible, possibly blocked) is used, as the NRMP
 * must publish a result. For the first `modelRuns` seasons the model's own P(match) of every
 * simulated applicant (its applications, odds and signals through pMatchForList) is summed
 * by type: the matches the per-applicant odds promise, against the matches the market delivers.
 * Results are means over runs with the 10th–90th percentile range. Complexity
 * O(runs · season) plus O(modelRuns · applicants · draws · applications · interviews tracked).
 */
export interface Spread {
  mean: number;
  low: number;
  high: number;
}

export interface RankDistribution {
  /** Applicants counted (pooled over runs). */
  n: number;
  mean: number;
  q1: number;
  median: number;
  q3: number;
}

export interface MarketSummary {
  specialty: string;
  year: number;
  runs: number;
  seed: number;
  positions: number;
  pgy1Positions: number;
  programs: number;
  applicants: Record<ApplicantType, number>;
  couples: number;
  /** Seasons where no stable matching was found (their stopped matchings are counted). */
  noStableMatching: number;
  fillRate: Spread;
  unfilled: Spread;
  matchRate: Record<ApplicantType, Spread>;
  /** Share of the specialty's filled positions taken by each applicant type. */
  filledShares: Record<ApplicantType, number>;
  /** Ranks (programs of the specialty on the list) of matched applicants, by type. */
  ranksOfMatched: Record<ApplicantType, RankDistribution>;
  /** Where on their primary list matched applicants matched: shares of 1st, 2nd, 3rd, 4th or lower. */
  choice: { first: number; second: number; third: number; fourthOrLower: number };
  /** Of applicants matched to an advanced program, the share who also matched a PGY-1 position. */
  pgy1WithAdvanced: number | null;
  /** The model's P(match) summed over simulated applicants against the simulated matches, by type. */
  model: {
    runs: number;
    byType: Record<ApplicantType, { expected: number; simulated: number; applicants: number }>;
  } | null;
  /** The sources the market was built from (data/sources.yaml ids). */
  sources: string[];
}

export interface SimulationOptions {
  runs: number;
  seed: number;
  /** Seasons on which the model's own P(match) is summed (default 1; 0 = none). */
  modelRuns?: number;
  couples?: boolean;
  /** Called after every run, for a progress bar. */
  onRun?: (done: number, total: number) => void;
}

const quantile = (sorted: ArrayLike<number>, q: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number);

function spread(xs: readonly number[]): Spread {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    mean: xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length),
    low: quantile(sorted, 0.1),
    high: quantile(sorted, 0.9),
  };
}

/**
 * Ranks (whole numbers) pooled over every run as counts per value: a thousand seasons pool about a
 * million ranks, which as one growing list were copied at every collection of young objects.
 * The sum of whole numbers is exact, so the mean is the one the pooled list gave.
 */
function distribution(counts: readonly number[]): RankDistribution {
  let n = 0;
  let sum = 0;
  for (let v = 0; v < counts.length; v++) {
    n += counts[v] as number;
    sum += v * (counts[v] as number);
  }
  /** The value at place i of the pooled ranks in ascending order. */
  const at = (i: number): number => {
    let seen = 0;
    for (let v = 0; v < counts.length; v++) {
      seen += counts[v] as number;
      if (seen > i) return v;
    }
    return 0;
  };
  const quantileOf = (q: number) => (n === 0 ? 0 : at(Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))));
  return {
    n,
    mean: sum / Math.max(1, n),
    q1: quantileOf(0.25),
    median: quantileOf(0.5),
    q3: quantileOf(0.75),
  };
}

/** Each applicant type's place in APPLICANT_TYPES. */
const TYPE_NUMBER = new Map<ApplicantType, number>(APPLICANT_TYPES.map((type, i) => [type, i]));

const byType = <T>(f: (t: ApplicantType) => T): Record<ApplicantType, T> =>
  Object.fromEntries(APPLICANT_TYPES.map((t) => [t, f(t)])) as Record<ApplicantType, T>;

/** The model's P(match) for one simulated applicant: its applications, odds and signals, integrated over strength. */
export function modelPMatch(t: MarketTemplate, season: Season, a: number): number {
  const type = season.applicants[a]?.type;
  const curve = type ? t.curves[type] : null;
  if (!curve) return 0;
  const { logits } = applicationsOf(season, a);
  return logits.length === 0 ? 0 : pMatchForList(logits, curve, t.kernel);
}

/**
 * Runs one season and returns it with the Match's outcome (the stopped matching where none was
 * found) and its number of couples.
 */
export function simulateSeason(
  t: MarketTemplate,
  seed: number,
  couples = true,
): { season: Season; outcome: MatchOutcome; stable: boolean; couples: number } {
  // The season is built from the template's own indices, so it is always valid input
  // (draw-season.test.ts), and compiled straight from the draw (compile-season.ts).
  const { season, market } = drawSeasonForMatch(t, seededRandom(seed), { couples });
  const run = matchCompiledMarket(market);
  const n = market.nApplicants - market.nParticipants;
  return run.status === "stable"
    ? { season, outcome: run.outcome, stable: true, couples: n }
    : { season, outcome: run.stopped, stable: false, couples: n };
}

/** The specialty's own programs (not the PGY-1-only tracks it shares) and their positions: what its fill is counted over. */
export function specialtySeats(t: MarketTemplate): { programs: number[]; positions: number } {
  const programs = t.programs.flatMap((p, i) => (p.unit >= 0 ? [i] : []));
  return { programs, positions: programs.reduce((s, i) => s + (t.programs[i]?.positions ?? 0), 0) };
}

/** Positions of those programs one Match filled. */
export function filledSeats(outcome: MatchOutcome, programs: readonly number[]): number {
  let filled = 0;
  for (const i of programs) filled += outcome.filled[i] as number;
  return filled;
}

/** What the seasons run so far add up to. */
class Tally {
  readonly fill: number[] = [];
  readonly unfilled: number[] = [];
  readonly rate = byType(() => [] as number[]);
  readonly filledBy = byType(() => 0);
  /** Ranks of matched applicants by type, as counts per number of ranks (distribution). */
  readonly ranks = byType(() => [] as number[]);
  readonly choice = [0, 0, 0, 0];
  advancedMatched = 0;
  withPgy1 = 0;
  none = 0;
  couples = 0;
  readonly model = byType(() => ({ expected: 0, simulated: 0, applicants: 0 }));
  /** Per season, by type number in typed arrays: a thousand seasons of 1,400 applicants each. */
  readonly applied = new Int32Array(APPLICANT_TYPES.length);
  readonly matched = new Int32Array(APPLICANT_TYPES.length);
  readonly ranksByType: number[][];
  readonly specialtyPrograms: number[];
  readonly positions: number;
  readonly advancedProgram: Uint8Array;

  constructor(readonly t: MarketTemplate) {
    this.ranksByType = APPLICANT_TYPES.map((type) => this.ranks[type]);
    const seats = specialtySeats(t);
    this.specialtyPrograms = seats.programs;
    this.positions = seats.positions;
    this.advancedProgram = Uint8Array.from(t.programs, (p) => (p.advanced ? 1 : 0));
  }
}

/**
 * Runs season r and adds it to the tally. A function of its own, so that the season is garbage
 * as soon as it has been counted: held by the caller's loop, the last season stayed reachable
 * while the next one was drawn, and every collection of young objects copied both.
 */
function runSeason(s: Tally, r: number, seed: number, couples: boolean, modelRuns: number): void {
  const { season, outcome, stable, couples: pairs } = simulateSeason(s.t, seed + r, couples);
  if (!stable) s.none++;
  s.couples = pairs;
  const { positions, specialtyPrograms, applied, matched, ranksByType, advancedProgram, choice } = s;
  const filled = filledSeats(outcome, specialtyPrograms);
  s.fill.push(positions > 0 ? filled / positions : 0);
  s.unfilled.push(positions - filled);
  applied.fill(0);
  matched.fill(0);
  const xs = season.applicants;
  for (let a = 0; a < xs.length; a++) {
    const x = xs[a] as SeasonApplicant;
    const ti = TYPE_NUMBER.get(x.type) as number;
    applied[ti] = (applied[ti] as number) + 1;
    const p = outcome.program[a] as number;
    if (p < 0) continue;
    matched[ti] = (matched[ti] as number) + 1;
    const counts = ranksByType[ti] as number[];
    while (counts.length <= x.ranks) counts.push(0);
    counts[x.ranks] = (counts[x.ranks] as number) + 1;
    const c = outcome.choice[a] as number;
    choice[Math.min(3, c - 1)] = (choice[Math.min(3, c - 1)] as number) + 1;
    if (advancedProgram[p]) {
      s.advancedMatched++;
      if ((outcome.supplemental[a] as number) >= 0) s.withPgy1++;
    }
  }
  for (let ti = 0; ti < APPLICANT_TYPES.length; ti++) {
    const type = APPLICANT_TYPES[ti] as ApplicantType;
    const m = matched[ti] as number;
    s.filledBy[type] += m;
    if (r < modelRuns) s.model[type].simulated += m;
    if ((applied[ti] as number) > 0) s.rate[type].push(m / (applied[ti] as number));
  }
  if (r < modelRuns)
    for (let a = 0; a < xs.length; a++) {
      const x = xs[a] as SeasonApplicant;
      s.model[x.type].expected += modelPMatch(s.t, season, a);
      s.model[x.type].applicants++;
    }
}

export function simulateMarket(t: MarketTemplate, options: SimulationOptions): MarketSummary {
  const { runs, seed } = options;
  const modelRuns = Math.min(runs, options.modelRuns ?? 1);
  const tally = new Tally(t);
  for (let r = 0; r < runs; r++) {
    runSeason(tally, r, seed, options.couples ?? true, modelRuns);
    options.onRun?.(r + 1, runs);
  }
  const { specialtyPrograms, positions, fill, unfilled, rate, filledBy, ranks, choice, model } = tally;
  const { advancedMatched, withPgy1, none, couples } = tally;

  const totalFilled = APPLICANT_TYPES.reduce((s, type) => s + filledBy[type], 0);
  const totalChoice = choice.reduce((s, x) => s + x, 0);
  return {
    specialty: t.specialty,
    year: t.year,
    runs,
    seed,
    positions,
    pgy1Positions: [...t.pgy1].reduce((s, i) => s + (t.programs[i]?.positions ?? 0), 0),
    programs: specialtyPrograms.length,
    applicants: t.applicants,
    couples,
    noStableMatching: none,
    fillRate: spread(fill),
    unfilled: spread(unfilled),
    matchRate: byType((type) => spread(rate[type])),
    filledShares: byType((type) => (totalFilled > 0 ? filledBy[type] / totalFilled : 0)),
    ranksOfMatched: byType((type) => distribution(ranks[type])),
    choice: {
      first: (choice[0] as number) / Math.max(1, totalChoice),
      second: (choice[1] as number) / Math.max(1, totalChoice),
      third: (choice[2] as number) / Math.max(1, totalChoice),
      fourthOrLower: (choice[3] as number) / Math.max(1, totalChoice),
    },
    pgy1WithAdvanced: advancedMatched > 0 ? withPgy1 / advancedMatched : null,
    model:
      modelRuns > 0 && Object.values(t.curves).some((c) => c !== null)
        ? { runs: modelRuns, byType: model }
        : null,
    sources: [...new Set(t.sources)],
  };
}
