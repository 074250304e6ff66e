import { permutation, type Random } from "../math/seeded-random.ts";
import { APPLICANT_TYPES, type ApplicantType } from "../vocabulary.ts";
import type { ApplicantClass, MarketProgram, MarketTemplate } from "./build-market.ts";
import type { CompiledMarket } from "./compile-market.ts";
import { CompilePool, compileSeason } from "./compile-season.ts";
import type {
  CouplePair,
  MatchApplicant,
  MatchCouple,
  MatchInput,
  MatchProgram,
  SupplementalList,
} from "./match-input.ts";

/**
 * One season of a specialty's market: who applies where, who interviews where, and every rank
 * order list, drawn from MatchPlan's own odds model (data/model/market-model.yaml states each
 * assumption).
 *
 * Spec. Applicants in random order (the first ones are paired as couples), each with a Step 2 CK
 * score from the published distribution of its type (build-market.ts); then, applicant by
 * applicant in order of class (type, then score: distributed as in any order, with each class's
 * odds read while they are in the cache): a shared strength term u ~ N(0, strengthSd²), the model's own
 * correlation between programs; applications to `applicationsEach` units picked at random among
 * those the model leaves open; signals spent as allocateSignals would, best signalled odds first;
 * an interview at each unit with probability logistic(logit + u), the model's kernel drawn rather
 * than integrated. Each interview is kept as a rank with probability ρ, the ranks per interview
 * the model's own P(match | k interviews) is read at (market-model.yaml ranks.kept; an interview
 * not kept is on neither side's list), so ranks are contiguous ranks as Charting Outcomes counts
 * them; applicants order them by shared appeal plus private taste, each unit's categorical track
 * before its advanced one. An applicant with an advanced program ranked applies to PGY-1 programs at odds
 * equal to its mean odds in the specialty and links one supplemental list, ordered by private
 * taste, to all its advanced programs. Programs rank everyone who ranked them by the log-odds
 * with which they invited them plus noise of the model's strength spread. A share of applicants,
 * paired at random, match as couples. Complexity O(applicants · applications + interviews · log).
 * Flat typed arrays throughout: a season is drawn a thousand times in a benchmark run. For the
 * same reason the work is split into module functions, each small enough to be compiled with the
 * random draws inlined, and none made anew per season (the engine keeps compiled code only while
 * a closure made at its place lives); lists are copied out of reused buffers at their length; and
 * a class's signalled odds are read in the order signals are spent. Not done, because it would
 * change seeded seasons: a sort other than the engine's for a couple's pairs (see pairList).
 */
export interface SeasonApplicant {
  type: ApplicantType;
  score: number | null;
  cls: ApplicantClass;
  u: number;
  /** Where the applicant's applications sit in the season's `appliedUnits` / `appliedLogits`. */
  appliedFrom: number;
  appliedCount: number;
  /** Units that interviewed the applicant (ranked or not). */
  interviews: number;
  /** Programs of the specialty on the applicant's primary list (for a partner, on its side). */
  ranks: number;
  partner: number;
}

export interface Season {
  /** The season as the Match's input (built when first read). */
  readonly input: MatchInput;
  applicants: SeasonApplicant[];
  /** Every application: the unit, and the model's interview log-odds there with any signal spent. */
  appliedUnits: Int32Array;
  appliedLogits: Float64Array;
}

/** One applicant's applications: units and the model's log-odds (views, not copies). */
export function applicationsOf(season: Season, a: number): { units: Int32Array; logits: Float64Array } {
  const x = season.applicants[a] as SeasonApplicant;
  const end = x.appliedFrom + x.appliedCount;
  return {
    units: season.appliedUnits.subarray(x.appliedFrom, end),
    logits: season.appliedLogits.subarray(x.appliedFrom, end),
  };
}

export interface SeasonOptions {
  /** Draw couples at the template's share (default true). */
  couples?: boolean;
  /** One more applicant of this class, appended last, always single (an applicant's own outlook). */
  focal?: ApplicantClass;
}

/** The signal spent on an application, kept per application: none, gold, silver. */
const NONE = 0;
const GOLD = 1;
const SILVER = 2;

/** The model's interview log-odds of the class at the unit with the signal tier spent there. */
function logitOf(cls: ApplicantClass, unit: number, tier: number): number {
  return (tier === NONE ? cls.logits[unit] : cls.signalledLogits[2 * unit + tier - 1]) as number;
}

/** Every application's log-odds, in the season's application order. */
function appliedLogitsOf(
  applicants: readonly SeasonApplicant[],
  appliedUnits: Int32Array,
  appliedTier: Uint8Array,
): Float64Array {
  const out = new Float64Array(appliedUnits.length);
  for (const x of applicants)
    for (let i = x.appliedFrom; i < x.appliedFrom + x.appliedCount; i++)
      out[i] = logitOf(x.cls, appliedUnits[i] as number, appliedTier[i] as number);
  return out;
}

/** Each applicant type's place in APPLICANT_TYPES, for per-type arrays. */
const TYPE_INDEX = Object.fromEntries(APPLICANT_TYPES.map((type, i) => [type, i])) as Record<
  ApplicantType,
  number
>;

