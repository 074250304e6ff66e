import { formatNumber } from "../math/format-amount.ts";
import { PERCENT } from "../math/percent.ts";
import type { GuideCount } from "./guide-count.ts";

/**
 * How many programs a list holds, and what set the number.
 *
 * Spec. Inputs: the P(match) gain of each program in list order for a typical applicant of the
 * same kind (plan-program-list.ts: the length must not depend on the applicant's strength), the
 * optimiser's stopping threshold, the guides' floor (guide-count.ts), the number of signalled programs (a signal needs
 * an application), the most programs the budget buys, and the candidates left after the visa
 * filter. Steps: the optimiser stops after the last program whose gain reaches the threshold;
 * the list wants the larger of that, the guides' floor and the signalled programs; it gets that
 * many unless the budget or the catalog stops it first. The binding constraint is the one that
 * decided the number: budget, guide minimum, stopping threshold or catalog size. O(n).
 */
export const COUNT_BINDINGS = ["budget", "guide-minimum", "stopping-threshold", "catalog-size"] as const;
export type CountBinding = (typeof COUNT_BINDINGS)[number];

export interface CountDecision {
  programs: number;
  binding: CountBinding;
  /**
   * Where the optimiser alone would stop (within the budget): after the last program that adds at
   * least the threshold to the P(match) of a typical applicant of the same kind over the same list.
   */
  optimiserStop: number;
  /** The guides' minimum the list had to reach (0 when they give none). */
  floor: number;
}

export function decideCount(args: {
  gains: readonly number[];
  threshold: number;
  floor: number;
  signalled: number;
  maxByBudget: number | null;
  candidates: number;
}): CountDecision {
  const { gains, threshold, floor, signalled, maxByBudget, candidates } = args;
  let optimiserStop = gains.length;
  while (optimiserStop > 1 && (gains[optimiserStop - 1] ?? 0) < threshold) optimiserStop--;
  const wanted = Math.max(optimiserStop, floor, signalled);
  const budgetCap = maxByBudget ?? Number.POSITIVE_INFINITY;
  const programs = Math.min(wanted, candidates, budgetCap);
  let binding: CountBinding;
  if (programs < wanted) binding = budgetCap < candidates ? "budget" : "catalog-size";
  else if (floor > optimiserStop && programs === floor) binding = "guide-minimum";
  else binding = "stopping-threshold";
  return { programs, binding, optimiserStop, floor };
}

export interface ListCount extends CountDecision {
  /** "guides" where the guides give a count for this applicant's standing, else "optimiser". */
  from: "guides" | "optimiser";
  guide: GuideCount["floor"];
  /** USD the budget leaves for this list; null = no limit. */
  budgetUsd: number | null;
  /** Sum of the listed programs' interview odds. */
  expectedInterviews: number;
  /** The budget stopped the list where fewer than the data's minimum of interviews can be expected. */
  tooSmall: boolean;
  text: string;
}

/** "80–120+" or "100+": the guides' way of writing a count. */
export const countRange = (min: number, max: number | null): string =>
  max === null ? `${min}+` : `${min}–${max}+`;

const usd = (x: number) => `$${formatNumber(Math.round(x))}`;

