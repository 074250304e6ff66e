import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { fail, type Issue, type Result } from "../core/issues.ts";
import {
  compileRulebook,
  type DataFile,
  isCycleFile,
  isRuleFile,
} from "../core/rulebook/compile-rulebook.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";

/** The repository's `data/` folder; `MATCHPLAN_DATA_DIR` points elsewhere (tests, refreshed data). */
export function defaultDataDir(): string {
  return process.env.MATCHPLAN_DATA_DIR ?? fileURLToPath(new URL("../../data/", import.meta.url));
}

const TOP_LEVEL = ["sources.yaml", "specialties.yaml"];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? listFiles(full) : [full];
  });
}

/** Reads and parses the rulebook's files; YAML and JSON syntax errors become issues with line numbers. */
export function readDataFiles(dataDir: string): Result<DataFile[]> {
  const issues: Issue[] = [];
  const files: DataFile[] = [];
  const wanted = listFiles(dataDir)
    .map((f) => relative(dataDir, f).split(sep).join("/"))
    .filter(
      (p) =>
        TOP_LEVEL.includes(p) ||
        isRuleFile(p) ||
        isCycleFile(p) ||
        /^facts\/(outcomes\/)?[^/]+\.(ya?ml|json)$/.test(p),
    );
  for (const path of wanted) {
    const text = readFileSync(join(dataDir, path), "utf8");
    if (path.endsWith(".json")) {
      try {
        files.push({ path, data: JSON.parse(text) });
      } catch (e) {
        issues.push({ code: "invalid_json", file: path, path: "", message: (e as Error).message });
      }
      continue;
    }
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const line = err.linePos?.[0];
        issues.push({
          code: "invalid_value",
          file: path,
          path: line ? `line ${line.line}:${line.col}` : "",
          message: err.message.split("\n")[0] ?? err.message,
        });
      }
      continue;
    }
    files.push({ path, data: doc.toJS() });
  }
  return issues.length > 0 ? fail(issues) : { ok: true, value: files };
}

export function loadRulebook(dataDir: string = defaultDataDir()): Result<Rulebook> {
  const files = readDataFiles(dataDir);
  return files.ok ? compileRulebook(files.value) : files;
}

let cached: Rulebook | undefined;

/** The rulebook from the repository's data, loaded once per process; a broken rulebook is a bug, so it throws. */
export function repositoryRulebook(): Rulebook {
  if (cached) return cached;
  const r = loadRulebook();
  if (!r.ok)
    throw new Error(
      `The rulebook in data/ is invalid:\n${r.issues.map((i) => `  ${i.file}: ${i.path}: ${i.message}`).join("\n")}`,
    );
  cached = r.value;
  return cached;
}
