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
  parallel: { name: string; programs: readonly Signalled[] } | null,
): ListSignals {
  const tally = (rows: readonly Signalled[]): SignalTally => ({
    gold: rows.filter((r) => r.signal === "gold").length,
    silver: rows.filter((r) => r.signal === "silver").length,
  });
  const list = tally(main);
  const other = parallel ? tally(parallel.programs) : null;
  const total = { gold: list.gold + (other?.gold ?? 0), silver: list.silver + (other?.silver ?? 0) };
  const allowed = signalCounts(scheme);
  const words = (t: SignalTally) =>
    scheme.scheme === "gold-silver"
      ? `${t.gold} gold, ${t.silver} silver`
      : `${t.gold} signal${t.gold === 1 ? "" : "s"}`;
  const text =
    parallel && other
      ? `${words(list)} on this list and ${words(other)} on the parallel ${parallel.name} list: ${words(total)} spent of the ${words(allowed)} allowed`
      : `${words(list)} on this list, of the ${words(allowed)} allowed`;
  return { scheme: scheme.scheme, ...total, list, parallel: other, allowed, text };
}
