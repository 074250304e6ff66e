import { cycleFor } from "../assess/application-cycle.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { TrackerEntry } from "./tracker.ts";

/**
 * The Match year a saved plan's tracker is for. A plan recomputes its own Match year on every
 * read (the first still open on the day it is read, unless the profile names one), so by
 * December its year has moved on to the next cycle while the applications tracked are for this
 * one. The applications say which cycle they belong to: an application sent on day d is for the
 * first Match whose rank-list deadline (the cycle dates) is on or after d. The earliest
 * application decides; with none recorded, the plan's own year.
 */
export function trackerMatchYear(
  rb: Rulebook,
  entries: readonly Pick<TrackerEntry, "applied">[],
  planYear: number,
): number {
  const first = entries
    .map((e) => e.applied)
    .filter((d): d is string => d !== null)
    .sort()[0];
  if (!first) return planYear;
  let year = Number(first.slice(0, 4));
  for (;;) {
    const deadline = cycleFor(rb, year).rankListDeadline;
    if (!deadline || deadline.date >= first) return year;
    year++;
  }
}
