import { normaliseName } from "./normalise-name.ts";

/**
 * Stable program ids. A program with an NRMP code is `nrmp-<code>` (`nrmp-1903420c0`): the code is
 * NRMP's own key, so rebuilding or adding sources never changes it. A program known only from
 * Residency Explorer is `re-<specialty>-<state>-<normalised name>`, with its city appended when two
 * programs of one specialty share a name and state (SOURCE.md notes such rows).
 */
export function nrmpProgramId(code: string): string {
  return `nrmp-${code.toLowerCase()}`;
}

export function nameProgramId(
  specialty: string,
  state: string | null,
  name: string,
  city?: string | null,
): string {
  const parts = ["re", specialty, state ?? "xx", normaliseName(name), ...(city ? [normaliseName(city)] : [])];
  return slug(parts.join(" "));
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
