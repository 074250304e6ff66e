import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { assessProfile } from "../src/core/assess/assess-profile.ts";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../src/core/profile/validate-profile.ts";
import { loadRulebook } from "../src/io/load-rulebook.ts";

/** Prints timing figures; targets are checked by reading them, not by failing tests. */
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? Number.NaN };
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

console.log(`machine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, node ${process.version}`);

const loads: number[] = [];
let rb: ReturnType<typeof loadRulebook> | undefined;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  rb = loadRulebook();
  loads.push(performance.now() - t);
}
if (!rb?.ok) throw new Error("rulebook failed to load");
const book = rb.value;
const ls = stats(loads);
console.log(`rulebook load + two-pass validation: median ${fmt(ls.median)}, max ${fmt(ls.max)} (5 runs)`);

const schema = profileSchemaFor(book);
const profile = {
  applicantType: "non-us-img",
  graduationYear: 2021,
  visa: "j1",
  step1: { outcome: "pass", attempts: 1 },
  step2ck: { score: 236, attempts: 1 },
  usce: { handsOnMonths: 3, observershipMonths: 2, specialtyMonths: 2 },
  letters: { total: 3, specialty: 2, us: 2 },
};
const specialties = [...book.specialties.keys()];
const times: number[] = [];
for (let i = 0; i < 5000; i++) {
  const t = performance.now();
  const p = validateProfile(schema, profile);
  if (!p.ok) throw new Error("example profile invalid");
  assessProfile(book, p.value, specialties[i % specialties.length] as string, "2026-11-22");
  times.push(performance.now() - t);
}
const a = stats(times.slice(500));
console.log(
  `validate + assess one profile: median ${fmt(a.median)}, p95 ${fmt(a.p95)} (4,500 runs over ${specialties.length} specialties)`,
);

// ── program list (issue: program catalog and P(match)) ──
const { repositoryProgramData } = await import("../src/io/load-program-data.ts");
const { planProgramList } = await import("../src/core/programs/plan-program-list.ts");
const { sweepStep2ck } = await import("../src/core/programs/evaluate-list.ts");
const t0 = performance.now();
const data = repositoryProgramData();
console.log(
  `program data load (catalog ${data.catalog.programs.length} records + model): ${fmt(performance.now() - t0)}`,
);
const drProfile = validateProfile(schema, { ...profile, preferences: { budgetUsd: 2500 } });
if (!drProfile.ok) throw new Error("bench profile invalid");
const planTimes: number[] = [];
for (let i = 0; i < 230; i++) {
  const t = performance.now();
  const r = planProgramList(book, data, {
    profile: drProfile.value,
    specialty: "diagnostic-radiology",
    asOf: "2026-11-22",
  });
  planTimes.push(performance.now() - t);
  if (!r.ok) throw new Error("plan failed");
}
const pl = stats(planTimes.slice(10));
console.log(
  `full plan, DR, $2,500 (optimise + P(match) with range): median ${fmt(pl.median)}, p95 ${fmt(pl.p95)} (50 runs) — target ≤ 5 ms median`,
);
// The same list through the one entry point every surface uses (assessment and Match year first).
const { planApplication } = await import("../src/core/index.ts");
const pipeline = (parts?: ReadonlyArray<"list" | "timeline" | "narrative" | "backups" | "sources">) => {
  const samples: number[] = [];
  for (let i = 0; i < 230; i++) {
    const t = performance.now();
    const r = planApplication(book, data, {
      profile: drProfile.value,
      specialty: "diagnostic-radiology",
      asOf: "2026-11-22",
      ...(parts ? { parts } : {}),
    });
    samples.push(performance.now() - t);
    if (!r.ok) throw new Error("planApplication failed");
  }
  return stats(samples.slice(10));
};
const listOnly = pipeline(["list"]);
console.log(
  `planApplication, DR, $2,500, list only (the programs route): median ${fmt(listOnly.median)}, p95 ${fmt(listOnly.p95)} (220 runs) — against the list alone above`,
);
const whole = pipeline();
console.log(
  `planApplication, DR, $2,500, the whole plan (the report's, with sources): median ${fmt(whole.median)}, p95 ${fmt(whole.p95)} (220 runs)`,
);
const imTimes: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  planProgramList(book, data, {
    profile: drProfile.value,
    specialty: "internal-medicine",
    asOf: "2026-11-22",
    budgetUsd: null,
  });
  imTimes.push(performance.now() - t);
}
const imS = stats(imTimes.slice(5));
console.log(
  `full plan, IM, no budget (${data.bySpecialty.get("internal-medicine")?.length} programs): median ${fmt(imS.median)}, p95 ${fmt(imS.p95)}`,
);
const list120 = (data.bySpecialty.get("internal-medicine") ?? []).slice(0, 120);
const scores = Array.from({ length: 81 }, (_, i) => 200 + i);
const sweepTimes: number[] = [];
for (let i = 0; i < 12; i++) {
  const t = performance.now();
  sweepStep2ck(book, data, drProfile.value, "internal-medicine", list120, "2026-11-22", scores);
  sweepTimes.push(performance.now() - t);
}
const sw = stats(sweepTimes.slice(2));
console.log(
  `what-if sweep, Step 2 CK 200–280 (81 points), 120-program list: median ${fmt(sw.median)}, p95 ${fmt(sw.p95)} — target ≤ 100 ms`,
);

