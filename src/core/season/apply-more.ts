import { pct } from "../math/percent.ts";
import { shownPoints } from "./shown-points.ts";

/**
 * "Should I apply to more?": while programs still read applications, the best remaining programs
 * by the applicant's odds, each with P(match) after adding it and its fee (track-season.ts
 * computes both); once too few invitations are left to send, that applying no longer helps.
 */
export type ApplyMore =
  | {
      open: true;
      programs: Array<{ id: string; name: string; pMatch: number; gain: number; feeUsd: number }>;
      text: string;
    }
  | { open: false; programs: []; text: string };

/**
 * "Should I apply to more?": while programs still read applications, the best remaining programs
 * with what each adds to P(match) and its fee — cut at the first whose gain rounds to nothing at
 * the one decimal of a point P(match) is shown with (the next ones add less still).
 */
export function applyMoreAdvice(x: {
  open: boolean;
  asOf: string;
  shareSent: number;
  candidates: Array<{ id: string; name: string; pMatch: number; gain: number; feeUsd: number }>;
}): ApplyMore {
  if (!x.open)
    return {
      open: false,
      programs: [],
      text: `Applying to more programs no longer helps: by ${x.asOf} about ${pct(x.shareSent)} of the season's invitations have usually been sent.`,
    };
  const cut = x.candidates.findIndex((c) => shownPoints(c.gain) <= 0);
  const programs = cut < 0 ? x.candidates : x.candidates.slice(0, cut);
  const still = `Programs are still reading applications: about ${pct(1 - x.shareSent)} of the season's invitations are usually still to be sent.`;
  return {
    open: true,
    programs,
    text:
      programs.length > 0
        ? `${still} Each program below is the best remaining one by your odds, with what it adds to P(match) and its fee.`
        : `${still} But no remaining program would add a visible gain to your P(match) (0.1 points or more): applying to more is unlikely to change it.`,
  };
}
