import type { Program } from "../catalog/program.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { allocateSignals } from "./allocate-signals.ts";
import { applicantShift } from "./applicant-shift.ts";
import { estimateInterviewOdds } from "./interview-odds.ts";
import { matchCurve } from "./match-given-interviews.ts";
import { type MatchEstimate, matchCurveForList } from "./match-probability.ts";
import { oddsContext } from "./plan-program-list.ts";
import type { ProgramData } from "./program-data.ts";

/**
 * P(match) for a list the applicant chose themselves (no optimisation): the same odds and
 * kernel as the planner, with signals spent on the listed programs with the best signalled odds.
 * Used for what-if sweeps, for lists edited by hand and for the calibration cohorts.
 */
export function evaluateList(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialtyId: string,
  programs: readonly Program[],
  asOf: string,
  signals: "auto" | "none" = "auto",
): MatchEstimate | null {
  const sp = rb.specialties.get(specialtyId);
  if (!sp) return null;
  const model = data.model;
  const curve = matchCurve(
    rb.chartingOutcomes,
    sp.id,
    model.match.maxInterviewsTracked.value,
    model.match.ranksPerInterview.value,
  );
  if (!curve) return null;
  const shift = applicantShift(rb, model, profile, sp, asOf);
  const ctx = oddsContext(rb, data, sp, profile);
  const odds = programs.map((p) => ({ p, o: estimateInterviewOdds(p, shift, ctx, model) }));
  const logits = odds.map((x) => x.o.logit);
  const scheme = sp.signals.value;
  if (signals === "auto" && scheme) {
    const counts =
      scheme.scheme === "gold-silver"
        ? { gold: scheme.gold, silver: scheme.silver }
        : { gold: scheme.count, silver: 0 };
    const chosen = allocateSignals(
      odds
        .filter((x) => x.o.signalled)
        .map((x) => ({ key: x.p.id, gold: x.o.signalled?.gold ?? 0, silver: x.o.signalled?.silver ?? 0 })),
      counts,
      model.signals.minimumSignalledOdds.value,
    );
    odds.forEach((x, i) => {
      const tier = chosen.get(x.p.id);
      if (tier && x.o.signalledLogit) logits[i] = x.o.signalledLogit[tier];
    });
  }
  const r = matchCurveForList(logits, curve, {
    strengthSd: model.match.strengthSd.value,
    draws: model.match.draws.value,
    maxInterviews: model.match.maxInterviewsTracked.value,
    rangeQuantiles: model.match.rangeQuantiles.value,
  });
  return r.byCount[r.byCount.length - 1] ?? { estimate: 0, low: 0, high: 0 };
}
