import { logistic } from "../math/normal.ts";
import { pct } from "../math/percent.ts";
import { roundCents } from "../math/round.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { ApplicantType, VisaNeed } from "../vocabulary.ts";
import { type FeeSchedule, specialtyFee } from "./application-fees.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import type { MatchEstimate } from "./match-probability.ts";
import {
  categoricalShare,
  cumulativeChance,
  includesPgy1,
  percentText,
  programsForTarget,
  splitSupplementalBudget,
  trackRate,
} from "./pgy1-joint.ts";
import type { Pgy1Summary, Scored } from "./plan-program-list.ts";
import type { ProgramData } from "./program-data.ts";
import type { ProgramModel } from "./program-model.ts";
import { referenceGains } from "./reference-gains.ts";
import { averageChance, type SupplementalTrack } from "./supplemental-pgy1.ts";
import { specialtySponsorship, visaNeedText } from "./visa-sponsorship.ts";

/**
 * The planner's steps for the PGY-1 year of an advanced specialty (pgy1-joint.ts holds the model):
 * the PGY-1 tracks with their programs and chances, the supplemental list's size, the categorical
 * share of a list, and the sentence that says what P(match) includes.
 */

/** Each PGY-1 track with a published rate for the applicant's type, with its eligible programs. Cached per catalog. */
export function supplementalTracks(
  data: ProgramData,
  specialties: readonly Specialty[],
  profile: Profile,
): SupplementalTrack[] {
  let byKey = trackCache.get(data.bySpecialty);
  if (!byKey) {
    byKey = new Map();
    trackCache.set(data.bySpecialty, byKey);
  }
  const out: SupplementalTrack[] = [];
  for (const sp of specialties) {
    const key = `${sp.id}|${profile.applicantType}|${profile.visa}`;
    let track = byKey.get(key);
    if (track === undefined) {
      const rate = trackRate(data.model.pgy1, sp.id, profile.applicantType);
      const lookup = specialtySponsorship(data, sp, profile.visa);
      track = rate
        ? {
            specialty: sp.id,
            rate,
            programs: (data.bySpecialty.get(sp.id) ?? []).length,
            eligible: (data.bySpecialty.get(sp.id) ?? [])
              .map((program) => ({ program, sponsorship: lookup(program) }))
              .filter((e) => e.sponsorship.excluded === null),
          }
        : null;
      byKey.set(key, track);
    }
    if (track) out.push(track);
  }
  return out;
}
const trackCache = new WeakMap<ProgramData["bySpecialty"], Map<string, SupplementalTrack | null>>();

/**
 * Fees of the supplemental list: split evenly over the PGY-1 tracks, each priced as its own
 * specialty by its own service (`schedules`: one per track, application-fees.ts).
 */
export function supplementalCostEstimate(schedules: readonly FeeSchedule[], count: number): number {
  if (count === 0 || schedules.length === 0) return 0;
  const per = Math.ceil(count / schedules.length);
  return roundCents(schedules.reduce((sum, s) => sum + specialtyFee(s, per), 0));
}

export interface SupplementalSizing {
  /** Programs the target needs at the published rates, visa aside (all of the tracks' when out of reach). */
  wanted: number;
  /** Programs it needs at the eligible programs' average chance of sponsoring the visa; null when out of reach. */
  wantedWithVisa: number | null;
  /** Programs the list gets. */
  programs: number;
  binding: "target" | "budget" | "catalog";
}

/**
 * How many PGY-1 programs to list: enough for the target chance at the published rates; under a
 * budget that cannot buy that many besides the advanced list, the count at which a typical
 * applicant of the type has the best joint chance (splitSupplementalBudget). Like the advanced
 * list's length, the size is a typical applicant's — base odds, no signals, visa aside — so it
 * moves with neither the applicant's strength nor the visa: the programs' chance of sponsoring the
 * visa lowers the PGY-1 chance the list gives (and P(match)), and the summary says how many more
 * programs the target would take with it.
 */
