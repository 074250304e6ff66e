import type { Assessment } from "./types.ts";

/**
 * Why an assessment's standing is provisional, in the words its own trace records (the entry
 * `assessProfile` writes when no Step 2 CK band rates the score); null when it is not provisional.
 */
export function provisionalWhy(a: Pick<Assessment, "provisional" | "because">): string | null {
  if (!a.provisional) return null;
  const b = a.because.find(
    (x) =>
      typeof x.value === "object" &&
      x.value !== null &&
      (x.value as { provisional?: unknown }).provisional === true,
  );
  return b?.note ?? null;
}
