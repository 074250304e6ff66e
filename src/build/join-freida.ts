import type { JoinRate } from "../core/catalog/program.ts";
import { acgmeStateDigits } from "./acgme-state-codes.ts";
import { type JoinContext, type Unit, unitJoinItem } from "./catalog-unit.ts";
import { joinAcgmeNamed } from "./join-acgme-named.ts";
import { joinByName } from "./join-by-name.ts";
import type { FreidaListing, FreidaProgram } from "./read-freida.ts";

/**
 * FREIDA Internal Medicine listings ↔ catalog units of the same specialty: FREIDA uses ACGME
 * program names, as Residency Explorer does (`join-acgme-named.ts`). FREIDA lists categorical
 * programs.
 */
export function joinFreidaPrograms(
  units: readonly Unit[],
  programs: readonly FreidaProgram[],
  specialty: string,
  context: JoinContext,
): JoinRate[] {
  return joinAcgmeNamed(
    units,
    programs,
    specialty,
    {
      from: "freida-im",
      get: (u) => u.freida,
      set: (u, f) => {
        u.freida = f;
      },
      doc: context.docs.freida,
    },
    context,
  );
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
