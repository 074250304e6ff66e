import { createHash } from "node:crypto";
import type { Catalog, ProvenanceEntry } from "../core/catalog/program.ts";

/** The stored form that `catalogSchema` reads back. */
export interface CatalogFile {
  metadata: Catalog["metadata"] & { provenanceProfiles: Record<string, ProvenanceEntry[]> };
  programs: ({ provenance: string } & Record<string, unknown>)[];
}

/**
 * The catalog in its file form (`catalogSchema`): null fields left out, provenance patterns
 * stored once under an id made from their content, so a pattern keeps its id from build to build.
 */
export function toCatalogFile(catalog: Catalog): CatalogFile {
  const profiles = new Map<string, ProvenanceEntry[]>();
  const programs = catalog.programs.map((program) => {
    const key = profileId(program.provenance);
    profiles.set(key, program.provenance);
    const known = Object.entries(program).filter(([, value]) => value !== null);
    return { ...Object.fromEntries(known), provenance: key };
  });
  const provenanceProfiles = Object.fromEntries([...profiles].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { metadata: { ...catalog.metadata, provenanceProfiles }, programs };
}

function profileId(entries: readonly ProvenanceEntry[]): string {
  return createHash("sha256").update(JSON.stringify(entries)).digest("hex").slice(0, 10);
}

/**
 * JSON text: the metadata indented for reading (each provenance profile on one line), then one
 * program per line, so a rebuild's `git diff` shows one line per changed program.
 */
export function serialiseCatalog(catalog: Catalog): string {
  const file = toCatalogFile(catalog);
  const { provenanceProfiles, ...metadata } = file.metadata;
  const head = JSON.stringify(metadata, null, 2).replace(/\n}$/, "").replaceAll("\n", "\n  ");
  const profiles = Object.entries(provenanceProfiles)
    .map(([key, entries]) => `      ${JSON.stringify(key)}: ${JSON.stringify(entries)}`)
    .join(",\n");
  const programs = file.programs.map((p) => `    ${JSON.stringify(p)}`).join(",\n");
  return `{\n  "metadata": ${head},\n    "provenanceProfiles": {\n${profiles}\n    }\n  },\n  "programs": [\n${programs}\n  ]\n}\n`;
}