const NO_PREFS = new Float64Array(0);
/** Shared by every applicant with no PGY-1 interviews (read only: only its length is looked at). */
const NO_PGY1: readonly number[] = Object.freeze([]);
/** Shared by the partners of couples, whose ranks are in their couple's pairs (read only). */
const NO_RANKS: readonly number[] = [];

/** Applicant ids ("a0", "a1", …), made once and shared by every season. */
const ids: string[] = [];
const idOf = (a: number): string => {
  while (ids.length <= a) ids.push(`a${ids.length}`);
  return ids[a] as string;
};

/** Sorts idx[from … to) by key, highest first (insertion sort: the slices are a few dozen long). */
function sortDescending(idx: Int32Array, key: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const x = idx[i] as number;
    const kx = key[x] as number;
    let j = i - 1;
    while (j >= from && (key[idx[j] as number] as number) < kx) {
      idx[j + 1] = idx[j] as number;
      j--;
    }
    idx[j + 1] = x;
  }
}

/**
 * Sorts idx[from … to) by key, highest first, equal keys keeping their order: insertion sort on
 * short runs, then merges through `tmp`. Being stable, it gives exactly what Array.prototype.sort
 * (stable) gives with the comparator (x, y) => key[y] − key[x], without a boxed array and a
 * callback per comparison.
 */
function stableSortDescending(
  idx: Int32Array,
  key: Float64Array,
  from: number,
  to: number,
  tmp: Int32Array,
): void {
  const n = to - from;
  if (n <= RUN) {
    sortDescending(idx, key, from, to);
    return;
  }
  for (let lo = from; lo < to; lo += RUN) sortDescending(idx, key, lo, Math.min(lo + RUN, to));
  let src = idx;
  let dst = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = from; lo < to; lo += 2 * width) {
      const mid = Math.min(lo + width, to);
      const hi = Math.min(lo + 2 * width, to);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        // The right element goes first only if strictly better: ties keep their order.
        if ((key[src[j] as number] as number) > (key[src[i] as number] as number))
          dst[o++] = src[j++] as number;
        else dst[o++] = src[i++] as number;
      }
      while (i < mid) dst[o++] = src[i++] as number;
      while (j < hi) dst[o++] = src[j++] as number;
    }
    const x = src;
    src = dst;
    dst = x;
  }
  if (src !== idx) idx.set(src.subarray(from, to), from);
}

/** Run length below which insertion sort beats merging (an engineering constant). */
const RUN = 16;

/**
 * What every season of a template shares, built once per template: the units' tracks (CSR),
 * their appeal, which programs are advanced, and each program's census division as a number.
 * Kept by template object: a template is not changed once buildMarket has returned it (a copy
 * with other applicant counts, as the benchmark makes, is a new object and gets its own).
 */
interface TemplateStatics {
  unitStart: Int32Array;
  unitProgram: Int32Array;
  appeal: Float64Array;
  advanced: Uint8Array;
  /** Census division id per program, −1 where the catalog has none. */
  division: Int32Array;
  /** Per program: positions and unit (−1 for a PGY-1-only program). */
  positions: Int32Array;
  unitOf: Int32Array;
}

const staticsOf = new WeakMap<MarketTemplate, TemplateStatics>();

function templateStatics(t: MarketTemplate): TemplateStatics {
  const hit = staticsOf.get(t);
  if (hit) return hit;
  const nU = t.units.length;
  const unitStart = new Int32Array(nU + 1);
  for (let u = 0; u < nU; u++)
    unitStart[u + 1] = (unitStart[u] as number) + (t.units[u]?.programs.length ?? 0);
  const unitProgram = new Int32Array(unitStart[nU] as number);
  t.units.forEach((u, i) => {
    unitProgram.set(u.programs, unitStart[i] as number);
  });
  const divisions = new Map<string, number>();
  const division = Int32Array.from(t.programs, (p) => {
    if (!p.division) return -1;
    let d = divisions.get(p.division);
    if (d === undefined) {
      d = divisions.size;
      divisions.set(p.division, d);
    }
    return d;
  });
  const s: TemplateStatics = {
    unitStart,
    unitProgram,
    appeal: Float64Array.from(t.units, (u) => u.appeal),
    advanced: Uint8Array.from(t.programs, (p) => (p.advanced ? 1 : 0)),
    division,
    positions: Int32Array.from(t.programs, (p) => p.positions),
    unitOf: Int32Array.from(t.programs, (p) => p.unit),
  };
  staticsOf.set(t, s);
  return s;
}

/**
 * Buffers a season's draw works in, kept per template and reused by every season drawn from it
 * (drawing is not re-entrant: JavaScript runs one season at a time). Nothing here is returned.
 */
