import type { JoinRate } from "../core/catalog/program.ts";
import { type JoinContext, type Unit, unitJoinItem } from "./catalog-unit.ts";
import { joinByName } from "./join-by-name.ts";
import type { NameDocument } from "./name-similarity.ts";
import { normaliseName } from "./normalise-name.ts";

/** A listing named as ACGME names programs: its name, state and city. */
export interface AcgmeNamed {
  name: string;
  state: string | null;
  city?: string | null;
}

/** Which slot of a unit a source's listing fills, and how that source is named in join rates. */
export interface AcgmeSlot<L extends AcgmeNamed> {
  from: string;
  get(unit: Unit): L | null;
  set(unit: Unit, listing: L): void;
  doc(listing: L): NameDocument;
}

/**
 * Listings named by their ACGME program name ↔ catalog units of one specialty. Residency Explorer
 * names programs the same way, so an exact match of normalised name + state comes first (two
 * Residency Explorer rows can share a name in a state; the city then decides). What is left joins
 * by name similarity (`join-by-name.ts`). Preliminary units are not targets: these sources describe
 * the categorical program. Returns two join rates: exact, then exact plus similar.
 */
export function joinAcgmeNamed<L extends AcgmeNamed>(
  units: readonly Unit[],
  listings: readonly L[],
  specialty: string,
  slot: AcgmeSlot<L>,
  { docs, weight }: JoinContext,
): JoinRate[] {
  const targets = units.filter((u) => u.specialty === specialty && u.codes[0]?.track !== "preliminary");
  const byKey = new Map<string, Unit[]>();
  for (const unit of targets) {
    if (!unit.re) continue;
    const key = `${normaliseName(unit.re.name)}|${unit.re.state}`;
    byKey.set(key, [...(byKey.get(key) ?? []), unit]);
  }
  const rest: L[] = [];
  let exact = 0;
  for (const listing of listings) {
    const candidates = (byKey.get(`${normaliseName(listing.name)}|${listing.state}`) ?? []).filter(
      (u) => slot.get(u) === null,
    );
    const unit =
      candidates.length === 1 ? candidates[0] : candidates.find((u) => sameText(u.re?.city, listing.city));
    if (unit) {
      slot.set(unit, listing);
      exact++;
    } else rest.push(listing);
  }
  const open = targets.filter((u) => slot.get(u) === null);
  const pairs = joinByName(
    rest.map((l) => ({ doc: slot.doc(l), state: l.state })),
    open.map((u) => unitJoinItem(u, docs)),
    weight,
  );
  for (const pair of pairs) slot.set(open[pair.right] as Unit, rest[pair.left] as L);
  const total = listings.length;
  return [
    { from: slot.from, to: "residency-explorer (exact name + state)", specialty, joined: exact, total },
    { from: slot.from, to: "catalog", specialty, joined: exact + pairs.length, total },
  ];
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.toLowerCase() === b.toLowerCase();
}
