import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * Domain numbers belong in data/ with a source, and shared code never branches on a
 * specialty: these checks keep both true of src/. The core is pure and has one public surface:
 * the CLI, the server and the page import it only through its entries, and it imports no IO,
 * no adapter and no clock.
 */
const root = new URL("..", import.meta.url).pathname;
const srcDir = join(root, "src");

function tsFiles(dir: string, withTests = false): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full, withTests);
    const source = /\.(ts|tsx|mts)$/.test(e.name);
    return source && (withTests || !/\.test\.tsx?$/.test(e.name)) ? [full] : [];
  });
}

/** Every module specifier a file names: static imports and re-exports, and dynamic `import("…")`. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g))
    out.push(m[1] as string);
  for (const m of text.matchAll(/(?:^|[\s;])import\s*["']([^"']+)["']/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1] as string);
  return out;
}

const coreDir = join(root, "src/core");
/** The core's public entries: what the CLI, the server and the page may import. */
const CORE_ENTRIES = ["index.ts", "report-render.ts", "calendars.ts", "season.ts", "market.ts"].map((f) =>
  join(coreDir, f),
);

/** Where a relative specifier of `file` points (null for a package or `node:` import). */
function target(file: string, spec: string): string | null {
  return spec.startsWith(".") ? resolve(dirname(file), spec) : null;
}

/** A specifier of `file` that reaches into the core past its entries. */
function deepCoreImport(file: string, spec: string): boolean {
  const t = target(file, spec) ?? "";
  return t.startsWith(`${coreDir}/`) && !CORE_ENTRIES.includes(t);
}

const ADAPTERS = ["src/io", "src/cli", "src/server", "src/store", "src/build", "web"].map((d) =>
  join(root, d),
);
const BUILTINS = new Set(builtinModules);

/** Why a core file may not import `spec`, or null when it may. */
function forbiddenInCore(file: string, spec: string): string | null {
  if (spec.startsWith("node:") || BUILTINS.has(spec)) return "a Node built-in (IO belongs at the edges)";
  const t = target(file, spec);
  const adapter = t === null ? undefined : ADAPTERS.find((d) => t === d || t.startsWith(`${d}/`));
  return adapter ? `${relative(root, adapter)} (the core never imports its callers or IO)` : null;
}

/** Reading the clock: the core takes the date as an argument. */
const CLOCK = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|\bperformance\.now\s*\(/;

/** Source text without comments and string contents, so only code is checked. */
function codeOnly(text: string): string {
  return (
    text
      // Block comments become blank lines, so line numbers still match the file.
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ""))
      .replace(/\/\/.*$/gm, "")
      .replace(/`(?:\\.|[^`\\])*`/g, (t) => `\`${t.replace(/[^\n]/g, "")}\``)
      .replace(/"(?:\\.|[^"\\])*"/g, '""')
      .replace(/'(?:\\.|[^'\\])*'/g, "''")
  );
}

/** A bare three-digit number in the range USMLE scores take (100–300), not part of a longer number or identifier. */
const SCORE_LITERAL = /(?<![\w.])(1\d\d|2\d\d|300)(?![\w.])/;

const specialtyIds = (
  parse(readFileSync(join(root, "data/specialties.yaml"), "utf8")) as { specialties: Array<{ id: string }> }
).specialties.map((s) => s.id);

