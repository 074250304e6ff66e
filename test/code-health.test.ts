import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * Domain numbers belong in data/ with a source, and shared code never branches on a
 * specialty: these checks keep both true of src/.
 */
const root = new URL("..", import.meta.url).pathname;
const srcDir = join(root, "src");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

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
