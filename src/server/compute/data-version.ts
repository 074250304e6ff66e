import { createHash } from "node:crypto";
import type { ProgramData, Rulebook } from "../../core/index.ts";

/**
 * An identifier of the loaded rulebook and program data: a SHA-256 of their contents, so a cached
 * result computed from one load is never served for another (refreshed data, a test's own data
 * folder). Neither object carries a version of its own, so the hash is taken from what was
 * loaded, once per pair of objects (about a quarter of a second for the repository's data, which
 * serialises to ~14 MB); later calls with the same objects return the remembered value.
 */
const remembered = new WeakMap<Rulebook, WeakMap<ProgramData, string>>();

/** Hex characters kept: 64 bits is plenty to tell apart the few loads a process ever sees. */
const VERSION_HEX_CHARS = 16;

export function dataVersion(rb: Rulebook, data: ProgramData): string {
  const byData = remembered.get(rb) ?? new WeakMap<ProgramData, string>();
  remembered.set(rb, byData);
  const known = byData.get(data);
  if (known !== undefined) return known;
  const hash = createHash("sha256")
    .update(JSON.stringify([rb, data], contentsOf))
    .digest("hex")
    .slice(0, VERSION_HEX_CHARS);
  byData.set(data, hash);
  return hash;
}

/** JSON.stringify leaves Maps and Sets empty; their entries are part of the contents. */
function contentsOf(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { map: [...value.entries()] };
  if (value instanceof Set) return { set: [...value] };
  return value;
}
