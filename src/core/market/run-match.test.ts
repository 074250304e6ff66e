import { describe, expect, it } from "vitest";
import type { MatchInput } from "./match-input.ts";
import { type MatchOutcome, runMatch } from "./run-match.ts";
import { verifyStability } from "./verify-stability.ts";

/** Runs a market expected to have a stable matching; the verifier must agree. */
function stable(input: MatchInput): MatchOutcome {
  const r = runMatch(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  if (r.value.status !== "stable") throw new Error(r.value.message);
  expect(verifyStability(input, r.value.outcome)).toMatchObject({ stable: true });
  return r.value.outcome;
}

const program = (id: string, positions: number, ranks: number[], advanced = false) => ({
  id,
  positions,
  advanced,
  ranks,
});

describe("the Match", () => {
  it("an applicant rejected by a full program that prefers others goes on down its list", () => {
    // Both rank City first; City (one position) prefers applicant 1.
    const out = stable({
      programs: [program("city", 1, [1, 0]), program("mercy", 1, [0, 1])],
      applicants: [
        { id: "a0", ranks: [0, 1] },
        { id: "a1", ranks: [0, 1] },
      ],
    });
    expect([...out.program]).toEqual([1, 0]);
    expect([...out.choice]).toEqual([2, 1]);
  });

  it("an applicant who matches an advanced program also gets a PGY-1 position from the linked supplemental list", () => {
    const out = stable({
      programs: [program("dr", 1, [0], true), program("prelim", 1, [0])],
      applicants: [{ id: "a0", ranks: [0], supplemental: [{ ranks: [1], linkedTo: [0] }] }],
    });
    expect(out.program[0]).toBe(0);
    expect(out.supplemental[0]).toBe(1);
  });

  it("a supplemental list is not used when the applicant does not match its advanced program", () => {
    // Applicant 0 loses the advanced position to applicant 1 and matches its categorical program;
    // the preliminary position it listed as supplemental goes to nobody from that list.
    const out = stable({
      programs: [program("dr", 1, [1, 0], true), program("prelim", 1, [0]), program("im", 1, [0])],
      applicants: [
        { id: "a0", ranks: [0, 2], supplemental: [{ ranks: [1], linkedTo: [0] }] },
        { id: "a1", ranks: [0] },
      ],
    });
    expect([...out.program]).toEqual([2, 0]);
    expect([...out.supplemental]).toEqual([-1, -1]);
    expect(out.filled[1]).toBe(0);
  });

  it("failing the whole supplemental list keeps the advanced match: the applicant does not go further down the primary list", () => {
    const out = stable({
      programs: [program("dr", 1, [0], true), program("prelim", 1, [1, 0]), program("im", 1, [0])],
      applicants: [
        { id: "a0", ranks: [0, 2], supplemental: [{ ranks: [1], linkedTo: [0] }] },
        { id: "a1", ranks: [1] },
      ],
    });
    expect(out.program[0]).toBe(0);
    expect(out.supplemental[0]).toBe(-1);
    expect(out.program[1]).toBe(1);
    expect(out.filled[2]).toBe(0);
  });

  it("losing the advanced position gives up the PGY-1 position too, which someone else can then take", () => {
    // Applicant 0 enters first and holds DR + prelim, turning applicant 2 away from the prelim.
    // Applicant 1, whom DR prefers, then takes DR; applicant 0 falls to IM and the prelim's freed
    // position goes back to applicant 2.
    const out = stable({
      programs: [
        program("dr", 1, [1, 0], true),
        program("prelim", 1, [0, 2]),
        program("im", 1, [0]),
        program("other-prelim", 1, [1]),
      ],
      applicants: [
        { id: "a0", ranks: [0, 2], supplemental: [{ ranks: [1], linkedTo: [0] }] },
        { id: "a1", ranks: [0], supplemental: [{ ranks: [3], linkedTo: [0] }] },
        { id: "a2", ranks: [1] },
      ],
    });
    expect([...out.program]).toEqual([2, 0, 1]);
    expect([...out.supplemental]).toEqual([-1, 3, -1]);
    expect([...out.filled]).toEqual([1, 1, 1, 1]);
  });

  it("a couple matches only as a pair, and may rank a pair where one partner goes unmatched", () => {
    const couple = (ranks: Array<readonly [number | null, number | null]>): MatchInput => ({
      programs: [program("boston-im", 1, [0]), program("boston-dr", 1, [2, 1]), program("ohio-im", 1, [0])],
      applicants: [
        { id: "partner-1", ranks: [] },
        { id: "partner-2", ranks: [] },
        { id: "single", ranks: [1] },
      ],
      couples: [{ members: [0, 1], ranks }],
    });
    // Partner 2 loses Boston DR to the single, so the couple cannot have (Boston IM, Boston DR).
    const together = stable(couple([[0, 1]]));
    expect([together.program[0], together.program[1]]).toEqual([-1, -1]);
    expect(together.filled[0]).toBe(0);
    const alone = stable(
      couple([
        [0, 1],
        [2, null],
      ]),
    );
    expect([alone.program[0], alone.program[1]]).toEqual([2, -1]);
    expect(alone.choice[0]).toBe(2);
  });

  it("a market with no stable matching is reported as such, not looped on", () => {
    // Roth (1984)-style: the single prefers B, B prefers partner 2, A prefers the single to
    // partner 1, and the couple wants (A, B) or nothing. Every matching is blocked.
    const r = runMatch({
      programs: [program("A", 1, [2, 0]), program("B", 1, [1, 2])],
      applicants: [
        { id: "partner-1", ranks: [] },
        { id: "partner-2", ranks: [] },
        { id: "single", ranks: [1, 0] },
      ],
      couples: [{ members: [0, 1], ranks: [[0, 1]] }],
    });
    expect(r.ok && r.value.status).toBe("no-stable-matching-found");
  });

  it("a donor's unfilled positions revert to the receiver, up to the stated number", () => {
    // The preliminary program fills one of its three positions; two may revert to the
    // categorical program, which has three applicants waiting for one position.
    const input: MatchInput = {
      programs: [program("prelim", 3, [0]), program("cat", 1, [1, 2, 3])],
      applicants: [
        { id: "a0", ranks: [0] },
        { id: "a1", ranks: [1] },
        { id: "a2", ranks: [1] },
        { id: "a3", ranks: [1] },
      ],
      reversions: [{ from: 0, to: 1, max: 1 }],
    };
    const once = stable(input);
    expect([...once.positions]).toEqual([2, 2]);
    expect([...once.program]).toEqual([0, 1, 1, -1]);
    expect([...once.reverted]).toEqual([1]);
    const twice = stable({ ...input, reversions: [{ from: 0, to: 1, max: 5 }] });
    expect([...twice.positions]).toEqual([1, 3]);
    expect([...twice.program]).toEqual([0, 1, 1, 1]);
  });

  it("refuses a malformed market, naming each field", () => {
    const r = runMatch({
      programs: [program("dr", -1, [0, 0]), program("prelim", 1, [])],
      applicants: [
        { id: "a0", ranks: [0, 7], supplemental: [{ ranks: [0], linkedTo: [1] }] },
        { id: "a1", ranks: [1] },
      ],
      couples: [{ members: [1, 1], ranks: [] }],
      reversions: [{ from: 1, to: 1, max: 1 }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        "programs.0.positions",
        "programs.0.ranks.1",
        "couples.0.members",
        "applicants.0.ranks.1",
        "applicants.0.supplemental.0.linkedTo.0",
        "reversions.0.to",
      ]),
    );
  });
});

describe("the verifier", () => {
  const input: MatchInput = {
    programs: [program("city", 1, [1, 0]), program("mercy", 1, [0, 1])],
    applicants: [
      { id: "a0", ranks: [0, 1] },
      { id: "a1", ranks: [0, 1] },
    ],
  };

  it("finds the blocking pair of an unstable matching", () => {
    const report = verifyStability(input, { program: [0, 1], supplemental: [-1, -1], positions: [1, 1] });
    expect(report.stable).toBe(false);
    expect(report.blockingPairs).toEqual([{ kind: "single", applicants: [1], programs: [0] }]);
  });

  it("flags a program over its positions and a PGY-1 position without its advanced program", () => {
    const report = verifyStability(input, { program: [0, 0], supplemental: [-1, 1], positions: [1, 1] });
    expect(report.violations.map((v) => v.kind)).toEqual(
      expect.arrayContaining(["over-capacity", "supplemental-without-advanced"]),
    );
  });
});
