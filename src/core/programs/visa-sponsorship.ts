import { z } from "zod";
import type { Program } from "../catalog/program.ts";
import { logistic, logit } from "../math/normal.ts";
import { PERCENT, pct } from "../math/percent.ts";
import { type Specialty, sourceRef } from "../rulebook/schemas.ts";
import type { VisaNeed } from "../vocabulary.ts";
import type { ProgramData } from "./program-data.ts";

/**
 * P(the program sponsors the visa the applicant needs), per program.
 *
 * Spec. Unknown sponsorship is not sponsorship. For each program, in order:
 * (1) its own answer (FREIDA, Residency Explorer): a visa it lists gives 1; when it answered and
 *     lists none of the visas the applicant could use, it is excluded;
 * (2) else an inference, labelled as one, from the answers of the same sponsoring institution's
 *     programs in other specialties (same NRMP institution, or same ACGME program name and state):
 *     (a) from the program's own department (a sister in the specialty whose signals it takes,
 *         `signalsThrough`: a preliminary medicine year is run by the internal medicine
 *         department), the concordance measured on the catalog is the chance: P(yes | the sisters'
 *         answer), by Laplace's rule on its tally;
 *     (b) from another department, where a share is held for the specialty (`specialtyShare`:
 *         published, or borrowed by a stated assumption), that share is the prior and the
 *         sisters' answer moves its odds by the likelihood ratio the catalog measures for it:
 *         odds P(yes | the sisters' answer) ÷ odds P(yes | either answer). An IM department that
 *         takes the J-1 says the institution can; whether the radiology department does is what
 *         its own specialty's share says, moved only as far as the catalog shows sisters' answers
 *         to carry. Where either tally holds fewer than `minTally` programs, the ratio cannot be
 *         measured and the share stands (the program counts as unknown, and its row says why the
 *         sisters were not used);
 *     (c) from another department, where no share is held for the specialty: as (a). The default
 *         share is a floor taken from other specialties, not evidence about this one, so the
 *         concordance measured on the catalog is the better estimate;
 * (3) else the specialty's published share of programs that sponsor the visa, else a stated
 *     default share.
 * For "J-1 or H-1B" each visa is resolved this way and the better chance is kept: nearly every
 * program that sponsors the H-1B also takes the J-1 (40 of 40 in Residency Explorer's neurology
 * pages), so the two are far from independent and their maximum is the cautious union.
 * The probability multiplies the program's interview odds (interview-odds.ts): a program that does
 * not sponsor the visa interviews nobody who needs it. Other factors (a cycle's H-1B rules) may
 * multiply it further. Not modelled: answers that change between cycles, and sponsorship that
 * depends on the applicant (Step 3 for the H-1B, the visa's own eligibility rules).
 * O(1) per program after an index of the catalog's answers, built once per catalog.
 */

const VISA_KINDS = ["j1", "h1b"] as const;
type VisaKind = (typeof VISA_KINDS)[number];

const share = z.number().min(0).max(1);
const tally = z
  .strictObject({ yes: z.number().int().nonnegative(), of: z.number().int().nonnegative() })
  .refine((t) => t.yes <= t.of, { message: "yes exceeds of" });
const concordance = z.strictObject({ sisterYes: tally, sisterNo: tally });

/** Schema of the `visa` section of data/model/program-model.yaml. */
export const visaModelSchema = z.strictObject({
  method: z.string(),
  inferred: z.strictObject({
    method: z.string(),
    sources: z.array(sourceRef).min(1),
    minTally: z.strictObject({ value: z.number().int().positive(), assumption: z.string() }),
    j1: concordance,
    h1b: concordance,
  }),
  specialtyShare: z.record(
    z.string(),
    z.strictObject({
      j1: share,
      h1b: share,
      /**
       * The counts a share was read from, where the source gives them: its uncertainty.
       * `programsOf` names the specialty whose programs were counted when the share is borrowed.
       */
      surveyed: z.strictObject({ programsOf: z.string().optional(), j1: tally, h1b: tally }).optional(),
      sources: z.array(sourceRef).min(1),
      note: z.string().optional(),
      assumption: z.string().optional(),
    }),
  ),
  defaultShare: z.strictObject({
    value: z.strictObject({ j1: share, h1b: share }),
    sources: z.array(sourceRef).min(1),
    assumption: z.string(),
  }),
  unknownDominates: z.strictObject({ value: share, assumption: z.string() }),
});
export type VisaModel = z.infer<typeof visaModelSchema>;

