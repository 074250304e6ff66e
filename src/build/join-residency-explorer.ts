import type { JoinRate } from "../core/catalog/program.ts";
import { type Documents, firstCode, joinState, newUnit, type Unit } from "./catalog-unit.ts";
import { type JoinOptions, type JoinPair, joinByName } from "./join-by-name.ts";
import type { TokenWeight } from "./name-similarity.ts";
import type { ResidencyExplorerProgram } from "./read-residency-explorer.ts";

/** Minimum name similarity for a join within one state, and when the NRMP code has no state. */
export const JOIN_THRESHOLD = 0.55;
export const UNKNOWN_STATE_THRESHOLD = 0.8;

export const JOIN_OPTIONS: JoinOptions = {
  threshold: JOIN_THRESHOLD,
  unknownStateThreshold: UNKNOWN_STATE_THRESHOLD,
  manyPerLeft: true,
};

/**
 * Residency Explorer rows ↔ NRMP codes, per specialty.
 *
 * Pass 1 joins every row to the codes of its specialty (`join-by-name.ts`); a code whose state
 * the NRMP list does not give must clear the stricter threshold. The NRMP institutions whose
 * codes joined rows all in one state are then known to be in that state, and pass 2 joins the
 * rows still open to those institutions' open codes at the ordinary threshold. Preliminary
 * tracks are never joined: their applicants are not the categorical program's.
 * A row joins the tracks of one institution; rows that join nothing become units of their own.
 */
export function joinResidencyExplorer(
  nrmpUnits: readonly Unit[],
  rows: readonly ResidencyExplorerProgram[],
  docs: Documents,
  weight: TokenWeight,
): { units: Unit[]; joinRates: JoinRate[] } {
  const specialties = [
    ...new Set([...nrmpUnits.map((u) => u.specialty), ...rows.map((r) => r.specialty)]),
  ].sort();
  const bySpecialty = new Map(
    specialties.map((specialty) => {
      const specialtyRows = rows.filter((r) => r.specialty === specialty);
      const codes = nrmpUnits.filter((u) => u.specialty === specialty);
      return [
        specialty,
        { rows: specialtyRows, codes, joinable: codes.filter((u) => u.codes[0]?.track !== "preliminary") },
      ];
    }),
  );
  const rowOf = new Map<Unit, ResidencyExplorerProgram>();

  const pass = (specialty: string, open: (u: Unit) => boolean) => {
    const { rows: all, joinable } = bySpecialty.get(specialty) as {
      rows: ResidencyExplorerProgram[];
      joinable: Unit[];
    };
    const taken = new Set(rowOf.values());
    const left = all.filter((r) => !taken.has(r));
    const right = joinable.filter((u) => !rowOf.has(u) && open(u));
    const pairs: JoinPair[] = joinByName(
      left.map((r) => ({ doc: docs.re(r), state: r.state, group: "" })),
      right.map((u) => {
        const code = firstCode(u);
        return {
          doc: docs.nrmp(code as NonNullable<typeof code>),
          state: joinState(u),
          group: code?.institutionCode ?? "",
        };
      }),
      weight,
      JOIN_OPTIONS,
    );
    for (const pair of pairs)
      rowOf.set(right[pair.right] as Unit, left[pair.left] as ResidencyExplorerProgram);
  };

  for (const specialty of specialties) pass(specialty, () => true);
  const learned = learnInstitutionStates(rowOf);
  for (const unit of nrmpUnits) {
    const code = firstCode(unit);
    if (code && code.state === null) unit.institutionState = learned.get(code.institutionCode) ?? null;
  }
  for (const specialty of specialties)
    pass(specialty, (u) => firstCode(u)?.state === null && u.institutionState !== null);

  const units: Unit[] = [];
  const joinRates: JoinRate[] = [];
  for (const specialty of specialties) {
    const {
      rows: specialtyRows,
      codes,
      joinable,
    } = bySpecialty.get(specialty) as {
      rows: ResidencyExplorerProgram[];
      codes: Unit[];
      joinable: Unit[];
    };
    const merged = new Map<ResidencyExplorerProgram, Unit>();
    for (const row of specialtyRows) {
      const unit = newUnit(specialty);
      unit.re = row;
      merged.set(row, unit);
      units.push(unit);
    }
    for (const code of codes) {
      const row = rowOf.get(code);
      if (row) (merged.get(row) as Unit).codes.push(...code.codes);
      else units.push(code);
    }
    if (specialtyRows.length === 0) continue;
    const joinedRows = specialtyRows.filter((r) => (merged.get(r) as Unit).codes.length > 0).length;
    const joinedCodes = joinable.filter((u) => rowOf.has(u)).length;
    joinRates.push({
      from: "residency-explorer",
      to: "nrmp",
      specialty,
      joined: joinedRows,
      total: specialtyRows.length,
    });
    joinRates.push({
      from: "nrmp",
      to: "residency-explorer",
      specialty,
      joined: joinedCodes,
      total: joinable.length,
    });
  }
  return { units, joinRates };
}

/** Institution code → state, for institutions without a state whose joined rows all lie in one state. */
function learnInstitutionStates(rowOf: ReadonlyMap<Unit, ResidencyExplorerProgram>): Map<string, string> {
  const states = new Map<string, Set<string>>();
  for (const [unit, row] of rowOf) {
    const code = firstCode(unit);
    if (!code || code.state !== null || row.state === null) continue;
    const seen = states.get(code.institutionCode) ?? new Set<string>();
    seen.add(row.state);
    states.set(code.institutionCode, seen);
  }
  return new Map(
    [...states].filter(([, s]) => s.size === 1).map(([institution, s]) => [institution, [...s][0] as string]),
  );
}
