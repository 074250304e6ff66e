import { PERCENT, pct } from "../math/percent.ts";
import { seededRandom } from "../math/seeded-random.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { pMatchForList } from "../programs/match-probability.ts";
import type { MarketTemplate } from "./build-market.ts";
import { applicationsOf, drawSeason } from "./draw-season.ts";
import type { MatchApplicant, MatchInput } from "./match-input.ts";
import { type MatchOutcome, runMatch } from "./run-match.ts";
import { filledSeats, specialtySeats } from "./simulate-market.ts";

/**
 * One applicant's chances in simulated markets, beside the model's own figures.
 *
 * Spec. Problem: the planner's P(match) treats the applicant alone; here the applicant enters
 * whole simulated markets. Steps: for each of `runs` seasons, draw the market with the applicant
 * appended (its odds from its own profile); run the Match with its whole rank list, then with the
 * list cut to its first L programs for L = 1 … maxLength (its most preferred kept), and, where it
 * ranked an advanced program, without its supplemental list. Everyone else's lists stay as drawn,
 * so each comparison changes one thing. P(match | L) is read over the seasons in which the
 * applicant had at least L programs to rank. The model's figures: P(match) for the same
 * applications through the planner's kernel (pMatchForList), and P(match | L ranks) from the
 * Charting Outcomes curve the kernel uses. Complexity O(runs · (maxLength + 2) · Match).
 */
export interface OutlookOptions {
  runs: number;
  seed: number;
  /** Longest rank list to try (default 12). */
  maxLength?: number;
  onRun?: (done: number, total: number) => void;
}

export interface ApplicantOutlook {
  specialty: string;
  runs: number;
  seed: number;
  /** The whole rank list: share of seasons matched in the simulated market, and the model's figure. */
  pMatch: { simulated: number; model: number };
  /** Mean interviews (programs of the specialty) and ranks over the seasons. */
  interviews: number;
  ranks: number;
  byListLength: Array<{
    length: number;
    /** Seasons in which the applicant had at least this many programs to rank. */
    seasons: number;
    simulated: number | null;
    /** The model's P(match | this many ranks) (Charting Outcomes curve). */
    model: number | null;
  }>;
  /** Null where the applicant never ranked an advanced program. */
  supplemental: {
    seasons: number;
    withList: { specialty: number; pgy1: number };
    withoutList: { specialty: number; pgy1: number };
  } | null;
  seasonsWithoutStableMatching: number;
  /** The specialty's positions filled in these seasons (mean share): the market's own fill. */
  fillRate: number;
  /**
   * What to read beside the figures: which of the two P(match) is higher and by how much, and why
   * a simulated market of one specialty is easier to match in than the real Match.
   */
  notes: string[];
}

/** Rank-list lengths tried by default: P(match | k) in Charting Outcomes flattens well before a dozen ranks. */
const DEFAULT_MAX_LENGTH = 12;

function matchOf(input: MatchInput): { outcome: MatchOutcome; stable: boolean } {
  const r = runMatch(input);
  if (!r.ok)
    throw new Error(`a drawn season failed validation: ${r.issues[0]?.path} ${r.issues[0]?.message}`);
  return r.value.status === "stable"
    ? { outcome: r.value.outcome, stable: true }
    : { outcome: r.value.stopped, stable: false };
}

const withApplicant = (input: MatchInput, a: number, applicant: MatchApplicant): MatchInput => ({
  ...input,
  applicants: input.applicants.map((x, i) => (i === a ? applicant : x)),
});

