import { passingScore } from "../assess/derive-facts.ts";
import type { Program } from "../catalog/program.ts";
import { signalsFor } from "../cycle/signal-schemes.ts";
import { fail, ok, type Result } from "../issues.ts";
import type { Random } from "../math/seeded-random.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { allocateSignals, type SignalCandidate, signalCounts } from "../programs/allocate-signals.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import { estimateInterviewOdds, type InterviewOdds } from "../programs/interview-odds.ts";
import { curveFor, kernelOptions } from "../programs/kernel-options.ts";
import type { MatchCurve } from "../programs/match-given-interviews.ts";
import type { MatchKernelOptions } from "../programs/match-probability.ts";
import { oddsContext } from "../programs/odds-context.ts";
import { applicationUnits, type ProgramData } from "../programs/program-data.ts";
import { ranksPerInterviewFor, type TypeCurve } from "../programs/type-curve.ts";
import { typeRecord } from "../programs/type-record.ts";
import { step2ckSlope } from "../programs/type-slopes.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { APPLICANT_TYPES, type ApplicantType } from "../vocabulary.ts";
import type { MarketData } from "./market-data.ts";

/**
 * One specialty's Match market, built once and drawn from many times (draw-season.ts).
 *
 * Spec. Problem: turn the catalog, the published market sizes and MatchPlan's odds model into a
 * market that can be simulated. Steps: (1) the specialty's NRMP program tracks (categorical and
 * advanced; physician and preliminary tracks left out; catalog records without a track take the
 * specialty's usual level) grouped into application units as ERAS counts them (applicationUnits);
 * (2) positions: the published 2026 total split between categorical and advanced tracks in the
 * 2025 proportions, then evenly across each track's programs (largest remainder) — the catalog has
 * no per-program quota; (3) for specialties with advanced tracks, the PGY-1-only tracks that serve
 * them (specialties.yaml supplementalFor) with the specialty's share of their positions, in
 * proportion to its 2025 advanced positions among the specialties each track serves; (4)
 * applicants by type: non-US IMGs as Charting Outcomes counts them, the rest of the first-choice
 * candidates split by the 2025 mix of US graduates, each with a Step 2 CK drawn from its type's own
 * record in the specialty (type-record.ts, as the calibration cohorts draw it); (5) for each
 * applicant type and Step 2 CK score, the model's interview log-odds at every unit
 * (estimateInterviewOdds on applicantShift, signalled odds included), computed once and cached.
 * Complexity O(programs) per applicant class.
 *
 * Not modelled: applicants who rank the specialty as a backup behind another one, other
 * specialties' applicants competing for the PGY-1 positions beyond the specialty's share, visas
 * (every simulated applicant is "none-needed", so no program's sponsorship limits it; the
 * calibration cohorts, unlike the market, draw non-US IMGs' visas), geography ties.
 */
export interface MarketProgram {
  id: string;
  name: string;
  division: string | null;
  advanced: boolean;
  positions: number;
  /** The application unit of the specialty it belongs to, or −1 for a PGY-1-only program. */
  unit: number;
}

export interface ApplicationUnit {
  id: string;
  name: string;
  division: string | null;
  /** The unit's tracks (indices into `programs`), categorical before advanced. */
  programs: number[];
  /** The shared view applicants hold of the program: its selectivity for US MD seniors, standardised. */
  appeal: number;
}

/** The model's view of one kind of applicant: a type and a Step 2 CK score (null = typical of the type). */
export interface ApplicantClass {
  /** Type and score as one number (type first): the order a season draws its applicants in. */
  key: number;
  type: ApplicantType;
  score: number | null;
  /** Log-odds of an interview at each unit, unsignalled; −Infinity where the model excludes it. */
  logits: Float64Array;
  /** Whether the specialty has signals (then `odds` holds signalled log-odds). */
  signalled: boolean;
  /** Units in the order the applicant would spend gold (then silver) signals on them (allocateSignals). */
  goldOrder: Int32Array;
  silverOrder: Int32Array;
  /** Units the applicant may apply to (not excluded by the model). */
  open: Int32Array;
  /**
   * e^−l at each unit, unsignalled (logistic(l + u) = 1 / (1 + e^−l · e^−u) without an exp per
   * draw), on its own and as few bytes as the values allow: a season reads a few dozen random units
   * of each of hundreds of classes, each read a cache miss, and those misses were most of a season's
   * drawing time when each unit's values were spread over six arrays.
   */
  expNeg: Float64Array;
  /** For unit i, at 2i and 2i + 1: e^−l with a gold signal and with a silver one (the unsignalled value where the specialty has no signals). */
  signalledExpNeg: Float64Array;
  /** For unit i, at 2i and 2i + 1: the log-odds with a gold signal and with a silver one. */
  signalledLogits: Float64Array;
  /**
   * e^−l and l with a gold signal at goldOrder[i], at i (with a silver one at silverOrder[i]): the
   * same values as signalledExpNeg and signalledLogits, in the order signals are spent. An
   * applicant's signals go to the first units of these orders it applied to, so a season reads
   * the start of each array, a few cache lines a class, where reading them by unit was a cache
   * miss per signal.
   */
  goldExpNeg: Float64Array;
  goldLogits: Float64Array;
  silverExpNeg: Float64Array;
  silverLogits: Float64Array;
}

