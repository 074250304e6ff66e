import { type Cycle, shiftYears } from "../assess/application-cycle.ts";
import { resolveFact } from "../cycle/resolve-fact.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { TimelineItem } from "./types.ts";

/**
 * ECFMG's Pathways in the timeline of an applicant NRMP's ECFMG rule applies to
 * (`ecfmgVerification.applicantTypes`, data/cycles/cycle-rules.yaml).
 *
 * Spec. The clinical-skills and communication-skills requirements are met through the Pathways,
 * and ECFMG must confirm them to NRMP by the rank-order-list deadline (nrmp-ecfmg-requirements).
 * The row runs from the Match year's Pathways opening (the pack's `ecfmg.pathwaysOpen`) to that
 * deadline. Where the pack says the opening is unknown, it is not guessed: the row is the deadline
 * alone, and its basis and the timeline's `unknown` say why, with the last opening on record. A
 * date carried from an earlier pack is moved by whole years and marked estimated.
 * Not modelled: whether the applicant has already met the requirements (the profile does not say).
 */
export const PATHWAYS_OPEN = "ecfmgPathwaysOpen" as const;

export interface PathwaysRow {
  row: Omit<TimelineItem, "status"> | null;
  unknown: { id: typeof PATHWAYS_OPEN; label: string; why: string } | null;
}

const words = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;

/** The requirements ECFMG confirms to NRMP, in words: "examination, clinical-skills and communication-skills". */
export function ecfmgRequirementsText(rb: Rulebook): string {
  return words(rb.cycles.ecfmgVerification.requirements);
}

/** The newest Pathways opening a pack before `year` states, or null. */
function lastStatedOpening(
  rb: Rulebook,
  year: number,
): { year: number; date: string; sources: string[] } | null {
  const years = [...rb.cycles.packs.keys()].filter((y) => y < year).sort((a, b) => b - a);
  for (const y of years) {
    const f = rb.cycles.packs.get(y)?.ecfmg?.pathwaysOpen;
    if (f && "value" in f) return { year: y, date: f.value, sources: f.sources };
  }
  return null;
}

export function pathwaysRow(rb: Rulebook, cycle: Cycle, applicantType: string): PathwaysRow {
  const rule = rb.cycles.ecfmgVerification;
  if (!rule.applicantTypes.includes(applicantType as (typeof rule.applicantTypes)[number]))
    return { row: null, unknown: null };
  const deadline = cycle[rule.by];
  const year = cycle.matchYear;
  const open = resolveFact<string>(rb, year, ["ecfmg", "pathwaysOpen"]);
  const label = `ECFMG Pathways for the ${year} Match open`;
  const last = open.known ? null : lastStatedOpening(rb, year);
  const lastText = last ? `; the last known: the ${last.year} Pathways opened ${last.date}` : "";
  const why = `${open.basis.replace(/\.$/, "")}${lastText}`;
  const unknown = open.known ? null : { id: PATHWAYS_OPEN, label, why };
  if (!deadline) return { row: null, unknown };

  const base = {
    id: "ecfmg-pathways",
    kind: "milestone" as const,
    label: `Meet ECFMG's ${words(rule.pathwaysCover)} requirements (the Pathways)`,
    tasks: [rule.pathways.value],
    end: deadline.date,
    ruleId: "cycle-dates.ecfmgVerification",
  };
  const deadlineText = `the rank-list deadline (${deadline.date}${deadline.estimated ? "; estimated" : ""})`;
  if (!open.known)
    return {
      unknown,
      row: {
        ...base,
        start: deadline.date,
        estimated: deadline.estimated,
        confidence: deadline.confidence,
        basis: `due by ${deadlineText}; when the ${year} Pathways open is unknown — ${why}`,
        sources: [
          ...new Set([
            ...rule.pathways.sources,
            ...rule.sources,
            ...deadline.sources,
            ...(last?.sources ?? []),
          ]),
        ],
      },
    };
  const carried = open.statedFor !== year;
  const start = carried ? shiftYears(open.value, year - open.statedFor) : open.value;
  const estimated = carried || deadline.estimated;
  return {
    unknown: null,
    row: {
      ...base,
      start: start < deadline.date ? start : deadline.date,
      estimated,
      confidence: estimated
        ? "estimated"
        : open.restsOn === "secondary" || deadline.confidence === "secondary"
          ? "secondary"
          : "official",
      basis: `from the ${year} Pathways' opening (${start}${carried ? `; estimated — ${open.basis}` : ""}) to ${deadlineText}`,
      sources: [
        ...new Set([...open.sources, ...rule.pathways.sources, ...rule.sources, ...deadline.sources]),
      ],
    },
  };
}
