import {
  type Catalog,
  compileProgramModel,
  compileRulebook,
  type DataFile,
  expandValidatedCatalog,
  formatIssue,
  groupBySpecialty,
  type Issue,
  type ProfileSchema,
  type ProgramData,
  profileSchemaFor,
  type Rulebook,
} from "../../../src/core/index.ts";

/** Everything the page computes with: the same rulebook, program data and profile schema as the CLI. */
export interface Engine {
  rb: Rulebook;
  data: ProgramData;
  schema: ProfileSchema;
  /** Milliseconds spent fetching and compiling, for the page's footer. */
  loadMs: number;
}

/** The data files written by scripts/build-web-data.ts, relative to the page. */
export const DATA_URLS = {
  rulebook: "data/rulebook.json",
  programModel: "data/program-model.json",
  catalog: "data/catalog.json",
} as const;

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  return res.json();
}

function dataError(what: string, issues: Issue[]): Error {
  return new Error(`${what} is invalid:\n${issues.slice(0, 10).map(formatIssue).join("\n")}`);
}

/** Fetches the data files and compiles them with the core; broken data is a bug, so it throws. */
export async function loadEngine(now: () => number = () => performance.now()): Promise<Engine> {
  const start = now();
  const [files, modelFile, catalogFile] = await Promise.all([
    fetchJson(DATA_URLS.rulebook),
    fetchJson(DATA_URLS.programModel),
    fetchJson(DATA_URLS.catalog),
  ]);
  const rb = compileRulebook(files as DataFile[]);
  if (!rb.ok) throw dataError("The rulebook", rb.issues);
  const { model: rawModel } = modelFile as { model: unknown };
  const model = compileProgramModel(rawModel, rb.value);
  if (!model.ok) throw dataError("The program model", model.issues);
  // The build validated this very file with catalogSchema (scripts/build-web-data.ts).
  const cat: Catalog | null = expandValidatedCatalog(catalogFile);
  if (!cat) throw new Error("The program catalog is not a MatchPlan catalog file (schemaVersion 1).");
  return {
    rb: rb.value,
    data: { catalog: cat, model: model.value, bySpecialty: groupBySpecialty(cat) },
    schema: profileSchemaFor(rb.value),
    loadMs: Math.round(now() - start),
  };
}
