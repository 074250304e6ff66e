import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The terms travel with the data: LICENSE covers MatchPlan's own work, every file under data/ is
 * either MatchPlan's own or part of a third-party dataset (data/licensing.yaml), and each dataset
 * has a notice that states its owners' terms and the credit line they ask for, as NOTICE does.
 */
const root = new URL("..", import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), "utf8");

interface Dataset {
  id: string;
  title: string;
  sources: string[];
  paths: string[];
  notice: string;
}
interface Licensing {
  own: { licence: string; paths: string[] };
  "third-party": Dataset[];
}
interface Source {
  publisher: string;
  terms: string;
  attribution?: string;
}

const licensing = parse(read("data/licensing.yaml")) as Licensing;
const datasets = licensing["third-party"];
const sources = (parse(read("data/sources.yaml")) as { sources: Record<string, Source> }).sources;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory()
      ? filesUnder(full)
      : [relative(join(root, "data"), full).split(sep).join("/")];
  });
}

/** How specifically `pattern` matches `file`: a file path or pattern beats any folder, a longer folder a shorter one. */
function specificity(pattern: string, file: string): number {
  if (pattern.endsWith("/")) return file.startsWith(pattern) ? pattern.length : -1;
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]+")}$`);
  return re.test(file) ? Number.MAX_SAFE_INTEGER : -1;
}

/** The owner of a file under data/: "own", or the id of the third-party dataset whose path matches it best. */
function ownerOf(file: string): string | null {
  const entries = [
    ...licensing.own.paths.map((p) => ({ p, owner: "own" })),
    ...datasets.flatMap((d) => d.paths.map((p) => ({ p, owner: d.id }))),
  ];
  let best: { score: number; owner: string } | null = null;
  for (const { p, owner } of entries) {
    const score = specificity(p, file);
    if (score >= 0 && (best === null || score > best.score)) best = { score, owner };
  }
  return best?.owner ?? null;
}

const files = filesUnder(join(root, "data"));

describe("the code's licence", () => {
  it("is the MIT licence of package.json, held by the MatchPlan contributors", () => {
    expect((JSON.parse(read("package.json")) as { license: string }).license).toBe("MIT");
    const licence = read("LICENSE");
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} MatchPlan contributors\n/);
    expect(licence).toContain("The above copyright notice and this permission notice shall be included");
  });
});

describe("the data's terms (data/licensing.yaml)", () => {
  it("classifies every file under data/ as MatchPlan's own or as part of a third-party dataset", () => {
    expect(files.filter((f) => ownerOf(f) === null)).toEqual([]);
  });

  it("gives every folder of raw exports to a third-party dataset; only the notes written here are MatchPlan's", () => {
    const ownRaw = files.filter((f) => f.startsWith("raw/") && ownerOf(f) === "own");
    expect(ownRaw.every((f) => /^raw\/[^/]+\/(NOTICE|SOURCE)\.md$/.test(f))).toBe(true);
    const rawFolders = readdirSync(join(root, "data/raw"));
    for (const folder of rawFolders)
      expect(datasets.some((d) => d.paths.includes(`raw/${folder}/`))).toBe(true);
  });

  it("keeps the shipped catalog and the NRMP and statistics facts apart from the MIT files", () => {
    expect(ownerOf("catalog/programs.json")).toBe("program-catalog");
    expect(ownerOf("catalog/inputs.yaml")).toBe("own");
    expect(ownerOf("facts/charting-outcomes-2026.yaml")).toBe("nrmp-charting-outcomes-2026");
    expect(ownerOf("facts/match-statistics.json")).toBe("match-statistics");
    expect(ownerOf("facts/exam-rules.yaml")).toBe("own");
    expect(ownerOf("raw/nrmp-program-list-2023/nrmp_programs.csv")).toBe("nrmp-program-list-2023");
  });

  it("names, for the catalog, every input the catalog says it was built from", () => {
    const catalog = JSON.parse(read("data/catalog/programs.json")) as {
      metadata: { inputs: { source: string }[] };
    };
    const listed = datasets.find((d) => d.id === "program-catalog")?.sources ?? [];
    expect(catalog.metadata.inputs.map((i) => i.source).filter((s) => !listed.includes(s))).toEqual([]);
  });

  it.each(datasets.map((d) => [d.id, d] as const))(
    "%s: its sources are in the bibliography and its notice states their terms and credit line",
    (_, d) => {
      const notice = read(join("data", d.notice));
      expect(notice).toMatch(/not covered by MatchPlan's MIT licence|Terms:/i);
      for (const id of d.sources) {
        const source = sources[id];
        expect(source, `${id} is not in data/sources.yaml`).toBeDefined();
        if (source?.attribution) expect(notice).toContain(source.attribution);
      }
      if (d.sources.length === 1) expect(notice).toContain((sources[d.sources[0] as string] as Source).terms);
    },
  );

  it("NOTICE lists every dataset with its files, terms and the credit line its owners ask for", () => {
    const notice = read("NOTICE");
    const flat = notice.replace(/\s+/g, " ");
    for (const d of datasets) {
      expect(notice).toContain(`  ${d.id}: ${d.title}`);
      for (const p of d.paths) expect(notice).toContain(`data/${p}`);
      for (const id of d.sources) {
        const source = sources[id] as Source;
        expect(flat).toContain(source.terms.replace(/\s+/g, " "));
        if (source.attribution) expect(notice).toContain(source.attribution);
      }
    }
  });

  it("every NRMP, AAMC and AMA dataset carries a credit line, so the report and the page can show it", () => {
    const owners =
      /National Resident Matching Program|Association of American Medical Colleges|American Medical Association/;
    const uncredited = Object.entries(sources)
      .filter(([, s]) => owners.test(s.publisher) && s.attribution === undefined)
      .map(([id]) => id)
      .filter((id) => datasets.some((d) => d.sources.includes(id)));
    expect(uncredited).toEqual([]);
  });
});
