import { type ApplicationService, serviceFor } from "../cycle/application-service.ts";
import { type KnownFact, type ResolvedFact, resolveFact, statusMark } from "../cycle/resolve-fact.ts";
import type { FactStatus, FeeScheduleValue, FeeTier } from "../cycle/schemas.ts";
import { formatAmount } from "../math/format-amount.ts";
import { roundCents } from "../math/round.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";

/**
 * Application fees by service (ERAS, ResidencyCAS) and Match year, from the cycle packs.
 *
 * A schedule is a list of tiers over the programs of one list, in order: `usdEach` charges each
 * program in the tier, `flatUsd` charges once for any program in it (ResidencyCAS: $99 covers
 * programs 1–18). ERAS counts again for each specialty (AAMC); ResidencyCAS does not say, so each
 * list is priced on its own either way.
 */
export interface FeeSchedule {
  service: ApplicationService;
  matchYear: number;
  tiers: readonly FeeTier[];
  example: FeeScheduleValue["example"] | undefined;
  fact: KnownFact<FeeScheduleValue>;
}

export function feeScheduleFor(rb: Rulebook, specialtyId: string, matchYear: number): FeeSchedule {
  const service = serviceFor(rb, specialtyId, matchYear);
  const fact = resolveFact<FeeScheduleValue>(rb, matchYear, ["services", service.id, "fees"]);
  if (!fact.known)
    throw new Error(`No ${service.name} fee schedule on record for ${matchYear}: ${fact.basis}`);
  return { service, matchYear, tiers: fact.value.tiers, example: fact.value.example, fact };
}

/** Fee for applying to `n` programs in one list. */
export function specialtyFee(schedule: Pick<FeeSchedule, "tiers">, n: number): number {
  let cost = 0;
  let counted = 0;
  for (const tier of schedule.tiers) {
    if (counted >= n) break;
    const cap = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(n, cap) - counted);
    cost += "flatUsd" in tier ? (inTier > 0 ? tier.flatUsd : 0) : inTier * tier.usdEach;
    counted += inTier;
  }
  return roundCents(cost);
}

/** Largest number of programs in one list whose fee fits `budget`. */
export function maxProgramsWithin(schedule: Pick<FeeSchedule, "tiers">, budget: number): number {
  let n = 0;
  while (specialtyFee(schedule, n + 1) <= budget) n++;
  return n;
}

const money = (x: number) => `$${formatAmount(x)}`;

/** The fee of `n` programs worked out: "$99 for programs 1–18 + 7 × $18 (programs 19–25) = $225". */
export function feeWorking(schedule: Pick<FeeSchedule, "tiers">, n: number): string {
  const parts: string[] = [];
  let counted = 0;
  for (const tier of schedule.tiers) {
    if (counted >= n) break;
    const cap = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(n, cap) - counted);
    if (inTier > 0) {
      const span = `programs ${counted + 1}–${counted + inTier}`;
      parts.push(
        "flatUsd" in tier
          ? `${money(tier.flatUsd)} for ${span}`
          : `${inTier} × ${money(tier.usdEach)} (${span})`,
      );
    }
    counted += inTier;
  }
  return n === 0 ? "no programs, no fee" : `${parts.join(" + ")} = ${money(specialtyFee(schedule, n))}`;
}

/** The lists of a season whose fees are billed. */
export const BILL_LISTS = ["main", "parallel", "pgy1", "backup"] as const;
export type BillList = (typeof BILL_LISTS)[number];

/**
 * One list's application fee, explained: which service bills it, the schedule's working, and how
 * sure the schedule is (official, secondary or estimated, with what it rests on).
 */
export interface ApplicationBill {
  specialty: string;
  programs: number;
  usd: number;
  list: BillList;
  service: string;
  serviceName: string;
  matchYear: number;
  confidence: FactStatus;
  basis: string;
  /** The fee worked out, with the schedule's confidence mark: "$99 for programs 1–18 + … = $225 (estimated — …)". */
  working: string;
  /** The bill in words: "ResidencyCAS fees, Emergency Medicine (25 programs): " and the working. */
  text: string;
  sources: string[];
  verified: string;
}

export function billFor(
  rb: Rulebook,
  matchYear: number,
  list: BillList,
  specialtyId: string,
  programs: number,
  schedule: FeeSchedule = feeScheduleFor(rb, specialtyId, matchYear),
): ApplicationBill {
  const name = rb.specialties.get(specialtyId)?.name ?? specialtyId;
  const f = schedule.fact;
  const working = `${feeWorking(schedule, programs)}${statusMark(f)}`;
  return {
    specialty: specialtyId,
    programs,
    usd: specialtyFee(schedule, programs),
    list,
    service: schedule.service.id,
    serviceName: schedule.service.name,
    matchYear,
    confidence: f.confidence,
    basis: f.basis,
    working,
    text: `${schedule.service.name} fees, ${name} (${programs} program${programs === 1 ? "" : "s"}): ${working}`,
    sources: [...new Set([...schedule.service.sources, ...f.sources])],
    verified: f.verified,
  };
}

/** The once-a-season transcript fee of a service (USMLE or COMLEX), or unknown. */
export function transcriptFeeFor(rb: Rulebook, serviceId: string, matchYear: number): ResolvedFact<number> {
  return resolveFact<number>(rb, matchYear, ["services", serviceId, "transcriptFee"]);
}