/** Where a program's chance of sponsoring comes from; "own" is known, "*-share" is unknown. */
export const SPONSORSHIP_BASES = [
  "not-needed",
  "own",
  "inferred",
  "specialty-share",
  "default-share",
] as const;
export type SponsorshipBasis = (typeof SPONSORSHIP_BASES)[number];

export interface Sponsorship {
  /** P(sponsors a visa the applicant can use), 0–1; 0 with `excluded` set. */
  p: number;
  basis: SponsorshipBasis;
  /** Why the program is left out (it says it sponsors none of the visas needed), else null. */
  excluded: string | null;
  /** One line for the program's row: what the chance rests on. */
  text: string;
  sources: string[];
}

/** What a list row shows of a program's sponsorship: the chance, what it rests on, and its line. */
export type ShownSponsorship = Readonly<Pick<Sponsorship, "p" | "basis" | "text">>;

/**
 * A row's sponsorship, one frozen object per `Sponsorship`. Those are kept per catalog, specialty
 * and visa need (`sponsorshipLookup`), so every list that shows a program shows the same object,
 * which nothing downstream can change.
 */
export function shownSponsorship(s: Sponsorship): ShownSponsorship {
  let shown = shownOf.get(s);
  if (!shown) {
    shown = Object.freeze({ p: s.p, basis: s.basis, text: s.text });
    shownOf.set(s, shown);
  }
  return shown;
}
const shownOf = new WeakMap<Sponsorship, ShownSponsorship>();

/** How a list's programs stand on sponsorship, for every surface that shows the list. */
export interface SponsorshipCounts {
  known: number;
  inferred: number;
  unknown: number;
  excluded: number;
}

const LABEL: Record<VisaKind, string> = { j1: "J-1", h1b: "H-1B" };
const NOT_NEEDED: Sponsorship = {
  p: 1,
  basis: "not-needed",
  excluded: null,
  text: "no visa needed",
  sources: [],
};

function kindsFor(need: VisaNeed): VisaKind[] {
  if (need === "none-needed") return [];
  return need === "j1-or-h1b" ? [...VISA_KINDS] : [need];
}

/** The visa the applicant needs, in words ("J-1", "J-1 or H-1B"). */
export function visaNeedText(need: VisaNeed): string {
  return kindsFor(need)
    .map((k) => LABEL[k])
    .join(" or ");
}

/** What the sponsor index keeps of a program with a visa answer: whose answer it is, and the answer. */
export type SponsorAnswer = Pick<Program, "id" | "specialty" | "visa">;

/**
 * The programs with their own visa answer, by sponsor: the NRMP institution and the ACGME program
 * name + state (Residency Explorer and FREIDA name programs by sponsor, so a sponsor's departments
 * share it). Each key's answers are in the order of `bySpecialty` (specialty, then id). Built
 * once per catalog, or given with a part of it (`ProgramData.sponsors`).
 */
export type SponsorAnswers = ReadonlyMap<string, readonly SponsorAnswer[]>;
const indexCache = new WeakMap<ProgramData["bySpecialty"], SponsorAnswers>();

/** The keys a program is found by in the sponsor index. */
export function sponsorKeys(p: Pick<Program, "name" | "state" | "institution">): string[] {
  const keys = [`name:${p.name.toLowerCase()}|${p.state ?? ""}`];
  if (p.institution) keys.push(`institution:${p.institution}`);
  return keys;
}

