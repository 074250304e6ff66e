import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { randomMarket } from "../../../test/support/market/generate-market.ts";
import { repositoryMarketData } from "../../io/load-market-data.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { seededRandom } from "../math/seeded-random.ts";
import { buildMarket } from "./build-market.ts";
import { drawSeason } from "./draw-season.ts";
import { type MatchOutcome, type MatchRun, runMatch } from "./run-match.ts";
import { simulateMarket } from "./simulate-market.ts";

/**
 * Fixed seeds give the same markets and the same matchings, whatever the implementation: the
 * digests below were computed by the first implementation of the Match and the season draw
 * (commit 33d82c6), before either was rewritten for speed; the national-size DR digests were
 * taken again when the odds model they draw from changed (per-type curves and slopes, rate
 * shrinkage, the cycle pack's signal schemes), with the rewritten code already proven equal on
 * the old model, again when simulated applicants took each type's own Step 2 CK record (they
 * had been read as not having taken the exam), again when each interview became a rank with
 * the model's ranks per interview (every interview had been ranked), again when a season drew
 * its applicants class by class (type and Step 2 CK) rather than in the season's random order,
 * again when the random source's normal draws became the ziggurat's and a season's applications
 * were drawn from a scratch list no longer refilled for every applicant (both change which numbers
 * a seed gives, not how anything is drawn), and again when DR's chance of sponsoring the J-1 came
 * from its own surveyed share rather than its sponsors' IM and neurology answers and the ranks per
 * interview were refitted (2026-12-07: the seeds without a stable matching moved too), and again
 * when the other types' ranks per interview were spread over specialties as the non-US IMGs' are
 * (later on 2026-12-07). A change of result — not only a broken one — fails
 * here; if a change is intended, say so in the commit and update the digest.
 * The number of proposals is left out: it counts work, not the result.
 */
const digest = (x: unknown): string =>
  createHash("sha256")
    .update(JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)))
    .digest("hex")
    .slice(0, 16);

const matching = (o: MatchOutcome) => ({
  program: o.program,
  supplemental: o.supplemental,
  choice: o.choice,
  positions: o.positions,
  filled: o.filled,
  reverted: o.reverted,
});

const result = (run: MatchRun) =>
  run.status === "stable"
    ? { status: run.status, attempts: run.attempts, ...matching(run.outcome) }
    : { status: run.status, reason: run.reason, attempts: run.attempts, ...matching(run.stopped) };

const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();
const built = buildMarket(rb, data, market, "diagnostic-radiology");
if (!built.ok) throw new Error("DR market failed to build");
const dr = built.value;

describe("fixed seeds give the same results as the first implementation", () => {
  it("on 400 generated markets with couples, supplemental lists and reversions", () => {
    const rng = seededRandom(17);
    const outcomes: unknown[] = [];
    let none = 0;
    for (let n = 0; n < 400; n++) {
      const input = randomMarket(rng, {
        applicants: 10 + rng.int(50),
        programs: 3 + rng.int(12),
        maxPositions: 4,
        maxList: 6,
        couples: rng.int(6),
        advancedShare: 0.3,
        supplementalShare: 0.6,
        reversions: rng.int(3),
        programOrder: n % 2 === 0 ? "random" : "contested",
      });
      const r = runMatch(input);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      if (r.value.status !== "stable") none++;
      outcomes.push(result(r.value));
    }
    expect({ none, digest: digest(outcomes) }).toEqual({ none: 11, digest: "3ccad4c8c255b77a" });
  });

  it("on national-size DR seasons: the drawn market and its matching", () => {
    // Seed 80 is a season in which no stable matching is found (its stopped matching is pinned).
    const got = [1, 2, 80].map((seed) => {
      const s = drawSeason(dr, seededRandom(seed));
      const r = runMatch(s.input);
      if (!r.ok) throw new Error("drawn season invalid");
      return {
        seed,
        season: digest([s.input, s.applicants.map(({ cls: _, ...x }) => x), s.appliedUnits, s.appliedLogits]),
        match: digest(result(r.value)),
        status: r.value.status,
      };
    });
    expect(got).toEqual([
      { seed: 1, season: "e0c3bd8e7806cd70", match: "d2f8274cadc353f7", status: "stable" },
      { seed: 2, season: "70784ac1131a7bc4", match: "ac7bdcb563de2974", status: "stable" },
      {
        seed: 80,
        season: "aa102a0d7d158004",
        match: "550d455cc122ba62",
        status: "no-stable-matching-found",
      },
    ]);
  });

  it("on simulated DR markets' summaries", () => {
    const withModel = simulateMarket(dr, { runs: 3, seed: 5, modelRuns: 1 });
    // Seeds 76–87 include seed 80, where the stopped matching is the one counted (on the model of
    // 2026-12-07 with the ranks per interview spread by specialty, seeds 80, 164, 166, 169, 223,
    // 324, 343 and 350 of 1–400 find no stable matching).
    const twelve = simulateMarket(dr, { runs: 12, seed: 76, modelRuns: 0 });
    expect(twelve.noStableMatching).toBe(1);
    expect([digest(withModel), digest(twelve)]).toEqual(["ef85c5f6ece4ac07", "5b6d0fd5e7b5d239"]);
  });
});
