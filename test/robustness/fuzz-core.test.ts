import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessProfile } from "../../src/core/assess/assess-profile.ts";
import { profileSchemaFor } from "../../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../../src/core/profile/validate-profile.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { hostileProfile } from "./hostile-input.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);

describe("generated hostile profiles through the core", () => {
  it(`${RUNS.toLocaleString("en-US")} malformed profiles: no crash, and every rejection names the field`, () => {
    const rb = repositoryRulebook();
    const schema = profileSchemaFor(rb);
    const specialties = [...rb.specialties.keys()];
    const counts = { generated: 0, rejected: 0, accepted: 0, crashes: 0, unnamed: 0 };
    fc.assert(
      fc.property(
        hostileProfile,
        fc.constantFrom(...specialties, "not-a-specialty"),
        ({ input, corrupted }, specialty) => {
          counts.generated++;
          let r: ReturnType<typeof validateProfile>;
          try {
            r = validateProfile(schema, input);
            if (r.ok) {
              counts.accepted++;
              assessProfile(rb, r.value, specialty, "2026-11-22");
              return;
            }
          } catch {
            counts.crashes++;
            return;
          }
          counts.rejected++;
          // A corrupted field must be named by some issue: its own path, a parent or child of it, or —
          // for a rule tying two fields together (code "inconsistent") — a field beside it.
          if (corrupted !== null) {
            const parent = corrupted.split(".").slice(0, -1).join(".");
            const named = r.issues.some(
              (i) =>
                i.path === corrupted ||
                corrupted.startsWith(`${i.path}.`) ||
                i.path.startsWith(`${corrupted}.`) ||
                (i.code === "inconsistent" && parent !== "" && i.path.startsWith(`${parent}.`)),
            );
            if (!named) counts.unnamed++;
          }
          for (const i of r.issues)
            if (typeof i.path !== "string" || i.message.length === 0) counts.unnamed++;
        },
      ),
      { numRuns: RUNS, seed: 2026 },
    );
    console.log(
      `core fuzz: generated ${counts.generated}, rejected ${counts.rejected}, accepted ${counts.accepted}, crashes ${counts.crashes}, rejections not naming the field ${counts.unnamed}`,
    );
    expect(counts.crashes).toBe(0);
    expect(counts.unnamed).toBe(0);
    expect(counts.generated).toBe(RUNS);
  }, 300_000);
});
