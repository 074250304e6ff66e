import type { Because } from "../assess/types.ts";
import { formatNumber } from "../math/format-amount.ts";
import { PERCENT } from "../math/percent.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { lapsedText } from "./fact-freshness.ts";
import { type ResolvedFact, resolveFact } from "./resolve-fact.ts";
import type { FactStatus, StatedFact, TravelBan, Until } from "./schemas.ts";

/**
 * What the H-1B proclamation and the travel bans mean for one applicant in one Match year.
 *
 * Spec. (1) H-1B: an applicant who needs an H-1B (or may use one) sees the proclamation's cost
 * and status for the Match year (`visa.h1bPaymentInForce` of the pack: in force, not, or
 * unknown), with what to do. When the applicant is outside the US and the payment is in force —
 * or its status is unknown and the data say to apply it then — the odds at programs reachable
 * only through an H-1B are multiplied by 1 − the share of hospitals that paused or limited H-1B
 * recruitment (`h1bFactor`, applied in interview-odds.ts). Inside the US the note says the
 * payment does not apply to an approved change of status; with no location given the note says
 * when it would, and the odds are left alone. (2) Travel: for a listed nationality (the newest
 * proclamation in effect on the as-of date) the restriction, its date, which visas it blocks
 * (J-1 under full and partial restrictions; H-1B only under full), NRMP's waiver rule and what to
 * do. Every note names its sources and the date its facts were last verified.
 * Not modelled: exceptions (dual nationality, a visa issued before the effective date) — the
 * note lists them; the applicant decides whether one applies.
 */
export interface VisaNote {
  kind: "h1b-proclamation" | "travel-ban";
  title: string;
  /** What the rule is and what it means for this applicant, in sentences. */
  points: string[];
  whatToDo: string[];
  /** The weakest confidence among the facts the note rests on. */
  confidence: FactStatus;
  sources: string[];
  /** The oldest last-verified date among those facts. */
  verified: string;
  /** The known ends or scheduled reviews of those facts, from their sources (the freshness warning reads them). */
  until: Until[];
  /** "Source: …; last verified 2026-12-06 (secondary sources — confirm …)", and what the as-of date is past the end or review of. */
  provenance: string;
}

export interface VisaReality {
  notes: VisaNote[];
  /** Multiplies the interview odds at programs this applicant reaches only through an H-1B; 1 = no change. */
  h1bFactor: number;
  because: Because[];
}

const RANK: Record<FactStatus, number> = { official: 0, secondary: 1, estimated: 2, unknown: 3 };
const weakest = (xs: FactStatus[]): FactStatus =>
  xs.reduce<FactStatus>((w, x) => (RANK[x] > RANK[w] ? x : w), "official");
const usd = (x: number) => `US$${formatNumber(x)}`;

function provenance(
  rb: Rulebook,
  sources: string[],
  verified: string,
  confidence: FactStatus,
  lapsed: readonly string[],
): string {
  const names = [...new Set(sources.map((s) => rb.sources[s.split("#")[0] ?? ""]?.publisher ?? s))];
  const mark =
    confidence === "official"
      ? ""
      : confidence === "secondary"
        ? " — secondary sources (law firms, news, universities): confirm with USCIS, the State Department or your program"
        : ` — ${confidence}`;
  const past = lapsed.map((l) => ` But ${l}.`).join("");
  return `Sources: ${names.join("; ")}. Last verified ${verified}${mark}.${past}`;
}

function note(
  rb: Rulebook,
  asOf: string,
  kind: VisaNote["kind"],
  title: string,
  points: string[],
  whatToDo: string[],
  facts: Array<
    Pick<StatedFact<unknown>, "sources" | "verified" | "confidence" | "until"> | ResolvedFact<unknown>
  >,
): VisaNote {
  const sources = [...new Set(facts.flatMap((f) => f.sources))];
  const verified = facts
    .map((f) => f.verified)
    .filter((v): v is string => typeof v === "string")
    .sort()[0] as string;
  const confidence = weakest(facts.map((f) => f.confidence));
  const until = facts.flatMap((f) => ("until" in f && f.until ? [f.until] : []));
  const lapsed = until.flatMap((u) => lapsedText(u, asOf) ?? []);
  return {
    kind,
    title,
    points,
    whatToDo,
    confidence,
    sources: [...new Set([...sources, ...until.flatMap((u) => u.sources)])],
    verified,
    until,
    provenance: provenance(rb, sources, verified, confidence, lapsed),
  };
}

/** The travel-ban proclamation in effect on `asOf` (the newest whose effective date has passed), or null. */
export function travelBanInEffect(rb: Rulebook, asOf: string): TravelBan | null {
  return (
    [...rb.cycles.visa.travelBans]
      .filter((b) => b.effective <= asOf)
      .sort((a, b) => b.effective.localeCompare(a.effective))[0] ?? null
  );
}

type VisaProfile = Pick<Profile, "visa" | "citizenship" | "applyingFrom">;

