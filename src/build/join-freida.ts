import type { JoinRate } from "../core/catalog/program.ts";
import { acgmeStateDigits } from "./acgme-state-codes.ts";
import { type JoinContext, type Unit, unitJoinItem } from "./catalog-unit.ts";
import { joinByName } from "./join-by-name.ts";
import { normaliseName } from "./normalise-name.ts";
import type { FreidaListing, FreidaProgram } from "./read-freida.ts";

/**
 * FREIDA Internal Medicine listings ↔ catalog units of the same specialty. FREIDA and Residency
 * Explorer both use ACGME program names, so an exact match of normalised name + state comes first
 * (two Residency Explorer rows can share a name in a state; the city then decides). What is left
 * joins by name similarity, to Residency Explorer names or NRMP institutions. Preliminary units are
 * not targets: FREIDA lists categorical programs.
 */
export function joinFreidaPrograms(
  units: readonly Unit[],
  programs: readonly FreidaProgram[],
  specialty: string,
  { docs, weight }: JoinContext,
): JoinRate[] {
  const targets = units.filter((u) => u.specialty === specialty && u.codes[0]?.track !== "preliminary");
  const byKey = new Map<string, Unit[]>();
  for (const unit of targets) {
    if (!unit.re) continue;
    const key = `${normaliseName(unit.re.name)}|${unit.re.state}`;
    byKey.set(key, [...(byKey.get(key) ?? []), unit]);
  }
  const rest: FreidaProgram[] = [];
  let exact = 0;
  for (const f of programs) {
    const candidates = (byKey.get(`${normaliseName(f.name)}|${f.state}`) ?? []).filter(
      (u) => u.freida === null,
    );
    const unit =
      candidates.length === 1 ? candidates[0] : candidates.find((u) => sameText(u.re?.city, f.city));
    if (unit) {
      unit.freida = f;
      exact++;
    } else {
      rest.push(f);
    }
  }
  const open = targets.filter((u) => u.freida === null);
  const pairs = joinByName(
    rest.map((f) => ({ doc: docs.freida(f), state: f.state })),
    open.map((u) => unitJoinItem(u, docs)),
    weight,
  );
  for (const pair of pairs) (open[pair.right] as Unit).freida = rest[pair.left] as FreidaProgram;
  const total = programs.length;
  return [
    { from: "freida-im", to: "residency-explorer (exact name + state)", specialty, joined: exact, total },
    { from: "freida-im", to: "catalog", specialty, joined: exact + pairs.length, total },
  ];
}

/**
 * The FREIDA Transitional Year list ↔ Transitional Year units, by name similarity within the state
 * read from each listing's ACGME ID (`acgme-state-codes.ts`).
 */
export function joinFreidaListings(
  units: readonly Unit[],
  listings: readonly FreidaListing[],
  specialty: string,
  stateCodes: ReadonlyMap<string, string>,
  { docs, weight }: JoinContext,
): JoinRate[] {
  const targets = units.filter((u) => u.specialty === specialty && u.codes.length > 0);
  const states = listings.map((t) => stateCodes.get(acgmeStateDigits(t.acgmeId)) ?? null);
  const pairs = joinByName(
    listings.map((t, i) => ({ doc: docs.listing(t), state: states[i] ?? null })),
    targets.map((u) => unitJoinItem(u, docs)),
    weight,
  );
  for (const pair of pairs) {
    const unit = targets[pair.right] as Unit;
    unit.ty = listings[pair.left] as FreidaListing;
    unit.tyState = states[pair.left] ?? null;
  }
  return [{ from: "freida-ty", to: "nrmp", specialty, joined: pairs.length, total: listings.length }];
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.toLowerCase() === b.toLowerCase();
}
