import type { JoinRate } from "../core/catalog/program.ts";
import { type JoinContext, newUnit, type Unit, unitJoinItem } from "./catalog-unit.ts";
import { joinByName } from "./join-by-name.ts";
import type { ResidencyExplorerProgram } from "./read-residency-explorer.ts";

/**
 * Residency Explorer rows ↔ NRMP programs (units of one institution, specialty and site), per
 * specialty, by name + state (`join-by-name.ts`). A joined row takes over the unit's codes.
 * Preliminary units are never joined: their applicants are not the categorical program's.
 * Rows that join nothing become units of their own, with no NRMP code.
 */
export function joinResidencyExplorer(
  nrmpUnits: readonly Unit[],
  rows: readonly ResidencyExplorerProgram[],
  { docs, weight }: JoinContext,
): { units: Unit[]; joinRates: JoinRate[] } {
  const specialties = [
    ...new Set([...nrmpUnits.map((u) => u.specialty), ...rows.map((r) => r.specialty)]),
  ].sort();
  const units: Unit[] = [];
  const joinRates: JoinRate[] = [];
  for (const specialty of specialties) {
    const specialtyRows = rows.filter((r) => r.specialty === specialty);
    const programs = nrmpUnits.filter((u) => u.specialty === specialty);
    if (specialtyRows.length === 0) {
      units.push(...programs);
      continue;
    }
    const joinable = programs.filter((u) => u.codes[0]?.track !== "preliminary");
    const pairs = joinByName(
      specialtyRows.map((r) => ({ doc: docs.re(r), state: r.state })),
      joinable.map((u) => unitJoinItem(u, docs)),
      weight,
    );
    const joined = new Map(
      pairs.map((p) => [joinable[p.right] as Unit, specialtyRows[p.left] as ResidencyExplorerProgram]),
    );
    for (const unit of programs) {
      const row = joined.get(unit);
      if (row) unit.re = row;
      units.push(unit);
    }
    const joinedRows = new Set(joined.values());
    for (const row of specialtyRows) {
      if (joinedRows.has(row)) continue;
      const unit = newUnit(specialty);
      unit.re = row;
      units.push(unit);
    }
    const codes = (list: Iterable<Unit>) => [...list].reduce((n, u) => n + u.codes.length, 0);
    joinRates.push({
      from: "residency-explorer",
      to: "nrmp",
      specialty,
      joined: joinedRows.size,
      total: specialtyRows.length,
    });
    joinRates.push({
      from: "nrmp",
      to: "residency-explorer",
      specialty,
      joined: codes(joined.keys()),
      total: codes(joinable),
    });
  }
  return { units, joinRates };
}
