import { permutation, type Random } from "../math/seeded-random.ts";
import { APPLICANT_TYPES, type ApplicantType } from "../vocabulary.ts";
import type { ApplicantClass, MarketTemplate } from "./build-market.ts";
import type { CouplePair, MatchApplicant, MatchCouple, MatchInput, SupplementalList } from "./match-input.ts";

/**
 * One season of a specialty's market: who applies where, who interviews where, and every rank
 * order list, drawn from MatchPlan's own odds model (data/model/market-model.yaml states each
 * assumption).
 *
 * Spec. For each applicant (in random order): a Step 2 CK score from the published distribution
 * of its type (build-market.ts); a shared strength term u ~ N(0, strengthSd²), the model's own
 * correlation between programs; applications to `applicationsEach` units picked at random among
 * those the model leaves open; signals spent as allocateSignals would, best signalled odds first;
 * an interview at each unit with probability logistic(logit + u), the model's kernel drawn rather
 * than integrated. Applicants rank every interview (contiguous ranks, as Charting Outcomes counts
 * them): units by shared appeal plus private taste, each unit's categorical track before its
 * advanced one. An applicant with an advanced program ranked applies to PGY-1 programs at odds
 * equal to its mean odds in the specialty and links one supplemental list, ordered by private
 * taste, to all its advanced programs. Programs rank everyone they interviewed by the log-odds
 * with which they invited them plus noise of the model's strength spread. A share of applicants,
 * paired at random, match as couples. Complexity O(applicants · applications + interviews · log).
 * Flat typed arrays throughout: a season is drawn a thousand times in a benchmark run.
 */
export interface SeasonApplicant {
  type: ApplicantType;
  score: number | null;
  cls: ApplicantClass;
  u: number;
  /** Where the applicant's applications sit in the season's `appliedUnits` / `appliedLogits`. */
  appliedFrom: number;
  appliedCount: number;
  /** Units that interviewed the applicant. */
  interviews: number;
  /** Programs of the specialty on the applicant's primary list (for a partner, on its side). */
  ranks: number;
  partner: number;
}

