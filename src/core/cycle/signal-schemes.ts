import type { Rulebook } from "../rulebook/rulebook.ts";
import type { SignalScheme } from "../rulebook/schemas.ts";
import { serviceFor } from "./application-service.ts";
import { type ResolvedFact, resolveFact, statusMark } from "./resolve-fact.ts";
import type { FactStatus, SignalCountValue } from "./schemas.ts";

/**
 * A specialty's program-signal allowance for a Match year, from the cycle packs.
 *
 * The count is the pack's for the specialty whose allowance the track uses (`signalsThrough`:
 * preliminary medicine signals from Internal Medicine's, because signals go to the institution,
 * not the track). A count stated for an earlier year is carried (estimated) only while the
 * specialty applies through the same service: a count made for ERAS says nothing of
 * ResidencyCAS, so across a change of service the count is unknown.
 */
export interface SignalAllowance {
  specialty: string;
  /** The specialty whose allowance is used (itself, or `signalsThrough`). */
  allowanceOf: string;
  matchYear: number;
  /** The scheme to spend, or null when the count is unknown. */
  scheme: SignalScheme;
  confidence: FactStatus;
  basis: string;
  /** The allowance in words with its mark: "6 gold + 6 silver (estimated — …)". */
  text: string;
  sources: string[];
  verified: string | null;
  fact: ResolvedFact<SignalCountValue>;
}

export function signalsFor(rb: Rulebook, specialtyId: string, matchYear: number): SignalAllowance {
  let cache = allowanceCache.get(rb);
  if (!cache) {
    cache = new Map();
    allowanceCache.set(rb, cache);
  }
  const key = `${specialtyId}|${matchYear}`;
  let a = cache.get(key);
  if (!a) {
    a = Object.freeze(computeAllowance(rb, specialtyId, matchYear));
    cache.set(key, a);
  }
  return a;
}

const allowanceCache = new WeakMap<Rulebook, Map<string, SignalAllowance>>();

function computeAllowance(rb: Rulebook, specialtyId: string, matchYear: number): SignalAllowance {
  const sp = rb.specialties.get(specialtyId);
  const through = sp?.signalsThrough?.value ?? specialtyId;
  const owner = rb.specialties.get(through);
  const service = serviceFor(rb, through, matchYear);
  const fact = resolveFact<SignalCountValue>(rb, matchYear, ["signals", through], {
    acceptDonor: (year) => {
      const then = serviceFor(rb, through, year);
      return then.id === service.id
        ? true
        : `${owner?.name ?? through} applies through ${service.name} for the ${matchYear} Match; the last count on record (${year}) is a ${then.name} count, and no ${service.name} count was found`;
    },
  });
  const v = fact.value;
  const scheme: SignalScheme = !v
    ? null
    : "count" in v
      ? { scheme: "single", count: v.count, cycle: fact.known ? fact.statedFor : matchYear }
      : {
          scheme: "gold-silver",
          gold: v.gold,
          silver: v.silver,
          cycle: fact.known ? fact.statedFor : matchYear,
          ...(v.sharedWith ? { sharedWith: v.sharedWith } : {}),
        };
  const via = through !== specialtyId ? ` from ${owner?.name ?? through}'s allowance` : "";
  const shared =
    v && "sharedWith" in v && v.sharedWith
      ? `, shared with ${rb.specialties.get(v.sharedWith)?.name ?? v.sharedWith}`
      : "";
  const counts = !v
    ? "signal count unknown"
    : "count" in v
      ? `${v.count} signals`
      : `${v.gold} gold + ${v.silver} silver signals`;
  const sources = [...fact.sources, ...(through !== specialtyId ? (sp?.signalsThrough?.sources ?? []) : [])];
  return {
    specialty: specialtyId,
    allowanceOf: through,
    matchYear,
    scheme,
    confidence: fact.confidence,
    basis: fact.basis,
    text: `${counts}${via}${shared} for the ${matchYear} Match${statusMark(fact)}`,
    sources,
    verified: fact.verified,
    fact,
  };
}

/** Whether any cycle on record gives the specialty (or the allowance it uses) a signal count. */
export function offersSignals(rb: Rulebook, specialtyId: string): boolean {
  const through = rb.specialties.get(specialtyId)?.signalsThrough?.value ?? specialtyId;
  for (const pack of rb.cycles.packs.values()) {
    const f = pack.signals?.[through];
    if (f && "value" in f) return true;
  }
  return false;
}

/** Whether two specialties draw on one pool of signals in a Match year (e.g. DR and IR). */
export function signalsShared(rb: Rulebook, a: string, b: string, matchYear: number): boolean {
  const sharedWith = (x: string) => {
    const s = signalsFor(rb, x, matchYear).scheme;
    return s?.scheme === "gold-silver" ? s.sharedWith : undefined;
  };
  return sharedWith(a) === b || sharedWith(b) === a;
}
