import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../src/core/profile/validate-profile.ts";
import { planProgramList } from "../src/core/programs/plan-program-list.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import {
  judgeAll,
  readChecks,
  readNumber,
  readTables,
  renderCalibration,
  TYPE_LABEL,
  typeFromLabel,
} from "../src/validate/calibration-report.ts";
import { runIssueProfiles } from "../src/validate/issue-profiles.ts";
import { rowKey } from "../src/validate/judge-rows.ts";
import { loadCalibrationInputs } from "../src/validate/load-calibration-inputs.ts";
import { expectedInterviews, planAtApplications } from "../src/validate/plan-at-applications.ts";
import { publishedCells } from "../src/validate/published-record.ts";
import { applicationsFor, runCalibration, specialtiesWithPMatch } from "../src/validate/run-calibration.ts";
import type { RecordedMiss } from "../src/validate/settings.ts";

/**
 * docs/calibration.md is the measure of the model's P(match) against the published record; this
 * test keeps it true. It re-runs the first `cohort.test` applicants of every specialty × type
 * cohort at the document's seed (the same people the full run began with) and checks that the
 * document's figures still describe the model, that each verdict follows from its figures, and
 * that every MISS is on record — as a note the product shows where the product can show it.
 * When the model or its data change, `npm run calibrate` rewrites the document and the record.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const inputs = loadCalibrationInputs();
const settings = inputs.settings;
const docUrl = new URL("../docs/calibration.md", import.meta.url);
const doc = readFileSync(docUrl, "utf8");
const small = settings.cohort.test;
const results = runCalibration(rb, data, inputs, small);
const baseProfile = (() => {
  const v = validateProfile(profileSchemaFor(rb), settings.profiles.base);
  if (!v.ok) throw new Error("profiles.base of data/model/calibration.yaml is not a valid profile");
  return v.value;
})();
/** Bands the re-run puts fewer applicants in than this are not compared: their mean says little. */
const MIN_BAND_RERUN = 3;
const STALE = "docs/calibration.md no longer describes the model: run `npm run calibrate`";
/** Plans made to check that recorded misses are shown (each takes a few milliseconds; enough to cover every kind). */
const NOTE_PLANS = 60;

const key = (specialty: string, type: string) => `${specialty}|${type}`;
const docOverall = readTables(doc, "overall");
const docInterviews = readTables(doc, "interviews");
const docBands = readTables(doc, "bands");
const checks = new Map(readChecks(doc).map((c) => [key(c.specialty, c.applicantType), c]));

