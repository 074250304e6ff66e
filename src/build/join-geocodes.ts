import type { JoinRate } from "../core/catalog/program.ts";
import { type Unit, unitState } from "./catalog-unit.ts";
import { normaliseName } from "./normalise-name.ts";
import type { Geocode } from "./read-geocodes.ts";

/**
 * Geocodes join units that carry an ACGME program name (from Residency Explorer, FREIDA or the TY
 * list) on exact normalised name + state. The table is keyed by name only, and a sponsor's name is
 * shared by its programs, so nothing looser is safe. Units named only by NRMP are not geocoded.
 */
export function joinGeocodes(units: readonly Unit[], geocodes: readonly Geocode[]): JoinRate[] {
  const byKey = new Map<string, Geocode>();
  for (const g of geocodes) {
    const key = `${normaliseName(g.name)}|${g.state}`;
    if (!byKey.has(key)) byKey.set(key, g);
  }
  const tally = new Map<string, { joined: number; total: number }>();
  for (const unit of units) {
    const state = unitState(unit);
    const names = [unit.re?.name, unit.freida?.name, unit.ty?.name].filter(
      (n): n is string => n !== undefined,
    );
    if (names.length === 0 || state === null) continue;
    const t = tally.get(unit.specialty) ?? { joined: 0, total: 0 };
    t.total++;
    const hit = names.map((n) => byKey.get(`${normaliseName(n)}|${state}`)).find((g) => g !== undefined);
    if (hit) {
      unit.geocode = hit;
      t.joined++;
    }
    tally.set(unit.specialty, t);
  }
  return [...tally].map(([specialty, t]) => ({
    from: "geocodes",
    to: "catalog (units with an ACGME name)",
    specialty,
    ...t,
  }));
}
