import doFm from "../../../examples/do-fm.json" with { type: "json" };
import nonUsImg from "../../../examples/non-us-img-dr.json" with { type: "json" };
import nonUsImgIr from "../../../examples/non-us-img-ir.json" with { type: "json" };
import step1Failure from "../../../examples/step1-failure-dr.json" with { type: "json" };
import usMdIm from "../../../examples/us-md-im.json" with { type: "json" };

/**
 * Example profiles to start from: the repository's examples/ files, bundled into the page. Each
 * names the specialty it was written for; the form validates them like any typed profile. They
 * span applicant types (non-US IMG, US MD, DO), specialties (DR, IR, IM, FM) and histories (a
 * repeated Step 1, Step 2 CK still to come).
 */
export interface ExampleProfile {
  id: string;
  label: string;
  specialty: string;
  profile: unknown;
}

export const EXAMPLES: readonly ExampleProfile[] = [
  {
    id: "non-us-img-dr",
    label: "Non-US IMG, Step 2 CK taken, no failures",
    specialty: "diagnostic-radiology",
    profile: nonUsImg,
  },
  {
    id: "step1-failure-dr",
    label: "Non-US IMG with a repeated Step 1",
    specialty: "diagnostic-radiology",
    profile: step1Failure,
  },
  {
    id: "non-us-img-ir",
    label: "Non-US IMG needing an H-1B",
    specialty: "interventional-radiology",
    profile: nonUsImgIr,
  },
  {
    id: "us-md-im",
    label: "US MD senior with a home program",
    specialty: "internal-medicine",
    profile: usMdIm,
  },
  {
    id: "do-fm",
    label: "DO with COMLEX, Step 2 CK still to come",
    specialty: "family-medicine",
    profile: doFm,
  },
];