export interface MarketTemplate {
  specialty: string;
  year: number;
  asOf: string;
  programs: MarketProgram[];
  units: ApplicationUnit[];
  /** PGY-1-only programs (indices into `programs`). */
  pgy1: Int32Array;
  applicants: Record<ApplicantType, number>;
  applicationsEach: number;
  pgy1ApplicationsEach: number;
  signals: { gold: number; silver: number } | null;
  couplesShare: number;
  strengthSd: number;
  commonWeight: number;
  /**
   * Contiguous ranks one drawn interview stands for, by applicant type: the ranks per interview
   * the model's own P(match | k interviews) is read at (program-model.yaml match.ranksPerInterview,
   * as type-curve.ts takes it). Each drawn interview is ranked with this probability.
   */
  ranksPerInterview: Record<ApplicantType, number>;
  /** The model's P(match | k interviews) curve of each applicant type and the kernel, for its own per-applicant figure. */
  curves: Record<ApplicantType, MatchCurve | null>;
  kernel: MatchKernelOptions;
  classOf(type: ApplicantType, score: number | null): ApplicantClass;
  /** The model's view of one real applicant, from its own profile: strength, visa and ties. */
  classForProfile(profile: Profile): ApplicantClass;
  /** A Step 2 CK score for a new applicant of the type, or null where the model has no distribution. */
  drawScore(type: ApplicantType, rng: Random): number | null;
  sources: string[];
}

/** Splits `total` over `n` slots as evenly as whole numbers allow (largest remainder, earliest first). */
export function splitEvenly(total: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Splits `total` in proportion to `weights` (largest remainder, ties to the earliest). */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}

/** Class cache keys per applicant type: above any Step 2 CK score (the scale ends at 300); the last stands for the null score. */
const SCORE_KEYS = 1000;

/** Tries before a redrawn Step 2 CK is clamped instead (a group almost wholly below passing), as the calibration cohorts do. */
const MAX_SCORE_REDRAWS = 50;

/** ERAS counts one application per program: tracks sharing specialty, name and state (as applicationUnits does). */
const unitKey = (p: Program) => `${p.specialty}|${p.name.toLowerCase()}|${p.state ?? ""}`;