export interface Season {
  input: MatchInput;
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

const NO_PREFS = new Float64Array(0);

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

/** Grows a typed array to at least n elements, keeping its contents. */
function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export function drawSeason(t: MarketTemplate, rng: Random, options: SeasonOptions = {}): Season {
  const types: ApplicantType[] = [];
  for (const type of APPLICANT_TYPES) for (let i = 0; i < t.applicants[type]; i++) types.push(type);
  const order = permutation(types.length, rng).map((i) => types[i] as ApplicantType);
  const classes = order.map((type) => t.classOf(type, t.drawScore(type, rng)));
  if (options.focal) classes.push(options.focal);
  const nA = classes.length;
  const nU = t.units.length;
  const sd = t.strengthSd;
  const scratch = new Int32Array(nU);
  const appliedUnits = new Int32Array(nA * t.applicationsEach);
  const appliedLogits = new Float64Array(nA * t.applicationsEach);
  let pool = 0;
  const tierStamp = new Int32Array(nU).fill(-1);
  const tierGold = new Uint8Array(nU);
  const pgy1Scratch = Int32Array.from(t.pgy1);
  const unitPrograms = t.units.map((u) => Int32Array.from(u.programs));
  const appeal = Float64Array.from(t.units, (u) => u.appeal);
  const advancedProgram = Uint8Array.from(t.programs, (p) => (p.advanced ? 1 : 0));

  // Interviews as flat records: (unit or PGY-1 program, applicant, the program's view of them).
  let nRec = 0;
  let recWhere = new Int32Array(1 << 14);
  let recWho = new Int32Array(1 << 14);
  let recView = new Float64Array(1 << 14);
  const record = (where: number, who: number, view: number) => {
    if (nRec === recWhere.length) {
      recWhere = grow(recWhere, nRec + 1);
      recWho = grow(recWho, nRec + 1);
      recView = grow(recView, nRec + 1);
    }
    recWhere[nRec] = where;
    recWho[nRec] = who;
    recView[nRec] = view;
    nRec++;
  };
  // Each applicant's interviewed units, best first, with its preference (for couples' pairs).
  const gotUnit = new Int32Array(nU);
  const gotPref = new Float64Array(nU);
  const gotL = new Float64Array(nU);
  const gotIdx = new Int32Array(nU);
  // Couples are the first applicants of the random order; only their preferences are kept for pairing.
  const nCouples = options.couples === false ? 0 : Math.floor((t.couplesShare * order.length) / 2);
  const prefOf: Float64Array[] = [];
  const primary: number[][] = [];
  const pgy1Lists: number[][] = [];
  const applicants: SeasonApplicant[] = [];
  const pgy1Pick = new Int32Array(t.pgy1ApplicationsEach);
  const pgy1PickPref = new Float64Array(t.pgy1ApplicationsEach);
  const pgy1PickIdx = new Int32Array(t.pgy1ApplicationsEach);

  for (let a = 0; a < nA; a++) {
    const cls = classes[a] as ApplicantClass;
    const u = sd * rng.gaussian();
    // Applications: a random subset of the open units (partial Fisher–Yates).
    const open = cls.open;
    const k = Math.min(t.applicationsEach, open.length);
    scratch.set(open);
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(open.length - i);
      const x = scratch[j] as number;
      scratch[j] = scratch[i] as number;
      scratch[i] = x;
    }
    const from = pool;
    pool += k;
    appliedUnits.set(scratch.subarray(0, k), from);
    const eu = Math.exp(-u);
    const gold = t.signals ? cls.gold : null;
    // Signals, best signalled odds first among the units applied to (allocateSignals' order).
    if (t.signals && gold && cls.silver) {
      for (let i = 0; i < k; i++) tierStamp[scratch[i] as number] = a;
      let g = t.signals.gold;
      for (let i = 0; i < cls.goldOrder.length && g > 0; i++) {
        const unit = cls.goldOrder[i] as number;
        if (tierStamp[unit] === a) {
          tierStamp[unit] = -2 - a;
          tierGold[unit] = 1;
          g--;
        }
      }
      let s = t.signals.silver;
      for (let i = 0; i < cls.silverOrder.length && s > 0; i++) {
        const unit = cls.silverOrder[i] as number;
        if (tierStamp[unit] === a) {
          tierStamp[unit] = -2 - a;
          tierGold[unit] = 0;
          s--;
        }
      }
    }
    // Interviews (logistic(l + u) = 1 / (1 + e^−l e^−u)), and the applicant's order of preference.
    let n = 0;
    let oddsSum = 0;
    for (let i = 0; i < k; i++) {
      const unit = scratch[i] as number;
      const signalled = gold !== null && tierStamp[unit] === -2 - a;
      const gTier = signalled && tierGold[unit] === 1;
      const l = (signalled ? (gTier ? gold : cls.silver)?.[unit] : cls.logits[unit]) as number;
      const en = (
        signalled ? (gTier ? cls.expNegGold : cls.expNegSilver)?.[unit] : cls.expNeg[unit]
      ) as number;
      appliedLogits[from + i] = l;
      oddsSum += 1 / (1 + en);
      if (rng.next() * (1 + en * eu) < 1) {
        gotUnit[n] = unit;
        gotPref[n] = t.commonWeight * (appeal[unit] as number) + rng.gaussian();
        gotL[n] = l;
        gotIdx[n] = n;
        n++;
      }
    }
    sortDescending(gotIdx, gotPref, 0, n);
    const list: number[] = [];
    const prefs = a < 2 * nCouples ? new Float64Array(2 * n) : NO_PREFS;
    let advanced = false;
    for (let i = 0; i < n; i++) {
      const g = gotIdx[i] as number;
      const unit = gotUnit[g] as number;
      record(unit, a, (gotL[g] as number) + u + sd * rng.gaussian());
      const progs = unitPrograms[unit] as Int32Array;
      for (let j = 0; j < progs.length; j++) {
        const p = progs[j] as number;
        if (prefs !== NO_PREFS) prefs[list.length] = gotPref[g] as number;
        list.push(p);
        if (advancedProgram[p]) advanced = true;
      }
    }
    primary.push(list);
    prefOf.push(prefs);
    // PGY-1 applications and interviews, for applicants who ranked an advanced program.
    const pgy1: number[] = [];
    if (advanced && t.pgy1.length > 0 && k > 0) {
      const mean = oddsSum / k;
      const l1 = mean <= 0 ? Number.NEGATIVE_INFINITY : Math.log(mean / (1 - mean));
      const m = Math.min(t.pgy1ApplicationsEach, t.pgy1.length);
      const odds1 = 1 + Math.exp(-l1 - u);
      let got = 0;
      for (let i = 0; i < m; i++) {
        const j = i + rng.int(pgy1Scratch.length - i);
        const p = pgy1Scratch[j] as number;
        pgy1Scratch[j] = pgy1Scratch[i] as number;
        pgy1Scratch[i] = p;
        if (rng.next() * odds1 < 1) {
          pgy1Pick[got] = p;
          pgy1PickPref[got] = rng.gaussian();
          pgy1PickIdx[got] = got;
          got++;
          record(nU + p, a, l1 + u + sd * rng.gaussian());
        }
      }
      sortDescending(pgy1PickIdx, pgy1PickPref, 0, got);
      for (let i = 0; i < got; i++) pgy1.push(pgy1Pick[pgy1PickIdx[i] as number] as number);
    }
    pgy1Lists.push(pgy1);
    applicants.push({
      type: cls.type,
      score: cls.score,
      cls,
      u,
      appliedFrom: from,
      appliedCount: k,
      interviews: n,
      ranks: list.length,
      partner: -1,
    });
  }

