import type { JoinRate } from "../core/catalog/program.ts";
import { type JoinContext, type Unit, unitJoinItem } from "./catalog-unit.ts";
import { joinByName } from "./join-by-name.ts";
import { sameText } from "./join-freida.ts";
import { normaliseName } from "./normalise-name.ts";
import type { VisaListing } from "./read-residency-explorer-visa.ts";

/**
 * Residency Explorer program pages with visa answers ↔ catalog units of their specialty. The pages
 * name programs by their ACGME program name, as the Residency Explorer interview-rate files do, so
 * an exact match of normalised name + state comes first (the city decides between two rows of one
 * name in a state); what is left joins by name similarity (`join-by-name.ts`). Preliminary units
 * are not targets: the pages describe the categorical program. A page that joins nothing adds no
 * program: it carries no interview rates, and the catalog's programs come from NRMP and the rate files.
 */
export function joinVisaListings(
  units: readonly Unit[],
  listings: readonly VisaListing[],
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
  const rest: VisaListing[] = [];
  let exact = 0;
  for (const v of listings) {
    const candidates = (byKey.get(`${normaliseName(v.name)}|${v.state}`) ?? []).filter(
      (u) => u.visaListing === null,
    );
    const unit =
      candidates.length === 1 ? candidates[0] : candidates.find((u) => sameText(u.re?.city, v.city));
    if (unit) {
      unit.visaListing = v;
      exact++;
    } else rest.push(v);
  }
  const open = targets.filter((u) => u.visaListing === null);
  const pairs = joinByName(
    rest.map((v) => ({ doc: docs.visa(v), state: v.state })),
    open.map((u) => unitJoinItem(u, docs)),
    weight,
  );
  for (const pair of pairs) (open[pair.right] as Unit).visaListing = rest[pair.left] as VisaListing;
  const total = listings.length;
  return [
    {
      from: "residency-explorer-visa",
      to: "residency-explorer (exact name + state)",
      specialty,
      joined: exact,
      total,
    },
    { from: "residency-explorer-visa", to: "catalog", specialty, joined: exact + pairs.length, total },
  ];
}