describe("docs/calibration.md against a re-run of the model", () => {
  it("covers every specialty with a P(match), for every applicant type with a published rate", () => {
    const expected = publishedCells(rb, inputs, specialtiesWithPMatch(rb, data))
      .map((c) => key(c.specialty, c.applicantType))
      .sort();
    const documented = docOverall
      .map((r) => key(r.specialty as string, typeFromLabel(r.type as string)))
      .sort();
    expect(documented).toEqual(expected);
    // Every specialty of the product that shows a P(match) is there, not a chosen few.
    const specialties = new Set(docOverall.map((r) => r.specialty));
    for (const s of specialtiesWithPMatch(rb, data)) expect(specialties).toContain(s);
  });

  it("the planner accepted every synthetic applicant", () => {
    expect(results.flatMap((r) => r.failures)).toEqual([]);
  });

  for (const r of results) {
    const label = `${r.cell.specialty}, ${TYPE_LABEL[r.cell.applicantType]}`;
    it(`${label}: the same first applicants give the figures the document recorded`, () => {
      const c = checks.get(key(r.cell.specialty, r.cell.applicantType));
      expect(c, STALE).toBeDefined();
      expect(c?.count).toBe(r.check.count);
      expect(Math.abs((c?.conditional ?? 0) - r.check.conditional), STALE).toBeLessThanOrEqual(
        settings.targets.slack.floor,
      );
      expect(Math.abs((c?.interviews ?? 0) - r.check.interviews), STALE).toBeLessThanOrEqual(
        settings.targets.slack.floor * 10,
      );
    });

    it(`${label}: the full cohort's mean P(match | ≥ 1 interview) agrees with the re-run within sampling slack`, () => {
      const row = docOverall.find(
        (d) => d.specialty === r.cell.specialty && d.type === TYPE_LABEL[r.cell.applicantType],
      );
      const c = checks.get(key(r.cell.specialty, r.cell.applicantType));
      expect(row && c).toBeTruthy();
      const documented = readNumber(row?.predicted ?? "", "percent");
      // The small cohort is part of the full one: the spread of its mean around the full mean.
      const se = r.conditional.sd * Math.sqrt(Math.max(0, 1 / small - 1 / (c?.cohort ?? small)));
      const slack = Math.max(settings.targets.slack.floor, settings.targets.slack.z * se);
      expect(Math.abs(documented - r.conditional.mean), STALE).toBeLessThanOrEqual(slack);
      expect(readNumber(row?.published ?? "", "percent")).toBeCloseTo(r.cell.rate.value, 3);
    });
  }

  it("the interview rows and the band rows agree with the re-run within sampling slack", () => {
    const off: string[] = [];
    for (const r of results) {
      const t = TYPE_LABEL[r.cell.applicantType];
      const i = docInterviews.find((d) => d.specialty === r.cell.specialty && d.type === t);
      if (r.cell.ranks) {
        const c = checks.get(key(r.cell.specialty, r.cell.applicantType));
        const se = r.interviews.sd * Math.sqrt(Math.max(0, 1 / small - 1 / (c?.cohort ?? small)));
        const documented = readNumber(i?.["predicted interviews"] ?? "", "plain");
        if (!(Math.abs(documented - r.interviews.mean) <= Math.max(0.05, settings.targets.slack.z * se)))
          off.push(
            `${r.cell.specialty} ${t} interviews: document ${documented}, re-run ${r.interviews.mean.toFixed(2)}`,
          );
      } else if (i) off.push(`${r.cell.specialty} ${t}: an interview row without published ranks`);
      for (const b of r.bands) {
        const d = docBands.find(
          (x) => x.specialty === r.cell.specialty && x.type === t && x.band === b.reference.label,
        );
        if (!d) {
          off.push(`${r.cell.specialty} ${t} band ${b.reference.label}: missing from the document`);
          continue;
        }
        if (Math.abs(readNumber(d.published ?? "", "percent") - b.reference.published) > 0.0005)
          off.push(`${r.cell.specialty} ${t} band ${b.reference.label}: published figure changed`);
        const full = readNumber(d.synthetic ?? "", "plain");
        if (b.predicted.count < MIN_BAND_RERUN || full < MIN_BAND_RERUN) continue;
        // A few applicants give no spread worth the name: the cell's spread stands in (it is wider).
        const sd = Math.max(b.predicted.sd, r.conditional.sd);
        const se = sd * Math.sqrt(Math.max(0, 1 / b.predicted.count - 1 / full));
        const documented = readNumber(d.predicted ?? "", "percent");
        if (
          !(
            Math.abs(documented - b.predicted.mean) <=
            Math.max(settings.targets.slack.floor, settings.targets.slack.z * se)
          )
        )
          off.push(
            `${r.cell.specialty} ${t} band ${b.reference.label}: document ${documented}, re-run ${b.predicted.mean.toFixed(3)}`,
          );
      }
    }
    expect(off, STALE).toEqual([]);
  });
});

