import type { JoinRate } from "../core/catalog/program.ts";
import type { JoinContext, Unit } from "./catalog-unit.ts";
import { joinAcgmeNamed } from "./join-acgme-named.ts";
import type { VisaListing } from "./read-residency-explorer-visa.ts";

/**
 * Residency Explorer program pages with visa answers ↔ catalog units of their specialty: the pages
 * name programs by their ACGME program name, as the interview-rate files do
 * (`join-acgme-named.ts`). A page that joins nothing adds no program: it carries no interview
 * rates, and the catalog's programs come from NRMP and the rate files.
 */
export function joinVisaListings(
  units: readonly Unit[],
  listings: readonly VisaListing[],
  specialty: string,
  context: JoinContext,
): JoinRate[] {
  return joinAcgmeNamed(
    units,
    listings,
    specialty,
    {
      from: "residency-explorer-visa",
      get: (u) => u.visaListing,
      set: (u, v) => {
        u.visaListing = v;
      },
      doc: context.docs.visa,
    },
    context,
  );
}
