import { describe, expect, it } from "vitest";
import { dataCheck } from "../../build/data-check.ts";
import { readDataFiles, repositoryRulebook } from "../../io/load-rulebook.ts";
import { compileRulebook, type DataFile } from "../rulebook/compile-rulebook.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { factsFreshness } from "./fact-freshness.ts";
import { listCycleFacts } from "./list-cycle-facts.ts";
import { resolveFact } from "./resolve-fact.ts";

const rb = repositoryRulebook();
const files = (() => {
  const r = readDataFiles(new URL("../../../data/", import.meta.url).pathname);
  if (!r.ok) throw new Error("data/ does not read");
  return r.value;
})();
/** The repository's data with one file changed. */
const withFile = (path: string, change: (data: Record<string, unknown>) => void) => {
  const copy: DataFile[] = files.map((f) => ({ path: f.path, data: structuredClone(f.data) }));
  const f = copy.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  change(f.data as Record<string, unknown>);
  return compileRulebook(copy);
};
const compiled = (r: ReturnType<typeof compileRulebook>): Rulebook => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join("\n"));
  return r.value;
};

describe("the cycle packs (data/cycles/)", () => {
  it("hold one pack per Match year, 2026–2028 among them", () => {
    for (const y of [2026, 2027, 2028]) expect(rb.cycles.packs.get(y)?.matchYear).toBe(y);
  });

  it("refuse a stated fact without its last-verified date, naming the file and the field", () => {
    const r = withFile("cycles/2026.yaml", (d) => {
      delete ((d.events as Record<string, Record<string, unknown>>).matchDay as Record<string, unknown>)
        .verified;
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ file: "cycles/2026.yaml" }));
  });

  it("refuse a fact carried from a year whose pack does not state it", () => {
    const r = withFile("cycles/2027.yaml", (d) => {
      (d.signals as Record<string, unknown>)["diagnostic-radiology"] = { carried: 2026, why: "test" };
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual(
        expect.objectContaining({ file: "cycles/2027.yaml", path: "signals.diagnostic-radiology" }),
      );
  });

  it("refuse Pathways that cover a requirement ECFMG does not confirm to NRMP", () => {
    const r = withFile("cycles/cycle-rules.yaml", (d) => {
      (d.ecfmgVerification as { pathwaysCover: string[] }).pathwaysCover.push("diploma");
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual(
        expect.objectContaining({ path: "ecfmgVerification.pathwaysCover.2", code: "unknown_reference" }),
      );
  });

  it("refuse a travel-ban country that is not an ISO code of the country list", () => {
    const r = withFile("cycles/cycle-rules.yaml", (d) => {
      const bans = (d.visa as { travelBans: Array<{ full: string[] }> }).travelBans;
      bans[0]?.full.push("QQ");
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message).join(" ")).toMatch(/"QQ" is not in the country list/);
  });

  it("resolve a fact as stated (official or secondary), carried (estimated, saying from where and why) or unknown", () => {
    expect(resolveFact(rb, 2026, ["services", "eras", "fees"])).toMatchObject({
      confidence: "official",
      statedFor: 2026,
      verified: "2026-12-06",
    });
    expect(resolveFact(rb, 2027, ["services", "eras", "events", "opens"])).toMatchObject({
      confidence: "secondary",
      value: "2026-06-03",
    });
    const carried = resolveFact(rb, 2027, ["services", "eras", "fees"]);
    expect(carried).toMatchObject({ confidence: "estimated", restsOn: "official", statedFor: 2026 });
    expect(carried.basis).toMatch(
      /carried from the 2026 Match \(official\): The AAMC 2027 fee schedule was not found/,
    );
    const implicit = resolveFact(rb, 2028, ["services", "eras", "fees"]);
    expect(implicit).toMatchObject({ confidence: "estimated", statedFor: 2026 });
    expect(resolveFact(rb, 2027, ["visa", "h1bPaymentInForce"])).toMatchObject({
      known: false,
      confidence: "unknown",
    });
  });

  it("say when the facts used were last verified, and warn once one is older than the threshold held in data", () => {
    const used = [
      { what: "ERAS fees", verified: "2026-12-06" },
      { what: "rank-list deadline", verified: "2026-11-22" },
    ];
    const fresh = factsFreshness(rb, "2026-12-06", used);
    expect(fresh.text).toBe("Dates and fees last verified on 2026-11-22.");
    expect(fresh.warning).toBeNull();
    const limit = rb.cycles.staleAfterDays.value;
    const late = factsFreshness(rb, "2027-07-01", used);
    expect(late.stale.map((s) => s.what)).toEqual(["ERAS fees", "rank-list deadline"]);
    expect(late.warning).toMatch(new RegExp(`more than ${limit} days before 2027-07-01`));
    // The threshold is data: a longer one silences the same warning.
    const patient = compiled(
      withFile("cycles/cycle-rules.yaml", (d) => {
        (d.staleAfterDays as { value: number }).value = 400;
      }),
    );
    expect(factsFreshness(patient, "2027-07-01", used).warning).toBeNull();
  });

  it("data:check lists the facts by confidence and age, and stays a report however old they are", () => {
    const report = listCycleFacts(rb, "2026-12-06");
    expect(Object.keys(report.byConfidence)).toEqual(["official", "secondary", "estimated", "unknown"]);
    for (const [c, rows] of Object.entries(report.byConfidence)) {
      expect(rows.length).toBeGreaterThan(0);
      for (const f of rows) {
        expect(f.confidence).toBe(c);
        if (c !== "unknown") {
          expect(f.sources.length).toBeGreaterThan(0);
          expect(f.ageDays).toBeGreaterThanOrEqual(0);
        }
      }
      // Oldest first within a confidence.
      const ages = rows.map((f) => f.ageDays ?? -1);
      expect(ages).toEqual([...ages].sort((a, b) => b - a));
    }
    expect(report.stale).toBe(0);
    const carried = report.byConfidence.estimated.find((f) => f.id === "2027.yaml events.matchDay");
    expect(carried?.value).toBe("2027-03-19 (from 2026-03-20)");

    const ok = dataCheck(["--as-of", "2026-12-06"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Cycle facts as of 2026-12-06: \d+ facts;.*\(0 stale\)/);
    for (const c of ["official", "secondary", "estimated", "unknown"])
      expect(ok.out).toMatch(new RegExp(`^${c} \\(\\d+\\)$`, "m"));
    expect(ok.out).toMatch(/^\s+14d\s+2026-11-22\s+2026\.yaml events\.rankListOpens\s+2026-01-15/m);

    const old = dataCheck(["--as-of", "2030-01-01"]);
    expect(old.code).toBe(0);
    expect(old.out).toMatch(/Warning: \d+ fact\(s\) need checking again/);
    expect(dataCheck(["--as-of", "next week"]).code).toBe(2);
  });
});
