import { cycleFor } from "../assess/application-cycle.ts";
import type { Because } from "../assess/types.ts";
import { fail, ok, type Result } from "../issues.ts";
import { pct } from "../math/percent.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import { feeScheduleFor, specialtyFee } from "../programs/application-fees.ts";
import { chanceLogit, estimateInterviewOdds } from "../programs/interview-odds.ts";
import { curveFor, kernelOptions } from "../programs/kernel-options.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import { oddsContext } from "../programs/odds-context.ts";
import { type ProgramData, unitsByCode } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { type RankListAdvice, rankListAdvice } from "./rank-list.ts";
import { type SeasonModel, sharePastDay } from "./season-model.ts";
import { type SoapAdvice, soapAdvice } from "./soap.ts";
import { isInvited, type Tracker, validateTracker } from "./tracker.ts";
import type { UnfilledRecord } from "./unfilled-record.ts";
import { type Observation, type ObservedState, type UpdatedOdds, updateOdds } from "./update-odds.ts";

/**
 * The season at a date: the tracker read against the plan's odds model. Steps: validate the
 * tracker against the catalog; each tracked program's plan-time log-odds (the planner's
 * applicant shift, odds context and interview odds, with the signal recorded); each program's
 * state (invited, rejected, silent, withdrawn); the update (update-odds.ts); then whether more
 * applications still help, the rank list and SOAP readiness.
 */
export interface SeasonRequest {
  profile: Profile;
  tracker: unknown;
  asOf: string;
  /** Unfilled positions from the published record, read at the edge; null = not available. */
  unfilled?: UnfilledRecord | null;
}

export interface SeasonReport {
  asOf: string;
  specialty: string;
  matchYear: number;
  /** Days since programs could first review applications, and the share of invitations usually sent by now. */
  timing: { anchorDate: string; days: number; shareSent: number };
  pMatch: MatchEstimate;
  planPMatch: MatchEstimate;
  /** P(match) now minus at plan time, in probability (−0.2 = 20 points lower). */
  change: number;
  expectedInterviews: { estimate: number; low: number; high: number };
  planExpectedInterviews: number;
  atLeast: Array<{ k: number; p: number; plan: number }>;
  counts: Record<ObservedState, number>;
  strength: UpdatedOdds["strength"];
  programs: Array<{
    id: string;
    name: string;
    state: ObservedState | "not-applied";
    pInviteNow: number | null;
    pInvitePlan: number | null;
  }>;
  applyMore: ApplyMore;
  rankList: RankListAdvice;
  soap: SoapAdvice;
  /** Plain sentences saying what moved the odds and why. */
  explanation: string[];
  because: Because[];
}

export type ApplyMore =
  | {
      open: true;
      programs: Array<{ id: string; name: string; pMatch: number; gain: number; feeUsd: number }>;
      text: string;
    }
  | { open: false; programs: []; text: string };

