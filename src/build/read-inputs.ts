import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { CatalogInputs } from "./assemble-catalog.ts";
import { type CensusDivisions, readCensusDivisions } from "./census-divisions.ts";
import { type NrmpSpecialtyMap, readNrmpSpecialtyMap } from "./nrmp-specialty-map.ts";
import { RawInputError } from "./raw-input-error.ts";
import { readFloridaResults } from "./read-florida-results.ts";
import { readFreidaListings, readFreidaPrograms } from "./read-freida.ts";
import { readGeocodes } from "./read-geocodes.ts";
import { readNrmpPrograms, readNrmpSpecialtyCodes } from "./read-nrmp-programs.ts";
import { readResidencyExplorer } from "./read-residency-explorer.ts";
import { readVisaListings } from "./read-residency-explorer-visa.ts";

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
  residencyExplorerVisa: inputSchema.extend({ specialty: z.string() }),
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

/** The manifest that applies: the raw folder's own inputs.yaml when it has one, else data/catalog/inputs.yaml. */
export function manifestPath({ root, raw }: InputPaths): { path: string; own: boolean } {
  const own = join(raw, "inputs.yaml");
  return existsSync(own)
    ? { path: own, own: true }
    : { path: join(root, "data/catalog/inputs.yaml"), own: false };
}

/** The registry, bibliography and NRMP map the build reads from data/ (never from the raw folder). */
export function readRegistryFiles(root: string): { registry: Registry; sources: Sources } {
  const yaml = (path: string) => parse(readFileSync(join(root, path), "utf8")) as unknown;
  return {
    registry: registrySchema.parse(yaml("data/specialties.yaml")),
    sources: sourcesSchema.parse(yaml("data/sources.yaml")).sources,
  };
}

export function readInputs({ root, raw }: InputPaths): LoadedInputs {
  const text = (path: string) => readFileSync(path, "utf8");
  const yaml = (path: string) => parse(text(path)) as unknown;
  const manifest = manifestSchema.parse(yaml(manifestPath({ root, raw }).path));
  const { registry, sources } = readRegistryFiles(root);
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
    residencyExplorerVisa: [file("residencyExplorerVisa", "programs")],
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
    const path = join(manifest.residencyExplorer.folder, name);
    files.residencyExplorer.push(path);
    return inFile(path, () => readResidencyExplorer(text(join(raw, path)), s.id));
  });
  for (const extra of reFiles)
    notes.push(`Residency Explorer file "${extra}" names no registry specialty and is not used`);

  const cite = (key: InputKey) => ({ source: manifest[key].source, vintage: manifest[key].vintage });
  /** Reads one raw file with `reader`; whatever the reader rejects is reported against that file. */
  const at = <T>(path: string, reader: (text: string) => T): T =>
    inFile(path, () => reader(text(join(raw, path))));
  const [nrmpPrograms, nrmpCodes] = files.nrmp as [string, string];
  const florida = at(files.florida[0] as string, readFloridaResults);
  const inputs: CatalogInputs = {
    nrmp: { ...cite("nrmp"), programs: at(nrmpPrograms, readNrmpPrograms) },
    residencyExplorer: { ...cite("residencyExplorer"), programs: rePrograms },
    freidaIm: {
      ...cite("freidaIm"),
      specialty: manifest.freidaIm.specialty,
      programs: at(files.freidaIm[0] as string, readFreidaPrograms),
    },
    freidaTy: {
      ...cite("freidaTy"),
      specialty: manifest.freidaTy.specialty,
      programs: at(files.freidaTy[0] as string, readFreidaListings),
    },
    residencyExplorerVisa: {
      ...cite("residencyExplorerVisa"),
      specialty: manifest.residencyExplorerVisa.specialty,
      programs: at(files.residencyExplorerVisa[0] as string, readVisaListings),
    },
    // The file's year columns date it better than the manifest can.
    florida: {
      source: manifest.florida.source,
      vintage:
        florida.years.length > 0 ? `${florida.years[0]}–${florida.years.at(-1)}` : manifest.florida.vintage,
      results: florida.results,
    },
    geocodes: { ...cite("geocodes"), programs: at(files.geocodes[0] as string, readGeocodes) },
    specialtyMap,
    divisions,
  };
  return {
    inputs,
    manifest,
    files,
    registry,
    sources,
    nrmpSpecialtyNames: at(nrmpCodes, readNrmpSpecialtyCodes),
    specialtyMap,
    divisions,
    notes,
  };
}

/** Runs `read`; an error it throws (a bad value, a shifted row) becomes a RawInputError naming `file`. */
function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof RawInputError) throw e;
    throw new RawInputError(file, (e as Error).message);
  }
}
