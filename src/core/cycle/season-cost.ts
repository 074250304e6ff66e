import { formatAmount } from "../math/format-amount.ts";
import { roundCents } from "../math/round.ts";
import { type ApplicationBill, transcriptFeeFor } from "../programs/application-fees.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { statusMark } from "./resolve-fact.ts";
import type { FactStatus } from "./schemas.ts";

/**
 * The all-in cost of a season: the application fees of every list (main, parallel, PGY-1,
 * backup), each service's transcript fee (for one transcript, USMLE or COMLEX: each transcript sent
 * is charged once per season), and NRMP's fees where a cycle states
 * them — else "unknown", naming the last schedule on record. With a currency and rate the user
 * gave (no dated rate table with a source is held, so only the user's own rate is used), every
 * amount is shown in both currencies.
 * Not modelled: interview travel, visa filing fees, and programs' own fees.
 */
export interface UserCurrency {
  /** ISO 4217 code, e.g. INR. */
  code: string;
  /** Units of the currency per US dollar. */
  perUsd: number;
}

export interface CostLine {
  kind: "application" | "transcript" | "nrmp";
  item: string;
  usd: number | null;
  /** The amount in the user's currency, or null (no currency given, or the amount is unknown). */
  local: number | null;
  confidence: FactStatus;
  /** The line in words with both currencies and its mark. */
  text: string;
  sources: string[];
  verified: string | null;
}

export interface SeasonCost {
  matchYear: number;
  lines: CostLine[];
  /** The sum of the known amounts. */
  totalUsd: number;
  totalLocal: number | null;
  /** Items whose amount is unknown (left out of the total). */
  unknown: string[];
  currency: (UserCurrency & { rateFrom: "user" }) | null;
  text: string;
}

export const money = (usd: number): string => `US$${formatAmount(usd)}`;
const localMoney = (c: UserCurrency, x: number) => `${c.code} ${formatAmount(x)}`;

export function seasonCost(
  rb: Rulebook,
  matchYear: number,
  bills: readonly ApplicationBill[],
  currency: UserCurrency | null | undefined,
): SeasonCost {
  const cur = currency ?? null;
  const both = (usd: number) =>
    cur ? `${money(usd)} (${localMoney(cur, roundCents(usd * cur.perUsd))})` : money(usd);
  const lines: CostLine[] = [];
  const add = (
    kind: CostLine["kind"],
    item: string,
    usd: number | null,
    confidence: FactStatus,
    detail: string,
    sources: string[],
    verified: string | null,
  ) =>
    lines.push({
      kind,
      item,
      usd,
      local: usd === null || !cur ? null : roundCents(usd * cur.perUsd),
      confidence,
      text: `${item}: ${usd === null ? "unknown" : both(usd)} — ${detail}`,
      sources,
      verified,
    });

  for (const b of bills)
    add(
      "application",
      `${b.serviceName} fees, ${rb.specialties.get(b.specialty)?.name ?? b.specialty} (${b.list} list)`,
      b.usd,
      b.confidence,
      b.working,
      b.sources,
      b.verified,
    );

  const services = [...new Map(bills.map((b) => [b.service, b.serviceName])).entries()];
  for (const [id, name] of services) {
    const t = transcriptFeeFor(rb, id, matchYear);
    add(
      "transcript",
      `USMLE/COMLEX transcript via ${name}`,
      t.known ? t.value : null,
      t.confidence,
      t.known ? `for each transcript sent (USMLE or COMLEX), once per season${statusMark(t)}` : t.basis,
      t.sources,
      t.verified,
    );
  }

  const nrmp = rb.cycles.nrmpFeeSchedule;
  add(
    "nrmp",
    "NRMP registration",
    null,
    "unknown",
    `no fee for the ${matchYear} Match was found; NRMP's newest schedule on record (${nrmp.schedule}) charged ${money(nrmp.value.registration)}, plus ${money(nrmp.value.perExtraProgramRanked)} for each program ranked beyond ${nrmp.value.programsIncluded} and ${money(nrmp.value.lateRegistration)} for late registration (${nrmp.note})`,
    nrmp.sources,
    nrmp.verified,
  );

  const known = lines.filter((l) => l.usd !== null);
  const totalUsd = roundCents(known.reduce((s, l) => s + (l.usd ?? 0), 0));
  const totalLocal = cur ? roundCents(totalUsd * cur.perUsd) : null;
  const unknown = lines.filter((l) => l.usd === null).map((l) => l.item);
  const rate = cur ? ` At your rate of ${cur.perUsd} ${cur.code} per US dollar.` : "";
  return {
    matchYear,
    lines,
    totalUsd,
    totalLocal,
    unknown,
    currency: cur ? { ...cur, rateFrom: "user" } : null,
    text: `Season cost for the ${matchYear} Match: ${both(totalUsd)}${unknown.length > 0 ? `, plus ${unknown.join(" and ")} (unknown)` : ""}.${rate}`,
  };
}
