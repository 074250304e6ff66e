import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { CatalogInputs } from "./assemble-catalog.ts";
import { type CensusDivisions, readCensusDivisions } from "./census-divisions.ts";
import { type NrmpSpecialtyMap, readNrmpSpecialtyMap } from "./nrmp-specialty-map.ts";
import { readFloridaResults } from "./read-florida-results.ts";
import { readFreidaListings, readFreidaPrograms } from "./read-freida.ts";
import { readGeocodes } from "./read-geocodes.ts";
import { readNrmpPrograms, readNrmpSpecialtyCodes } from "./read-nrmp-programs.ts";
import { readResidencyExplorer } from "./read-residency-explorer.ts";

/** The file access of the build: everything it reads, read here, so that the assembly stays pure. */

const inputSchema = z.strictObject({
  folder: z.string(),
  files: z.record(z.string(), z.string()),
  source: z.string(),
  vintage: z.string(),
  specialty: z.string().optional(),
});
export const manifestSchema = z.strictObject({
  nrmp: inputSchema,
  residencyExplorer: inputSchema,
  freidaIm: inputSchema.extend({ specialty: z.string() }),
  freidaTy: inputSchema.extend({ specialty: z.string() }),
  florida: inputSchema,
  geocodes: inputSchema,
});
export type Manifest = z.infer<typeof manifestSchema>;
export type InputKey = keyof Manifest;

const registrySchema = z.object({
  specialties: z.array(
    z.object({
      id: z.string(),
      names: z.object({ residencyExplorer: z.string().nullable(), nrmp: z.array(z.string()) }),
    }),
  ),
});
export type Registry = z.infer<typeof registrySchema>;

const sourcesSchema = z.object({
  sources: z.record(
    z.string(),
    z.object({ title: z.string(), publisher: z.string(), terms: z.string(), url: z.string().optional() }),
  ),
});
export type Sources = z.infer<typeof sourcesSchema>["sources"];

export interface LoadedInputs {
  inputs: CatalogInputs;
  manifest: Manifest;
  /** Files read, relative to the raw directory, per input. */
  files: Record<InputKey, string[]>;
  registry: Registry;
  sources: Sources;
  nrmpSpecialtyNames: Map<string, string>;
  specialtyMap: NrmpSpecialtyMap;
  divisions: CensusDivisions;
  notes: string[];
}

export interface InputPaths {
  /** Repository root: holds data/specialties.yaml, data/sources.yaml and data/catalog/. */
  root: string;
  /** Directory holding the raw input folders. */
  raw: string;
}

export function readInputs({ root, raw }: InputPaths): LoadedInputs {
  const text = (path: string) => readFileSync(path, "utf8");
  const yaml = (path: string) => parse(text(path)) as unknown;
  const ownManifest = join(raw, "inputs.yaml");
  const manifest = manifestSchema.parse(
    yaml(existsSync(ownManifest) ? ownManifest : join(root, "data/catalog/inputs.yaml")),
  );
  const registry = registrySchema.parse(yaml(join(root, "data/specialties.yaml")));
  const sources = sourcesSchema.parse(yaml(join(root, "data/sources.yaml"))).sources;
  const specialtyMap = readNrmpSpecialtyMap(text(join(root, "data/catalog/nrmp-specialties.yaml")));
  const divisions = readCensusDivisions(text(join(root, "data/geography/census-divisions.yaml")));
  const notes: string[] = [];

  const file = (key: InputKey, name: string) => {
    const entry = manifest[key];
    const fileName = entry.files[name];
    if (fileName === undefined) throw new Error(`inputs.yaml: ${key}.files has no "${name}"`);
    return join(entry.folder, fileName);
  };
  const files: Record<InputKey, string[]> = {
    nrmp: [file("nrmp", "programs"), file("nrmp", "specialtyCodes")],
    residencyExplorer: [],
    freidaIm: [file("freidaIm", "programs")],
    freidaTy: [file("freidaTy", "programs")],
    florida: [file("florida", "results")],
    geocodes: [file("geocodes", "programs")],
  };

  const reFolder = join(raw, manifest.residencyExplorer.folder);
  const reFiles = new Set(readdirSync(reFolder).filter((f) => f.endsWith(".csv")));
  const rePrograms = registry.specialties.flatMap((s) => {
    if (s.names.residencyExplorer === null) return [];
    const name = `${s.names.residencyExplorer}.csv`;
    if (!reFiles.has(name)) {
      notes.push(`No Residency Explorer file "${name}" for ${s.id}`);
      return [];
    }
    reFiles.delete(name);
    files.residencyExplorer.push(join(manifest.residencyExplorer.folder, name));
    return readResidencyExplorer(text(join(reFolder, name)), s.id);
  });
  for (const extra of reFiles)
    notes.push(`Residency Explorer file "${extra}" names no registry specialty and is not used`);

  const cite = (key: InputKey) => ({ source: manifest[key].source, vintage: manifest[key].vintage });
  const at = (path: string) => text(join(raw, path));
  const [nrmpPrograms, nrmpCodes] = files.nrmp as [string, string];
  const florida = readFloridaResults(at(files.florida[0] as string));
  const inputs: CatalogInputs = {
    nrmp: { ...cite("nrmp"), programs: readNrmpPrograms(at(nrmpPrograms)) },
    residencyExplorer: { ...cite("residencyExplorer"), programs: rePrograms },
    freidaIm: {
      ...cite("freidaIm"),
      specialty: manifest.freidaIm.specialty,
      programs: readFreidaPrograms(at(files.freidaIm[0] as string)),
    },
    freidaTy: {
      ...cite("freidaTy"),
      specialty: manifest.freidaTy.specialty,
      programs: readFreidaListings(at(files.freidaTy[0] as string)),
    },
    // The file's year columns date it better than the manifest can.
    florida: {
      source: manifest.florida.source,
      vintage:
        florida.years.length > 0 ? `${florida.years[0]}–${florida.years.at(-1)}` : manifest.florida.vintage,
      results: florida.results,
    },
    geocodes: { ...cite("geocodes"), programs: readGeocodes(at(files.geocodes[0] as string)) },
    specialtyMap,
    divisions,
  };
  return {
    inputs,
    manifest,
    files,
    registry,
    sources,
    nrmpSpecialtyNames: readNrmpSpecialtyCodes(at(nrmpCodes)),
    specialtyMap,
    divisions,
    notes,
  };
}