interface Workspace {
  scratch: Int32Array;
  /** The open units `scratch` holds, in some order (drawApplications); null at a season's start. */
  scratchHolds: Int32Array | null;
  /** Per unit: the applicant that applied there (its number; −2 − it once signalled), and where among its applications. */
  tierStamp: Int32Array;
  tierPos: Int32Array;
  /** At a unit the current applicant signalled: l with its signal (spendSignals). */
  tierLogit: Float64Array;
  pgy1Scratch: Int32Array;
  gotUnit: Int32Array;
  gotPref: Float64Array;
  gotL: Float64Array;
  gotIdx: Int32Array;
  /** e^−l at each of the current applicant's applications, with any signal spent there. */
  appEn: Float64Array;
  pgy1Pick: Int32Array;
  pgy1PickPref: Float64Array;
  pgy1PickIdx: Int32Array;
  /** Interviews as flat records: (unit, or nU + PGY-1 program), applicant, the program's view of them. */
  recWhere: Int32Array;
  recWho: Int32Array;
  recView: Float64Array;
  byWhere: Int32Array;
  sortTmp: Int32Array;
  /** Each record's place on its program's rank list (sortRecords). */
  recRank: Int32Array;
  /** Per applicant: the first primary interview record, and where its PGY-1 records are listed in pgy1Record. */
  primaryRecord: Int32Array;
  pgy1From: Int32Array;
  pgy1Record: Int32Array;
  /** The applicants in the order they are drawn (drawApplicants), with their negated class keys and a sort buffer. */
  byClass: Int32Array;
  negatedKey: Float64Array;
  byClassTmp: Int32Array;
  /** Where the compiled season lives until the next one (drawSeasonForMatch). */
  compiled: CompilePool;
  /** Growing buffer for one primary list at a time, copied out at its length. */
  listBuf: number[];
  /** A couple member's preference for each program of the primary list being built, beside listBuf. */
  prefBuf: number[];
}

const workspaces = new WeakMap<MarketTemplate, Workspace>();

function workspaceFor(t: MarketTemplate, nA: number, nRec: number): Workspace {
  let ws = workspaces.get(t);
  const nU = t.units.length;
  if (!ws) {
    const m = t.pgy1ApplicationsEach;
    ws = {
      scratch: new Int32Array(nU),
      scratchHolds: null,
      tierStamp: new Int32Array(nU),
      tierPos: new Int32Array(nU),
      tierLogit: new Float64Array(nU),
      pgy1Scratch: new Int32Array(t.pgy1.length),
      gotUnit: new Int32Array(nU),
      gotPref: new Float64Array(nU),
      gotL: new Float64Array(nU),
      gotIdx: new Int32Array(nU),
      appEn: new Float64Array(Math.min(t.applicationsEach, nU)),
      pgy1Pick: new Int32Array(m),
      pgy1PickPref: new Float64Array(m),
      pgy1PickIdx: new Int32Array(m),
      recWhere: new Int32Array(0),
      recWho: new Int32Array(0),
      recView: new Float64Array(0),
      byWhere: new Int32Array(0),
      sortTmp: new Int32Array(0),
      recRank: new Int32Array(0),
      primaryRecord: new Int32Array(0),
      pgy1From: new Int32Array(0),
      pgy1Record: new Int32Array(0),
      byClass: new Int32Array(0),
      negatedKey: new Float64Array(0),
      byClassTmp: new Int32Array(0),
      compiled: new CompilePool(),
      listBuf: [],
      prefBuf: [],
    };
    workspaces.set(t, ws);
  }
  if (ws.recWhere.length < nRec) {
    ws.recWhere = new Int32Array(nRec);
    ws.recWho = new Int32Array(nRec);
    ws.recView = new Float64Array(nRec);
    ws.byWhere = new Int32Array(nRec);
    ws.sortTmp = new Int32Array(nRec);
    ws.recRank = new Int32Array(nRec);
  }
  if (ws.byClass.length < nA) {
    ws.primaryRecord = new Int32Array(nA);
    ws.pgy1From = new Int32Array(nA);
    ws.pgy1Record = new Int32Array(nA * Math.min(t.pgy1ApplicationsEach, t.pgy1.length));
    ws.byClass = new Int32Array(nA);
    ws.negatedKey = new Float64Array(nA);
    ws.byClassTmp = new Int32Array(nA);
  }
  ws.tierStamp.fill(-1);
  ws.scratchHolds = null;
  ws.pgy1Scratch.set(t.pgy1);
  return ws;
}

/** What the applicants' loop hands on: each applicant's lists, and the interview records. */
interface Drawn {
  primary: number[][];
  prefOf: Float64Array[];
  pgy1Lists: (readonly number[])[];
  applicants: SeasonApplicant[];
  appliedUnits: Int32Array;
  appliedTier: Uint8Array;
  nRec: number;
}

/**
 * Everything one season's applicants are drawn into. The applicants' loop calls drawApplicant once
 * per applicant rather than holding the work in its own body: a function called a thousand times a
 * season is compiled whole, with the feedback of every path, where one long loop called once a
 * season ran mostly uncompiled (the engine compiled it mid-loop and threw the code away at the end).
 */
class Draw {
  pool = 0;
  nRec = 0;
  /** PGY-1 records listed so far in pgy1Record. */
  nPgy1Rec = 0;
  /** The last applicant's interviews, and whether it ranked an advanced program. */
  interviews = 0;
  advanced = false;
  readonly nU: number;
  readonly sd: number;
  readonly commonWeight: number;
  readonly appsEach: number;
  readonly signals: { gold: number; silver: number } | null;
  readonly rho: Float64Array;
  readonly nPgy1: number;
  readonly pgy1Each: number;
  readonly appliedUnits: Int32Array;
  readonly appliedTier: Uint8Array;
  readonly primary: number[][];
  readonly prefOf: Float64Array[];
  readonly pgy1Lists: (readonly number[])[];
  readonly applicants: SeasonApplicant[];