export function trackSeason(
  rb: Rulebook,
  data: ProgramData,
  season: SeasonModel,
  req: SeasonRequest,
): Result<SeasonReport> {
  const maxNotesLength = rb.limits.tracker.notes.value.maxLength;
  const first = validateTracker(req.tracker, { asOf: req.asOf, maxNotesLength });
  if (!first.ok) return first;
  const spId = first.value.specialty;
  const sp = rb.specialties.get(spId);
  if (!sp)
    return fail([
      {
        code: "unknown_specialty",
        path: "specialty",
        message: `unknown specialty "${spId}"`,
        allowed: [...rb.specialties.keys()].join(", "),
      },
    ]);
  const catalog = data.bySpecialty.get(sp.id) ?? [];
  // Any NRMP code of the specialty names its program (the search lists every code).
  const byId = unitsByCode(data.catalog, catalog, sp.id);
  const checked = validateTracker(req.tracker, {
    asOf: req.asOf,
    knownPrograms: new Set(byId.keys()),
    maxNotesLength,
  });
  if (!checked.ok) return checked;
  const tracker: Tracker = checked.value;
  const curve = curveFor(rb, data.model, sp.id, req.profile.applicantType);
  if (!curve)
    return fail([
      {
        code: "invalid_value",
        path: "specialty",
        message: `no Charting Outcomes ranks data for ${sp.name}: P(match) cannot be computed`,
      },
    ]);
  const cycle = cycleFor(rb, tracker.matchYear, sp.id);
  const anchor = cycle[season.invitationTiming.anchor];
  if (!anchor)
    return fail([
      {
        code: "invalid_value",
        path: "matchYear",
        message: `no programs' review date for the ${tracker.matchYear} Match`,
      },
    ]);
  const dayOf = (d: string) =>
    Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${anchor.date}T00:00:00Z`)) / 86_400_000);
  const days = dayOf(req.asOf);
  const shareSent = sharePastDay(season, days);

  const model = data.model;
  const shift = applicantShift(rb, model, req.profile, sp, req.asOf);
  const ctx = oddsContext(rb, data, sp, req.profile);
  const logitOf = (id: string, signal: "gold" | "silver" | null) => {
    const p = byId.get(id);
    if (!p) return Number.NEGATIVE_INFINITY;
    const odds = estimateInterviewOdds(p, shift, ctx, model);
    const l = signal && odds.signalledLogit ? odds.signalledLogit[signal] : odds.logit;
    // The program's chance of sponsoring the visa is folded into the log-odds here: the season's
    // update reads one chance per program (update-odds.ts). An approximation of the planner's
    // kernel, which keeps it apart from the strength term (match-probability.ts).
    return chanceLogit(l, odds.sponsorship.p);
  };
  const obs: Observation[] = [];
  for (const e of tracker.entries) {
    if (e.applied === null) continue;
    const invited = isInvited(e);
    const state: ObservedState = e.withdrawn
      ? invited
        ? "invited-withdrawn"
        : "withdrawn"
      : invited
        ? "invited"
        : e.rejected
          ? "rejected"
          : "silent";
    obs.push({
      id: e.programId,
      logit: logitOf(e.programId, e.signal),
      state,
      shareAtApplication: sharePastDay(season, dayOf(e.applied)),
    });
  }

  // ── candidates for more applications: untracked programs, best odds first ──
  const remainingShare = 1 - shareSent;
  const open = remainingShare >= season.minRemainingShare.value;
  const tracked = new Set(tracker.entries.map((e) => byId.get(e.programId)?.id ?? e.programId));
  const candidates = open
    ? catalog
        .filter((p) => !tracked.has(p.id))
        .map((p) => ({ p, l: logitOf(p.id, null) }))
        .filter((x) => x.l > Number.NEGATIVE_INFINITY)
        .sort((a, b) => b.l - a.l || (a.p.id < b.p.id ? -1 : 1))
        .slice(0, season.applyMoreShown.value)
    : [];
  const kernel = kernelOptions(model);
  const odds = updateOdds(obs, {
    kernel,
    curve,
    draws: season.posteriorDraws.value,
    shareSent,
    rejectionShare: season.rejectionShare.value,
    atLeast: season.atLeastShown.value,
    additions: candidates.map((c) => c.l + Math.log(Math.max(1e-12, remainingShare))),
  });

  const schedule = feeScheduleFor(rb, sp.id, tracker.matchYear);
  const appliedCount = obs.length;
  const applyMore: ApplyMore = open
    ? {
        open: true,
        programs: candidates.map((c, i) => ({
          id: c.p.id,
          name: c.p.name,
          pMatch: odds.withAdditions[i] ?? odds.pMatch.estimate,
          gain:
            (odds.withAdditions[i] ?? 0) - (i > 0 ? (odds.withAdditions[i - 1] ?? 0) : odds.pMatch.estimate),
          feeUsd: specialtyFee(schedule, appliedCount + i + 1) - specialtyFee(schedule, appliedCount + i),
        })),
        text: `Programs are still reading applications: about ${pct(remainingShare)} of the season's invitations are usually still to be sent. Each program below is the best remaining one by your odds, with what it adds to P(match) and its fee.`,
      }
    : {
        open: false,
        programs: [],
        text: `Applying to more programs no longer helps: by ${req.asOf} about ${pct(shareSent)} of the season's invitations have usually been sent.`,
      };

  const rankList = rankListAdvice(rb, season, sp, tracker, cycle, curve);
  const soap = soapAdvice(season, cycle, odds.pMatch, req.unfilled ?? null);

  const change = odds.pMatch.estimate - odds.planPMatch.estimate;
  const c = odds.counts;
  const explanation: string[] = [
    `${c.invited + c["invited-withdrawn"]} invitation${c.invited + c["invited-withdrawn"] === 1 ? "" : "s"}, ${c.rejected} rejection${c.rejected === 1 ? "" : "s"} and ${c.silent} program${c.silent === 1 ? "" : "s"} still silent by ${req.asOf}, when about ${pct(shareSent)} of invitations have usually been sent.`,
    change < 0
      ? `That is fewer invitations than your plan expected (${odds.planExpectedInterviews.toFixed(1)} in the season): the model now reads you as weaker than the plan assumed, so every remaining program's chance falls and P(match) goes from ${pct(odds.planPMatch.estimate)} to ${pct(odds.pMatch.estimate)}.`
      : change > 0
        ? `That is more than your plan expected for this point of the season: the model now reads you as stronger than the plan assumed, and with ${odds.confirmedInterviews} interview${odds.confirmedInterviews === 1 ? "" : "s"} already certain P(match) goes from ${pct(odds.planPMatch.estimate)} to ${pct(odds.pMatch.estimate)}.`
        : `That is what your plan expected: P(match) stays at ${pct(odds.pMatch.estimate)}.`,
  ];
  if (soap.raised) explanation.push(soap.text, ...(soap.unfilled?.text ?? []));

  const because: Because[] = [
    {
      ruleId: "season.timing",
      value: { anchor: anchor.date, days, shareSent: Number(shareSent.toFixed(3)) },
      sources: [...anchor.sources, ...(season.invitationTiming.sources ?? ["matchplan-assumptions"])],
      ...(season.invitationTiming.why ? { note: season.invitationTiming.why } : {}),
    },
    {
      ruleId: "season.observations",
      value: c,
      sources: ["matchplan-assumptions"],
      note: `a program that will not invite sends a rejection with probability ${season.rejectionShare.value}`,
    },
    {
      ruleId: "season.strength",
      value: {
        priorSd: odds.strength.priorSd,
        posteriorMean: Number(odds.strength.mean.toFixed(3)),
        posteriorSd: Number(odds.strength.sd.toFixed(3)),
      },
      sources: model.match.strengthSd.sources,
      note: "the planner's shared strength term, updated by the season's observations",
    },
    ...shift.because,
  ];

  return ok({
    asOf: req.asOf,
    specialty: sp.id,
    matchYear: tracker.matchYear,
    timing: { anchorDate: anchor.date, days, shareSent },
    pMatch: odds.pMatch,
    planPMatch: odds.planPMatch,
    change,
    expectedInterviews: odds.expectedInterviews,
    planExpectedInterviews: odds.planExpectedInterviews,
    atLeast: odds.atLeast,
    counts: c,
    strength: odds.strength,
    programs: tracker.entries.map((e) => {
      const o = obs.find((x) => x.id === e.programId);
      const pend = odds.pending.find((x) => x.id === e.programId);
      return {
        id: e.programId,
        name: byId.get(e.programId)?.name ?? e.programId,
        state: o?.state ?? "not-applied",
        pInviteNow: pend ? pend.now : o?.state === "invited" ? 1 : o ? 0 : null,
        pInvitePlan: pend ? pend.plan : null,
      };
    }),
    applyMore,
    rankList,
    soap,
    explanation,
    because,
  });
}