/** The count with its source, binding constraint and one paragraph saying so. */
export function explainCount(args: {
  decision: CountDecision;
  /** The guides' count for this standing (`own`) and the list's floor (guide-count.ts); null for a list the guides do not size. */
  guides: GuideCount | null;
  specialtyName: string;
  candidates: number;
  threshold: number;
  budgetUsd: number | null;
  /** The whole application budget, as the applicant gave it. */
  totalBudgetUsd: number | null;
  /** USD spent first on the supplemental PGY-1 list, if any. */
  supplementalUsd: number;
  expectedInterviews: number;
  minimumExpectedInterviews: number;
  /** Fee of the guides' minimum in this specialty, for the budget sentence. */
  feeOf: (programs: number) => number;
  /** An advanced specialty whose budget left nothing for the supplemental PGY-1 list. */
  noPgy1Left?: boolean;
}): ListCount {
  const { decision: d } = args;
  const guide = args.guides?.floor ?? null;
  const own = args.guides?.own ?? null;
  const n = d.programs;
  const fewInterviews = d.binding === "budget" && args.expectedInterviews < args.minimumExpectedInterviews;
  const noPgy1 = d.binding === "budget" && args.noPgy1Left === true;
  const tooSmall = fewInterviews || noPgy1;
  const range = guide ? countRange(guide.min, guide.max) : "";
  const points = (args.threshold * PERCENT).toFixed(1);
  const programs = (k: number) => `${k} program${k === 1 ? "" : "s"}`;

  const from = own ? "guides" : "optimiser";
  const keeps = `and the list keeps that minimum so that a stronger profile never gets a shorter list than a weaker one`;
  // The rules' ids are in the list's `because` (shown behind each surface's sources), not in this prose.
  const guideSentence = !guide
    ? "The guides give no program count for this applicant, so the optimiser sets it."
    : own
      ? `The guides advise ${countRange(own.min, own.max)} programs for ${own.audience}.${
          guide.forOwnStanding ? "" : ` For ${guide.audience} they advise ${range}, ${keeps}.`
        }`
      : `The guides give no program count for this standing; they advise ${range} for ${guide.audience}, ${keeps}.`;
  // A list that shares the guides' count with an alternative-pathway list holds only its share.
  const share =
    guide && d.floor < guide.min
      ? ` This list's share of that minimum, in the pathway mix, is ${d.floor}.`
      : "";
  const minimum = guide && d.floor < guide.min ? `its share of the guides' minimum` : "the guides' minimum";

  let why: string;
  switch (d.binding) {
    case "budget": {
      const budget =
        args.budgetUsd === null
          ? "the budget"
          : `the budget (${usd(args.budgetUsd)} for ${args.specialtyName}${args.supplementalUsd > 0 ? `, after ${usd(args.supplementalUsd)} for the supplemental PGY-1 list` : ""})`;
      const short =
        guide && n < d.floor
          ? ` ${minimum.charAt(0).toUpperCase()}${minimum.slice(1)} of ${d.floor} would cost ${usd(args.feeOf(d.floor))}.`
          : "";
      why = `The list has ${programs(n)} because ${budget} buys no more.${short}`;
      break;
    }
    case "guide-minimum":
      why = `The list has ${programs(n)}, ${minimum}: on P(match) alone it would stop at ${d.optimiserStop}, where one more program adds less than ${points} percentage points for a typical applicant of your kind.`;
      break;
    case "catalog-size":
      why = `The list has ${programs(n)}: every program of the catalog this applicant can apply to (${args.candidates} after visa limits).`;
      break;
    default:
      why = `The list has ${programs(n)} because beyond ${n} each added program raises P(match) by less than ${points} percentage points for a typical applicant of your kind (the stopping threshold; the length does not shrink as a profile gets stronger)${own?.max != null && n > own.max ? ", above the guides' range, which the budget allows" : ""}.`;
  }
  const reasons = [
    ...(fewInterviews
      ? [
          `${programs(n)} expected to give ${args.expectedInterviews.toFixed(1)} interviews — fewer than ${args.minimumExpectedInterviews}, and without an interview there is no match`,
        ]
      : []),
    ...(noPgy1
      ? [
          `${fewInterviews ? "and " : `${programs(n)} and `}nothing for the supplemental PGY-1 list that an advanced position needs to start`,
        ]
      : []),
  ];
  const lead = tooSmall
    ? `${args.totalBudgetUsd === null ? "This budget" : `A budget of ${usd(args.totalBudgetUsd)}`} is too small for a sensible ${args.specialtyName} application: it buys ${reasons.join(", ")}. `
    : "";
  return {
    ...d,
    from,
    guide,
    budgetUsd: args.budgetUsd,
    expectedInterviews: args.expectedInterviews,
    tooSmall,
    text: `${lead}${guideSentence}${share} ${why}`,
  };
}

/**
 * The list's length is a typical applicant's (see `decideCount`); where this applicant's own curve
 * flattens before the list ends (`diminishingReturnsAt`), this says what the programs after that
 * point add for them, summed from the marginal table every surface shows, and what they cost — so
 * the length and the table beside it never read as two answers. Empty when the curve runs to the end.
 */
export function ownTailText(
  marginal: ReadonlyArray<{ n: number; gain: number }>,
  programs: number,
  stop: number,
  threshold: number,
  feeOf: (programs: number) => number,
): string {
  if (stop < 1 || stop >= programs || marginal.length < programs) return "";
  const added = marginal.slice(stop, programs).reduce((sum, m) => sum + m.gain, 0) * PERCENT;
  const rest = programs - stop;
  return ` For your own odds the curve flattens sooner: after program ${stop} each adds less than ${(threshold * PERCENT).toFixed(1)} percentage points, and the last ${rest} add ${added.toFixed(1)} points together, for ${usd(feeOf(programs) - feeOf(stop))} in fees: drop them if the money matters more.`;
}
