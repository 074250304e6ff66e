import {
  type CatalogIndex,
  type CatalogPart,
  compileProgramModel,
  formatIssue,
  type Issue,
  joinCatalogParts,
  type LoadedPart,
  missingParts,
  type ProfileSchema,
  type ProgramData,
  profileSchemaFor,
  type Rulebook,
  readCatalogPart,
  rulebookFromJson,
} from "../../../src/core/index.ts";

/**
 * Everything the page computes with: the same rulebook, program model and profile schema as the
 * CLI, and the program catalog, which comes in parts (one per specialty, fetched as plans need
 * them: src/core/programs/catalog-parts.ts).
 */
export interface Engine {
  rb: Rulebook;
  schema: ProfileSchema;
  catalog: CatalogParts;
  /** Milliseconds spent fetching and reading the rulebook, for the page's footer. */
  loadMs: number;
}

/** The data files written by scripts/build-web-data.ts, relative to the page. */
export const DATA_URLS = {
  rulebook: "data/rulebook.json",
  programModel: "data/program-model.json",
  catalogIndex: "data/catalog/index.json",
  catalogPart: (specialty: string) => `data/catalog/${encodeURIComponent(specialty)}.json`,
} as const;

export type FetchJson = (url: string) => Promise<unknown>;

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  return res.json();
}

function dataError(what: string, issues: Issue[]): Error {
  return new Error(`${what} is invalid:\n${issues.slice(0, 10).map(formatIssue).join("\n")}`);
}

/**
 * The catalog's parts this page has loaded, and the program data made of them. The program model
 * and the catalog's index (what every part needs) are fetched with the first part asked for, not
 * before the form is shown. Each part is fetched once (a second ask waits for the first fetch);
 * the data are remade only when a part has been added, so everything the core keeps per data (its
 * sponsor and track indexes) is kept between plans.
 */
export class CatalogParts {
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly loaded = new Map<string, LoadedPart>();
  private data: ProgramData | null = null;
  private base: { index: CatalogIndex; model: ProgramData["model"] } | null = null;
  private baseLoading: Promise<{ index: CatalogIndex; model: ProgramData["model"] }> | null = null;

  constructor(
    private readonly rb: Rulebook,
    private readonly get: FetchJson = fetchJson,
  ) {}

  /** The catalog's index; only once a part has been loaded. */
  get index(): CatalogIndex {
    if (!this.base) throw new Error("the catalog's index is not loaded yet");
    return this.base.index;
  }

  private loadBase(): Promise<{ index: CatalogIndex; model: ProgramData["model"] }> {
    this.baseLoading ??= Promise.all([
      this.get(DATA_URLS.programModel),
      this.get(DATA_URLS.catalogIndex),
    ]).then(([modelFile, index]) => {
      const { model: rawModel } = modelFile as { model: unknown };
      const model = compileProgramModel(rawModel, this.rb);
      if (!model.ok) throw dataError("The program model", model.issues);
      const idx = index as Partial<CatalogIndex> | null;
      if (!idx || !Array.isArray(idx.specialties) || idx.metadata?.schemaVersion !== 1)
        throw new Error("The program catalog's index is not a MatchPlan catalog index (schemaVersion 1).");
      this.base = { index: idx as CatalogIndex, model: model.value };
      return this.base;
    });
    // A failed fetch may be asked for again (the link came back).
    this.baseLoading.catch(() => {
      this.baseLoading = null;
    });
    return this.baseLoading;
  }

  /** Whether every one of `specialties` that the catalog has is loaded (none is before the index is). */
  has(specialties: readonly string[]): boolean {
    const base = this.base;
    return (
      base !== null && specialties.every((id) => this.loaded.has(id) || !base.index.specialties.includes(id))
    );
  }

  /** Loads the parts of `specialties` the catalog has ("all": every part). Broken data is a bug, so it throws. */
  async load(specialties: readonly string[] | "all"): Promise<void> {
    const { index } = await this.loadBase();
    const ids = (specialties === "all" ? index.specialties : specialties).filter((id) =>
      index.specialties.includes(id),
    );
    await Promise.all(ids.map((id) => this.loadOne(index, id)));
  }

  private loadOne(index: CatalogIndex, id: string): Promise<void> {
    let p = this.fetching.get(id);
    if (!p) {
      p = this.get(DATA_URLS.catalogPart(id)).then((file) => {
        const part = readCatalogPart(index, file as CatalogPart);
        if (!part || part.specialty !== id)
          throw new Error(`The program catalog's part for ${id} is not a MatchPlan catalog part.`);
        this.loaded.set(id, part);
        this.data = null;
      });
      // A failed fetch may be asked for again (the link came back).
      p.catch(() => this.fetching.delete(id));
      this.fetching.set(id, p);
    }
    return p;
  }

  /** The program data of the parts loaded so far (once the index is: `has` or `load` first). */
  programData(): ProgramData {
    if (!this.base) throw new Error("the catalog's index is not loaded yet");
    this.data ??= joinCatalogParts(this.base.index, [...this.loaded.values()], this.base.model);
    return this.data;
  }

  /**
   * `compute` on the parts loaded, with what it read that is not loaded: when nothing, the value
   * is the whole catalog's; otherwise the value is not to be used, and `needs` is to be loaded.
   */
  tryNow<T>(compute: (data: ProgramData) => T): { value: T; needs: null } | { needs: string[] | "all" } {
    const data = this.programData();
    missingParts(data);
    const value = compute(data);
    const missing = missingParts(data);
    return this.complete(missing) ? { value, needs: null } : { needs: missing };
  }

  /**
   * `compute` on the parts loaded when they are all it reads (its value is then the whole
   * catalog's); otherwise null, and what it lacked is fetched, then `onLoaded` is called.
   */
  now<T>(compute: (data: ProgramData) => T, onLoaded?: () => void): T | null {
    const r = this.tryNow(compute);
    if (r.needs === null) return r.value;
    this.load(r.needs).then(onLoaded, () => undefined);
    return null;
  }

  /** `compute` on the parts it reads, `first` and any it asks for fetched first: the whole catalog's value. */
  async when<T>(compute: (data: ProgramData) => T, first: readonly string[] | "all" = []): Promise<T> {
    await this.load(first);
    for (;;) {
      const r = this.tryNow(compute);
      if (r.needs === null) return r.value;
      await this.load(r.needs);
    }
  }

  /** Nothing missing, or nothing left to load (a read of the whole map is then the whole catalog's). */
  private complete(missing: string[] | "all"): boolean {
    return (missing !== "all" && missing.length === 0) || this.has(this.index.specialties);
  }
}

/**
 * Fetches the rulebook (compiled by the build) and reads it with the core: all the form needs.
 * The program model, the catalog's index and its parts are fetched as plans need them
 * (`CatalogParts`). Broken data is a bug, so it throws.
 */
export async function loadEngine(
  now: () => number = () => performance.now(),
  get: FetchJson = fetchJson,
): Promise<Engine> {
  const start = now();
  const rb = rulebookFromJson(await get(DATA_URLS.rulebook));
  if (!rb) throw new Error("The rulebook is not a compiled MatchPlan rulebook (matchplan-rulebook/1).");
  return {
    rb,
    schema: profileSchemaFor(rb),
    catalog: new CatalogParts(rb, get),
    loadMs: Math.round(now() - start),
  };
}
