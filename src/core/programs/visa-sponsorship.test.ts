import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Program } from "../catalog/program.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { VISA_NEEDS, type VisaNeed } from "../vocabulary.ts";
import { evaluateList } from "./evaluate-list.ts";
import { planProgramList } from "./plan-program-list.ts";
import { swingText } from "./uncertainty-text.ts";
import {
  shareInterval,
  sisterAnswers,
  sisterLikelihoodRatios,
  sponsorshipAtShare,
  sponsorshipLookup,
  summariseSponsorship,
} from "./visa-sponsorship.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
);
/** The issue's DR applicant: the matched non-US IMG median (250), with no stated geography. */
const dr250: Profile = {
  ...example,
  step2ck: { score: 250, attempts: 1 },
  research: { ...example.research, items: 8 },
  ties: undefined,
  preferences: undefined,
} as Profile;

const plan = (profile: Profile, specialty: string, budgetUsd: number | null = 2500) => {
  const r = planProgramList(rb, data, { profile, specialty, asOf, budgetUsd });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const withVisa = (profile: Profile, visa: VisaNeed): Profile => ({ ...profile, visa });

describe("visa sponsorship enters P(match)", () => {
  it("the same DR applicant needing no visa, a J-1 or an H-1B gets three different P(match), the H-1B lowest", () => {
    const [none, j1, h1b] = (["none-needed", "j1", "h1b"] as const).map(
      (v) => plan(withVisa(dr250, v), "diagnostic-radiology").pMatch?.estimate ?? Number.NaN,
    );
    expect(new Set([none, j1, h1b]).size).toBe(3);
    expect(none).toBeGreaterThan(j1 as number);
    expect(j1).toBeGreaterThan(h1b as number);
    // About 23% of DR programs offer the H-1B against 73% the J-1: the gap is large, not a rounding.
    expect((j1 as number) - (h1b as number)).toBeGreaterThan(0.2);
  });

  it("every listed program's interview odds carry its chance of sponsoring the visa, and the row says where it comes from", () => {
    const p = plan(withVisa(dr250, "h1b"), "diagnostic-radiology");
    for (const row of p.programs) {
      expect(row.sponsorship.p).toBeGreaterThan(0);
      expect(row.sponsorship.p).toBeLessThanOrEqual(1);
      expect(row.pInterview.estimate).toBeLessThanOrEqual(row.sponsorship.p);
    }
    const inferred = p.programs.find((r) => r.sponsorship.basis === "inferred");
    expect(inferred?.sponsorship.text).toMatch(/^inferred, not the program's answer/);
    const none = plan(withVisa(dr250, "none-needed"), "diagnostic-radiology");
    for (const row of none.programs) expect(row.sponsorship).toMatchObject({ p: 1, basis: "not-needed" });
  });

  it("an inferred chance shows the catalog's tallies it comes from, and they give its percentage", () => {
    const laplace = (yes: number, of: number) => (yes + 1) / (of + 2);
    const odds = (yes: number, of: number, added = 1) => (yes + added) / (of - yes + added);
    const pct = (p: number) => `${(p * 100).toFixed(1).replace(/\.0$/, "")}%`;
    const seen = { department: 0, other: 0 };
    for (const visa of ["j1", "h1b"] as const)
      for (const score of [235, 250, 265]) {
        const p = plan(withVisa({ ...dr250, step2ck: { score, attempts: 1 } }, visa), "diagnostic-radiology");
        for (const row of [...p.programs, ...p.supplementalPgy1]) {
          if (row.sponsorship.basis !== "inferred") continue;
          const text = row.sponsorship.text;
          const own = /: (\d+) of (\d+) program\(s\) of the same sponsor/.exec(text);
          const tallies = [...text.matchAll(/(\d+) of (\d+) (?:programs|cases|of both kinds)/g)].map((m) => [
            Number(m[1]),
            Number(m[2]),
          ]) as [number, number][];
          expect(own, text).not.toBeNull();
          const [yes, of] = [Number(own?.[1]), Number(own?.[2])];
          const mixed = yes > 0 && yes < of;
          const [t1, t2] = tallies as [[number, number], [number, number]];
          if (text.endsWith("by Laplace's rule")) {
            // All yes or all no: one tally; mixed: both, weighted by the sponsor's own answers.
            if (text.startsWith("inferred from the program's own department")) seen.department++;
            expect(tallies.length, text).toBe(mixed ? 2 : 1);
            const expected = mixed
              ? (yes / of) * laplace(...t1) + (1 - yes / of) * laplace(...t2)
              : laplace(...t1);
            expect(row.sponsorship.p).toBeCloseTo(expected, 12);
            expect(text.endsWith(`: ${pct(row.sponsorship.p)} by Laplace's rule`), text).toBe(true);
            continue;
          }
          // Another department, in a specialty with a share of its own: the share, moved by the
          // ratio of the tallies shown.
          seen.other++;
          expect(text, text).toMatch(/^inferred, not the program's answer/);
          expect(data.model.visa.specialtyShare[row.specialty], text).toBeDefined();
          expect(tallies.length, text).toBe(mixed ? 3 : 2);
          const pooled = tallies[tallies.length - 1] as [number, number];
          const share = data.model.visa.specialtyShare[row.specialty]?.[visa] as number;
          const moved = (t: [number, number]) => {
            const o = (share / (1 - share)) * (odds(...t) / odds(...pooled, 2));
            return o / (1 + o);
          };
          const expected = mixed ? (yes / of) * moved(t1) + (1 - yes / of) * moved(t2) : moved(t1);
          expect(row.sponsorship.p).toBeCloseTo(expected, 12);
          expect(text.endsWith(` to ${pct(row.sponsorship.p)}`), text).toBe(true);
          expect(text, text).toContain(`moves the ${pct(share)} `);
        }
      }
    expect(seen.department).toBeGreaterThan(0);
    expect(seen.other).toBeGreaterThan(0);
  });

  it("across departments, the specialty's published share is where an inference starts: DR's programs average near DR's surveyed shares", () => {
    // Acad Radiol 2023: 73.1% of DR programs take the J-1, 23.2% sponsor the H-1B. The IM and
    // neurology programs of the same sponsors take the J-1 in 315 of 319 answers, so reading their
    // answers as DR's put DR at 94% before; no DR program answers for itself.
    const dr = data.bySpecialty.get("diagnostic-radiology") ?? [];
    for (const visa of ["j1", "h1b"] as const) {
      const look = sponsorshipLookup(data, data.model.visa, "diagnostic-radiology", visa);
      const mean = dr.reduce((a, p) => a + look(p).p, 0) / dr.length;
      const share = data.model.visa.specialtyShare["diagnostic-radiology"]?.[visa] as number;
      expect(Math.abs(mean - share), visa).toBeLessThan(0.05);
    }
  });

  it("the J-1 tallies are too small to weigh a sponsor's answer: a DR program counts at DR's share, and its row says why", () => {
    const c = data.model.visa.inferred;
    expect(sisterLikelihoodRatios(c.j1, c.minTally.value)).toBeNull();
    const look = sponsorshipLookup(
      data,
      data.model.visa,
      "diagnostic-radiology",
      "j1",
      "Diagnostic Radiology",
    );
    const withSisters = (data.bySpecialty.get("diagnostic-radiology") ?? []).filter(
      (p) => sisterAnswers(data, p, "j1").length > 0,
    );
    expect(withSisters.length).toBeGreaterThan(100);
    for (const p of withSisters) {
      const s = look(p);
      expect(s).toMatchObject({ p: 0.731, basis: "specialty-share" });
      expect(s.text).toMatch(/which the catalog cannot weigh: 310 of 314 .* and 5 of 5 .* \(under 30\)/);
    }
  });

  it("a likelihood ratio moves a share only as far as the tallies differ, and not at all when they agree", () => {
    const tally = fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }))
      .map(([a, b]) => ({ yes: Math.min(a, b), of: Math.max(a, b) }));
    fc.assert(
      fc.property(tally, tally, fc.integer({ min: 1, max: 60 }), (sisterYes, sisterNo, min) => {
        const r = sisterLikelihoodRatios({ sisterYes, sisterNo }, min);
        if (sisterYes.of < min || sisterNo.of < min) {
          expect(r).toBeNull();
          return;
        }
        const rate = (t: { yes: number; of: number }) => (t.yes + 1) / (t.of + 2);
        expect(r).not.toBeNull();
        const { yes, no } = r as { yes: number; no: number };
        // The pooled rate lies between the two, so one ratio is at least 1 and the other at most 1.
        if (rate(sisterYes) >= rate(sisterNo)) expect(yes + 1e-12).toBeGreaterThanOrEqual(no);
        expect(Math.min(yes, no)).toBeLessThanOrEqual(1 + 1e-9);
        expect(Math.max(yes, no)).toBeGreaterThanOrEqual(1 - 1e-9);
      }),
      { numRuns: 300 },
    );
    const same = sisterLikelihoodRatios(
      { sisterYes: { yes: 40, of: 80 }, sisterNo: { yes: 40, of: 80 } },
      30,
    );
    expect(same?.yes).toBeCloseTo(1, 12);
    expect(same?.no).toBeCloseTo(1, 12);
  });

  it("a preliminary medicine year is read from its own IM department's answer, at the catalog's concordance", () => {
    const sp = rb.specialties.get("preliminary-medicine");
    expect(sp?.signalsThrough?.value).toBe("internal-medicine");
    const look = sponsorshipLookup(
      data,
      data.model.visa,
      "preliminary-medicine",
      "j1",
      "Preliminary Medicine",
      sp?.signalsThrough?.value ?? null,
    );
    const prelim = (data.bySpecialty.get("preliminary-medicine") ?? []).find((p) => {
      const sisters = sisterAnswers(data, p, "j1");
      return (
        sisters.length > 0 && sisters.every((q) => q.specialty === "internal-medicine" && q.visa?.j1 === true)
      );
    }) as Program;
    expect(prelim).toBeDefined();
    const s = look(prelim);
    const t = data.model.visa.inferred.j1.sisterYes;
    expect(s.basis).toBe("inferred");
    expect(s.p).toBeCloseTo((t.yes + 1) / (t.of + 2), 12);
    expect(s.text).toMatch(
      /^inferred from the program's own department, not its answer: \d+ of \d+ program\(s\) of the same sponsor \(internal-medicine\)/,
    );
  });

  it("a program with no answer and no sponsor to infer from counts at the specialty's cited share, not as a sponsor", () => {
    const lookup = sponsorshipLookup(
      data,
      data.model.visa,
      "diagnostic-radiology",
      "h1b",
      "Diagnostic Radiology",
    );
    const lone = (data.bySpecialty.get("diagnostic-radiology") ?? []).find(
      (p) => p.visa === null && sisterAnswers(data, p, "h1b").length === 0,
    ) as Program;
    expect(lone).toBeDefined();
    const s = lookup(lone);
    expect(s.basis).toBe("specialty-share");
    expect(s.p).toBe(data.model.visa.specialtyShare["diagnostic-radiology"]?.h1b);
    expect(s.p).toBeCloseTo(0.232, 3);
    expect(s.sources).toEqual(["match-statistics#97", "match-statistics#98"]);
    expect(s.text).toContain("no answer from the program");
  });

  it("a program's own answer decides; 'J-1 or H-1B' keeps the better of the two", () => {
    const neuro = data.bySpecialty.get("neurology") ?? [];
    const both = neuro.find((p) => p.visa?.j1 === true && p.visa.h1b === true) as Program;
    const j1Only = neuro.find((p) => p.visa?.j1 === true && p.visa.h1b === false) as Program;
    const look = (need: VisaNeed) => sponsorshipLookup(data, data.model.visa, "neurology", need);
    expect(look("h1b")(both)).toMatchObject({ p: 1, basis: "own", excluded: null });
    expect(look("h1b")(j1Only).excluded).toMatch(/does not sponsor the H-1B/);
    expect(look("j1-or-h1b")(j1Only)).toMatchObject({ p: 1, basis: "own", excluded: null });
  });

  it("the inference is read from the same sponsor's programs in other specialties, at the tallies the catalog holds", () => {
    // The tallies in data/model/program-model.yaml (visa.inferred) recounted from the catalog: programs
    // with their own answer whose sponsor's programs in other specialties all answered alike.
    for (const kind of ["j1", "h1b"] as const) {
      const t = { sisterYes: { yes: 0, of: 0 }, sisterNo: { yes: 0, of: 0 } };
      for (const programs of data.bySpecialty.values())
        for (const p of programs) {
          const own = p.visa?.[kind];
          if (own == null) continue;
          const sisters = sisterAnswers(data, p, kind);
          if (sisters.length === 0) continue;
          const yes = sisters.filter((q) => q.visa?.[kind] === true).length;
          const bucket = yes === sisters.length ? t.sisterYes : yes === 0 ? t.sisterNo : null;
          if (!bucket) continue;
          bucket.of++;
          if (own) bucket.yes++;
        }
      expect(t, kind).toEqual(data.model.visa.inferred[kind]);
    }
    // And they carry information: a sponsor's H-1B "yes" elsewhere makes it far likelier here.
    const h = data.model.visa.inferred.h1b;
    expect(h.sisterYes.yes / h.sisterYes.of).toBeGreaterThan(3 * (h.sisterNo.yes / h.sisterNo.of));
  });
});

