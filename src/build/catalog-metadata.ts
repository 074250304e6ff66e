import type { Catalog, JoinRate, Program } from "../core/catalog/program.ts";
import type { LoadedInputs } from "./read-inputs.ts";

type Metadata = Catalog["metadata"];

const DESCRIPTION =
  "MatchPlan program catalog: NRMP Main Match programs and AAMC Residency Explorer programs, joined with FREIDA, " +
  "Florida NRMP results and a geocode table. Built by `npm run data:build` from data/raw; see docs/data.md. " +
  "Unknown values are null. Each program's provenance names the source and vintage of every non-null field. " +
  "NRMP, AAMC and AMA restrict redistribution of their data and NRMP restricts its use with ML/AI systems; " +
  "each input's terms are listed below.";

/** The catalog's header: what it was built from, under which terms, and what it holds. */
export function catalogMetadata(
  loaded: LoadedInputs,
  programs: readonly Program[],
  joinRates: JoinRate[],
): Metadata {
  const { manifest, sources, files, inputs } = loaded;
  const vintages: Record<keyof typeof manifest, string> = {
    nrmp: inputs.nrmp.vintage,
    residencyExplorer: inputs.residencyExplorer.vintage,
    freidaIm: inputs.freidaIm.vintage,
    freidaTy: inputs.freidaTy.vintage,
    residencyExplorerVisa: inputs.residencyExplorerVisa.vintage,
    florida: inputs.florida.vintage,
    geocodes: inputs.geocodes.vintage,
  };
  const described: Metadata["inputs"] = (Object.keys(manifest) as (keyof typeof manifest)[]).map((key) => {
    const entry = manifest[key];
    const source = sources[entry.source];
    if (!source) throw new Error(`inputs.yaml: ${key}.source "${entry.source}" is not in data/sources.yaml`);
    return {
      key,
      source: entry.source,
      title: source.title,
      publisher: source.publisher,
      vintage: vintages[key],
      terms: source.terms,
      files: files[key],
      ...(source.url ? { url: source.url } : {}),
    };
  });
  const census = loaded.divisions.source;
  described.push({
    key: "censusDivisions",
    source: census.id,
    title: census.title,
    publisher: census.publisher,
    vintage: census.vintage,
    terms: census.terms,
    files: ["data/geography/census-divisions.yaml"],
    url: census.url,
  });
  const programsPerSpecialty: Record<string, number> = {};
  for (const p of programs) programsPerSpecialty[p.specialty] = (programsPerSpecialty[p.specialty] ?? 0) + 1;
  return {
    schemaVersion: 1,
    description: DESCRIPTION,
    inputs: described,
    programsPerSpecialty: Object.fromEntries(
      Object.entries(programsPerSpecialty).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    joinRates,
  };
}

/**
 * Checks of the inputs against the registry that do not stop the build: `names.nrmp` spellings in
 * data/specialties.yaml against the NRMP specialty names of the mapped codes, and source ids that
 * data/sources.yaml does not hold.
 */
export function inputNotes(loaded: LoadedInputs): string[] {
  const notes: string[] = [];
  for (const { specialty, code } of loaded.specialtyMap.entries) {
    const nrmpName = loaded.nrmpSpecialtyNames.get(code);
    const entry = loaded.registry.specialties.find((s) => s.id === specialty);
    if (!entry) {
      notes.push(
        `nrmp-specialties.yaml maps code ${code} to "${specialty}", which data/specialties.yaml does not define`,
      );
    } else if (nrmpName === undefined) {
      notes.push(
        `nrmp-specialties.yaml maps code ${code} (${specialty}), which specialty_codes.csv does not list`,
      );
    } else if (!entry.names.nrmp.includes(nrmpName)) {
      notes.push(
        `data/specialties.yaml ${specialty} names.nrmp is ${JSON.stringify(entry.names.nrmp)}; NRMP calls code ${code} "${nrmpName}"`,
      );
    }
  }
  const census = loaded.divisions.source.id;
  if (!(census in loaded.sources)) {
    notes.push(
      `Source id "${census}" is not in data/sources.yaml; it is described in data/geography/census-divisions.yaml`,
    );
  }
  return notes;
}