function sponsorIndex(data: ProgramData): SponsorAnswers {
  if (data.sponsors) return data.sponsors;
  let idx = indexCache.get(data.bySpecialty);
  if (!idx) {
    const byKey = new Map<string, SponsorAnswer[]>();
    for (const programs of data.bySpecialty.values())
      for (const p of programs) {
        if (!p.visa || (p.visa.j1 === null && p.visa.h1b === null)) continue;
        for (const key of sponsorKeys(p)) {
          const list = byKey.get(key);
          if (list) list.push(p);
          else byKey.set(key, [p]);
        }
      }
    idx = byKey;
    indexCache.set(data.bySpecialty, idx);
  }
  return idx;
}

/**
 * The sponsor index's entries under the keys of `programs`: all that `sisterAnswers` reads for
 * them (for the whole catalog's programs, the whole index). Given as `ProgramData.sponsors` with a
 * part of the catalog (the web page loads the specialties a plan needs), sponsorship is inferred
 * exactly as with the whole catalog.
 */
export function sponsorAnswersFor(
  data: ProgramData,
  programs: readonly Program[],
): Map<string, SponsorAnswer[]> {
  const idx = sponsorIndex(data);
  const out = new Map<string, SponsorAnswer[]>();
  for (const p of programs)
    for (const key of sponsorKeys(p)) {
      const answers = idx.get(key);
      if (answers && !out.has(key))
        out.set(
          key,
          answers.map((a) => ({ id: a.id, specialty: a.specialty, visa: a.visa })),
        );
    }
  return out;
}

/** The same sponsor's programs in other specialties that answered for `kind`, each once. */
export function sisterAnswers(data: ProgramData, program: Program, kind: VisaKind): SponsorAnswer[] {
  const idx = sponsorIndex(data);
  const out = new Map<string, SponsorAnswer>();
  for (const key of sponsorKeys(program))
    for (const q of idx.get(key) ?? [])
      if (q.specialty !== program.specialty && q.visa?.[kind] != null) out.set(q.id, q);
  return [...out.values()];
}

/** Laplace's rule of succession: a count of a few never gives certainty. */
const succession = (t: { yes: number; of: number }) => (t.yes + 1) / (t.of + 2);

/** A tally in words: "65 of 87". */
const tallyText = (t: { yes: number; of: number }) => `${t.yes} of ${t.of}`;

/**
 * The measured concordance an inference from the program's own department rests on, in words: the
 * tally for programs whose sponsor's other programs all say yes, all say no, or both, weighted by
 * the sponsor's own answers.
 */
function concordanceText(c: VisaModel["inferred"]["j1"], yes: number, of: number): string {
  if (yes === of) return `, and ${tallyText(c.sisterYes)} programs with such a sponsor sponsor it too`;
  if (yes === 0) return `, and ${tallyText(c.sisterNo)} programs with such a sponsor sponsor it anyway`;
  return `; programs whose sponsor's others all do sponsor it in ${tallyText(c.sisterYes)} cases, those whose sponsor's others all do not in ${tallyText(c.sisterNo)} cases, weighted ${yes} to ${of - yes}`;
}

/** Both of a concordance's tallies together: every program whose sponsor's others answered alike. */
const pooled = (c: VisaModel["inferred"]["j1"]) => ({
  yes: c.sisterYes.yes + c.sisterNo.yes,
  of: c.sisterYes.of + c.sisterNo.of,
});

/**
 * How far a sponsor's answer moves the odds that its program in another department sponsors too:
 * odds P(yes | the answer) ÷ odds P(yes | either answer), for the sisters all saying yes and all
 * saying no; null where a tally is under `minTally`, too few to measure it. Each tally's odds are
 * Laplace's rule, (yes + 1) ÷ (no + 1); the pooled odds keep both tallies' added counts, (yes + 2)
 * ÷ (no + 2), so the pooled rate lies between the two and tallies at one rate give ratios of 1.
 */