export function sizeSupplemental(
  rb: Rulebook,
  data: ProgramData,
  specialty: Specialty,
  typical: readonly Scored[],
  tracks: readonly SupplementalTrack[],
  c: {
    budget: number | null;
    firstFee: number;
    mainShare: number;
    /** The advanced specialty's fee schedule (its own service). */
    schedule: FeeSchedule;
    supplementalFeeFor: (n: number) => number;
    applicantType: ApplicantType;
  },
): SupplementalSizing {
  if (tracks.length === 0) return { wanted: 0, wantedWithVisa: null, programs: 0, binding: "catalog" };
  const goal = data.model.pgy1.targetChance.value;
  const cumulative = cumulativeChance(
    tracks.map((t) => ({ chance: t.rate.perProgram, available: t.programs })),
  );
  const target = programsForTarget(cumulative, goal);
  const visaCumulative = cumulativeChance(
    tracks.map((t) => ({ chance: averageChance(t), available: t.eligible.length })),
  );
  const withVisa = programsForTarget(visaCumulative, goal);
  const wanted = target.programs;
  let programs = wanted;
  if (c.budget !== null) {
    const curve = curveFor(rb, data.model, specialty.id, c.applicantType);
    const gains = curve
      ? referenceGains(
          typical.map((s) => s.odds.baseLogit),
          typical.length,
          curve,
          kernelOptions(data.model),
        )
      : [];
    const advanced: number[] = [];
    const includes: number[] = [];
    let sum = 0;
    let weight = 0;
    let categorical = 0;
    gains.forEach((g, i) => {
      const s = typical[i] as Scored;
      sum += g;
      advanced.push(sum);
      const w = logistic(s.odds.baseLogit);
      weight += w;
      if (includesPgy1(data, s.program)) categorical += w;
      includes.push(weight > 0 ? categorical / weight : 0);
    });
    const fees = advanced.map((_, i) => specialtyFee(c.schedule, i + 1));
    const advancedWithin = (usd: number) => {
      const room = usd * c.mainShare;
      let lo = 0;
      let hi = fees.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((fees[mid - 1] ?? Number.POSITIVE_INFINITY) <= room) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    programs = splitSupplementalBudget({
      budgetUsd: c.budget,
      wanted,
      supplementalFee: c.supplementalFeeFor,
      firstFee: c.firstFee,
      advancedWithin,
      advanced,
      includes,
      chanceOf: (n) => cumulative[n] ?? 0,
    });
  }
  const binding = programs < wanted ? "budget" : target.reached ? "target" : "catalog";
  return {
    wanted,
    wantedWithVisa: withVisa.reached ? withVisa.programs : null,
    programs,
    binding,
  };
}

/** The share of a typical applicant's expected interviews on these programs held by programs that include the PGY-1 year. */
export function categoricalShareOf(data: ProgramData, chosen: readonly Scored[]): number {
  return categoricalShare(
    chosen.map((s) => ({
      weight: logistic(s.odds.baseLogit),
      includesPgy1: includesPgy1(data, s.program),
    })),
  );
}

/** NRMP's names of the applicant groups its PGY-1 table reports. */
const GROUP: Record<ApplicantType, string> = {
  "us-md": "U.S. MD seniors",
  do: "U.S. DO seniors",
  "us-img": "U.S.-citizen IMGs",
  "non-us-img": "non-U.S.-citizen IMGs",
};

export function pgy1Summary(
  model: ProgramModel,
  specialty: Specialty,
  type: ApplicantType,
  x: {
    advancedOnly: MatchEstimate | null;
    joint: MatchEstimate | null;
    chance: number;
    categoricalShare: number;
    programs: number;
    sizing: SupplementalSizing;
    tracks: readonly SupplementalTrack[];
    need: VisaNeed;
  },
): Pgy1Summary {
  const m = model.pgy1;
  const target = m.targetChance.value;
  const rates = x.tracks.map((t) => t.rate);
  const rateText = rates
    .map((r) => `${r.specialty.replaceAll("-", " ")} ${r.matched} of ${r.applicants}`)
    .join(", ");
  const sizeText =
    x.sizing.binding === "target"
      ? `${x.sizing.wanted} programs reach the ${percentText(target)} target at these rates.`
      : x.sizing.binding === "budget"
        ? `Reaching the ${percentText(target)} target takes about ${x.sizing.wanted} at these rates; the budget buys ${x.programs}, the count at which the two lists together give a typical applicant of the type the best joint chance.`
        : `The ${percentText(target)} target is out of reach at these rates: every PGY-1 program (${x.programs}) is listed.`;
  const visaText =
    x.need === "none-needed"
      ? []
      : [
          x.sizing.wantedWithVisa === null
            ? `With the ${visaNeedText(x.need)}, the programs' chance of sponsoring it puts the target out of reach of every eligible PGY-1 program.`
            : `With the ${visaNeedText(x.need)}, the programs' chance of sponsoring it means about ${x.sizing.wantedWithVisa} programs would reach the target; the list keeps the size a typical applicant needs, and its lower chance is in P(match).`,
        ];
  const text = [
    `${specialty.name} positions mostly start at PGY-2, so P(match) is the chance of the advanced position and a PGY-1 year together: ${pct(x.joint?.estimate)} (the advanced position alone: ${pct(x.advancedOnly?.estimate)}).`,
    `On a list this long, ${pct(x.categoricalShare)} of a typical applicant's expected interviews are at programs whose positions include the PGY-1 year.`,
    `The supplemental list's ${x.programs} PGY-1 programs give a ${pct(x.chance)} chance of a PGY-1 position at the published rates for ${GROUP[type]} (${rateText} matched among those who ranked the track, NRMP 2025), each read as a list of ${m.referenceApplications.value} programs and multiplied by each program's chance of sponsoring the visa needed.`,
    sizeText,
    ...visaText,
  ].join(" ");
  return {
    advancedOnly: x.advancedOnly,
    chance: x.chance,
    categoricalShare: x.categoricalShare,
    target,
    wanted: x.sizing.wanted,
    programs: x.programs,
    binding: x.sizing.binding,
    rates,
    text,
    sources: [...m.matchRate.sources, "matchplan-assumptions"],
  };
}