  constructor(
    t: MarketTemplate,
    readonly st: TemplateStatics,
    readonly ws: Workspace,
    readonly rng: Random,
    readonly nCouples: number,
    nA: number,
  ) {
    this.nU = t.units.length;
    this.sd = t.strengthSd;
    this.commonWeight = t.commonWeight;
    this.appsEach = t.applicationsEach;
    this.signals = t.signals;
    this.rho = Float64Array.from(APPLICANT_TYPES, (type) => t.ranksPerInterview[type]);
    this.nPgy1 = t.pgy1.length;
    this.pgy1Each = t.pgy1ApplicationsEach;
    this.appliedUnits = new Int32Array(nA * this.appsEach);
    this.appliedTier = new Uint8Array(nA * this.appsEach);
    // Filled by applicant number, in the order applicants are drawn (class by class).
    this.primary = new Array(nA);
    this.prefOf = new Array(nA);
    this.pgy1Lists = new Array(nA);
    this.applicants = new Array(nA);
  }
}

/**
 * Every applicant's applications, interviews and lists, in the order the spec gives (the random
 * numbers are drawn in exactly that order, so a seed always gives the same season).
 */
function drawApplicants(
  t: MarketTemplate,
  st: TemplateStatics,
  ws: Workspace,
  rng: Random,
  classes: readonly ApplicantClass[],
  nCouples: number,
): Drawn {
  const d = new Draw(t, st, ws, rng, nCouples, classes.length);
  // Applicants are drawn class by class (type and score), each class's odds read while they are in
  // the cache; the order of the season (couples first, applicant numbers) is the random one.
  const nA = classes.length;
  // By key, then applicant number: a stable sort, highest first, of the negated keys.
  const { byClass, negatedKey } = ws;
  for (let a = 0; a < nA; a++) {
    byClass[a] = a;
    negatedKey[a] = -(classes[a] as ApplicantClass).key;
  }
  stableSortDescending(byClass, negatedKey, 0, nA, ws.byClassTmp);
  for (let i = 0; i < nA; i++) {
    const a = byClass[i] as number;
    drawApplicant(d, a, classes[a] as ApplicantClass);
  }
  return {
    primary: d.primary,
    prefOf: d.prefOf,
    pgy1Lists: d.pgy1Lists,
    applicants: d.applicants,
    appliedUnits: d.appliedUnits,
    appliedTier: d.appliedTier,
    nRec: d.nRec,
  };
}

/**
 * One applicant: its applications, signals, interviews, ranks and PGY-1 list. Each step is a
 * function of its own, small enough for the engine to compile with the random source's methods
 * inlined into it (one function holding every step outgrew the engine's inlining budget, and each
 * normal draw became a call returning a boxed number). The odds at each application are written
 * as the applications are drawn, and signals overwrite them in place, before the loop that draws
 * the interviews, so that loop holds only the draws.
 */
function drawApplicant(d: Draw, a: number, cls: ApplicantClass): void {
  const u = d.sd * d.rng.gaussian();
  const from = d.pool;
  const k = drawApplications(d, a, cls, from);
  d.pool = from + k;
  const signalled = d.signals !== null && cls.signalled;
  if (signalled) spendSignals(d, a, from, cls, d.signals as { gold: number; silver: number });
  const n = drawInterviews(d, cls, from, k, u);
  const list = rankInterviews(d, a, n, u);
  const pgy1 = d.advanced && d.nPgy1 > 0 && k > 0 ? drawPgy1(d, a, k, u) : NO_PGY1;
  d.pgy1Lists[a] = pgy1;
  d.applicants[a] = {
    type: cls.type,
    score: cls.score,
    cls,
    u,
    appliedFrom: from,
    appliedCount: k,
    interviews: d.interviews,
    ranks: list.length,
    partner: -1,
  };
}

/**
 * Applications: a random subset of the open units (partial Fisher–Yates), written to the season's
 * applications from `from` and stamped with the applicant's number for spendSignals. The draw
 * works in the workspace's `scratch`, which holds the open units in some order: any order gives a
 * uniform subset, so it is refilled only when the class's open units are another set (classes
 * share one array per set, build-market.ts) and at the start of each season, which keeps a season
 * a function of its seed alone.
 */
function drawApplications(d: Draw, a: number, cls: ApplicantClass, from: number): number {
  const { rng, appliedUnits } = d;
  const ws = d.ws;
  const { scratch, tierStamp, tierPos, appEn } = ws;
  const expNeg = cls.expNeg;
  const open = cls.open;
  const nOpen = open.length;
  const k = Math.min(d.appsEach, nOpen);
  if (ws.scratchHolds !== open) {
    scratch.set(open);
    ws.scratchHolds = open;
  }
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(nOpen - i);
    const x = scratch[j] as number;
    scratch[j] = scratch[i] as number;
    scratch[i] = x;
    appliedUnits[from + i] = x;
    appEn[i] = expNeg[x] as number;
    tierStamp[x] = a;
    tierPos[x] = i;
  }
  return k;
}