export function buildMarket(
  rb: Rulebook,
  data: ProgramData,
  market: MarketData,
  specialtyId: string,
): Result<MarketTemplate> {
  const sp = rb.specialties.get(specialtyId);
  const facts = market.facts.specialties[specialtyId];
  const co = rb.chartingOutcomes.specialties[specialtyId];
  if (!sp || !facts || !co) {
    const known = Object.keys(market.facts.specialties).filter((id) => rb.chartingOutcomes.specialties[id]);
    return fail([
      {
        code: "unknown_specialty",
        path: "specialty",
        message: `no market data for "${specialtyId}"`,
        allowed: known.join(", "),
      },
    ]);
  }
  const year = market.facts.year;
  const asOf = `${year - 1}-06-01`;
  const defaultAdvanced = sp.positions.value === "advanced";

  // (1) Tracks and units.
  const tracks = data.catalog.programs.filter(
    (p) =>
      p.specialty === specialtyId &&
      (p.track === null || p.track === "categorical" || p.track === "advanced"),
  );
  const isAdvanced = (p: Program) => (p.track === null ? defaultAdvanced : p.track === "advanced");
  const reps = applicationUnits(tracks);
  const unitOf = new Map(reps.map((p, i) => [unitKey(p), i]));
  const programs: MarketProgram[] = [];
  const units: ApplicationUnit[] = reps.map((p) => ({
    id: p.id,
    name: p.name,
    division: p.division,
    programs: [],
    appeal: 0,
  }));
  const sorted = [...tracks].sort(
    (a, b) => Number(isAdvanced(a)) - Number(isAdvanced(b)) || (a.id < b.id ? -1 : 1),
  );
  for (const p of sorted) {
    const u = unitOf.get(unitKey(p)) as number;
    (units[u] as ApplicationUnit).programs.push(programs.length);
    programs.push({
      id: p.id,
      name: p.name,
      division: p.division,
      advanced: isAdvanced(p),
      positions: 0,
      unit: u,
    });
  }

  // (2) Positions.
  const total = facts.positions.value;
  const t25 = facts.tracks2025;
  const catIdx = programs.flatMap((p, i) => (p.advanced ? [] : [i]));
  const advIdx = programs.flatMap((p, i) => (p.advanced ? [i] : []));
  let [catTotal, advTotal] = t25
    ? splitByWeights(total, [t25.categorical.value, t25.advanced.value])
    : [total, 0];
  if (catIdx.length === 0) [catTotal, advTotal] = [0, (catTotal as number) + (advTotal as number)];
  if (advIdx.length === 0) [catTotal, advTotal] = [(catTotal as number) + (advTotal as number), 0];
  for (const [idx, n] of [
    [catIdx, catTotal as number],
    [advIdx, advTotal as number],
  ] as const)
    splitEvenly(n, idx.length).forEach((q, j) => {
      (programs[idx[j] as number] as MarketProgram).positions = q;
    });

  // (3) PGY-1-only tracks serving this specialty's advanced applicants.
  const pgy1: number[] = [];
  const advanced = market.facts.advancedPositions2025;
  if (advIdx.length > 0 && advanced[specialtyId]) {
    for (const [trackId, t] of Object.entries(market.facts.pgy1Tracks)) {
      const served = rb.specialties.get(trackId)?.supplementalFor ?? [];
      if (!served.includes(specialtyId)) continue;
      const all = served.reduce((s, id) => s + (advanced[id]?.value ?? 0), 0);
      const share = all > 0 ? (advanced[specialtyId]?.value ?? 0) / all : 0;
      const own = data.catalog.programs
        .filter((p) => p.specialty === trackId)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      splitEvenly(Math.round(t.positions.value * share), own.length).forEach((q, j) => {
        const p = own[j] as Program;
        pgy1.push(programs.length);
        programs.push({
          id: p.id,
          name: p.name,
          division: p.division,
          advanced: false,
          positions: q,
          unit: -1,
        });
      });
    }
  }

  // (4) Applicants by type.
  const nonUs = co.applicants;
  const mix = facts.usGraduateMix.value;
  const [md, dO, usImg] = splitByWeights(Math.max(0, facts.candidates.value - nonUs), [
    mix["us-md"],
    mix.do,
    mix["us-img"],
  ]);
  const applicants: Record<ApplicantType, number> = {
    "us-md": md as number,
    do: dO as number,
    "us-img": usImg as number,
    "non-us-img": nonUs,
  };

  // (5) The odds model, per applicant class.
  const model = data.model;
  const repsAsPrograms = reps;
  const ctxOf = new Map<ApplicantType, ReturnType<typeof oddsContext>>();
  // The Step 2 CK at which the odds model reads a type's typical applicant: the type's own
  // reference in the specialty (a shift of 0), as applicantShift takes it. A simulated applicant
  // has taken the exam: a null score in a Profile is an exam not yet taken, which the model reads
  // at a cautious stand-in score (untaken-step2ck.ts) — for a DR US MD senior 230 against the
  // type's 256, a tenth of the odds at every program.
  const typicalScore = (type: ApplicantType): number =>
    step2ckSlope(rb, model, type, specialtyId).reference ?? model.interview.referenceStep2ck.usGraduate.value;
  // A simulated applicant is the model's typical one of its type: letters and USCE at the model's
  // own reference values (so they shift nothing), no failures, and only Step 2 CK varying. The
  // graduation year is the Match year: the odds model does not read it.
  const letters = model.interview.specialtyLetterOddsRatio.reference;
  const months = model.interview.specialtyUsceMonthOddsRatio.reference;
  const profileOf = (type: ApplicantType, score: number | null): Profile => ({
    applicantType: type,
    graduationYear: year,
    visa: "none-needed",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: score ?? typicalScore(type), attempts: 1 },
    usce: { handsOnMonths: months, observershipMonths: 0, specialtyMonths: months },
    letters: { total: letters, specialty: letters, us: letters },
  });
  // The signal scheme of the Match year the market is built for (the cycle pack).
  const scheme = signalsFor(rb, sp.id, year).scheme;
  const counts = scheme ? signalCounts(scheme) : null;
  const minimum = model.signals.minimumSignalledOdds.value;
  // Keyed by type and score as one number where the score is whole (any other as text): a season
  // looks up a class per applicant.
  const cache = new Map<number | string, ApplicantClass>();
  // Classes whose open units or signal orders are the same share one array: a season reads those
  // of every applicant's class, and hundreds of copies of one list fall out of the cache that a
  // few dozen stay in (most classes of a type differ only in their odds).
  const interned = new Map<string, Int32Array>();
  const shared = (xs: Int32Array): Int32Array => {
    const key = xs.join(",");
    const hit = interned.get(key);
    if (hit) return hit;
    interned.set(key, xs);
    return xs;
  };
  const classForProfile = (profile: Profile): ApplicantClass => {
    const type = profile.applicantType;
    const score = profile.step2ck.score;
    let ctx = ctxOf.get(type);
    if (!ctx) {
      ctx = oddsContext(rb, data, sp, profile);
      ctxOf.set(type, ctx);
    }
    const shift = applicantShift(rb, model, profile, sp, asOf);
    const odds: InterviewOdds[] = repsAsPrograms.map((p) => estimateInterviewOdds(p, shift, ctx, model));
    const logits = Float64Array.from(odds, (o) => o.logit);
    const gold = odds.some((o) => o.signalledLogit)
      ? Float64Array.from(odds, (o) => o.signalledLogit?.gold ?? o.logit)
      : null;
    const silver = gold ? Float64Array.from(odds, (o) => o.signalledLogit?.silver ?? o.logit) : null;
    const open = Int32Array.from(odds.flatMap((o, i) => (o.excluded === null && o.estimate > 0 ? [i] : [])));
    const candidates: SignalCandidate[] = [];
    for (const i of open) {
      const s = (odds[i] as InterviewOdds).signalled;
      if (s) candidates.push({ key: String(i), gold: s.gold, silver: s.silver });
    }
    // allocateSignals returns its choices best first; with every unit allowed, that is the order.
    const order = (tier: "gold" | "silver") =>
      counts
        ? Int32Array.from(
            allocateSignals(
              candidates,
              {
                gold: tier === "gold" ? candidates.length : 0,
                silver: tier === "silver" ? candidates.length : 0,
              },
              minimum,
            ).keys(),
            Number,
          )
        : new Int32Array(0);
    const signalledLogits = new Float64Array(2 * logits.length);
    logits.forEach((l, i) => {
      signalledLogits[2 * i] = gold?.[i] ?? l;
      signalledLogits[2 * i + 1] = silver?.[i] ?? l;
    });
    const signalledExpNeg = signalledLogits.map((x) => Math.exp(-x));
    const goldOrder = shared(order("gold"));
    const silverOrder = shared(order("silver"));
    const cls: ApplicantClass = {
      key: APPLICANT_TYPES.indexOf(type) * SCORE_KEYS + (score ?? SCORE_KEYS - 1),
      type,
      score,
      logits,
      signalled: gold !== null,
      goldOrder,
      silverOrder,
      open: shared(open),
      expNeg: logits.map((x) => Math.exp(-x)),
      signalledExpNeg,
      signalledLogits,
      goldExpNeg: Float64Array.from(goldOrder, (u) => signalledExpNeg[2 * u] as number),
      goldLogits: Float64Array.from(goldOrder, (u) => signalledLogits[2 * u] as number),
      silverExpNeg: Float64Array.from(silverOrder, (u) => signalledExpNeg[2 * u + 1] as number),
      silverLogits: Float64Array.from(silverOrder, (u) => signalledLogits[2 * u + 1] as number),
    };
    return cls;
  };
  const classOf = (type: ApplicantType, score: number | null): ApplicantClass => {
    const whole = score === null || (Number.isInteger(score) && score >= 0 && score < SCORE_KEYS - 1);
    const key = whole
      ? APPLICANT_TYPES.indexOf(type) * SCORE_KEYS + (score ?? SCORE_KEYS - 1)
      : `${type}|${score}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const cls = classForProfile(profileOf(type, score));
    cache.set(key, cls);
    return cls;
  };

  // Appeal: a program's selectivity for US MD seniors (reversed log-odds), standardised.
  const typical = classOf("us-md", null);
  const finite = [...typical.logits].filter(Number.isFinite);
  const mean = finite.reduce((s, x) => s + x, 0) / Math.max(1, finite.length);
  const sd = Math.sqrt(finite.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, finite.length)) || 1;
  units.forEach((u, i) => {
    const l = typical.logits[i] as number;
    u.appeal = Number.isFinite(l) ? -(l - mean) / sd : 0;
  });

  // Step 2 CK from the type's own record in the specialty (type-record.ts), the record the odds
  // model reads the type's slope and reference from, drawn as the calibration cohorts draw it
  // (src/validate/synthetic-cohort.ts): matched or not at the type's published rate, then a whole
  // score from that group's distribution, redrawn below the passing standard in force (the
  // published applicants had passed) or above the scale. Null (the type's typical applicant)
  // where the type has no distribution in the specialty.
  const { max } = rb.exam.usmle.scale.value;
  const passing = passingScore(rb.exam.usmle.step2ckMinimumPass, asOf);
  // Each type's record, read once: a season draws a score per applicant.
  const records = new Map(APPLICANT_TYPES.map((type) => [type, typeRecord(rb, model, type, specialtyId)]));
  const drawScore = (type: ApplicantType, rng: Random): number | null => {
    const r = records.get(type) as ReturnType<typeof typeRecord>;
    if (!r.step2ck || !r.rate) return null;
    const g = rng.next() < r.rate.value ? r.step2ck.matched : r.step2ck.notMatched;
    for (let i = 0; i < MAX_SCORE_REDRAWS; i++) {
      const score = Math.round(g.mean + g.sd * rng.gaussian());
      if (score >= passing && score <= max) return score;
    }
    return Math.min(max, Math.max(passing, Math.round(g.mean)));
  };

  const apps = model.interview.effectiveApplicants.applicationsPerApplicant;
  const curves = Object.fromEntries(
    APPLICANT_TYPES.map((type) => [type, curveFor(rb, model, specialtyId, type)]),
  ) as Record<ApplicantType, TypeCurve | null>;
  return ok({
    specialty: specialtyId,
    year,
    asOf,
    programs,
    units,
    pgy1: Int32Array.from(pgy1),
    applicants,
    applicationsEach: (apps[specialtyId] ?? apps.default)?.value ?? 0,
    // PGY-1 applications each: the list length the published PGY-1 rates are read against (pgy1-joint.ts).
    pgy1ApplicationsEach: model.pgy1.referenceApplications.value,
    signals: counts,
    couplesShare: market.facts.couples.share.value,
    strengthSd: model.match.strengthSd.value,
    commonWeight: market.model.preferences.applicantCommonWeight.value,
    // The ρ of the type's own curve (a type on the non-US IMGs' record takes theirs, as the curve
    // does); a type without a curve takes its model value, which nothing reads against.
    ranksPerInterview: Object.fromEntries(
      APPLICANT_TYPES.map((type) => [
        type,
        Math.min(1, curves[type]?.ranksPerInterview ?? ranksPerInterviewFor(model, type, specialtyId)),
      ]),
    ) as Record<ApplicantType, number>,
    curves,
    kernel: kernelOptions(model),
    classOf,
    classForProfile,
    drawScore,
    sources: [
      ...facts.positions.sources,
      ...facts.candidates.sources,
      ...facts.usGraduateMix.sources,
      ...(t25 ? [...t25.categorical.sources, ...t25.advanced.sources] : []),
      "nrmp-charting-outcomes-nonus-img-2026",
      ...market.facts.couples.share.sources,
      ...(pgy1.length > 0 ? Object.values(market.facts.pgy1Tracks).flatMap((x) => x.positions.sources) : []),
      // The programs (catalog), their interview rates (the odds model) and the algorithm.
      ...data.catalog.metadata.inputs.map((i) => i.source),
      ...model.interview.rateByApplicantType.sources,
      "nrmp-match-algorithm",
      "roth-peranson-1999",
    ],
  });
}