export function visaReality(
  rb: Rulebook,
  profile: VisaProfile,
  matchYear: number,
  asOf: string,
): VisaReality {
  const notes: VisaNote[] = [];
  const because: Because[] = [];
  let h1bFactor = 1;
  const v = rb.cycles.visa;
  const usesH1b = profile.visa === "h1b" || profile.visa === "j1-or-h1b";

  // ── (1) the H-1B proclamation ──
  if (usesH1b) {
    const p = v.h1bProclamation;
    const inForce = resolveFact<boolean>(rb, matchYear, ["visa", "h1bPaymentInForce"]);
    const unknown = !inForce.known;
    const applies = inForce.known ? inForce.value : v.h1bFromAbroad.whenStatusUnknown.value === "apply";
    const status = unknown
      ? `Its status for the ${matchYear} Match is unknown: ${inForce.basis}`
      : inForce.value
        ? `It is in force for the ${matchYear} Match (${inForce.confidence === "estimated" ? `estimated — ${inForce.basis}` : (inForce.note ?? "stated for this Match")}).`
        : `It does not apply to the ${matchYear} Match.`;
    const term = p.durationMonths.until ? lapsedText(p.durationMonths.until, asOf) : null;
    const points = [
      `${p.name}: a ${usd(p.fee.value)} payment on each new H-1B petition, signed ${p.signed.value}, effective ${p.effective.value}, for ${p.durationMonths.value} months unless extended${term ? ` — as of ${asOf}, ${term}` : ""}. ${status}`,
      `Who pays: ${p.appliesTo.value}`,
      `Not covered: ${p.notTo.value}`,
      `Status: ${p.status.value}`,
    ];
    const outside = profile.applyingFrom === "outside-us";
    const share = v.h1bFromAbroad.pausedShare;
    if (outside && applies && inForce.value !== false) {
      h1bFactor = 1 - share.value;
      points.push(
        `You are applying from outside the US, so a new H-1B petition for you would carry the payment. MatchPlan lowers the interview odds at programs you can reach only through an H-1B to ${Math.round(h1bFactor * PERCENT)}% of what they were: ${share.assumption ?? ""}`,
      );
      because.push({
        ruleId: "visa.h1b-from-abroad",
        value: { matchYear, h1bFactor, pausedShare: share.value, status: unknown ? "unknown" : "in force" },
        sources: [
          ...share.sources,
          ...inForce.sources,
          ...(unknown ? v.h1bFromAbroad.whenStatusUnknown.sources : []),
        ],
        note: share.assumption ?? "",
      });
    } else if (profile.applyingFrom === "inside-us")
      points.push(
        "You are applying from inside the US: a change of status or an extension approved inside the US does not carry the payment, so your H-1B odds are not lowered — but travelling abroad before approval can make it apply.",
      );
    else if (profile.applyingFrom === undefined)
      points.push(
        `If you will be outside the US when a program files for you, the payment applies and programs may not sponsor you; say in your profile whether you apply from inside or outside the US to have the odds reflect it.`,
      );
    if (applies || unknown)
      notes.push(
        note(
          rb,
          asOf,
          "h1b-proclamation",
          `H-1B: the ${usd(p.fee.value)} proclamation`,
          points,
          v.h1bWhatToDo.value,
          [
            p.fee,
            p.effective,
            p.durationMonths,
            p.appliesTo,
            p.notTo,
            p.status,
            ...(inForce.known ? [inForce] : []),
            ...(h1bFactor < 1 ? [share] : []),
            v.h1bWhatToDo,
          ],
        ),
      );
  }

  // ── (2) the travel bans ──
  const code = profile.citizenship;
  const ban = code ? travelBanInEffect(rb, asOf) : null;
  if (code && ban && profile.visa !== "none-needed") {
    const level = ban.full.includes(code) ? "full" : ban.partial.includes(code) ? "partial" : null;
    if (level) {
      const country = rb.countries.get(code) ?? code;
      const blocked = ban.blocks[level];
      const visaWords = blocked.map((b) => (b === "j1" ? "J-1" : "H-1B")).join(" and ");
      const where =
        profile.applyingFrom === "inside-us"
          ? "It applies to nationals outside the US without a valid visa: it matters to you if you leave the US, or your visa expires, before you start."
          : "It applies to nationals outside the US without a valid visa on the effective date; visas issued before then are not revoked.";
      const points = [
        `${country} is under a ${level} entry restriction: ${ban.title}, effective ${ban.effective}. ${where}`,
        `Effect on the J-1: new J visas ${blocked.includes("j1") ? "cannot be issued" : "are not restricted"}, so an ECFMG-sponsored J-1 ${blocked.includes("j1") ? "is blocked unless an exception applies" : "remains possible"}. ${blocked.includes("h1b") ? "H-1B visas are blocked too." : "H-1B visas are not among the restricted categories."} Blocked for you: ${visaWords}.`,
        `NRMP: ${v.nrmpWaiver.value}`,
        ...(ban.note ? [ban.note] : []),
      ];
      notes.push(
        note(rb, asOf, "travel-ban", `Travel restriction: ${country}`, points, v.travelWhatToDo.value, [
          ban,
          v.nrmpWaiver,
          v.travelWhatToDo,
        ]),
      );
      because.push({
        ruleId: "visa.travel-ban",
        value: { proclamation: ban.id, level, blocks: blocked },
        sources: [...ban.sources, ...v.nrmpWaiver.sources],
        note: "shown as a note; the odds are not changed (exceptions and deferrals exist)",
      });
    }
  }
  return { notes, h1bFactor, because };
}
