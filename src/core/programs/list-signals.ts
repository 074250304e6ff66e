import type { SignalScheme } from "../rulebook/schemas.ts";
import { signalCounts } from "./allocate-signals.ts";

/** Signals of each tier; a single-tier scheme counts its signals as gold (`signalCounts`). */
export interface SignalTally {
  gold: number;
  silver: number;
}

/**
 * The signals a plan spends, counted per list: the main list's own, a parallel list's own (a
 * pathway list that shares the scheme, IR via DR, spends from the same allowance), and the two
 * together against the allowance. Every surface shows these counts, so a list is never shown
 * beside signals that sit on another list's programs.
 */
export interface ListSignals {
  scheme: string;
  /** Spent in all, this list's and the parallel list's: the count held against the allowance. */
  gold: number;
  silver: number;
  /** On this list's programs. */
  list: SignalTally;
  /** On the parallel list's programs; null without a parallel list. */
  parallel: SignalTally | null;
  /**
   * A parallel list whose specialty has an allowance of its own (not shared with this one): that
   * allowance, against which its signals count instead; null when the allowance is shared or there
   * is no parallel list.
   */
  parallelAllowed: SignalTally | null;
  /** The specialty's allowance for the Match year. */
  allowed: SignalTally;
  /** The counts in words, each labelled with its list. */
  text: string;
}

type Signalled = { signal: "gold" | "silver" | null };

/** The counts of `ListSignals` for a main list and, when there is one, a parallel list (with its specialty's name). */
export function listSignals(
  scheme: NonNullable<SignalScheme>,
  main: readonly Signalled[],
  parallel: {
    name: string;
    programs: readonly Signalled[];
    /** The parallel specialty's own scheme when its allowance is not this one's. */
    ownScheme?: NonNullable<SignalScheme> | null;
  } | null,
): ListSignals {
  const tally = (rows: readonly Signalled[]): SignalTally => ({
    gold: rows.filter((r) => r.signal === "gold").length,
    silver: rows.filter((r) => r.signal === "silver").length,
  });
  const list = tally(main);
  const other = parallel ? tally(parallel.programs) : null;
  const own = parallel?.ownScheme ?? null;
  // Signals from another allowance are not held against this one.
  const total = own
    ? list
    : { gold: list.gold + (other?.gold ?? 0), silver: list.silver + (other?.silver ?? 0) };
  const allowed = signalCounts(scheme);
  const parallelAllowed = own ? signalCounts(own) : null;
  const wordsIn = (s: NonNullable<SignalScheme>) => (t: SignalTally) =>
    s.scheme === "gold-silver"
      ? `${t.gold} gold, ${t.silver} silver`
      : `${t.gold} signal${t.gold === 1 ? "" : "s"}`;
  const words = wordsIn(scheme);
  const text =
    parallel && other && own && parallelAllowed
      ? `${words(list)} on this list, of the ${words(allowed)} allowed; ${wordsIn(own)(other)} on the parallel ${parallel.name} list, of its own ${wordsIn(own)(parallelAllowed)}`
      : parallel && other
        ? `${words(list)} on this list and ${words(other)} on the parallel ${parallel.name} list: ${words(total)} spent of the ${words(allowed)} allowed`
        : `${words(list)} on this list, of the ${words(allowed)} allowed`;
  return { scheme: scheme.scheme, ...total, list, parallel: other, allowed, parallelAllowed, text };
}