export function applicantOutlook(
  t: MarketTemplate,
  profile: Profile,
  options: OutlookOptions,
): ApplicantOutlook {
  const cls = t.classForProfile(profile);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const tally = Array.from({ length: maxLength }, () => ({ seasons: 0, matched: 0 }));
  let matched = 0;
  let model = 0;
  let interviews = 0;
  let ranks = 0;
  let none = 0;
  const sup = { seasons: 0, withSpecialty: 0, withPgy1: 0, withoutSpecialty: 0 };
  const seats = specialtySeats(t);
  let fill = 0;

  for (let r = 0; r < options.runs; r++) {
    const season = drawSeason(t, seededRandom(options.seed + r), { focal: cls });
    const a = season.applicants.length - 1;
    const me = season.input.applicants[a] as MatchApplicant;
    const whole = matchOf(season.input);
    if (!whole.stable) none++;
    const got = (whole.outcome.program[a] as number) >= 0;
    fill += seats.positions > 0 ? filledSeats(whole.outcome, seats.programs) / seats.positions : 0;
    if (got) matched++;
    const { logits } = applicationsOf(season, a);
    const curve = t.curves[cls.type];
    if (curve && logits.length > 0) model += pMatchForList(logits, curve, t.kernel);
    interviews += season.applicants[a]?.interviews ?? 0;
    ranks += me.ranks.length;

    for (let len = 1; len <= Math.min(maxLength, me.ranks.length); len++) {
      const cut = me.ranks.slice(0, len);
      const lists = (me.supplemental ?? [])
        .map((l) => ({ ranks: l.ranks, linkedTo: l.linkedTo.filter((p) => cut.includes(p)) }))
        .filter((l) => l.linkedTo.length > 0);
      const shorter: MatchApplicant =
        lists.length > 0 ? { id: me.id, ranks: cut, supplemental: lists } : { id: me.id, ranks: cut };
      const row = tally[len - 1] as { seasons: number; matched: number };
      row.seasons++;
      const out =
        len === me.ranks.length ? whole.outcome : matchOf(withApplicant(season.input, a, shorter)).outcome;
      if ((out.program[a] as number) >= 0) row.matched++;
    }

    if ((me.supplemental ?? []).length > 0) {
      sup.seasons++;
      if (got) sup.withSpecialty++;
      if ((whole.outcome.supplemental[a] as number) >= 0) sup.withPgy1++;
      const without = matchOf(withApplicant(season.input, a, { id: me.id, ranks: me.ranks })).outcome;
      if ((without.program[a] as number) >= 0) sup.withoutSpecialty++;
    }
    options.onRun?.(r + 1, options.runs);
  }

  const runs = Math.max(1, options.runs);
  const curve = t.curves[cls.type]?.byInterviews;
  const pMatch = { simulated: matched / runs, model: model / runs };
  const fillRate = fill / runs;
  return {
    specialty: t.specialty,
    runs: options.runs,
    seed: options.seed,
    pMatch,
    interviews: interviews / runs,
    ranks: ranks / runs,
    byListLength: tally.map((row, i) => ({
      length: i + 1,
      seasons: row.seasons,
      simulated: row.seasons > 0 ? row.matched / row.seasons : null,
      model: curve ? ((curve[Math.min(i + 1, curve.length - 1)] as number | undefined) ?? null) : null,
    })),
    supplemental:
      sup.seasons > 0
        ? {
            seasons: sup.seasons,
            withList: { specialty: sup.withSpecialty / sup.seasons, pgy1: sup.withPgy1 / sup.seasons },
            withoutList: { specialty: sup.withoutSpecialty / sup.seasons, pgy1: 0 },
          }
        : null,
    seasonsWithoutStableMatching: none,
    fillRate,
    notes: outlookNotes(options.runs, pMatch, fillRate, curve !== undefined),
  };
}

const points = (x: number) => (PERCENT * x).toFixed(1);

/**
 * The notes beside an outlook. The direction and size come from the figures themselves; the
 * reason a one-specialty market is easier is the market model's own simplification (docs/market.md,
 * "How to read this"): applicants who rank the specialty only as a backup are left out, so
 * positions stay open that the real Match fills, and a short list matches more often.
 */
function outlookNotes(
  runs: number,
  p: { simulated: number; model: number },
  fillRate: number,
  hasModel: boolean,
): string[] {
  if (runs === 0) return ["No season was simulated."];
  const notes: string[] = [];
  if (hasModel) {
    const direction =
      p.simulated > p.model
        ? `${points(p.simulated - p.model)} points above the model's ${pct(p.model)}`
        : p.simulated < p.model
          ? `${points(p.model - p.simulated)} points below the model's ${pct(p.model)}`
          : `the same as the model's ${pct(p.model)}`;
    notes.push(
      `You matched in ${pct(p.simulated)} of ${runs} simulated seasons, ${direction}. The model's figure is the one your plan uses.`,
    );
  } else {
    notes.push(
      `You matched in ${pct(p.simulated)} of ${runs} simulated seasons; the model gives no P(match) for this specialty (Charting Outcomes has no curve for it).`,
    );
  }
  notes.push(
    `The simulated market holds this specialty alone, and its programs filled ${pct(fillRate)} of their positions: applicants who rank it only as a backup are not in it, so positions stay open that the real Match fills, and a short rank list matches more often here than it would there (docs/market.md compares the market with the NRMP's published fill).`,
  );
  return notes;
}
