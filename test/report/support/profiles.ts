import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Profile } from "../../../src/core/profile/profile-schema.ts";
import { profileSchemaFor } from "../../../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../../../src/core/profile/validate-profile.ts";
import { repositoryRulebook } from "../../../src/io/load-rulebook.ts";

/** Profiles the report tests share: the two examples and a few made for one boundary each. */
const root = new URL("../../..", import.meta.url).pathname;

export function profileOf(raw: unknown): Profile {
  const r = validateProfile(profileSchemaFor(repositoryRulebook()), raw);
  if (!r.ok)
    throw new Error(
      `fixture profile is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    );
  return r.value;
}

export const example = (name: string): Profile =>
  profileOf(JSON.parse(readFileSync(join(root, "examples", `${name}.json`), "utf8")));

/** A non-US IMG with a first-attempt Step 1 pass and Step 2 CK 255: strong for DR. */
export const strongImg = (): Profile =>
  profileOf({
    applicantType: "non-us-img",
    graduationYear: 2024,
    visa: "j1",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: 255, attempts: 1 },
    usce: { handsOnMonths: 4, observershipMonths: 2, specialtyMonths: 3 },
    research: { items: 4, specialtyItems: 2, firstAuthor: 1, presentations: 2 },
    letters: { total: 4, specialty: 3, us: 3 },
    preferences: { budgetUsd: 3000 },
  });

/** The non-US IMG example with Step 2 CK still to come. */
export const notYetTaken = (): Profile =>
  profileOf({
    ...JSON.parse(readFileSync(join(root, "examples/non-us-img-dr.json"), "utf8")),
    step2ck: { score: null },
  });

export const AS_OF = "2026-11-22";