describe("verdicts and the record of misses", () => {
  const t = settings.targets;
  /** Figures are shown to 0.1 point: a verdict within that of the line may go either way. */
  const ROUNDING = 0.001;
  const rowsOf = () => [
    ...docOverall.map((r) => ({
      r,
      measure: "overall" as const,
      target: t.overall.points,
      min: t.overall.minApplicants,
    })),
    ...docBands.map((r) => ({
      r,
      measure: "band" as const,
      target: t.band.points,
      min: t.band.minApplicants,
    })),
  ];

  it("each PASS, MISS and THIN in the document follows from the figures beside it and the targets", () => {
    const wrong: string[] = [];
    for (const { r, measure, target, min } of rowsOf()) {
      const applicants = readNumber(r.applicants ?? "", "plain");
      const diff = readNumber(r.difference ?? "", "points");
      const enough =
        applicants >= min &&
        (measure !== "band" || readNumber(r.synthetic ?? "", "plain") >= t.band.minSynthetic);
      const near = Math.abs(Math.abs(diff) - target) <= ROUNDING;
      const expected = !enough ? "THIN" : Math.abs(diff) <= target ? "PASS" : "MISS";
      if (r.status !== expected && !(enough && near))
        wrong.push(
          `${r.specialty} ${r.type} ${measure} ${r.band ?? ""}: ${r.status}, figures say ${expected}`,
        );
    }
    for (const r of docInterviews) {
      const applicants = readNumber(r.applicants ?? "", "plain");
      const diff = readNumber(r.difference ?? "", "plain");
      const expected =
        applicants < t.interviews.minApplicants
          ? "THIN"
          : Math.abs(diff) <= t.interviews.ranks
            ? "PASS"
            : "MISS";
      if (r.status !== expected)
        wrong.push(`${r.specialty} ${r.type} interviews: ${r.status}, figures say ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it("every MISS in the document is recorded in data/model/calibration.yaml with its measured direction and size, and nothing else is", () => {
    const documented = new Map<string, number>();
    for (const { r, measure } of rowsOf())
      if (r.status === "MISS")
        documented.set(
          rowKey({
            specialty: r.specialty as string,
            applicantType: typeFromLabel(r.type as string),
            measure,
            band: r.band,
          }),
          readNumber(r.difference ?? "", "points"),
        );
    for (const r of docInterviews)
      if (r.status === "MISS")
        documented.set(
          rowKey({
            specialty: r.specialty as string,
            applicantType: typeFromLabel(r.type as string),
            measure: "interviews",
          }),
          readNumber(r.difference ?? "", "plain"),
        );
    // A profile that misses its band where the cohort row does not is recorded as the band's miss:
    // the misses table names it, and the profiles table must show it missing that band.
    const profileRows = readTables(doc, "profiles");
    for (const r of readTables(doc, "misses")) {
      const named = /^band (\S+) \(the profile "(.+)"\)$/.exec(r.figure ?? "");
      if (!named) continue;
      const [, band, name] = named;
      const p = profileRows.find((x) => x.profile === name);
      expect(p?.status, `${name}`).toBe("MISS");
      expect(p?.["published for the band"], `${name}`).toContain(` at ${band} (`);
      const key = rowKey({
        specialty: r.specialty as string,
        applicantType: typeFromLabel(r.type as string),
        measure: "band",
        band,
      });
      expect(documented.has(key), `${key} is a cohort miss already`).toBe(false);
      documented.set(key, readNumber(r.difference ?? "", "points"));
    }
    const recorded = new Map(settings.misses.map((m) => [rowKey(m), m]));
    expect([...recorded.keys()].sort()).toEqual([...documented.keys()].sort());
    for (const [k, diff] of documented) {
      const m = recorded.get(k);
      expect(m?.direction, k).toBe(diff < 0 ? "under" : "over");
      expect(Math.abs((m?.difference ?? 0) - diff), k).toBeLessThanOrEqual(
        k.includes("|interviews|") ? 0.01 : ROUNDING,
      );
    }
  });

  it("every MISS is a note the product shows beside P(match) to that applicant type (and Step 2 CK band), with its direction and size; no note outlives its miss", () => {
    const known = data.model.calibration.knownMisses;
    const flat: RecordedMiss[] = [];
    for (const [specialty, types] of Object.entries(known))
      for (const [type, entry] of Object.entries(types ?? {})) {
        const applicantType = type as RecordedMiss["applicantType"];
        const add = (
          measure: RecordedMiss["measure"],
          m: { direction: "under" | "over"; difference: number },
          band?: string,
        ) =>
          flat.push({
            specialty,
            applicantType,
            measure,
            ...(band ? { band } : {}),
            direction: m.direction,
            difference: m.difference,
          });
        if (entry?.overall) add("overall", entry.overall);
        if (entry?.interviews) add("interviews", entry.interviews);
        for (const b of entry?.bands ?? []) add("band", b, b.band);
      }
    const recorded = new Map(settings.misses.map((m) => [rowKey(m), m]));
    expect(flat.map(rowKey).sort()).toEqual([...recorded.keys()].sort());
    for (const m of flat) {
      const r = recorded.get(rowKey(m));
      expect(m.direction, rowKey(m)).toBe(r?.direction);
      expect(Math.abs(m.difference - (r?.difference ?? 0)), rowKey(m)).toBeLessThanOrEqual(0.01);
    }
    expect(data.model.calibration.tolerance).toBe(t.overall.points);
    // The product shows them: a profile of the type (in the band, for a band miss) gets the note.
    for (const m of flat.filter((x) => x.measure !== "interviews").slice(0, NOTE_PLANS)) {
      const entry = known[m.specialty]?.[m.applicantType];
      const band = entry?.bands?.find((b) => b.band === m.band);
      const score = band
        ? (band.lo ?? (band.hi as number) - 5) +
          (band.lo !== null && band.hi !== null ? Math.floor((band.hi - band.lo) / 2) : 0)
        : 250;
      const profile = {
        ...baseProfile,
        applicantType: m.applicantType,
        ...(m.applicantType === "non-us-img" ? {} : { visa: "none-needed" as const }),
        step2ck: { score, attempts: 1 },
      };
      const plan = planProgramList(rb, data, { profile, specialty: m.specialty, asOf: settings.asOf });
      expect(plan.ok, rowKey(m)).toBe(true);
      if (!plan.ok) continue;
      const note = plan.value.calibration;
      expect(note?.applicantType, rowKey(m)).toBe(m.applicantType);
      if (m.measure === "band") {
        expect(note?.band, rowKey(m)).toBe(m.band);
        expect(note?.direction, rowKey(m)).toBe(m.direction);
      } else if (!note?.band) expect(note?.direction, rowKey(m)).toBe(m.direction);
    }
  });

  it("the document says every miss is shown by the product", () => {
    const rows = readTables(doc, "misses");
    expect(rows.length).toBe(settings.misses.length);
    for (const r of rows)
      expect(r["shown by the product"], `${r.specialty} ${r.type} ${r.figure}`).toBe("yes");
  });
});

describe("issue 13's profiles", () => {
  const cells = publishedCells(rb, inputs, specialtiesWithPMatch(rb, data));
  const profiles = runIssueProfiles(rb, data, inputs, cells);
  const documented = readTables(doc, "profiles");

  it("the document shows what the product gives each profile today", () => {
    expect(documented.map((r) => r.profile)).toEqual(profiles.map((p) => p.name));
    for (const p of profiles) {
      const row = documented.find((r) => r.profile === p.name);
      const shown = (row?.["P(match) shown (range)"] ?? "").split(" ")[0] ?? "";
      expect(readNumber(shown, "percent"), `${p.name}: ${STALE}`).toBeCloseTo(
        p.measurement.pMatch.estimate,
        3,
      );
      expect(row?.status, p.name).toBe(p.status ?? "—");
    }
  });

  it("a profile not judged because the band pools every visa need comes back to the band at the cohort's visa mix", () => {
    const notJudged = profiles.filter(
      (p) => p.notJudged !== null && /pools every visa need/.test(p.notJudged),
    );
    expect(notJudged.length).toBeGreaterThan(0);
    const schema = profileSchemaFor(rb);
    for (const p of notJudged) {
      const row = settings.profiles.rows.find((r) => r.name === p.name);
      const base = validateProfile(schema, { ...settings.profiles.base, ...row?.profile });
      if (!base.ok || !p.band) throw new Error(p.name);
      const mix = settings.features[base.value.applicantType].visa.p;
      const apps = applicationsFor(settings, base.value.applicantType, p.specialty).value;
      const at = (visa: string) => {
        const m = planAtApplications(
          rb,
          data,
          { ...base.value, visa } as typeof base.value,
          p.specialty,
          settings.asOf,
          settings.matchYear,
          apps,
        );
        if (!m.ok) throw new Error(`${p.name} ${visa}`);
        return m.value.conditional;
      };
      const mixed = Object.entries(mix).reduce((a, [visa, w]) => a + w * at(visa), 0);
      expect(Math.abs(mixed - p.band.published), p.name).toBeLessThanOrEqual(settings.targets.band.points);
      // Needing no visa reads above the mix, needing the H-1B below it.
      expect(at("none-needed"), p.name).toBeGreaterThan(mixed);
      expect(at("h1b"), p.name).toBeLessThan(mixed);
    }
  });

  it("every profile that misses its band carries the product's note in the same direction, or its band miss is on record", () => {
    for (const p of profiles.filter((x) => x.status === "MISS")) {
      const direction = p.measurement.conditional < (p.band?.published ?? 0) ? "under" : "over";
      const recorded = settings.misses.some(
        (m) =>
          m.specialty === p.specialty &&
          m.applicantType === p.applicantType &&
          m.measure === "band" &&
          m.band === p.band?.label,
      );
      expect(recorded || p.note?.direction === direction, `${p.name}: band ${p.band?.label}`).toBe(true);
    }
  });
});

describe("the harness measures what the product computes", () => {
  it("interviews are counted on the planner's own odds: the same kernel gives the planner's P(≥ 1 interview)", () => {
    for (const specialty of ["diagnostic-radiology", "internal-medicine", "pathology"]) {
      const plan = planProgramList(rb, data, {
        profile: baseProfile,
        specialty,
        asOf: settings.asOf,
        budgetUsd: 1500,
      });
      expect(plan.ok).toBe(true);
      if (!plan.ok) continue;
      const e = expectedInterviews(data, plan.value);
      expect(e.atLeastOne).toBeCloseTo(plan.value.pAtLeastOneInterview, 9);
      expect(e.expected).toBeGreaterThanOrEqual(e.atLeastOne);
    }
  });

  it("a verdict flips when the figures do: a model 20 points high is recorded as a MISS", () => {
    const shifted = results.slice(0, 3).map((r) => ({
      ...r,
      conditional: { ...r.conditional, mean: Math.min(1, r.cell.rate.value + 0.2) },
    }));
    const rows = judgeAll(settings, shifted).filter((x) => x.measure === "overall");
    for (const x of rows)
      expect(x.status).toBe(x.applicants >= settings.targets.overall.minApplicants ? "MISS" : "THIN");
    expect(
      renderCalibration({ settings, results: shifted, profiles: [], knownMisses: {}, cohort: small }),
    ).toContain("| MISS |");
  });

  it("every source the harness's data cite is in data/sources.yaml (and every match-statistics entry exists)", () => {
    const cited: string[] = [
      inputs.nrmp2025.source,
      inputs.usMd2026.source,
      inputs.seniors2024.source,
      inputs.pooledBands.source,
    ];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k === "sources" && Array.isArray(x)) cited.push(...x.map(String));
          else walk(x);
        }
    };
    walk(settings);
    for (const ref of cited) {
      const [id, section] = ref.split("#");
      expect(rb.sources[id as string], ref).toBeDefined();
      if (id === "match-statistics") expect(rb.statistics[Number(section)], ref).toBeDefined();
    }
  });

  it("docs/model.md points to docs/calibration.md", () => {
    expect(readFileSync(new URL("../docs/model.md", import.meta.url), "utf8")).toContain(
      "docs/calibration.md",
    );
  });
});