export function sisterLikelihoodRatios(
  c: VisaModel["inferred"]["j1"],
  minTally: number,
): { yes: number; no: number } | null {
  if (c.sisterYes.of < minTally || c.sisterNo.of < minTally) return null;
  const odds = (t: { yes: number; of: number }, added: number) => (t.yes + added) / (t.of - t.yes + added);
  const all = odds(pooled(c), 2);
  return { yes: odds(c.sisterYes, 1) / all, no: odds(c.sisterNo, 1) / all };
}

/** A prior share moved by a likelihood ratio. */
const moved = (prior: number, ratio: number) => logistic(logit(prior) + Math.log(ratio));

interface KindChance {
  p: number;
  basis: SponsorshipBasis;
  text: string;
  sources: string[];
}

/**
 * The chance lookup for one specialty and visa need: call it per program. The specialty share (or
 * the default) is read once.
 */
export function sponsorshipLookup(
  data: ProgramData,
  model: VisaModel,
  specialtyId: string,
  need: VisaNeed,
  specialtyName: string = specialtyId,
  department: string | null = null,
): (program: Program) => Sponsorship {
  const kinds = kindsFor(need);
  if (kinds.length === 0) return () => NOT_NEEDED;
  return kept(
    lookupCache,
    data,
    `${specialtyId}|${need}|${department ?? ""}`,
    resolver(data, model, { specialtyId, specialtyName, department }, need, kinds),
  );
}

/** Sponsorships by catalog, then by a key naming how they were resolved, then by program id. */
type SponsorshipCache = WeakMap<ProgramData["bySpecialty"], Map<string, Map<string, Sponsorship>>>;

/** `resolve`, each program's answer kept in `cache` under the catalog and `key`: computed once per catalog. */
function kept(
  cache: SponsorshipCache,
  data: ProgramData,
  key: string,
  resolve: (program: Program) => Sponsorship,
): (program: Program) => Sponsorship {
  let memo = cache.get(data.bySpecialty);
  if (!memo) {
    memo = new Map();
    cache.set(data.bySpecialty, memo);
  }
  let byProgram = memo.get(key);
  if (!byProgram) {
    byProgram = new Map();
    memo.set(key, byProgram);
  }
  const known = byProgram;
  return (program) => {
    const hit = known.get(program.id);
    if (hit) return hit;
    const s = resolve(program);
    known.set(program.id, s);
    return s;
  };
}

/**
 * The chance lookup for a registered specialty: its id and name, and the department its programs
 * belong to (the specialty whose signals it takes, `signalsThrough`), whose answers are its own.
 */
export function specialtySponsorship(
  data: ProgramData,
  sp: Pick<Specialty, "id" | "name" | "signalsThrough">,
  need: VisaNeed,
): (program: Program) => Sponsorship {
  return sponsorshipLookup(data, data.model.visa, sp.id, need, sp.name, sp.signalsThrough?.value ?? null);
}

/** Sponsorship per program, kept per catalog and (specialty, visa need, department read as its own): it depends on nothing else. */
const lookupCache: SponsorshipCache = new WeakMap();