/**
 * Signals, best signalled odds first among the units applied to (allocateSignals' order): each
 * spent one sets its application's tier (kept in the season: the applied log-odds are read from
 * it when asked for, appliedLogitsOf) and e^−l there in the workspace's `appEn`.
 */
function spendSignals(
  d: Draw,
  a: number,
  from: number,
  cls: ApplicantClass,
  signals: { gold: number; silver: number },
): void {
  spendTier(d, a, from, cls.goldOrder, cls.goldExpNeg, cls.goldLogits, signals.gold, GOLD);
  spendTier(d, a, from, cls.silverOrder, cls.silverExpNeg, cls.silverLogits, signals.silver, SILVER);
}

/** One tier's signals, in `order` (best signalled odds first), on units the applicant applied to. */
function spendTier(
  d: Draw,
  a: number,
  from: number,
  order: Int32Array,
  expNeg: Float64Array,
  logits: Float64Array,
  count: number,
  tier: number,
): void {
  const { appliedTier } = d;
  const { tierStamp, tierPos, tierLogit, appEn } = d.ws;
  let left = count;
  for (let i = 0; i < order.length && left > 0; i++) {
    const unit = order[i] as number;
    if (tierStamp[unit] === a) {
      tierStamp[unit] = -2 - a;
      const at = tierPos[unit] as number;
      appliedTier[from + at] = tier;
      appEn[at] = expNeg[i] as number;
      tierLogit[unit] = logits[i] as number;
      left--;
    }
  }
}

/**
 * Interviews, each with probability logistic(l + u) = 1 / (1 + e^−l e^−u); each kept as a rank
 * with probability ρ, with the applicant's preference for it. Sets d.interviews; returns the
 * number kept (in the workspace's `got…` arrays).
 */
function drawInterviews(d: Draw, cls: ApplicantClass, from: number, k: number, u: number): number {
  const { rng, appliedUnits, appliedTier, commonWeight } = d;
  const appeal = d.st.appeal;
  const { appEn, tierLogit, gotUnit, gotPref, gotL, gotIdx } = d.ws;
  const eu = Math.exp(-u);
  const keep = d.rho[TYPE_INDEX[cls.type] as number] as number;
  let n = 0;
  let interviews = 0;
  for (let i = 0; i < k; i++) {
    if (rng.next() * (1 + (appEn[i] as number) * eu) < 1) {
      interviews++;
      // Ranked with probability ρ (declined, or not ranked); no draw where every interview is ranked.
      if (keep < 1 && rng.next() >= keep) continue;
      const unit = appliedUnits[from + i] as number;
      gotUnit[n] = unit;
      gotPref[n] = commonWeight * (appeal[unit] as number) + rng.gaussian();
      // A signalled unit's log-odds were kept by spendSignals.
      gotL[n] = appliedTier[from + i] === NONE ? (cls.logits[unit] as number) : (tierLogit[unit] as number);
      gotIdx[n] = n;
      n++;
    }
  }
  d.interviews = interviews;
  return n;
}

/**
 * The applicant's primary list, its kept interviews by preference (each unit's categorical track
 * before its advanced one), and each program's view of the applicant as an interview record.
 * Sets d.advanced when an advanced program is on the list.
 */
function rankInterviews(d: Draw, a: number, n: number, u: number): number[] {
  const { rng, sd } = d;
  const { unitStart, unitProgram, advanced: advancedProgram } = d.st;
  const { gotUnit, gotPref, gotL, gotIdx, recWhere, recWho, recView } = d.ws;
  sortDescending(gotIdx, gotPref, 0, n);
  // Built in the workspace's buffer and copied out at its length: a list grown by push holds
  // room for 17 programs, twice what most lists need, and a season allocates 1,400 of them.
  const buf = d.ws.listBuf;
  let len = 0;
  // A couple member's preference for every program on the list, each track of a unit included
  // (pairList pairs the partners' programs by them). Sized by the list, not by the interviews: a
  // unit can offer three tracks, and a preference array of two per interview left the third
  // track's preference undefined, so the couple's pairs were sorted against NaN.
  const couple = a < 2 * d.nCouples;
  const prefBuf = d.ws.prefBuf;
  let advanced = false;
  let r = d.nRec;
  d.ws.primaryRecord[a] = r;
  for (let i = 0; i < n; i++) {
    const g = gotIdx[i] as number;
    const unit = gotUnit[g] as number;
    recWhere[r] = unit;
    recWho[r] = a;
    recView[r] = (gotL[g] as number) + u + sd * rng.gaussian();
    r++;
    for (let j = unitStart[unit] as number; j < (unitStart[unit + 1] as number); j++) {
      const p = unitProgram[j] as number;
      if (couple) {
        if (len < prefBuf.length) prefBuf[len] = gotPref[g] as number;
        else prefBuf.push(gotPref[g] as number);
      }
      if (len < buf.length) buf[len] = p;
      else buf.push(p);
      len++;
      if (advancedProgram[p]) advanced = true;
    }
  }
  const list = buf.slice(0, len);
  d.nRec = r;
  d.advanced = advanced;
  d.primary[a] = list;
  d.prefOf[a] = couple ? Float64Array.from(prefBuf.slice(0, len)) : NO_PREFS;
  return list;
}