  // Couples: the first applicants of the random order, paired.
  const couples: MatchCouple[] = [];
  for (let c = 0; c < nCouples; c++) {
    const a = 2 * c;
    const b = 2 * c + 1;
    (applicants[a] as SeasonApplicant).partner = b;
    (applicants[b] as SeasonApplicant).partner = a;
    couples.push({
      members: [a, b],
      ranks: pairList(
        t,
        primary[a] ?? [],
        prefOf[a] as Float64Array,
        primary[b] ?? [],
        prefOf[b] as Float64Array,
      ),
    });
  }

  const supplementalOf = (a: number, side: readonly number[]): SupplementalList[] => {
    const list = pgy1Lists[a] ?? [];
    if (list.length === 0) return [];
    const linkedTo = [...new Set(side.filter((p) => advancedProgram[p]))];
    return linkedTo.length > 0 ? [{ ranks: list, linkedTo }] : [];
  };
  const matchApplicants: MatchApplicant[] = applicants.map((x, a) => {
    if (x.partner >= 0) {
      const c = couples[Math.floor(a / 2)] as MatchCouple;
      const side = a % 2 === 0 ? 0 : 1;
      const mine = c.ranks.map((pair) => pair[side]).filter((p): p is number => p !== null);
      const sup = supplementalOf(a, mine);
      return sup.length > 0 ? { id: idOf(a), ranks: [], supplemental: sup } : { id: idOf(a), ranks: [] };
    }
    const ranks = primary[a] ?? [];
    const sup = supplementalOf(a, ranks);
    return sup.length > 0 ? { id: idOf(a), ranks, supplemental: sup } : { id: idOf(a), ranks };
  });

  // Programs' rank lists: the records grouped by unit (or PGY-1 program), each sorted by view.
  const nWhere = nU + t.programs.length;
  const start = new Int32Array(nWhere + 1);
  for (let r = 0; r < nRec; r++)
    start[(recWhere[r] as number) + 1] = (start[(recWhere[r] as number) + 1] as number) + 1;
  for (let w = 0; w < nWhere; w++) start[w + 1] = (start[w + 1] as number) + (start[w] as number);
  const fill = start.slice(0, nWhere);
  const byWhere = new Int32Array(nRec);
  for (let r = 0; r < nRec; r++) {
    const w = recWhere[r] as number;
    byWhere[fill[w] as number] = r;
    fill[w] = (fill[w] as number) + 1;
  }
  const ranksAt = (w: number): number[] => {
    const from = start[w] as number;
    const to = start[w + 1] as number;
    const seg = byWhere.subarray(from, to);
    const sorted: number[] = new Array(to - from);
    for (let i = 0; i < seg.length; i++) sorted[i] = seg[i] as number;
    sorted.sort((x, y) => (recView[y] as number) - (recView[x] as number));
    for (let i = 0; i < sorted.length; i++) sorted[i] = recWho[sorted[i] as number] as number;
    return sorted;
  };
  const unitRanks = Array.from({ length: nU }, (_, w) => ranksAt(w));
  const programs = t.programs.map((p, i) => ({
    id: p.id,
    positions: p.positions,
    advanced: p.advanced,
    ranks: p.unit >= 0 ? (unitRanks[p.unit] as number[]) : ranksAt(nU + i),
  }));
  return {
    input: { programs, applicants: matchApplicants, couples },
    applicants,
    appliedUnits,
    appliedLogits,
  };
}

/**
 * A couple's pairs: every pair of the partners' programs in the same census division, best
 * combined preference first, then each partner alone with the other unmatched, by preference.
 */
function pairList(
  t: MarketTemplate,
  a: readonly number[],
  prefA: Float64Array,
  b: readonly number[],
  prefB: Float64Array,
): CouplePair[] {
  const together: Array<{ pair: CouplePair; v: number }> = [];
  a.forEach((x, i) => {
    const dx = t.programs[x]?.division;
    if (!dx) return;
    b.forEach((y, j) => {
      if (dx === t.programs[y]?.division)
        together.push({ pair: [x, y], v: (prefA[i] as number) + (prefB[j] as number) });
    });
  });
  together.sort((x, y) => y.v - x.v);
  const alone: Array<{ pair: CouplePair; v: number }> = [
    ...a.map((x, i) => ({ pair: [x, null] as CouplePair, v: prefA[i] as number })),
    ...b.map((y, j) => ({ pair: [null, y] as CouplePair, v: prefB[j] as number })),
  ].sort((x, y) => y.v - x.v);
  return [...together, ...alone].map((x) => x.pair);
}
