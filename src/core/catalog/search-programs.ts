import type { Catalog, Program } from "./program.ts";

export const VISA_TYPES = ["j1", "h1b"] as const;
export type VisaType = (typeof VISA_TYPES)[number];

export interface ProgramQuery {
  specialty: string;
  /** Two-letter state code; matched case-insensitively. */
  state?: string;
  /** Keep only programs known to sponsor this visa. */
  visa?: VisaType;
  /** Keep only programs whose non-US-IMG interview rate (0–1) is at least this. */
  minImgRate?: number;
}

/**
 * The catalog's programs matching every given criterion, in catalog order.
 * A filter never matches an unknown value: a program whose visa policy or non-US-IMG
 * interview rate is not reported is left out when that filter is asked for, because
 * "not reported" is not evidence that it qualifies.
 */
export function searchPrograms(catalog: Pick<Catalog, "programs">, query: ProgramQuery): Program[] {
  const state = query.state?.toUpperCase();
  return catalog.programs.filter(
    (p) =>
      p.specialty === query.specialty &&
      (state === undefined || p.state === state) &&
      (query.visa === undefined || p.visa?.[query.visa] === true) &&
      (query.minImgRate === undefined ||
        (p.interviewRates?.nonUsImg != null && p.interviewRates.nonUsImg >= query.minImgRate)),
  );
}