/**
 * PGY-1 applications and interviews, for an applicant who ranked an advanced program: at its mean
 * interview odds over its applications in the specialty, each interview a record and a rank on
 * its supplemental list, ordered by private taste.
 */
function drawPgy1(d: Draw, a: number, k: number, u: number): readonly number[] {
  const { rng, sd, nU, nPgy1 } = d;
  const { appEn, pgy1Scratch, pgy1Pick, pgy1PickPref, pgy1PickIdx, recWhere, recWho, recView } = d.ws;
  // The mean interview odds over the applications, summed in application order.
  let oddsSum = 0;
  for (let i = 0; i < k; i++) oddsSum += 1 / (1 + (appEn[i] as number));
  const mean = oddsSum / k;
  const l1 = mean <= 0 ? Number.NEGATIVE_INFINITY : Math.log(mean / (1 - mean));
  const m = Math.min(d.pgy1Each, nPgy1);
  const odds1 = 1 + Math.exp(-l1 - u);
  let got = 0;
  let r = d.nRec;
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(nPgy1 - i);
    const p = pgy1Scratch[j] as number;
    pgy1Scratch[j] = pgy1Scratch[i] as number;
    pgy1Scratch[i] = p;
    if (rng.next() * odds1 < 1) {
      pgy1Pick[got] = p;
      pgy1PickPref[got] = rng.gaussian();
      pgy1PickIdx[got] = got;
      got++;
      recWhere[r] = nU + p;
      recWho[r] = a;
      recView[r] = l1 + u + sd * rng.gaussian();
      r++;
    }
  }
  const first = d.nRec;
  d.nRec = r;
  if (got === 0) return NO_PGY1;
  sortDescending(pgy1PickIdx, pgy1PickPref, 0, got);
  const picked: number[] = new Array(got);
  const { pgy1Record } = d.ws;
  const at = d.nPgy1Rec;
  d.ws.pgy1From[a] = at;
  for (let i = 0; i < got; i++) {
    picked[i] = pgy1Pick[pgy1PickIdx[i] as number] as number;
    pgy1Record[at + i] = first + (pgy1PickIdx[i] as number);
  }
  d.nPgy1Rec = at + got;
  return picked;
}

export function drawSeason(t: MarketTemplate, rng: Random, options: SeasonOptions = {}): Season {
  return drawInto(t, rng, options, null);
}

/**
 * A season and the same season compiled for the Match (what compileMarket gives for its input),
 * built straight from the draw (compile-season.ts) into buffers the template's next season reuses:
 * `market` is valid until the next season is drawn from the template, so run the Match at once.
 */
export function drawSeasonForMatch(
  t: MarketTemplate,
  rng: Random,
  options: SeasonOptions = {},
): { season: Season; market: CompiledMarket } {
  const out: { market: CompiledMarket | null } = { market: null };
  const season = drawInto(t, rng, options, out);
  return { season, market: out.market as CompiledMarket };
}

function drawInto(
  t: MarketTemplate,
  rng: Random,
  options: SeasonOptions,
  compiledOut: { market: CompiledMarket | null } | null,
): Season {
  const types: ApplicantType[] = [];
  for (const type of APPLICANT_TYPES) for (let i = 0; i < t.applicants[type]; i++) types.push(type);
  const perm = permutation(types.length, rng);
  // Each applicant's class, in the random order of the season (a score drawn per applicant in turn).
  const classes: ApplicantClass[] = [];
  for (let i = 0; i < perm.length; i++) {
    const type = types[perm[i] as number] as ApplicantType;
    classes.push(t.classOf(type, t.drawScore(type, rng)));
  }
  if (options.focal) classes.push(options.focal);
  const nA = classes.length;
  const st = templateStatics(t);
  // At most one interview record per application, primary or PGY-1.
  const ws = workspaceFor(t, nA, nA * (t.applicationsEach + t.pgy1ApplicationsEach));
  // Couples are the first applicants of the random order; only their preferences are kept for pairing.
  const nCouples = options.couples === false ? 0 : Math.floor((t.couplesShare * perm.length) / 2);
  const drawn = drawApplicants(t, st, ws, rng, classes, nCouples);
  const couples = pairCouples(st, drawn, nCouples);
  const ranked = sortRecords(t, ws, drawn.nRec);
  if (compiledOut)
    compiledOut.market = compileSeason(
      {
        positions: st.positions,
        advanced: st.advanced,
        unitOf: st.unitOf,
        nCouples,
        primary: drawn.primary,
        primaryRecord: ws.primaryRecord,
        pgy1Lists: drawn.pgy1Lists,
        pgy1From: ws.pgy1From,
        pgy1Record: ws.pgy1Record,
        pairs: couples.map((c) => c.ranks),
        recordRank: ws.recRank,
      },
      ws.compiled,
    );
  return new DrawnSeason(t, st.advanced, drawn, couples, ranked);
}