function resolver(
  data: ProgramData,
  model: VisaModel,
  specialty: { specialtyId: string; specialtyName: string; department: string | null },
  need: VisaNeed,
  kinds: VisaKind[],
): (program: Program) => Sponsorship {
  const { specialtyId, specialtyName, department } = specialty;
  const own = model.specialtyShare[specialtyId];
  const fallback = (kind: VisaKind): KindChance =>
    own
      ? {
          p: own[kind],
          basis: "specialty-share",
          text: `no answer from the program: ${fmt(own[kind])} of ${specialtyName} programs sponsor the ${LABEL[kind]}`,
          sources: own.sources,
        }
      : {
          p: model.defaultShare.value[kind],
          basis: "default-share",
          text: `no answer from the program and no published share for ${specialtyName}: ${fmt(model.defaultShare.value[kind])} assumed to sponsor the ${LABEL[kind]}`,
          sources: model.defaultShare.sources,
        };
  const inferred = (program: Program, kind: VisaKind): KindChance | null => {
    const all = sisterAnswers(data, program, kind);
    if (all.length === 0) return null;
    const ownDepartment = all.filter((q) => q.specialty === department);
    const sisters = ownDepartment.length > 0 ? ownDepartment : all;
    const yes = sisters.filter((q) => q.visa?.[kind] === true).length;
    const a = yes / sisters.length;
    const c = model.inferred[kind];
    const where = [...new Set(sisters.map((q) => q.specialty))].sort().join(", ");
    const answers = `${yes} of ${sisters.length} program(s) of the same sponsor (${where}) sponsor the ${LABEL[kind]}`;
    // The program's own department answered, or nothing is published for its specialty to start
    // from: the concordance measured on the catalog is the estimate.
    if (ownDepartment.length > 0 || !own) {
      const p = a * succession(c.sisterYes) + (1 - a) * succession(c.sisterNo);
      const from =
        ownDepartment.length > 0
          ? "from the program's own department, not its answer"
          : "not the program's answer";
      return {
        p,
        basis: "inferred",
        text: `inferred ${from}: ${answers}${concordanceText(c, yes, sisters.length)}: ${fmt(p)} by Laplace's rule`,
        sources: model.inferred.sources,
      };
    }
    const share = fallback(kind);
    const ratio = sisterLikelihoodRatios(c, model.inferred.minTally.value);
    if (ratio === null)
      return {
        ...share,
        text: `${share.text}; ${answers}, which the catalog cannot weigh: ${tallyText(c.sisterYes)} programs whose sponsor's others sponsor it do too, and ${tallyText(c.sisterNo)} whose sponsor's others do not, too few of one kind (under ${model.inferred.minTally.value}) to tell the two apart`,
      };
    const p = a * moved(share.p, ratio.yes) + (1 - a) * moved(share.p, ratio.no);
    const weighed =
      yes === sisters.length
        ? `programs whose sponsor's others all sponsor it do so in ${tallyText(c.sisterYes)} cases`
        : yes === 0
          ? `programs whose sponsor's others all do not sponsor it do so in ${tallyText(c.sisterNo)} cases`
          : `programs whose sponsor's others all sponsor it do so in ${tallyText(c.sisterYes)} cases, those whose sponsor's others all do not in ${tallyText(c.sisterNo)} cases, weighted ${yes} to ${sisters.length - yes}`;
    return {
      p,
      basis: "inferred",
      text: `inferred, not the program's answer: ${answers}; ${weighed}, against ${tallyText(pooled(c))} of both kinds, which moves the ${fmt(share.p)} of ${specialtyName} programs that sponsor it to ${fmt(p)}`,
      sources: [...new Set([...model.inferred.sources, ...share.sources])],
    };
  };

  return (program) => {
    const v = program.visa;
    const answered = kinds.filter((k) => v?.[k] != null);
    const sourcesOwn = [
      ...new Set(program.provenance.filter((e) => e.fields.includes("visa")).map((e) => e.source)),
    ];
    const yes = kinds.find((k) => v?.[k] === true);
    if (yes)
      return {
        p: 1,
        basis: "own",
        excluded: null,
        text: `the program lists the ${LABEL[yes]}`,
        sources: sourcesOwn,
      };
    if (answered.length === kinds.length)
      return {
        p: 0,
        basis: "own",
        excluded: `does not sponsor the ${visaNeedText(need)} visa needed`,
        text: `the program lists no ${visaNeedText(need)}`,
        sources: sourcesOwn,
      };
    let best: KindChance | null = null;
    for (const kind of kinds) {
      if (v?.[kind] === false) continue;
      const c = inferred(program, kind) ?? fallback(kind);
      if (best === null || c.p > best.p) best = c;
    }
    const b = best as KindChance;
    return { p: b.p, basis: b.basis, excluded: null, text: b.text, sources: b.sources };
  };
}

/** The visa whose share stands for a need: the J-1 wherever it is one of the visas the applicant can use. */
export function shareKind(need: VisaNeed): VisaKind | null {
  return kindsFor(need)[0] ?? null;
}

