import nonUsImg from "../../../examples/non-us-img-dr.json";
import step1Failure from "../../../examples/step1-failure-dr.json";

/**
 * Example profiles to start from: the repository's examples/ files, bundled into the page. Each
 * names the specialty it was written for; the form validates them like any typed profile.
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
];
