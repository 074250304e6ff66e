import { isGeneric, type NameDocument } from "./name-similarity.ts";
import { nameTokens, US_STATE_NAMES } from "./normalise-name.ts";

/** Words of state names say where, not which site ("Medicine-Primary/UC" is not a site). */
const STATE_WORDS = new Set(Object.values(US_STATE_NAMES).flatMap((name) => nameTokens(name)));

/**
 * Words NRMP titles use for a track of a program rather than a place ("Rad-Diag/Research",
 * "Internal Medicine/Osteopathic", "Med-Prelim/Neurology"), even where some program name in the
 * state happens to contain them.
 */
const TRACK_WORDS = new Set([
  "research",
  "osteopathic",
  "scientist",
  "physician",
  "clinician",
  "investigator",
  "pathway",
  "track",
  "primary",
  "care",
  "designated",
  "neurology",
  "radiology",
  "dermatology",
  "anesthesiology",
  "ophthalmology",
  "psychiatry",
  "pediatrics",
  "urology",
  "surgery",
]);

export interface NamedPlace {
  state: string | null;
  /** The program name's document (tokens and acronyms are used). */
  doc: NameDocument;
  city: string | null;
}

/**
 * Which words of an NRMP title qualifier name a site. "Internal Medicine/Oakland" and
 * "Internal Medicine/Tucson" name one; "Radiology-Diagnostic/Research" does not. A word counts as a
 * site when it is part of any program's city, or of a program name (as a word or an acronym) in the
 * same state, which needs no list of places.
 */
export class SiteWords {
  private readonly cities = new Set<string>();
  private readonly byState = new Map<string, Set<string>>();

  constructor(places: Iterable<NamedPlace>) {
    const keep = (w: string) => !isGeneric(w) && !STATE_WORDS.has(w) && !TRACK_WORDS.has(w);
    for (const { state, doc, city } of places) {
      for (const w of nameTokens(city ?? "")) if (keep(w)) this.cities.add(w);
      if (state === null) continue;
      const words = this.byState.get(state) ?? new Set<string>();
      for (const w of [...doc.tokens, ...doc.acronyms]) if (keep(w)) words.add(w);
      this.byState.set(state, words);
    }
  }

  /** The words of `qualifier` that name a site (in `state`, for name words). Sorted, without repeats. */
  sites(qualifier: readonly string[], state: string | null): string[] {
    const named = (w: string) => state !== null && (this.byState.get(state)?.has(w) ?? false);
    return [...new Set(qualifier.filter((w) => this.cities.has(w) || named(w)))].sort();
  }
}
