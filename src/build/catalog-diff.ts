import { CITED_FIELDS, type CitedField, type Program } from "../core/catalog/program.ts";

export interface CatalogDiff {
  added: Program[];
  removed: Program[];
  changed: { before: Program; after: Program; fields: CitedField[] }[];
  /** How many programs changed in each field. */
  changedFields: Partial<Record<CitedField, number>>;
}

/** What changed between two catalogs, matching programs by id. Provenance alone changing is not a change. */
export function diffCatalogs(before: readonly Program[], after: readonly Program[]): CatalogDiff {
  const old = new Map(before.map((p) => [p.id, p]));
  const next = new Map(after.map((p) => [p.id, p]));
  const changed: CatalogDiff["changed"] = [];
  const changedFields: CatalogDiff["changedFields"] = {};
  for (const p of after) {
    const q = old.get(p.id);
    if (!q) continue;
    const fields = CITED_FIELDS.filter((f) => JSON.stringify(q[f]) !== JSON.stringify(p[f]));
    if (fields.length === 0) continue;
    changed.push({ before: q, after: p, fields });
    for (const f of fields) changedFields[f] = (changedFields[f] ?? 0) + 1;
  }
  return {
    added: after.filter((p) => !old.has(p.id)),
    removed: before.filter((p) => !next.has(p.id)),
    changed,
    changedFields,
  };
}

/** A short human summary: counts, then a few examples of each kind of change. */
export function formatDiff(diff: CatalogDiff, examples = 5): string[] {
  const lines = [
    `Changes against the previous catalog: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
  ];
  const show = (label: string, programs: Program[]) => {
    for (const p of programs.slice(0, examples))
      lines.push(`  ${label} ${p.id}  ${p.name} (${p.specialty}, ${p.state ?? "state unknown"})`);
  };
  show("+", diff.added);
  show("-", diff.removed);
  const fields = Object.entries(diff.changedFields).sort((a, b) => b[1] - a[1]);
  if (fields.length > 0) lines.push(`  fields changed: ${fields.map(([f, n]) => `${f} ${n}`).join(", ")}`);
  for (const { before, after, fields: which } of diff.changed.slice(0, examples)) {
    const f = which[0] as CitedField;
    lines.push(`  ~ ${after.id}  ${f}: ${JSON.stringify(before[f])} → ${JSON.stringify(after[f])}`);
  }
  return lines;
}