/** z of a two-sided 95% interval. */
const Z95 = 1.959964;

/**
 * The 95% interval of a share read from a survey's counts (Wilson's score interval: it stays
 * inside 0–1 and does not collapse at 0 or all).
 */
export function shareInterval(t: { yes: number; of: number }): { low: number; high: number } {
  if (t.of === 0) return { low: 0, high: 1 };
  const p = t.yes / t.of;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / t.of;
  const centre = (p + z2 / (2 * t.of)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / t.of + z2 / (4 * t.of * t.of))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Sponsorship per program as if the specialty's share of the visa `kind` were `value`: every
 * program that counts at the share, or whose inference starts from it, moves with it; own answers,
 * own-department inferences and the other visa do not. Not kept: "What moves your number" calls it
 * once for each end of the share's interval.
 */
export function sponsorshipAtShare(
  data: ProgramData,
  model: VisaModel,
  specialty: { id: string; name: string; department: string | null },
  need: VisaNeed,
  kind: VisaKind,
  value: number,
): ((program: Program) => Sponsorship) | null {
  const own = model.specialtyShare[specialty.id];
  if (!own) return null;
  const varied: VisaModel = {
    ...model,
    specialtyShare: { ...model.specialtyShare, [specialty.id]: { ...own, [kind]: value } },
  };
  // The values tried are the ends of a survey's interval, the same for every plan: keep them.
  return kept(
    atShareCache,
    data,
    `${specialty.id}|${need}|${specialty.department ?? ""}|${kind}|${value}`,
    resolver(
      data,
      varied,
      { specialtyId: specialty.id, specialtyName: specialty.name, department: specialty.department },
      need,
      kindsFor(need),
    ),
  );
}
/** Sponsorship at a tried share, kept per catalog and (specialty, visa need, department, visa, share). */
const atShareCache: SponsorshipCache = new WeakMap();

/** Known / inferred / unknown / excluded, counted over programs' sponsorship. */
/** A supplemental program carries no `excluded`: known non-sponsors never reach that list. */
export function countSponsorship(
  list: Iterable<Pick<Sponsorship, "basis"> & Partial<Pick<Sponsorship, "excluded">>>,
): SponsorshipCounts {
  const c: SponsorshipCounts = { known: 0, inferred: 0, unknown: 0, excluded: 0 };
  for (const s of list) {
    if (s.excluded) c.excluded++;
    else if (s.basis === "own") c.known++;
    else if (s.basis === "inferred") c.inferred++;
    else if (s.basis === "specialty-share" || s.basis === "default-share") c.unknown++;
  }
  return c;
}

const fmt = (p: number) => `${(p * PERCENT).toFixed(1).replace(/\.0$/, "")}%`;

/** Sponsorship of the visa needed over a plan's programs, for every surface that shows the plan. */
export interface VisaSummary {
  need: VisaNeed;
  /** Over every program of the specialty the planner considered. */
  candidates: SponsorshipCounts;
  /** Over the programs on the list (none excluded there). */
  listed: SponsorshipCounts;
  /** Over the supplemental PGY-1 list, for an advanced specialty. */
  supplemental: SponsorshipCounts | null;
  /** More than the model's share of the listed programs have no answer to go on. */
  unknownDominates: boolean;
  /**
   * P(match) of the same list if every program on it sponsors the visa needed (each confirmed
   * before applying): null where no visa is needed, no P(match) is given, or every listed program
   * already says it sponsors the visa.
   */
  ifAllSponsor: number | null;
  note: string;
  sources: string[];
}

/**
 * What confirming every listed program's sponsorship is worth, and whether a list of this length
 * can be all sponsors: the specialty's programs expected to sponsor the visa (the sum of their
 * chances) against the list's length.
 */
function confirmedText(
  visa: string,
  ifAllSponsor: number,
  shown: number | undefined,
  expected: number,
  programs: number,
  onList: number,
): string {
  const about = Math.round(expected);
  const head = `If every program on the list were confirmed to sponsor the ${visa}, P(match) would be ${pct(ifAllSponsor)} rather than ${pct(shown)}.`;
  return about >= onList
    ? `${head} About ${about} of the ${programs} programs are expected to sponsor it, more than the list's ${onList}: confirm each program's policy on its own pages before paying, and put one that sponsors it in place of one that does not.`
    : `${head} Only about ${about} of the ${programs} programs are expected to sponsor it, fewer than the list's ${onList}, so no list this long can be all sponsors: confirm each program's policy before paying, and spend the rest of the list where the chance is highest.`;
}

export function summariseSponsorship(
  model: VisaModel,
  x: {
    need: VisaNeed;
    specialtyId: string;
    specialtyName: string;
    candidates: Iterable<Sponsorship>;
    listed: Iterable<Sponsorship>;
    supplemental: Iterable<Pick<Sponsorship, "basis" | "p">> | null;
    /** P(match) of the list with every listed program sponsoring, and P(match) as shown (what-moves.ts `pMatchIfAllSponsor`). */
    pMatch?: { ifAllSponsor: number; shown: number } | null;
  },
): VisaSummary {
  const candidateList = [...x.candidates];
  const candidates = countSponsorship(candidateList);
  const listed = countSponsorship(x.listed);
  const supplemental = x.supplemental ? countSponsorship(x.supplemental) : null;
  if (x.need === "none-needed")
    return {
      need: x.need,
      candidates,
      listed,
      supplemental,
      unknownDominates: false,
      ifAllSponsor: null,
      note: "No visa is needed, so sponsorship does not enter the odds.",
      sources: [],
    };
  const onList = listed.known + listed.inferred + listed.unknown;
  // Only where some listed program's sponsorship is not its own "yes".
  const ifAllSponsor =
    x.pMatch && listed.inferred + listed.unknown > 0 && x.pMatch.ifAllSponsor > x.pMatch.shown
      ? x.pMatch.ifAllSponsor
      : null;
  const base = onList > 0 ? listed : candidates;
  // How many of the specialty's programs are expected to sponsor the visa: the sum of their chances.
  const expected = candidateList.reduce((a, c) => a + (c.excluded ? 0 : c.p), 0);
  const considered = base.known + base.inferred + base.unknown;
  const unknownDominates = considered > 0 && base.unknown / considered > model.unknownDominates.value;
  const visa = visaNeedText(x.need);
  const all = candidates.known + candidates.inferred + candidates.unknown + candidates.excluded;
  const parts = [
    `Needs the ${visa}. Of the ${all} ${x.specialtyName} programs, ${candidates.known} say they sponsor it, ${candidates.inferred} are inferred from the same sponsor's programs in other specialties, ${candidates.unknown} have no answer (counted at the specialty's share of sponsoring programs, or an assumed share where none is published) and ${candidates.excluded} are left out as known non-sponsors.`,
    `On the list of ${onList}: ${listed.known} known, ${listed.inferred} inferred, ${listed.unknown} unknown.`,
    ...(supplemental
      ? [
          `On the PGY-1 list: ${supplemental.known} known, ${supplemental.inferred} inferred, ${supplemental.unknown} unknown.`,
        ]
      : []),
    ...(unknownDominates
      ? [
          `Warning: most of the list has no answer of its own on the ${visa}, so P(match) rests on a specialty-wide share; check each program's visa policy before paying to apply.`,
        ]
      : []),
    ...(ifAllSponsor !== null
      ? [confirmedText(visa, ifAllSponsor, x.pMatch?.shown, expected, all, onList)]
      : []),
  ];
  return {
    need: x.need,
    candidates,
    listed,
    supplemental,
    unknownDominates,
    ifAllSponsor,
    note: parts.join(" "),
    sources: [
      ...new Set([
        ...model.inferred.sources,
        ...(model.specialtyShare[x.specialtyId]?.sources ?? model.defaultShare.sources),
      ]),
    ],
  };
}
