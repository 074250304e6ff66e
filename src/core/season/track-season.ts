import { cycleFor } from "../assess/application-cycle.ts";
import type { Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import { fail, ok, type Result } from "../issues.ts";
import { pct } from "../math/percent.ts";
import type { Plan } from "../plan/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import { feeScheduleFor, specialtyFee } from "../programs/application-fees.ts";
import { chanceLogit, estimateInterviewOdds } from "../programs/interview-odds.ts";
import { curveFor, kernelOptions } from "../programs/kernel-options.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import { oddsContext } from "../programs/odds-context.ts";
import { pgy1Factor } from "../programs/pgy1-joint.ts";
import { type ProgramData, unitsByCode } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { type ApplyMore, applyMoreAdvice } from "./apply-more.ts";
import { type RankListAdvice, rankListAdvice } from "./rank-list.ts";
import { type SeasonModel, sharePastDay } from "./season-model.ts";
import { planFigure, seasonPlan } from "./season-plan.ts";
import { shownPoints } from "./shown-points.ts";
import { type SoapAdvice, type SoapPgy1, soapAdvice } from "./soap.ts";
import { isInvited, type Tracker, validateTracker } from "./tracker.ts";
import type { UnfilledRecord } from "./unfilled-record.ts";
import { type Observation, type ObservedState, type UpdatedOdds, updateOdds } from "./update-odds.ts";

/**
 * The season at a date: the tracker read against the plan's odds model. Steps: validate the
 * tracker against the catalog; each tracked program's plan-time log-odds (the planner's
 * applicant shift, odds context and interview odds, with the signal recorded); each program's
 * state (invited, rejected, silent, withdrawn); the update (update-odds.ts); then whether more
 * applications still help, the rank list and SOAP readiness.
 *
 * P(match) means what the plan's means. "At plan time" is the plan's own figure for the list as
 * applied (`evaluateList` with the plan's signals' rules, forecast spread and PGY-1 year): the
 * plan's list, applied as planned, reads exactly the plan's P(match). "Now" is that figure moved
 * by what the update has learnt since (its P(match) now less its on-time prior, on its own
 * kernel), so nothing learnt is no change. For an advanced specialty both are the joint chance
 * with the plan's PGY-1 year, c + (1 − c)·P1 times the advanced position's (pgy1-joint.ts): the
 * tracker holds the specialty's programs only, so P1 is the plan's supplemental list's, not
 * updated by the season. With no application recorded yet, the plan's list stands in for one,
 * with nothing heard: the figures are the plan's.
 */
export interface SeasonRequest {
  profile: Profile;
  tracker: unknown;
  asOf: string;
  /** Unfilled positions from the published record, read at the edge; null = not available. */
  unfilled?: UnfilledRecord | null;
  /**
   * The plan the tracker is read against, as a caller already holds it (the page's): used when it
   * is for the tracker's specialty and Match year and has its list; otherwise the plan is made here
   * (`planApplication`, the list only, as applied for the tracker's year).
   */
  plan?: Plan | null;
}

export interface SeasonReport {
  asOf: string;
  specialty: string;
  matchYear: number;
  /** Days since programs could first review applications, and the share of invitations usually sent by now. */
  timing: { anchorDate: string; days: number; shareSent: number };
  /** False while no entry has the date applied: the plan's list stands in, and the figures are the plan's. */
  recorded: boolean;
  /** P(match) now; for an advanced specialty, with the PGY-1 year (as the plan's). */
  pMatch: MatchEstimate;
  /** The plan's P(match) for the list as applied (the plan's own list while nothing is recorded). */
  planPMatch: MatchEstimate;
  /** For an advanced specialty: the PGY-1 year inside both figures, from the plan; null otherwise. */
  pgy1: {
    chance: number;
    categoricalShare: number;
    advancedOnly: MatchEstimate;
    planAdvancedOnly: number;
  } | null;
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

  const planned = seasonPlan(rb, data, req, sp.id, tracker.matchYear);
  if (!planned.ok) return planned;
  const plan = planned.value;
  const list = plan.list;

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
    // kernel, which keeps it apart from the strength term (match-probability.ts); the figures
    // shown start from the planner's own (see the spec above), so it moves only what is learnt.
    return chanceLogit(l, odds.sponsorship.p);
  };
  const obs: Observation[] = [];
  const applied: Array<{ program: Program; signal: "gold" | "silver" | null }> = [];
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
    const program = byId.get(e.programId);
    if (program) applied.push({ program, signal: e.signal });
  }
  // Nothing recorded yet: the plan's list stands in, applied on time with nothing heard, so every
  // figure is the plan's rather than an empty list's 0%.
  const recorded = obs.length > 0;
  const standIns: Observation[] = recorded
    ? []
    : list.programs.map((p) => ({
        id: p.id,
        logit: logitOf(p.id, p.signal),
        state: "silent" as const,
        shareAtApplication: 0,
      }));

  // ── candidates for more applications: untracked programs, best odds first ──
  const remainingShare = 1 - shareSent;
  const open = remainingShare >= season.minRemainingShare.value;
  const tracked = new Set(
    [...tracker.entries.map((e) => e.programId), ...standIns.map((o) => o.id)].map(
      (id) => byId.get(id)?.id ?? id,
    ),
  );
  const candidates = open
    ? catalog
        .filter((p) => !tracked.has(p.id))
        .map((p) => ({ p, l: logitOf(p.id, null) }))
        .filter((x) => x.l > Number.NEGATIVE_INFINITY)
        .sort((a, b) => b.l - a.l || (a.p.id < b.p.id ? -1 : 1))
        .slice(0, season.applyMoreShown.value)
    : [];
  const kernel = kernelOptions(model);
  const odds = updateOdds(recorded ? obs : standIns, {
    kernel,
    curve,
    draws: season.posteriorDraws.value,
    // Programs not yet applied to have told nothing.
    shareSent: recorded ? shareSent : 0,
    rejectionShare: season.rejectionShare.value,
    atLeast: season.atLeastShown.value,
    additions: candidates.map((c) => c.l + Math.log(Math.max(1e-12, remainingShare))),
  });

  // ── the plan's figures for the list, and the update's moves from them ──
  const factor = list.pgy1 ? pgy1Factor(list.pgy1) : 1;
  const planAdvanced = recorded
    ? planFigure(rb, data, plan, sp.id, req, applied, null)
    : (list.pgy1?.advancedOnly ?? list.pMatch);
  const planPMatch = !recorded
    ? (list.pMatch ?? planAdvanced)
    : list.pgy1
      ? planFigure(rb, data, plan, sp.id, req, applied, list.pgy1)
      : planAdvanced;
  if (!planPMatch || !planAdvanced)
    return fail([
      {
        code: "invalid_value",
        path: "specialty",
        message: `no Charting Outcomes ranks data for ${sp.name}: P(match) cannot be computed`,
      },
    ]);
  // Each figure the update reads on its own kernel, moved from the plan's own: nothing learnt, no change.
  const from = odds.onTimePMatch;
  const moved = (x: number) => clamp01(planPMatch.estimate + factor * (x - from));
  const movedAdvanced = (x: number) => clamp01(planAdvanced.estimate + (x - from));
  const pMatch: MatchEstimate = recorded
    ? { estimate: moved(odds.pMatch.estimate), low: moved(odds.pMatch.low), high: moved(odds.pMatch.high) }
    : planPMatch;
  const advancedNow: MatchEstimate = recorded
    ? {
        estimate: movedAdvanced(odds.pMatch.estimate),
        low: movedAdvanced(odds.pMatch.low),
        high: movedAdvanced(odds.pMatch.high),
      }
    : planAdvanced;

  const schedule = feeScheduleFor(rb, sp.id, tracker.matchYear);
  const applyMore = applyMoreAdvice({
    open,
    asOf: req.asOf,
    shareSent,
    candidates: candidates.map((c, i) => {
      const after = moved(odds.withAdditions[i] ?? odds.pMatch.estimate);
      const before = i > 0 ? moved(odds.withAdditions[i - 1] ?? odds.pMatch.estimate) : pMatch.estimate;
      const count = (recorded ? obs : standIns).length + i;
      return {
        id: c.p.id,
        name: c.p.name,
        pMatch: after,
        gain: after - before,
        feeUsd: specialtyFee(schedule, count + 1) - specialtyFee(schedule, count),
      };
    }),
  });

  const rankList = rankListAdvice(rb, season, sp, tracker, cycle, curve, factor);
  const soapPgy1: SoapPgy1 | null = list.pgy1 ? { specialtyName: sp.name, chance: list.pgy1.chance } : null;
  const soap = soapAdvice(season, cycle, pMatch, req.unfilled ?? null, soapPgy1);

  const change = pMatch.estimate - planPMatch.estimate;
  const learnt = odds.pMatch.estimate - odds.planPMatch.estimate;
  const lateBy = factor * (odds.planPMatch.estimate - from);
  // Stand-ins are no applications: nothing is counted for them.
  const c: Record<ObservedState, number> = recorded
    ? odds.counts
    : { invited: 0, rejected: 0, silent: 0, withdrawn: 0, "invited-withdrawn": 0 };
  const lateCount = obs.filter((o) => o.shareAtApplication > 0).length;
  const explanation: string[] = recorded
    ? [
        `${c.invited + c["invited-withdrawn"]} invitation${c.invited + c["invited-withdrawn"] === 1 ? "" : "s"}, ${c.rejected} rejection${c.rejected === 1 ? "" : "s"} and ${c.silent} program${c.silent === 1 ? "" : "s"} still silent by ${req.asOf}, when about ${pct(shareSent)} of invitations have usually been sent.`,
        ...(lateCount > 0 && lateBy < 0
          ? [
              `${lateCount} application${lateCount === 1 ? " was" : "s were"} sent after programs began sending invitations: a late application competes only for the invitations still to be sent, which takes ${shownPoints(-lateBy).toFixed(1)} points off your plan's P(match) for this list.`,
            ]
          : []),
        learnt < 0
          ? `That is fewer invitations than your plan expected (${odds.planExpectedInterviews.toFixed(1)} in the season): the model now reads you as weaker than the plan assumed, so every remaining program's chance falls and P(match) goes from ${pct(planPMatch.estimate)} to ${pct(pMatch.estimate)}.`
          : learnt > 0
            ? `That is more than your plan expected for this point of the season: the model now reads you as stronger than the plan assumed, and with ${odds.confirmedInterviews} interview${odds.confirmedInterviews === 1 ? "" : "s"} already certain P(match) goes from ${pct(planPMatch.estimate)} to ${pct(pMatch.estimate)}.`
            : `That is what your plan expected: P(match) stays at ${pct(pMatch.estimate)}.`,
      ]
    : [
        `Nothing is recorded yet: no entry has the date you applied. Until one does, these are your plan's figures for its list of ${list.programs.length} program${list.programs.length === 1 ? "" : "s"}: P(match) ${pct(planPMatch.estimate)}.`,
      ];
  if (list.pgy1)
    explanation.push(
      `${sp.name} positions mostly start at PGY-2, so P(match) is the chance of the advanced position and a PGY-1 year together, as in your plan: the advanced position alone is ${pct(advancedNow.estimate)} now; the PGY-1 year is your plan's supplemental list's ${pct(list.pgy1.chance)}, since the tracker holds ${sp.name} programs only.`,
    );
  if (soap.raised) explanation.push(soap.text, ...(soap.unfilled?.text ?? []));

  const because: Because[] = [
    {
      ruleId: "season.timing",
      value: { anchor: anchor.date, days, shareSent: Number(shareSent.toFixed(3)) },
      sources: [...anchor.sources, ...(season.invitationTiming.sources ?? ["matchplan-assumptions"])],
      ...(season.invitationTiming.why ? { note: season.invitationTiming.why } : {}),
    },
    {
      ruleId: "season.plan",
      value: {
        matchYear: plan.matchYear.matchYear,
        programs: recorded ? applied.length : list.programs.length,
        pMatch: Number(planPMatch.estimate.toFixed(4)),
        recorded,
      },
      sources: ["matchplan-assumptions"],
      note: recorded
        ? "at plan time: the plan's P(match) for the programs applied to (its odds, kernel, signals as recorded and PGY-1 year); now: that figure moved by the season's update"
        : "no application recorded yet: the plan's own list and P(match) stand in",
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
    ...(list.pgy1
      ? [
          {
            ruleId: "season.pgy1",
            value: {
              chance: Number(list.pgy1.chance.toFixed(4)),
              categoricalShare: Number(list.pgy1.categoricalShare.toFixed(4)),
              factor: Number(factor.toFixed(4)),
              programs: list.pgy1.programs,
            },
            sources: list.pgy1.sources,
            note: "PGY-1 programs are not recorded in the tracker (its entries are the specialty's programs): the PGY-1 year's chance is the plan's supplemental list's, used as it stands and not updated by the season",
          },
        ]
      : []),
    ...shift.because,
  ];

  return ok({
    asOf: req.asOf,
    specialty: sp.id,
    matchYear: tracker.matchYear,
    timing: { anchorDate: anchor.date, days, shareSent },
    recorded,
    pMatch,
    planPMatch,
    pgy1: list.pgy1
      ? {
          chance: list.pgy1.chance,
          categoricalShare: list.pgy1.categoricalShare,
          advancedOnly: advancedNow,
          planAdvancedOnly: planAdvanced.estimate,
        }
      : null,
    change,
    expectedInterviews: odds.expectedInterviews,
    planExpectedInterviews: odds.planExpectedInterviews,
    atLeast: odds.atLeast,
    counts: c,
    strength: odds.strength,
    programs: tracker.entries.map((e) => {
      const o = obs.find((x) => x.id === e.programId);
      const pend = recorded ? odds.pending.find((x) => x.id === e.programId) : undefined;
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

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