describe("code health", () => {
  const files = tsFiles(srcDir).filter((f) => !f.includes(`${join("src", "build")}`));

  it("finds source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("the score-literal detector catches what it should and nothing else", () => {
    expect(SCORE_LITERAL.test("if (score >= 235) return")).toBe(true);
    expect(SCORE_LITERAL.test("const x = 300;")).toBe(true);
    expect(SCORE_LITERAL.test("const d = 2026;")).toBe(false);
    expect(SCORE_LITERAL.test("a.b235")).toBe(false);
    expect(SCORE_LITERAL.test("const ms = 86_400_000;")).toBe(false);
    expect(codeOnly('const s = "score 250"; // 240')).not.toMatch(SCORE_LITERAL);
  });

  it("src/ holds no bare three-digit score literals (they belong in data/ with a source)", () => {
    const hits: string[] = [];
    for (const f of files) {
      const raw = readFileSync(f, "utf8").split("\n");
      codeOnly(raw.join("\n"))
        .split("\n")
        .forEach((line, i) => {
          // A number that is not a score (a coordinate, say) may stay when its line says why.
          if (SCORE_LITERAL.test(line) && !raw[i]?.includes("not a score:"))
            hits.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it("the import and clock detectors catch what they should and nothing else", () => {
    const web = join(root, "web/src/app.tsx");
    expect(specifiers('import { a } from "../../src/core/plan/index.ts";\nimport("./x.ts");')).toEqual([
      "../../src/core/plan/index.ts",
      "./x.ts",
    ]);
    expect(
      specifiers('export { b } from "../core/index.ts";\nimport type {\n  C,\n} from "./c.ts";'),
    ).toEqual(["../core/index.ts", "./c.ts"]);
    expect(deepCoreImport(web, "../../src/core/programs/evaluate-list.ts")).toBe(true);
    expect(deepCoreImport(web, "../../src/core/issues.ts")).toBe(true);
    expect(deepCoreImport(web, "../../src/core/index.ts")).toBe(false);
    expect(deepCoreImport(web, "../../src/core/report-render.ts")).toBe(false);
    expect(deepCoreImport(web, "./format.ts")).toBe(false);
    const core = join(coreDir, "plan/plan-application.ts");
    expect(forbiddenInCore(core, "node:fs")).not.toBeNull();
    expect(forbiddenInCore(core, "fs")).not.toBeNull();
    expect(forbiddenInCore(core, "../../io/load-rulebook.ts")).not.toBeNull();
    expect(forbiddenInCore(core, "../../server/problem.ts")).not.toBeNull();
    expect(forbiddenInCore(core, "../../../web/src/format.ts")).not.toBeNull();
    expect(forbiddenInCore(core, "../issues.ts")).toBeNull();
    expect(forbiddenInCore(core, "zod")).toBeNull();
    expect(CLOCK.test(codeOnly("const t = Date.now();"))).toBe(true);
    expect(CLOCK.test(codeOnly("const d = new Date();"))).toBe(true);
    expect(CLOCK.test(codeOnly("const t0 = performance.now();"))).toBe(true);
    expect(CLOCK.test(codeOnly("const d = new Date(ms);"))).toBe(false);
    expect(CLOCK.test(codeOnly("// new Date() is not called here"))).toBe(false);
  });

  it("the CLI, the server and the page import the core only through its entries (src/core/index.ts, report-render.ts, calendars.ts, season.ts, market.ts)", () => {
    const callers = [
      ...tsFiles(join(root, "src/cli"), true),
      ...tsFiles(join(root, "src/server"), true),
      ...tsFiles(join(root, "web/src"), true),
    ];
    expect(callers.length).toBeGreaterThan(30);
    const hits: string[] = [];
    for (const f of callers)
      for (const spec of specifiers(readFileSync(f, "utf8")))
        if (deepCoreImport(f, spec)) hits.push(`${relative(root, f)}: ${spec}`);
    expect(hits).toEqual([]);
  });

  it("the core imports no IO, no adapter (io, cli, server, store, web) and never reads the clock", () => {
    const core = tsFiles(coreDir);
    expect(core.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const f of core) {
      const text = readFileSync(f, "utf8");
      for (const spec of specifiers(text)) {
        const why = forbiddenInCore(f, spec);
        if (why) hits.push(`${relative(root, f)}: ${spec} — ${why}`);
      }
      codeOnly(text)
        .split("\n")
        .forEach((line, i) => {
          if (CLOCK.test(line)) hits.push(`${relative(root, f)}:${i + 1}: reads the clock: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it("a test that makes a temporary directory removes it (test/support/scratch-dir.ts does both)", () => {
    const leaks: string[] = [];
    for (const f of [
      ...tsFiles(srcDir, true),
      ...tsFiles(join(root, "test"), true),
      ...tsFiles(join(root, "bench"), true),
    ]) {
      const text = codeOnly(readFileSync(f, "utf8"));
      if (text.includes("mkdtempSync(") && !/\brmSync\(|\brm\(/.test(text)) leaks.push(relative(root, f));
    }
    expect(leaks).toEqual([]);
  });

  it("src/ never branches on a specialty id (express it as a property in data/specialties.yaml)", () => {
    const hits: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8")
        // Block comments become blank lines, so line numbers still match the file.
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ""))
        .replace(/\/\/.*$/gm, "");
      for (const id of specialtyIds) {
        if (text.includes(`"${id}"`) || text.includes(`'${id}'`) || text.includes(`\`${id}\``))
          hits.push(`${relative(root, f)}: "${id}"`);
      }
    }
    expect(hits).toEqual([]);
  });
});
