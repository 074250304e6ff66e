import { normalPdf } from "../math/normal.ts";
import { PERCENT, pct } from "../math/percent.ts";
import type { HeldList, ListSummary } from "../plan/held-list.ts";
import { pMatchAtScores } from "../plan/held-list.ts";
import { scoreComparison } from "../plan/plan-headline.ts";
import type { Plan } from "../plan/types.ts";
import type { ChartFigure, ChartMark } from "./types.ts";

/**
 * The plan's three charts as figures (see `ChartFigure`): P(match) against Step 2 CK for the list
 * held, P(match) against the number of programs, and the applicant's Step 2 CK against the
 * specialty's matched and unmatched distributions. Every number is one the plan or the held list
 * already computed (`pMatchAtScores`, `marginal`, Charting Outcomes' mean and SD); nothing is
 * estimated here.
 */

/** Points of the Step 2 CK sweep: one every few points keeps the curve smooth at a tenth of the work. */
const SCORE_STEP = 2; // not a score: points between samples
/** Rows of the table fallback for the score sweep: every fifth sample. */
const TABLE_EVERY = 5;
/** The distribution curves span the mean ± this many SDs, as the report's chart does. */
const SPREAD = 3;
/** Room above the taller curve's peak for the marks' labels. */
const HEADROOM = 1.15;

const fmt = (x: number) => Number((x * PERCENT).toFixed(1));

/** How far an open-ended advised count ("80+") is drawn past its start, as a share of it. */
const OPEN_ADVICE_SHOWN = 1.25;

/**
 * The end of the "programs applied to" axis: past the planner's whole curve and the list held,
 * and past the guides' advised range, so that range is drawn whole (an open-ended one a quarter
 * past its start) and a list below it is seen to be below it. Both the page's chart and the
 * report's use it.
 */
export function countAxisMax(
  lastN: number,
  chosen: number,
  advice: { min: number; max: number | null } | null,
): number {
  const adviceEnd = advice ? (advice.max ?? Math.ceil(advice.min * OPEN_ADVICE_SHOWN)) : 0;
  return Math.max(lastN, adviceEnd, chosen) + 1;
}

export function pMatchByScoreChart(
  held: HeldList,
  ids: readonly string[],
  range: { min: number; max: number },
): ChartFigure | null {
  const programs = ids.flatMap((id) => {
    const x = held.odds.get(id);
    return x ? [x.program] : [];
  });
  if (programs.length === 0) return null;
  const scores: number[] = [];
  for (let s = range.min; s <= range.max; s += SCORE_STEP) scores.push(s);
  const own = held.plan.inputs.profile.step2ck.score;
  if (own !== null && !scores.includes(own)) scores.push(own);
  scores.sort((a, b) => a - b);
  const sweep = pMatchAtScores(held.rb, held.data, held.plan, programs, scores);
  if (sweep.length === 0) return null;
  const target = held.plan.assessment.step2ck.target;
  const at = own === null ? null : sweep.find((s) => s.score === own);
  const marks: ChartMark[] = own === null ? [] : [{ x: own, label: `Your score ${own}`, kind: "you" }];
  const first = sweep[0];
  const last = sweep[sweep.length - 1];
  const description =
    `P(match) for your list of ${programs.length} programs rises from ${pct(first?.pMatch.estimate)} at Step 2 CK ${first?.score} to ${pct(last?.pMatch.estimate)} at ${last?.score}.` +
    (at
      ? ` At your ${own} it is ${pct(at.pMatch.estimate)} (range ${pct(at.pMatch.low)}–${pct(at.pMatch.high)}).`
      : "") +
    (target
      ? ` The guides' target is ${target.min}${target.max === null ? " or more" : `–${target.max}`}.`
      : "");
  return {
    key: "pmatch-by-score",
    title: "Chance of matching against Step 2 CK, for your list",
    description,
    x: { label: "Step 2 CK score", min: range.min, max: range.max },
    y: { label: "P(match), %", min: 0, max: PERCENT, percent: true },
    series: [
      { name: "P(match)", style: "solid", points: sweep.map((s) => [s.score, fmt(s.pMatch.estimate)]) },
      { name: "10th percentile", style: "dashed", points: sweep.map((s) => [s.score, fmt(s.pMatch.low)]) },
      { name: "90th percentile", style: "dashed", points: sweep.map((s) => [s.score, fmt(s.pMatch.high)]) },
    ],
    marks,
    bands: target
      ? [
          {
            from: target.min,
            to: target.max ?? range.max,
            label: `Target ${target.min}${target.max === null ? "+" : `–${target.max}`}`,
          },
        ]
      : [],
    table: {
      caption: "P(match) of your list at each Step 2 CK score",
      columns: ["Step 2 CK", "P(match)", "Range"],
      rows: sweep
        .filter((s, i) => i % TABLE_EVERY === 0 || s.score === own || i === sweep.length - 1)
        .map((s) => [
          `${s.score}${s.score === own ? " (yours)" : ""}`,
          pct(s.pMatch.estimate),
          `${pct(s.pMatch.low)}–${pct(s.pMatch.high)}`,
        ]),
    },
  };
}