/**
 * A drawn season: its input and applied log-odds are built only for a reader that asks, from the
 * season's own lists. A class rather than an object literal with getters: the literal's getters
 * were two functions made anew each season, each holding the whole draw, and the season's lists
 * outlived it through young-generation collections until a full one (five seasons drawn and
 * dropped, then three young collections: 2.8 MB moved to the old generation, 1.0–1.3 MB as a
 * class; with the market's engine setting, src/cli/market-job.ts, 0.1–0.3 MB).
 */
class DrawnSeason implements Season {
  readonly applicants: SeasonApplicant[];
  readonly appliedUnits: Int32Array;
  private built: MatchInput | null = null;
  private logits: Float64Array | null = null;

  constructor(
    private readonly t: MarketTemplate,
    private readonly advanced: Uint8Array,
    private readonly drawn: Drawn,
    private readonly couples: MatchCouple[],
    private readonly ranked: RankedRecords,
  ) {
    this.applicants = drawn.applicants;
    this.appliedUnits = drawn.appliedUnits;
  }

  get input(): MatchInput {
    this.built ??= {
      programs: programRanks(this.t, this.ranked),
      applicants: matchApplicantsOf(this.advanced, this.drawn, this.couples),
      couples: this.couples,
    };
    return this.built;
  }

  get appliedLogits(): Float64Array {
    this.logits ??= appliedLogitsOf(this.applicants, this.appliedUnits, this.drawn.appliedTier);
    return this.logits;
  }
}

/*
 * The season's Match input is assembled by the module functions below rather than by closures
 * and callbacks made in drawSeason: the engine keeps a closure's compiled code only while a
 * closure made at that place is alive, and closures made once a season were compiled again after
 * most garbage collections. Every couple's pair and every list of each kind is also built the same
 * way, so the code reading them sees one shape of array.
 */

/** Couples: the first applicants of the random order, paired. */
function pairCouples(st: TemplateStatics, drawn: Drawn, nCouples: number): MatchCouple[] {
  const { applicants, primary, prefOf } = drawn;
  const couples: MatchCouple[] = [];
  for (let c = 0; c < nCouples; c++) {
    const a = 2 * c;
    const b = 2 * c + 1;
    (applicants[a] as SeasonApplicant).partner = b;
    (applicants[b] as SeasonApplicant).partner = a;
    couples.push({
      members: [a, b],
      ranks: pairList(
        st.division,
        primary[a] ?? [],
        prefOf[a] as Float64Array,
        primary[b] ?? [],
        prefOf[b] as Float64Array,
      ),
    });
  }
  return couples;
}

/** Buffers for linking supplemental lists (the season's own: the input may be built after later seasons were drawn). */
interface LinkScratch {
  linkStamp: Int32Array;
  /** Growing buffers for a partner's side and for linked programs, copied out at their length. */
  sideBuf: number[];
  linkBuf: number[];
}

/** Every applicant's Match entry: its primary list (a partner's is in the couple's pairs) and its supplemental list. */
function matchApplicantsOf(
  advancedProgram: Uint8Array,
  drawn: Drawn,
  couples: readonly MatchCouple[],
): MatchApplicant[] {
  const { applicants, primary, pgy1Lists } = drawn;
  const nA = applicants.length;
  const ws: LinkScratch = {
    linkStamp: new Int32Array(advancedProgram.length).fill(-1),
    sideBuf: [],
    linkBuf: [],
  };
  const matchApplicants: MatchApplicant[] = new Array(nA);
  for (let a = 0; a < nA; a++) {
    const x = applicants[a] as SeasonApplicant;
    let side: readonly number[];
    let sideLength: number;
    let ranks: readonly number[];
    if (x.partner >= 0) {
      // The partner's side of the couple's pairs, in the workspace's buffer (read, not kept).
      const pairs = (couples[a >> 1] as MatchCouple).ranks;
      const at = a % 2 === 0 ? 0 : 1;
      const mine = ws.sideBuf;
      let n = 0;
      for (let i = 0; i < pairs.length; i++) {
        const p = (pairs[i] as CouplePair)[at];
        if (p === null || p === undefined) continue;
        if (n < mine.length) mine[n] = p;
        else mine.push(p);
        n++;
      }
      side = mine;
      sideLength = n;
      ranks = NO_RANKS;
    } else {
      ranks = primary[a] ?? NO_RANKS;
      side = ranks;
      sideLength = ranks.length;
    }
    const sup = supplementalOf(advancedProgram, ws, a, pgy1Lists[a] ?? NO_PGY1, side, sideLength);
    matchApplicants[a] =
      sup === null
        ? { id: idOf(a), ranks: x.partner >= 0 ? [] : ranks }
        : { id: idOf(a), ranks: x.partner >= 0 ? [] : ranks, supplemental: sup };
  }
  return matchApplicants;
}

/** An applicant's supplemental list, linked to each advanced program of its side once, in order of first appearance (a stamp per applicant); null if none. */
function supplementalOf(
  advancedProgram: Uint8Array,
  ws: LinkScratch,
  a: number,
  list: readonly number[],
  side: readonly number[],
  sideLength: number,
): SupplementalList[] | null {
  if (list.length === 0) return null;
  const { linkStamp, linkBuf } = ws;
  let n = 0;
  for (let i = 0; i < sideLength; i++) {
    const p = side[i] as number;
    if (advancedProgram[p] && linkStamp[p] !== a) {
      linkStamp[p] = a;
      if (n < linkBuf.length) linkBuf[n] = p;
      else linkBuf.push(p);
      n++;
    }
  }
  return n > 0 ? [{ ranks: list, linkedTo: linkBuf.slice(0, n) }] : null;
}