// The season's update: 100 observed programs (invitations, rejections, silence) through the
// posterior over the shared strength term, P(match), the interview count and P(at least k).
{
  const { updateOdds } = await import("../src/core/season/update-odds.ts");
  const { loadSeasonModel } = await import("../src/io/load-season-model.ts");
  const { curveFor, kernelOptions } = await import("../src/core/programs/kernel-options.ts");
  const seasonModel = loadSeasonModel(book);
  const curve = curveFor(book, data.model, "internal-medicine", "non-us-img");
  if (!seasonModel.ok || !curve) throw new Error("season model or curve missing");
  const states = ["invited", "rejected", "silent", "silent", "silent"] as const;
  const obs = Array.from({ length: 100 }, (_, i) => ({
    id: `p${i}`,
    logit: -3 + (i % 20) * 0.15,
    state: states[i % states.length] as (typeof states)[number],
    shareAtApplication: 0,
  }));
  const settings = {
    kernel: kernelOptions(data.model),
    curve,
    draws: seasonModel.value.posteriorDraws.value,
    shareSent: 0.6,
    rejectionShare: seasonModel.value.rejectionShare.value,
    atLeast: seasonModel.value.atLeastShown.value,
  };
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    updateOdds(obs, settings);
    times.push(performance.now() - t);
  }
  const su = stats(times.slice(10));
  console.log(
    `season update, 100 observations: median ${fmt(su.median)}, p95 ${fmt(su.p95)} (50 runs) — target ≤ 10 ms median`,
  );

  // The whole season report as the page, the CLI and POST /api/v1/season make it: the tracker
  // checked against the catalog, each program's plan-time odds, the update, applying to more
  // (every untracked program of the specialty weighed), the rank list and SOAP.
  const { trackSeason } = await import("../src/core/season.ts");
  const { repositorySeasonData } = await import("../src/io/load-season-model.ts");
  const season = repositorySeasonData();
  const imIds = (data.bySpecialty.get("internal-medicine") ?? []).slice(0, 100).map((p) => p.id);
  const entries = imIds.map((programId, i) => ({
    programId,
    applied: "2025-09-03",
    ...(i % 5 === 0 ? { invited: true } : i % 5 === 1 ? { rejected: true } : {}),
  }));
  const reportTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const r = trackSeason(book, data, season.model, {
      profile: drProfile.value,
      tracker: { specialty: "internal-medicine", matchYear: 2026, entries },
      asOf: "2025-11-01",
      unfilled: season.unfilled,
    });
    reportTimes.push(performance.now() - t);
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  }
  const sr = stats(reportTimes.slice(5));
  console.log(
    `season report (trackSeason), 100 tracked programs, applying-to-more weighed: median ${fmt(sr.median)}, p95 ${fmt(sr.p95)} (25 runs)`,
  );
}

const { benchKernel } = await import("./kernel-baseline.ts");
benchKernel(book, data, fmt);

// ── the Match and the market simulator (issue 17) ──
const { benchMarket } = await import("./market.ts");
await benchMarket(book, data, fmt);

// ── the CLI's cold start (issue 12): new processes, as a user runs it ──
const { benchCliStart } = await import("./cli-start.ts");
benchCliStart();

const { benchBatch, benchWeb } = await import("./web-and-batch.ts");
benchBatch(Number(process.env.BENCH_BATCH_ROWS ?? 10_000));
await benchWeb();
const { benchWebPage } = await import("./web-page.ts");
await benchWebPage();

// ── API under load (item 3's figures, printed here too): LOAD_SECONDS per route, default 60 ──
const { benchLoad } = await import("./load.ts");
await benchLoad();
