import { describe, expect, it } from "vitest";
import { hasStableMatching } from "../../../test/support/market/enumerate-stable.ts";
import { randomMarket } from "../../../test/support/market/generate-market.ts";
import { seededRandom } from "../math/seeded-random.ts";
import { runMatch } from "./run-match.ts";
import { verifyStability } from "./verify-stability.ts";

/**
 * With couples (and supplemental lists) a stable matching may not exist (Roth 1984), so the
 * Match either returns one the verifier accepts or stops and says it found none — never loops.
 * On small markets brute force tells which markets truly have none.
 */
const SMALL_MARKETS = 2_000;
const LARGE_MARKETS = 1_000;

describe("the Match with couples and supplemental lists", () => {
  it(`returns a verified stable matching or reports none found on ${SMALL_MARKETS} small markets`, () => {
    const rng = seededRandom(1984);
    const tally = { stable: 0, noneExists: 0, missed: 0, unverified: 0 };
    for (let n = 0; n < SMALL_MARKETS; n++) {
      const input = randomMarket(rng, {
        applicants: 2 + rng.int(4),
        programs: 2 + rng.int(3),
        maxPositions: 2,
        maxList: 3,
        couples: 1 + rng.int(2),
        advancedShare: 0.4,
        supplementalShare: 0.7,
        programOrder: n % 2 === 0 ? "random" : "contested",
      });
      const r = runMatch(input);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      if (r.value.status === "stable") {
        tally.stable++;
        if (!verifyStability(input, r.value.outcome).stable) tally.unverified++;
      } else if (hasStableMatching(input)) tally.missed++;
      else tally.noneExists++;
    }
    console.log(
      `${SMALL_MARKETS} small couples markets: ${tally.stable} stable and verified, ${tally.noneExists} reported none found where brute force finds none, ${tally.missed} reported none found where one exists, ${tally.unverified} failed the verifier`,
    );
    expect(tally.unverified).toBe(0);
    expect(tally.stable + tally.noneExists + tally.missed).toBe(SMALL_MARKETS);
    // The generator reaches markets without a stable matching, and they are reported, not looped on.
    expect(tally.noneExists).toBeGreaterThan(0);
  });

  it(`returns a verified stable matching or reports none found on ${LARGE_MARKETS} larger markets with reversions`, () => {
    const rng = seededRandom(1999);
    const tally = { stable: 0, none: 0, unverified: 0 };
    for (let n = 0; n < LARGE_MARKETS; n++) {
      const input = randomMarket(rng, {
        applicants: 30 + rng.int(60),
        programs: 6 + rng.int(15),
        maxPositions: 4,
        maxList: 8,
        couples: rng.int(8),
        advancedShare: 0.3,
        supplementalShare: 0.8,
        reversions: rng.int(4),
      });
      const r = runMatch(input);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      if (r.value.status === "stable") {
        tally.stable++;
        const report = verifyStability(input, r.value.outcome);
        if (!report.stable) tally.unverified++;
      } else tally.none++;
    }
    console.log(
      `${LARGE_MARKETS} larger markets: ${tally.stable} stable and verified, ${tally.none} reported none found, ${tally.unverified} failed the verifier`,
    );
    expect(tally.unverified).toBe(0);
    expect(tally.stable).toBeGreaterThan(LARGE_MARKETS * 0.9);
  });
});
