import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../../test/support/scratch-dir.ts";
import type { Rulebook } from "../core/index.ts";
import { defaultDataDir, loadRulebook } from "../io/load-rulebook.ts";
import { dataStamp, loadCachedRulebook } from "./load-data.ts";

/** A copy of data/ without the program catalog and its raw inputs (the rulebook does not read them). */
function dataCopy(): string {
  const dir = scratchDir("matchplan-data-");
  const from = defaultDataDir();
  cpSync(from, dir, {
    recursive: true,
    filter: (src) => !/[/\\](catalog|raw)([/\\]|$)/.test(src.slice(from.length - 1)),
  });
  return dir;
}

const compiled = (dir: string): Rulebook => {
  const r = loadRulebook(dir);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("the CLI's rulebook cache", () => {
  const dir = dataCopy();
  const cache = join(scratchDir("matchplan-cache-"), "rulebook.v8");

  it("gives the same rulebook as compiling data/, and writes itself", () => {
    const fromCache = loadCachedRulebook(dir, cache);
    expect(fromCache).toStrictEqual(compiled(dir));
    expect(readFileSync(cache).length).toBeGreaterThan(0);
    expect(loadCachedRulebook(dir, cache)).toStrictEqual(fromCache);
  });

  it("is read while data/ is unchanged, and not once a file changes", () => {
    const marker = { marker: true } as unknown as Rulebook;
    writeFileSync(cache, serialize({ stamp: dataStamp(dir), rulebook: marker }));
    expect(loadCachedRulebook(dir, cache)).toEqual(marker);

    appendFileSync(join(dir, "sources.yaml"), "\n# edited\n");
    const after = loadCachedRulebook(dir, cache);
    expect(after).not.toEqual(marker);
    expect(after).toStrictEqual(compiled(dir));
  });

  it("a cache that cannot be written or read is no error: data/ is compiled instead", () => {
    expect(loadCachedRulebook(dir, join(dir, "no-such-folder", "rulebook.v8"))).toStrictEqual(compiled(dir));
    writeFileSync(cache, "not a serialized value");
    expect(loadCachedRulebook(dir, cache)).toStrictEqual(compiled(dir));
  });
});
