import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { formatIssue, type ProgramData, type Rulebook } from "../core/index.ts";
import { loadProgramData } from "../io/load-program-data.ts";
import { defaultDataDir, loadRulebook, repositoryRulebook } from "../io/load-rulebook.ts";

/**
 * The rulebook for the compiled CLI, without parsing and validating data/ on every call.
 *
 * Reading the ~80 YAML files of data/ and validating them took most of a cold `matchplan assess`
 * (about 0.3–0.6 s to parse, 0.15 s to validate, on a 2-core machine). The rulebook they compile
 * to is plain data (objects, arrays, one Map), so the compiled CLI keeps it, serialized with
 * `node:v8` (about 2 ms to read back), in `rulebook.v8` beside its own code, stamped with the Node
 * version and the size and modification time of every file and folder under data/. A stamp that
 * no longer matches (data edited, pulled or added) means data/ is read again and the file
 * rewritten, so the cache is stale only if a file changes with its size and time unchanged. The
 * cache goes with the code that compiled it: the build deletes dist/cli/, and bin/matchplan.js
 * runs the sources instead of a dist/cli/ older than them.
 *
 * It is used only where it already exists, that is beside the compiled code (the build creates
 * it); run from the TypeScript sources, or with MATCHPLAN_DATA_DIR set, the CLI reads data/ as
 * before.
 */
export const CACHE_FILE = "rulebook.v8";

interface CacheBody {
  stamp: string;
  rulebook: Rulebook;
}

/** Node's version, then size and modification time of everything under `dir`, in a fixed order. */
export function dataStamp(dir: string): string {
  const parts: string[] = [process.version];
  const walk = (d: string, rel: string) => {
    parts.push(`${rel}/:${statSync(d).mtimeMs}`);
    for (const e of readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full, `${rel}/${e.name}`);
      else {
        const st = statSync(full);
        parts.push(`${rel}/${e.name}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir, "");
  return parts.join("\n");
}

/**
 * The rulebook from `cachePath` when its stamp matches `dataDir`, else compiled from `dataDir` and
 * written there (atomically: a concurrent reader sees the old file or the new one). A cache that
 * cannot be written (a read-only install) is not an error: the next call reads data/ again.
 */
export function loadCachedRulebook(dataDir: string, cachePath: string): Rulebook {
  const stamp = dataStamp(dataDir);
  try {
    const cached = deserialize(readFileSync(cachePath)) as CacheBody;
    if (cached.stamp === stamp) return cached.rulebook;
  } catch {
    // Missing, empty, or written by another Node: compile it below.
  }
  const r = loadRulebook(dataDir);
  if (!r.ok) throw new Error(`The rulebook in data/ is invalid:\n${r.issues.map(formatIssue).join("\n")}`);
  const tmp = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, serialize({ stamp, rulebook: r.value } satisfies CacheBody));
    renameSync(tmp, cachePath);
  } catch {
    // Not writable: compiled from data/ this time.
  }
  return r.value;
}

let loaded: Rulebook | undefined;

/** The CLI's rulebook: from the cache beside the compiled code when there is one, else from data/. */
export function cliRulebook(): Rulebook {
  if (loaded) return loaded;
  const cachePath = fileURLToPath(new URL(`./${CACHE_FILE}`, import.meta.url));
  loaded =
    process.env.MATCHPLAN_DATA_DIR === undefined && existsSync(cachePath)
      ? loadCachedRulebook(defaultDataDir(), cachePath)
      : repositoryRulebook();
  return loaded;
}

let programData: ProgramData | undefined;

/**
 * The catalog, program model and fees, compiled against the CLI's rulebook (not a second copy of
 * it read from YAML). Loaded only by the commands that list or plan programs: reading 6,767
 * programs is not free, and `specialties` or `assess` never need them.
 */
export function cliProgramData(): ProgramData {
  if (programData) return programData;
  const r = loadProgramData(cliRulebook(), defaultDataDir());
  if (!r.ok) throw new Error(`Program data in data/ is invalid:\n${r.issues.map(formatIssue).join("\n")}`);
  programData = r.value;
  return programData;
}
