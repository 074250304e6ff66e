import { describe, expect, it } from "vitest";
import { enumerateStableSingles } from "../../../test/support/market/enumerate-stable.ts";
import { galeShapley } from "../../../test/support/market/gale-shapley.ts";
import { randomMarket } from "../../../test/support/market/generate-market.ts";
import { seededRandom } from "../math/seeded-random.ts";
import type { MatchInput } from "./match-input.ts";
import { runMatch } from "./run-match.ts";
import { verifyStability } from "./verify-stability.ts";

/**
 * Without couples or supplemental lists the Match must return the applicant-optimal stable
 * matching (Gale & Shapley 1962): on small markets, the one that gives every applicant its best
 * partner over all stable matchings found by brute force; on larger ones, the textbook
 * algorithm's result. Every result is also checked by the independent verifier.
 */
const SMALL_MARKETS = 6_000;
const LARGE_MARKETS = 4_000;

function matched(input: MatchInput) {
  const r = runMatch(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  if (r.value.status !== "stable") throw new Error(r.value.message);
  return r.value.outcome;
}

describe("the Match without couples is the applicant-optimal stable matching", () => {
  it(`equals the brute-force optimum and has no blocking pair on ${SMALL_MARKETS} small markets`, () => {
    const rng = seededRandom(17);
    let blocking = 0;
    let differ = 0;
    let several = 0;
    for (let n = 0; n < SMALL_MARKETS; n++) {
      // Half with random program lists, half contested (programs prefer those who prefer them least).
      const contested = n % 2 === 1;
      const input = randomMarket(
        rng,
        contested
          ? {
              applicants: 3 + rng.int(4),
              programs: 2 + rng.int(3),
              maxPositions: 1,
              maxList: 4,
              rankShare: 1,
              programOrder: "contested",
            }
          : { applicants: 1 + rng.int(6), programs: 1 + rng.int(4), maxPositions: 2, maxList: 4 },
      );
      const out = matched(input);
      blocking += verifyStability(input, out).blockingPairs.length;
      const all = enumerateStableSingles(input);
      if (all.length > 1) several++;
      expect(all.length).toBeGreaterThan(0);
      // The applicant-optimal matching: each applicant's best partner over every stable matching.
      const best = input.applicants.map((a, i) => {
        const place = (p: number) => (p < 0 ? a.ranks.length : a.ranks.indexOf(p));
        const top = Math.min(...all.map((s) => place(s[i] as number)));
        return top < a.ranks.length ? (a.ranks[top] as number) : -1;
      });
      if (best.some((p, i) => p !== out.program[i])) differ++;
    }
    console.log(
      `${SMALL_MARKETS} small markets (${several} with more than one stable matching): ${differ} differ from the optimum, ${blocking} blocking pairs`,
    );
    expect(differ).toBe(0);
    expect(blocking).toBe(0);
    // The optimum is a real choice in enough markets for the comparison to mean something.
    expect(several).toBeGreaterThan(SMALL_MARKETS / 20);
  });

  it(`equals the textbook Gale–Shapley result and has no blocking pair on ${LARGE_MARKETS} larger markets`, () => {
    const rng = seededRandom(1962);
    let blocking = 0;
    let differ = 0;
    for (let n = 0; n < LARGE_MARKETS; n++) {
      const input = randomMarket(rng, {
        applicants: 20 + rng.int(60),
        programs: 5 + rng.int(20),
        maxPositions: 4,
        maxList: 8,
      });
      const out = matched(input);
      const report = verifyStability(input, out);
      blocking += report.blockingPairs.length + report.violations.length;
      const textbook = galeShapley(input);
      if (textbook.some((p, i) => p !== out.program[i])) differ++;
    }
    console.log(
      `${LARGE_MARKETS} larger markets: ${differ} differ from Gale–Shapley, ${blocking} blocking pairs or violations`,
    );
    expect(differ).toBe(0);
    expect(blocking).toBe(0);
  });
});