describe("known non-sponsors are excluded, and every plan counts known, inferred, unknown and excluded", () => {
  it("neurology programs that answered 'no H-1B' are left out of an H-1B applicant's list, and counted as excluded", () => {
    const p = plan(withVisa(dr250, "h1b"), "neurology", null);
    const noH1b = (data.bySpecialty.get("neurology") ?? []).filter((x) => x.visa?.h1b === false);
    expect(noH1b.length).toBeGreaterThan(100);
    const listed = new Set(p.programs.map((x) => x.id));
    for (const x of noH1b) expect(listed.has(x.id)).toBe(false);
    const excluded = new Set(p.excluded.map((x) => x.id));
    for (const x of noH1b) expect(excluded.has(x.id)).toBe(true);
    const c = p.visaSponsorship.candidates;
    expect(c.excluded).toBe(noH1b.length);
    expect(c.known).toBe(
      (data.bySpecialty.get("neurology") ?? []).filter((x) => x.visa?.h1b === true).length,
    );
    expect(c.known + c.inferred + c.unknown + c.excluded).toBe(data.bySpecialty.get("neurology")?.length);
    expect(p.visaSponsorship.listed.known).toBeGreaterThan(0);
    expect(p.visaSponsorship.note).toMatch(/left out as known non-sponsors/);
  });

  it("DR has no program-level answers: its counts say so (none known) and the inferred programs are labelled", () => {
    const p = plan(withVisa(dr250, "h1b"), "diagnostic-radiology");
    const v = p.visaSponsorship;
    expect(v.need).toBe("h1b");
    expect(v.candidates.known).toBe(0);
    expect(v.candidates.inferred).toBeGreaterThan(0);
    expect(v.candidates.unknown).toBeGreaterThan(0);
    expect(v.listed.known + v.listed.inferred + v.listed.unknown).toBe(p.programs.length);
    expect(v.supplemental).not.toBeNull();
    expect(v.sources).toContain("match-statistics#98");
  });

  it("warns, with a field and a sentence, when most of the list has no answer to go on", () => {
    const s = (basis: "own" | "inferred" | "specialty-share", p: number) => ({
      p,
      basis,
      excluded: null,
      text: "",
      sources: [],
    });
    const summarise = (listed: ReturnType<typeof s>[]) =>
      summariseSponsorship(data.model.visa, {
        need: "h1b",
        specialtyId: "dermatology",
        specialtyName: "Dermatology",
        candidates: listed,
        listed,
        supplemental: null,
      });
    const mostlyUnknown = summarise([s("specialty-share", 0.2), s("specialty-share", 0.2), s("own", 1)]);
    expect(mostlyUnknown.unknownDominates).toBe(true);
    expect(mostlyUnknown.note).toMatch(/^Needs the H-1B\. .*Warning: most of the list has no answer/);
    const mostlyKnown = summarise([s("specialty-share", 0.2), s("inferred", 0.7), s("own", 1)]);
    expect(mostlyKnown.unknownDominates).toBe(false);
    expect(mostlyKnown.note).not.toMatch(/Warning/);
  });

  it("family medicine, where most programs have neither an answer nor a sponsor's answer to infer from, warns on a real plan", () => {
    const p = plan(withVisa(dr250, "h1b"), "family-medicine", null);
    const v = p.visaSponsorship;
    const counted = v.listed.known + v.listed.inferred + v.listed.unknown;
    expect(counted).toBe(p.programs.length);
    expect(v.listed.unknown / counted).toBeGreaterThan(data.model.visa.unknownDominates.value);
    expect(v.unknownDominates).toBe(true);
    expect(v.note).toMatch(/Warning: most of the list has no answer of its own on the H-1B/);
    expect(plan(withVisa(dr250, "h1b"), "diagnostic-radiology").visaSponsorship.unknownDominates).toBe(false);
  });

  it("no visa needed: the counts are zero and the note says sponsorship does not enter the odds", () => {
    const v = plan(withVisa(dr250, "none-needed"), "diagnostic-radiology").visaSponsorship;
    expect(v).toMatchObject({ need: "none-needed", unknownDominates: false });
    expect(v.candidates).toEqual({ known: 0, inferred: 0, unknown: 0, excluded: 0 });
    expect(v.note).toMatch(/No visa is needed/);
  });
});