/** The interview records grouped by unit (or nU + PGY-1 program), each group best view first: the programs' rank lists. */
interface RankedRecords {
  /** The applicants of group w are who[start[w] … start[w+1]−1]. */
  start: Int32Array;
  who: Int32Array;
}

/**
 * Sorts the interview records into the programs' rank lists, and writes each record's place on
 * its list into the workspace's `recRank` (for compileSeason). The lists are the season's own.
 */
function sortRecords(t: MarketTemplate, ws: Workspace, nRec: number): RankedRecords {
  const { recWhere, byWhere, recView, recWho, recRank, sortTmp } = ws;
  const nWhere = t.units.length + t.programs.length;
  const start = new Int32Array(nWhere + 1);
  for (let r = 0; r < nRec; r++)
    start[(recWhere[r] as number) + 1] = (start[(recWhere[r] as number) + 1] as number) + 1;
  for (let w = 0; w < nWhere; w++) start[w + 1] = (start[w + 1] as number) + (start[w] as number);
  const fill = start.slice(0, nWhere);
  for (let r = 0; r < nRec; r++) {
    const w = recWhere[r] as number;
    byWhere[fill[w] as number] = r;
    fill[w] = (fill[w] as number) + 1;
  }
  const who = new Int32Array(nRec);
  for (let w = 0; w < nWhere; w++) {
    const from = start[w] as number;
    const to = start[w + 1] as number;
    if (to - from > 1) stableSortDescending(byWhere, recView, from, to, sortTmp);
    for (let i = from; i < to; i++) {
      const r = byWhere[i] as number;
      who[i] = recWho[r] as number;
      recRank[r] = i - from;
    }
  }
  return { start, who };
}

/** Programs' rank lists, from the sorted records: a unit's tracks share its list. */
function programRanks(t: MarketTemplate, ranked: RankedRecords): MatchProgram[] {
  const nU = t.units.length;
  const unitRanks: number[][] = new Array(nU);
  for (let w = 0; w < nU; w++) unitRanks[w] = ranksAt(ranked, w);
  const programs: MatchProgram[] = new Array(t.programs.length);
  for (let i = 0; i < t.programs.length; i++) {
    const p = t.programs[i] as MarketProgram;
    programs[i] = {
      id: p.id,
      positions: p.positions,
      advanced: p.advanced,
      ranks: p.unit >= 0 ? (unitRanks[p.unit] as number[]) : ranksAt(ranked, nU + i),
    };
  }
  return programs;
}

/** The applicants ranked at w (a unit, or nU + a PGY-1 program), best first. */
function ranksAt(ranked: RankedRecords, w: number): number[] {
  const from = ranked.start[w] as number;
  const to = ranked.start[w + 1] as number;
  const sorted: number[] = new Array(to - from);
  for (let i = from; i < to; i++) sorted[i - from] = ranked.who[i] as number;
  return sorted;
}

/** A couple's pair, always built as an array that may hold null (one shape for every pair). */
function pairOf(x: number | null, y: number | null): CouplePair {
  const pair: [number | null, number | null] = [null, null];
  pair[0] = x;
  pair[1] = y;
  return pair;
}

/** A pair with the preference it is ordered by. */
interface Ranked {
  pair: CouplePair;
  v: number;
}

/** Highest preference first (Array.prototype.sort keeps equal ones in order). */
const byPreference = (x: Ranked, y: Ranked): number => y.v - x.v;

/**
 * A couple's pairs: every pair of the partners' programs in the same census division, best
 * combined preference first, then each partner alone with the other unmatched, by preference.
 * Deliberately kept as it was first written, an engine sort with a comparator: a partner whose
 * unit has three tracks has no preference stored for the third (prefs hold two per interview),
 * and the comparator's NaN then decides where that pair lands; any other sort would order such
 * pairs differently and change seeded seasons.
 */
function pairList(
  division: Int32Array,
  a: readonly number[],
  prefA: Float64Array,
  b: readonly number[],
  prefB: Float64Array,
): CouplePair[] {
  const together: Ranked[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const dx = division[x] as number;
    if (dx < 0) continue;
    for (let j = 0; j < b.length; j++) {
      const y = b[j] as number;
      if (dx === division[y])
        together.push({ pair: pairOf(x, y), v: (prefA[i] as number) + (prefB[j] as number) });
    }
  }
  together.sort(byPreference);
  const alone: Ranked[] = [];
  for (let i = 0; i < a.length; i++)
    alone.push({ pair: pairOf(a[i] as number, null), v: prefA[i] as number });
  for (let j = 0; j < b.length; j++)
    alone.push({ pair: pairOf(null, b[j] as number), v: prefB[j] as number });
  alone.sort(byPreference);
  const out: CouplePair[] = [];
  for (let k = 0; k < together.length; k++) out.push((together[k] as Ranked).pair);
  for (let k = 0; k < alone.length; k++) out.push((alone[k] as Ranked).pair);
  return out;
}
