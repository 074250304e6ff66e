import type { Assessment } from "../../src/core/assess/types.ts";
import { buildNarrative } from "../../src/core/narrative/build-narrative.ts";
import type { Profile } from "../../src/core/profile/profile-schema.ts";
import { IMG_TYPES, type Standing, weaker } from "../../src/core/vocabulary.ts";
import { AS_OF, assessmentOf, rb } from "./coherence-profiles.ts";

/**
 * Every piece of advice text the assessment and the narrative show for one profile, tagged with
 * where it came from, and the checks that say whether it fits the person (issue 12): IMG-only
 * wording for a US graduate, radiology wording outside radiology, a scenario that compares a
 * numeric Step 1 for a pass/fail one, clerkship honours after graduation, an improvement story
 * without an improvement.
 */
export interface AdviceText {
  where: string;
  text: string;
}

export function adviceTexts(profile: Profile, specialty: string): AdviceText[] {
  const a = assessmentOf(profile, specialty);
  const n = buildNarrative(rb, profile, a);
  const t = (where: string, texts: readonly string[]) => texts.map((text) => ({ where, text }));
  return [
    ...t(
      "red flag",
      a.redFlags.map((f) => f.message),
    ),
    ...t(
      "compensator",
      a.compensators.map((f) => f.message),
    ),
    ...t(
      "recommendation",
      a.recommendations.map((f) => f.message),
    ),
    ...t(
      "screening",
      a.screening.map((s) => s.message),
    ),
    ...t("step 3", a.step3 ? [a.step3.message] : []),
    ...t(
      "guidance",
      a.guidance.flatMap((g) => g.points),
    ),
    ...t("program count", [a.applicationCountNote]),
    ...t("pathway", a.pathway ? [a.pathway.message] : []),
    ...t(
      "scenario",
      n.scenarios.flatMap((s) => [s.summary, ...s.points]),
    ),
    ...t("explain", n.explain.points),
    ...t("personal statement", n.personalStatement.points),
    ...t("interview", n.interview.points),
    ...t("letters", [...n.letters.content, n.letters.note]),
  ];
}

/** Band standing as the rules read it: the primary band lowered by any supplementary band. */
function bandStanding(a: Assessment): Standing | null {
  const band = a.step2ck.band;
  return band ? a.step2ck.otherBands.reduce<Standing>((s, o) => weaker(s, o.standing), band.standing) : null;
}

export function misfits(profile: Profile, specialty: string, texts: readonly AdviceText[]): string[] {
  const a = assessmentOf(profile, specialty);
  const out: string[] = [];
  const img = IMG_TYPES.includes(profile.applicantType);
  const radiology = ["diagnostic-radiology", "interventional-radiology"].includes(specialty);
  const graduated = Number(AS_OF.slice(0, 4)) - profile.graduationYear > 0;
  const numericStep1 = profile.step1.score !== undefined && profile.step1.score !== null;
  for (const { where, text } of texts) {
    if (!img && /\bIMGs?\b|ECFMG/.test(text))
      out.push(`IMG wording for a ${profile.applicantType} (${where}): ${text}`);
    if (!radiology && /\b(DR|IR)\b|radiolog/i.test(text))
      out.push(`radiology wording in ${specialty} (${where}): ${text}`);
    if (!numericStep1 && /average Step 1|Step 1 score/i.test(text))
      out.push(`numeric Step 1 wording for a pass/fail Step 1 (${where}): ${text}`);
    if (graduated && /honou?rs/i.test(text)) out.push(`clerkship honours for a graduate (${where}): ${text}`);
  }
  const scenarios = buildNarrative(rb, profile, a).scenarios.map((s) => s.scenario);
  if (!numericStep1 && scenarios.includes("A"))
    out.push("scenario A (numeric Step 1) for a pass/fail Step 1");
  const band = bandStanding(a);
  const improved = band !== null && ["strong", "competitive", "borderline"].includes(band);
  if (scenarios.includes("B") && !improved)
    out.push(`scenario B (Step 2 CK as proof of improvement) with Step 2 CK band ${band ?? "none"}`);
  return out;
}