describe("P(match) never rises when a visa is needed", () => {
  const specialties = ["diagnostic-radiology", "interventional-radiology", "internal-medicine", "neurology"];
  /**
   * Profiles without stated ties or preferred states: those order a list by the applicant's
   * priorities rather than by the odds alone, so a visa that removes or lowers a preferred program
   * can let a better-odds one in. The property is about the odds.
   */
  const arb = fc.record({
    applicantType: fc.constantFrom("us-md", "do", "us-img", "non-us-img" as const),
    score: fc.integer({ min: 200, max: 270 }),
    research: fc.integer({ min: 0, max: 12 }),
    specialty: fc.constantFrom(...specialties),
    budget: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(null)),
    visa: fc.constantFrom(...VISA_NEEDS.filter((v) => v !== "none-needed")),
  });

  it("for the planner's own list, against the same profile needing none", () => {
    fc.assert(
      fc.property(arb, (g) => {
        const profile: Profile = {
          ...dr250,
          applicantType: g.applicantType,
          step2ck: { score: g.score, attempts: 1 },
          research: { ...dr250.research, items: g.research },
        };
        const p = (visa: VisaNeed) => {
          const r = plan(withVisa(profile, visa), g.specialty, g.budget);
          const pathway = rb.specialties.get(g.specialty)?.alternativePathway?.via;
          return r.parallel?.specialty === pathway && r.pMatchAny
            ? r.pMatchAny.estimate
            : (r.pMatch?.estimate ?? 0);
        };
        expect(p(g.visa)).toBeLessThanOrEqual(p("none-needed") + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it("for a fixed list, every visa need gives at most the no-visa figure", () => {
    const programs = (data.bySpecialty.get("diagnostic-radiology") ?? []).slice(0, 60);
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 270 }), fc.constantFrom(...VISA_NEEDS), (score, visa) => {
        const profile = { ...dr250, step2ck: { score, attempts: 1 } };
        const none = evaluateList(
          rb,
          data,
          withVisa(profile, "none-needed"),
          "diagnostic-radiology",
          programs,
          asOf,
        );
        const needed = evaluateList(
          rb,
          data,
          withVisa(profile, visa),
          "diagnostic-radiology",
          programs,
          asOf,
        );
        expect(needed?.pMatch.estimate ?? 0).toBeLessThanOrEqual((none?.pMatch.estimate ?? 0) + 1e-12);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the specialty's share of sponsoring programs is one of the things that move P(match)", () => {
  it("each survey's counts give its share, and a borrowed share names the specialty it was counted in", () => {
    for (const [id, share] of Object.entries(data.model.visa.specialtyShare)) {
      if (!share.surveyed) continue;
      for (const kind of ["j1", "h1b"] as const) {
        const t = share.surveyed[kind];
        expect(share[kind], `${id} ${kind}`).toBeCloseTo(t.yes / t.of, 3);
      }
      const from = share.surveyed.programsOf;
      if (from === undefined) continue;
      expect(rb.specialties.has(from), id).toBe(true);
      expect(data.model.visa.specialtyShare[from]?.surveyed?.j1, id).toEqual(share.surveyed.j1);
      expect(data.model.visa.specialtyShare[from]?.surveyed?.h1b, id).toEqual(share.surveyed.h1b);
    }
  });

  it("a share's 95% interval holds the share, stays within 0–1 and narrows with more programs counted", () => {
    const dr = shareInterval({ yes: 76, of: 104 });
    // Wilson's interval for 76 of 104, worked by hand: 63.8%–80.7%.
    expect(dr.low).toBeCloseTo(0.6385, 3);
    expect(dr.high).toBeCloseTo(0.8067, 3);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (of, share) => {
          const yes = Math.round(share * of);
          const i = shareInterval({ yes, of });
          const wider = shareInterval({ yes: yes * 4, of: of * 4 });
          expect(i.low).toBeGreaterThanOrEqual(0);
          expect(i.high).toBeLessThanOrEqual(1);
          expect(i.low).toBeLessThanOrEqual(yes / of + 1e-12);
          expect(i.high).toBeGreaterThanOrEqual(yes / of - 1e-12);
          expect(wider.high - wider.low).toBeLessThanOrEqual(i.high - i.low + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a DR applicant needing the J-1 sees P(match) at both ends of DR's surveyed share, on either side of the figure shown", () => {
    const p = plan(withVisa(dr250, "j1"), "diagnostic-radiology");
    const swing = p.whatMoves.find((s) => s.id === "visa-share");
    expect(swing).toBeDefined();
    const s = swing as NonNullable<typeof swing>;
    const interval = shareInterval({ yes: 76, of: 104 });
    expect(s).toMatchObject({
      value: 0.731,
      low: { value: interval.low },
      high: { value: interval.high },
      surveyed: { yes: 76, of: 104, programs: "Diagnostic Radiology programs" },
    });
    const shown = p.pMatch?.estimate as number;
    expect(s.low.pMatch).toBeLessThan(shown);
    expect(s.high.pMatch).toBeGreaterThan(shown);
    expect(swingText(s)).toMatch(
      /^share of Diagnostic Radiology programs that sponsor the J-1, .*\(73\.1%: 76 of 104 Diagnostic Radiology programs surveyed\): at 63\.8%, the low end of its 95% interval, P\(match\) is/,
    );
  });

  it("at the share itself every program keeps the chance the plan gave it; only programs that rest on the share move", () => {
    const dr = data.bySpecialty.get("diagnostic-radiology") ?? [];
    const sp = { id: "diagnostic-radiology", name: "Diagnostic Radiology", department: null };
    for (const need of ["j1", "h1b", "j1-or-h1b"] as const) {
      const look = sponsorshipLookup(data, data.model.visa, sp.id, need, sp.name);
      const kind = need === "h1b" ? "h1b" : "j1";
      const same = sponsorshipAtShare(data, data.model.visa, sp, need, kind, 0.731);
      const higher = sponsorshipAtShare(data, data.model.visa, sp, need, kind, 0.9);
      const share = data.model.visa.specialtyShare["diagnostic-radiology"]?.[kind] as number;
      const atShare = sponsorshipAtShare(data, data.model.visa, sp, need, kind, share);
      for (const program of dr) {
        expect(atShare?.(program).p, `${need} ${program.id}`).toBeCloseTo(look(program).p, 12);
        // A higher share never lowers a program's chance.
        expect((higher?.(program).p ?? 0) + 1e-12).toBeGreaterThanOrEqual(same?.(program).p ?? 0);
      }
    }
  });

  it("no swing where no visa is needed, or where the specialty's share has no counts behind it", () => {
    expect(
      plan(withVisa(dr250, "none-needed"), "diagnostic-radiology").whatMoves.some(
        (s) => s.id === "visa-share",
      ),
    ).toBe(false);
    expect(
      plan(withVisa(dr250, "j1"), "family-medicine", null).whatMoves.some((s) => s.id === "visa-share"),
    ).toBe(false);
  });
});

describe("what confirming each program's sponsorship is worth", () => {
  const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

  it("a DR applicant needing the J-1 sees P(match) if every listed program sponsored it, and that enough programs may", () => {
    const p = plan(withVisa(dr250, "j1"), "diagnostic-radiology");
    const v = p.visaSponsorship;
    const shown = p.pMatch?.estimate as number;
    expect(v.ifAllSponsor).not.toBeNull();
    expect(v.ifAllSponsor as number).toBeGreaterThan(shown);
    expect(v.ifAllSponsor as number).toBeLessThanOrEqual(1);
    expect(v.note).toContain(
      `If every program on the list were confirmed to sponsor the J-1, P(match) would be ${pct(v.ifAllSponsor as number)} rather than ${pct(shown)}.`,
    );
    // DR's 203 programs at 73.1% each: about 148 sponsor it, more than the list holds.
    expect(v.note).toMatch(
      /About 148 of the 203 programs are expected to sponsor it, more than the list's \d+:/,
    );
  });

  it("needing the H-1B, fewer DR programs are expected to sponsor it than the list holds, and the note says a list this long cannot be all sponsors", () => {
    const p = plan(withVisa(dr250, "h1b"), "diagnostic-radiology");
    const v = p.visaSponsorship;
    const dr = data.bySpecialty.get("diagnostic-radiology") ?? [];
    const look = sponsorshipLookup(data, data.model.visa, "diagnostic-radiology", "h1b");
    const expected = Math.round(dr.reduce((a, x) => a + (look(x).excluded ? 0 : look(x).p), 0));
    expect(expected).toBeLessThan(p.programs.length);
    expect(v.note).toContain(
      `Only about ${expected} of the ${dr.length} programs are expected to sponsor it, fewer than the list's ${p.programs.length}, so no list this long can be all sponsors`,
    );
  });

  it("no figure where no visa is needed", () => {
    const v = plan(withVisa(dr250, "none-needed"), "diagnostic-radiology").visaSponsorship;
    expect(v.ifAllSponsor).toBeNull();
    expect(v.note).not.toMatch(/If every program/);
  });
});