export function pMatchByCountChart(plan: Plan, held: ListSummary | null): ChartFigure | null {
  const list = plan.list;
  if (!list || list.marginal.length === 0 || !list.pMatch) return null;
  const advice = list.guideAdvice;
  const chosen = held?.active ?? list.recommendedCount;
  const chosenP = held ? held.pMatch : list.pMatch;
  const lastN = list.marginal[list.marginal.length - 1]?.n ?? 0;
  const xMax = countAxisMax(lastN, chosen, advice);
  const marks: ChartMark[] = [
    { x: chosen, label: `Your list: ${chosen}`, kind: "you" },
    {
      x: list.diminishingReturnsAt,
      label: `Diminishing returns: ${list.diminishingReturnsAt}`,
      kind: "limit",
    },
  ];
  if (list.count.binding === "budget" && list.budgetUsd !== null)
    marks.push({
      x: list.count.programs,
      label: `Budget $${list.budgetUsd.toLocaleString("en-US")}: ${list.count.programs}`,
      kind: "limit",
    });
  const description =
    `P(match) rises from ${pct(list.marginal[0]?.pMatch)} with one program to ${pct(list.marginal[list.marginal.length - 1]?.pMatch)} with ${lastN}.` +
    ` Beyond ${list.diminishingReturnsAt} programs each one adds less than the stopping threshold.` +
    (chosenP
      ? ` Your list of ${chosen} gives ${pct(chosenP.estimate)} (range ${pct(chosenP.low)}–${pct(chosenP.high)}).`
      : "") +
    (list.budgetUsd !== null
      ? list.count.binding === "budget"
        ? ` The $${list.budgetUsd.toLocaleString("en-US")} budget stops the planner's list at ${list.count.programs}.`
        : ` The $${list.budgetUsd.toLocaleString("en-US")} budget is not what limits the planner's list.`
      : "") +
    (advice
      ? ` The guides advise ${advice.min}${advice.max === null ? " or more" : `–${advice.max}`} programs.`
      : "");
  return {
    key: "pmatch-by-count",
    title: "Chance of matching against the number of applications",
    description,
    x: { label: "Programs applied to", min: 0, max: xMax },
    y: { label: "P(match), %", min: 0, max: PERCENT, percent: true },
    series: [
      { name: "P(match)", style: "solid", points: list.marginal.map((m) => [m.n, fmt(m.pMatch)]) },
      ...(chosenP
        ? [
            {
              name: "Your list (range)",
              style: "range" as const,
              points: [
                [chosen, fmt(chosenP.low)],
                [chosen, fmt(chosenP.high)],
              ] as Array<[number, number]>,
            },
          ]
        : []),
    ],
    marks,
    bands: advice
      ? [
          {
            from: advice.min,
            to: Math.min(advice.max ?? xMax, xMax),
            label: `Guides: ${advice.min}${advice.max === null ? "+" : `–${advice.max}`}`,
          },
        ]
      : [],
    table: {
      caption: "P(match) after each number of programs, best odds first",
      columns: ["Programs", "P(match)", "Added by the last one"],
      rows: list.marginal
        .filter((m) => m.n === 1 || m.n % 10 === 0 || m.n === lastN || m.n === chosen)
        .map((m) => [String(m.n), pct(m.pMatch), pct(m.gain, 2)]),
    },
  };
}

export function scoreDistributionChart(plan: Plan): ChartFigure | null {
  const d = plan.step2ck.distribution;
  const m = d?.matched;
  const u = d?.notMatched;
  if (!d || !m || !u || m.mean === null || m.sd === null || u.mean === null || u.sd === null) return null;
  const score = plan.assessment.step2ck.score;
  const target = plan.assessment.step2ck.target;
  const ends = [
    m.mean - SPREAD * m.sd,
    u.mean - SPREAD * u.sd,
    m.mean + SPREAD * m.sd,
    u.mean + SPREAD * u.sd,
    ...(score !== null ? [score] : []),
  ];
  const lo = Math.floor(Math.min(...ends));
  const hi = Math.ceil(Math.max(...ends));
  const curve = (mean: number, sd: number): Array<[number, number]> => {
    const pts: Array<[number, number]> = [];
    for (let x = lo; x <= hi; x++)
      pts.push([x, Number(((normalPdf((x - mean) / sd) / sd) * PERCENT).toFixed(3))]);
    return pts;
  };
  const matched = curve(m.mean, m.sd);
  const unmatched = curve(u.mean, u.sd);
  const yMax = Math.max(...matched.map((p) => p[1]), ...unmatched.map((p) => p[1]));
  const cmp = scoreComparison(score, d);
  const quart = (q: typeof m) => [q.q1, q.median, q.q3].map((x) => (x === null ? "unknown" : String(x)));
  return {
    key: "score-distribution",
    title: "Your Step 2 CK against matched and unmatched applicants",
    description:
      `Step 2 CK of ${cmp?.group ?? d.applicantType} in ${d.specialtyName}, ${d.matchYear} Match: matched mean ${m.mean} (SD ${m.sd}), not matched mean ${u.mean} (SD ${u.sd}), drawn as normal curves.` +
      (cmp ? ` ${cmp.text}` : score === null ? " Your score is not in yet." : ""),
    x: { label: "Step 2 CK score", min: lo, max: hi },
    y: {
      label: "% of applicants per point",
      min: 0,
      max: Number((yMax * HEADROOM).toFixed(3)),
      percent: false,
    },
    series: [
      { name: "Matched", style: "solid", points: matched },
      { name: "Not matched", style: "dashed", points: unmatched },
    ],
    marks: score === null ? [] : [{ x: score, label: `Your score ${score}`, kind: "you" }],
    bands: target
      ? [
          {
            from: target.min,
            to: target.max ?? hi,
            label: `Target ${target.min}${target.max === null ? "+" : `–${target.max}`}`,
          },
        ]
      : [],
    table: {
      caption: `Step 2 CK of ${cmp?.group ?? d.applicantType} in ${d.specialtyName} (${d.matchYear} Match)`,
      columns: ["Group", "Applicants", "25th percentile", "Median", "75th percentile", "Mean (SD)"],
      rows: [
        ["Matched", String(m.n), ...quart(m), `${m.mean} (${m.sd})`],
        ["Not matched", String(u.n), ...quart(u), `${u.mean} (${u.sd})`],
      ],
    },
  };
}
