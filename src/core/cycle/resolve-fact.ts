import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Confidence, FactStatus, PackFact, StatedConfidence, StatedFact } from "./schemas.ts";

/**
 * One fact of one Match year, resolved from the cycle packs.
 *
 * Rule: the year's own pack decides when it names the fact — stated (official or secondary),
 * `carried` from a named earlier year (estimated, with the pack's reason) or `unknown`. When the
 * year's pack is silent, the nearest earlier pack that names the fact decides the same way, and a
 * value found there is carried (estimated); with no earlier pack, the nearest later one is used
 * (an older Match year read back from the newest record). A value is never made up: what no pack
 * gives is unknown. A caller may refuse a donor year (`acceptDonor`, e.g. signals stated for
 * another application service), which makes the fact unknown with the caller's reason.
 */
export interface KnownFact<T> {
  known: true;
  value: T;
  confidence: Confidence;
  /** Who stated the value that is used (for an estimate: the carried value's own confidence). */
  restsOn: StatedConfidence;
  /** The Match year whose pack states the value. */
  statedFor: number;
  /** In words: stated for the year, or carried from which year and why. */
  basis: string;
  /** The pack's own reason when it carries the value explicitly (`carried: <year>` with `why`), else null. */
  why: string | null;
  sources: string[];
  published: string | null;
  verified: string;
  note: string | null;
  assumption: string | null;
}
export interface UnknownFact {
  known: false;
  value: null;
  confidence: "unknown";
  basis: string;
  sources: string[];
  published: null;
  verified: null;
  note: null;
  assumption: null;
}
export type ResolvedFact<T> = KnownFact<T> | UnknownFact;

export interface ResolveOptions {
  /** Whether a value stated for `donorYear` may stand for the asked year; else the reason it may not. */
  acceptDonor?: (donorYear: number) => true | string;
}

type Entry = PackFact<unknown>;
const isStated = (e: Entry): e is StatedFact<unknown> => "value" in e;
const isCarried = (e: Entry): e is { carried: number; why: string } => "carried" in e;

function entryAt(rb: Rulebook, year: number, path: readonly string[]): Entry | undefined {
  let v: unknown = rb.cycles.packs.get(year);
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v === undefined || v === null ? undefined : (v as Entry);
}

export function unknownFact(basis: string): UnknownFact {
  return {
    known: false,
    value: null,
    confidence: "unknown",
    basis,
    sources: [],
    published: null,
    verified: null,
    note: null,
    assumption: null,
  };
}

function stated<T>(rb: Rulebook, e: StatedFact<unknown>, year: number): KnownFact<T> {
  const first = e.sources[0]?.split("#")[0] ?? "";
  const published = e.published ?? rb.sources[first]?.published ?? null;
  return {
    known: true,
    value: e.value as T,
    confidence: e.confidence,
    restsOn: e.confidence,
    statedFor: year,
    basis: `stated for the ${year} Match`,
    why: null,
    sources: e.sources,
    published: published === null ? null : String(published),
    verified: e.verified,
    note: e.note ?? null,
    assumption: e.assumption ?? null,
  };
}

function carry<T>(f: KnownFact<T>, basis: string, why: string | null = f.why): KnownFact<T> {
  return { ...f, confidence: "estimated", basis, why };
}

/** The fact at `path` (e.g. `["services", "eras", "fees"]`) for `matchYear`. */
export function resolveFact<T>(
  rb: Rulebook,
  matchYear: number,
  path: readonly string[],
  opts: ResolveOptions = {},
): ResolvedFact<T> {
  const accept = (f: ResolvedFact<T>): ResolvedFact<T> => {
    if (!f.known || f.statedFor === matchYear || !opts.acceptDonor) return f;
    const ok = opts.acceptDonor(f.statedFor);
    return ok === true ? f : unknownFact(ok);
  };
  const own = entryAt(rb, matchYear, path);
  if (own) return accept(decide<T>(rb, matchYear, own, path));
  const years = [...rb.cycles.packs.keys()];
  const earlier = years.filter((y) => y < matchYear && entryAt(rb, y, path)).sort((a, b) => b - a)[0];
  const later = years.filter((y) => y > matchYear && entryAt(rb, y, path)).sort((a, b) => a - b)[0];
  const donorYear = earlier ?? later;
  if (donorYear === undefined) return unknownFact(`no cycle on record gives it (${path.join(".")})`);
  const donor = decide<T>(rb, donorYear, entryAt(rb, donorYear, path) as Entry, path);
  if (!donor.known) return donor;
  return accept(
    carry(
      donor,
      `carried from the ${donor.statedFor} Match (${donor.restsOn}): no ${matchYear} value is on record`,
      null,
    ),
  );
}

function decide<T>(rb: Rulebook, year: number, e: Entry, path: readonly string[]): ResolvedFact<T> {
  if (isStated(e)) return stated<T>(rb, e, year);
  if (isCarried(e)) {
    const donor = entryAt(rb, e.carried, path);
    // The compiler checks that a `carried` year states the fact; this guards a hand-built rulebook.
    if (!donor || !isStated(donor)) return unknownFact(`carried from ${e.carried}, which does not state it`);
    const f = stated<T>(rb, donor, e.carried);
    return carry(f, `carried from the ${e.carried} Match (${f.restsOn}): ${e.why}`, e.why);
  }
  return unknownFact(e.unknown);
}

/** Words for a fact's standing, for labels: "official", "secondary source", "estimated", "unknown". */
export function statusText(f: { confidence: FactStatus }): string {
  return f.confidence === "secondary" ? "secondary source" : f.confidence;
}

/** The mark a label carries: nothing for an official fact, else what it rests on. */
export function statusMark(f: ResolvedFact<unknown>): string {
  if (!f.known) return ` (unknown: ${f.basis})`;
  if (f.confidence === "official") return "";
  if (f.confidence === "secondary") return " (secondary source — confirm with the official body)";
  return ` (estimated — ${f.basis})`;
}
