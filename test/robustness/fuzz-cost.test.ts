import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPlainText } from "../../src/core/profile/input-limits.ts";
import { addDays } from "../../src/core/study/dates.ts";
import { PRACTICE_KINDS, WEEKDAYS } from "../../src/core/study/vocabulary.ts";
import { APPLICANT_TYPES, VISA_NEEDS } from "../../src/core/vocabulary.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { type Route, routeBudgets } from "../../src/server/schemas/route-budgets.ts";
import { APPLICATION_STATUSES, type Store } from "../../src/store/store.ts";
import { memoryStore, STORE_START_MS, testApp } from "../server/support/test-app.ts";

/**
 * The cost fuzz: generated VALID requests to every route, up to and at every input limit (the
 * longest study plan, full lists, the longest practice log, the largest what-if sweep, the
 * largest specialty), each answered within its route's budget (src/server/schemas/
 * route-budgets.ts): no more units of work than the budget — counted from the request and the
 * answer, so the bound does not depend on the machine — and no more bytes. A wall-clock guard
 * of a few seconds is only a loose safety net against a hang.
 *
 * 1,000 requests by default (under a minute); FUZZ_COST_RUNS sets another number.
 */
const RUNS = Number(process.env.FUZZ_COST_RUNS ?? 1_000);
/** A very loose safety net, not a performance figure. */
const HANG_MS = 5_000;
/** About as many chosen programs as fit in a request body (256 KiB) beside a profile and a full log. */
const PROGRAMS_IN_A_BODY = 2500;

const rb = repositoryRulebook();
const data = repositoryProgramData();
const L = rb.limits;
const budgets = routeBudgets(rb, data);
const scale = rb.exam.usmle.scale.value;
const specialties = [...rb.specialties.keys()];
/** Every catalog entry of a specialty (every NRMP code), as the search lists them. */
const catalogOf = new Map<string, string[]>();
for (const p of data.catalog.programs)
  catalogOf.set(p.specialty, [...(catalogOf.get(p.specialty) ?? []), p.id]);
const idsOf = (s: string) => catalogOf.get(s) ?? [];
const sizeOf = (s: string) => idsOf(s).length;
const largest = specialties.reduce((a, b) => (sizeOf(b) > sizeOf(a) ? b : a));
const WINDOW = L.dates.value;
const windowDays = Math.round((Date.parse(WINDOW.to) - Date.parse(WINDOW.from)) / 86_400_000);

let store: Store;
beforeAll(async () => {
  store = await memoryStore();
}, STORE_START_MS);
afterAll(() => store.close());

// ── valid inputs, up to the limits ───────────────────────────────────────────
const dateIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((d) => addDays(from, d));
const anyDate = dateIn(WINDOW.from, windowDays);
/** Text of up to `max` UTF-16 units in any script: what a person types, so never NUL or a lone surrogate. */
const text = (max: number) =>
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: max })
    .filter((s) => s.length <= max && isPlainText(s));
const specialty = fc.oneof(fc.constant(largest), fc.constantFrom(...specialties));
/** Specialties with programs in the catalog (program lists need at least one). */
const withPrograms = fc.oneof(
  fc.constant(largest),
  fc.constantFrom(...specialties.filter((s) => sizeOf(s) > 0)),
);

const profileArb = (step2: "any" | "not-taken") =>
  fc
    .record({
      applicantType: fc.constantFrom(...APPLICANT_TYPES),
      visa: fc.constantFrom(...VISA_NEEDS),
      graduationYear: fc.integer(L.profile.graduationYear.value),
      score: step2 === "not-taken" ? fc.constant(null) : fc.option(fc.integer(scale), { nil: null }),
      matchYear: fc.option(fc.integer({ min: 2026, max: Number(WINDOW.to.slice(0, 4)) }), { nil: undefined }),
      items: fc.integer({ min: 0, max: L.profile.count.value.max }),
      months: fc.double({ min: 0, max: L.profile.months.value.max, noNaN: true }),
      states: fc.array(fc.stringMatching(/^[A-Z]{2}$/), { maxLength: L.profile.states.value.maxItems }),
      regions: fc.array(text(L.profile.regions.value.maxLength), {
        maxLength: L.profile.regions.value.maxItems,
      }),
      budgetUsd: fc.integer({ min: 0, max: L.profile.budgetUsd.value.max }),
    })
    .map((g) => ({
      applicantType: g.applicantType,
      graduationYear: g.graduationYear,
      visa: g.visa,
      step1: { outcome: "pass", attempts: 1 },
      step2ck: { score: g.score, attempts: g.score === null ? 0 : 1 },
      usce: { handsOnMonths: g.months, observershipMonths: 0, specialtyMonths: 0 },
      research: { items: g.items, specialtyItems: 0, firstAuthor: 0, presentations: 0 },
      letters: { total: 3, specialty: 1, us: 1 },
      ties: { states: g.states.slice(0, 3) },
      preferences: { states: g.states, regions: g.regions, budgetUsd: g.budgetUsd },
      ...(g.matchYear !== undefined ? { targetMatchYear: g.matchYear } : {}),
    }));

const uwsaForms = Object.keys(rb.study.forecast.kinds.uwsa.forms).map(Number);
const entry = (asOf: string) =>
  fc
    .record({
      back: fc.integer({ min: 0, max: 400 }),
      kind: fc.constantFrom(...PRACTICE_KINDS),
      nbme: fc.integer({ min: 1, max: L.practiceLog.form.value.maxNumber }),
      uwsa: fc.constantFrom(...uwsaForms),
      name: text(L.practiceLog.form.value.maxLength),
      score: fc.integer(scale),
    })
    .map((e) => {
      const back = addDays(asOf, -e.back);
      return {
        date: back < WINDOW.from ? WINDOW.from : back,
        kind: e.kind,
        form: e.kind === "nbme" ? e.nbme : e.kind === "uwsa" ? e.uwsa : e.kind === "other" ? e.name : null,
        score: e.score,
      };
    });
const logArb = (asOf: string) =>
  fc.oneof(
    fc.array(entry(asOf), { minLength: 1, maxLength: 8 }),
    fc.array(entry(asOf), {
      minLength: L.practiceLog.entries.value.max,
      maxLength: L.practiceLog.entries.value.max,
    }),
  );

/** A list of the specialty's programs: a few, or the whole catalog of the specialty. */
const programList = (s: string) =>
  fc.oneof(
    fc.shuffledSubarray(idsOf(s), { minLength: 1, maxLength: Math.min(40, sizeOf(s)) }),
    fc.constant(idsOf(s)),
  );

interface Req {
  route: Route;
  method: string;
  path: string;
  body?: unknown;
  /** Work units of the answer (an answer's own count, or what the request made the route weigh). */
  units: (answer: unknown, text: string) => number;
}
const post = (route: Route, path: string, body: unknown, units: Req["units"]): Req => ({
  route,
  method: "POST",
  path,
  body,
  units,
});
// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, field by field.
type Answer = any;

const studyArb = fc
  .record({ asOf: anyDate, specialty, profile: profileArb("not-taken") })
  .chain(({ asOf, specialty, profile }) =>
    fc.record({
      asOf: fc.constant(asOf),
      specialty: fc.constant(specialty),
      profile: fc.constant(profile),
      examIn: fc.option(fc.integer({ min: 1, max: L.study.weeks.value.max * 7 * 2 }), { nil: undefined }),
      baseline: fc.option(fc.integer(scale), { nil: undefined }),
      target: fc.option(fc.integer(scale), { nil: undefined }),
      mode: fc.constantFrom("full-time", "part-time"),
      hoursPerDay: fc.oneof(
        fc.constant(L.study.hoursPerDay.value.min),
        fc.double({ ...L.study.hoursPerDay.value, noNaN: true }),
      ),
      daysOff: fc.subarray([...WEEKDAYS], { maxLength: L.study.daysOff.value.max }),
      diagnoses: fc.subarray(Object.keys(rb.study.plan.diagnoses)),
      weakSystems: fc.array(text(L.study.weakSystems.value.maxLength), {
        maxLength: L.study.weakSystems.value.maxItems,
      }),
      busy: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: 500 }),
          days: fc.integer({ min: 0, max: 60 }),
          label: text(L.study.busy.value.maxLabelLength),
        }),
        { maxLength: L.study.busy.value.maxItems },
      ),
      ics: fc.boolean(),
    }),
  )
  .map((g): Req => {
    const clamp = (d: string) => (d > WINDOW.to ? WINDOW.to : d);
    const examDate = g.examIn === undefined ? undefined : clamp(addDays(g.asOf, g.examIn));
    const body = {
      profile: g.profile,
      specialty: g.specialty,
      asOf: g.asOf,
      ...(examDate && examDate > g.asOf ? { examDate } : {}),
      ...(g.baseline !== undefined ? { baseline: g.baseline } : {}),
      ...(g.target !== undefined ? { target: g.target } : {}),
      mode: g.mode,
      hoursPerDay: g.hoursPerDay,
      daysOff: g.daysOff,
      diagnoses: g.diagnoses,
      weakSystems: g.weakSystems,
      busy: g.busy.map((b) => ({
        start: clamp(addDays(g.asOf, b.from)),
        end: clamp(addDays(g.asOf, b.from + b.days)),
        label: b.label,
      })),
    };
    return post(
      "POST /api/v1/study/plan",
      `/api/v1/study/plan${g.ics ? "?format=ics" : ""}`,
      body,
      (a: Answer, t) => (g.ics ? t.split("BEGIN:VEVENT").length - 1 : a.days.length),
    );
  });

const requestArb: fc.Arbitrary<Req> = fc.oneof(
  profileArb("any").map((profile) =>
    post("POST /api/v1/profile/validate", "/api/v1/profile/validate", { profile }, () => 1),
  ),
  fc
    .record({ profile: profileArb("any"), specialty, asOf: anyDate })
    .map((b) => post("POST /api/v1/assess", "/api/v1/assess", b, () => 1)),
  fc
    .record({
      profile: profileArb("any"),
      specialty,
      asOf: anyDate,
      parallel: fc.option(specialty, { nil: null }),
      budgetUsd: fc.option(fc.integer({ min: 0, max: L.profile.budgetUsd.value.max }), { nil: null }),
      signals: fc.constantFrom("auto", "none"),
      anywhere: fc.boolean(),
    })
    .map(({ parallel, ...b }) =>
      post(
        "POST /api/v1/programs/plan",
        "/api/v1/programs/plan",
        { ...b, parallelSpecialty: parallel },
        () => sizeOf(b.specialty) + (parallel ? sizeOf(parallel) : 0),
      ),
    ),
  fc.record({ profile: profileArb("any"), specialty: withPrograms, asOf: anyDate }).chain((b) =>
    programList(b.specialty).chain((programIds) => {
      // As many scores as the sweep limit allows for this list, up to the whole scale.
      const most = Math.min(
        scale.max - scale.min + 1,
        Math.floor(L.whatIf.evaluations.value.max / programIds.length),
      );
      return fc
        .record({
          count: fc.oneof(fc.constant(most), fc.integer({ min: 1, max: most })),
          from: fc.integer(scale),
          asList: fc.boolean(),
        })
        .map(({ count, from, asList }) => {
          const start = Math.min(from, scale.max - count + 1);
          const sweep = asList
            ? { scores: Array.from({ length: count }, (_, i) => start + i) }
            : { range: { from: start, to: start + count - 1 } };
          return post(
            "POST /api/v1/programs/what-if",
            "/api/v1/programs/what-if",
            { ...b, programIds, ...sweep },
            (a: Answer) => a.programs * Math.max(1, a.points.length),
          );
        });
    }),
  ),
  fc
    .record({
      profile: profileArb("any"),
      specialty: withPrograms,
      asOf: anyDate,
      signals: fc.constantFrom("auto", "none"),
    })
    .chain((b) =>
      programList(b.specialty).map((programIds) =>
        post(
          "POST /api/v1/programs/evaluate",
          "/api/v1/programs/evaluate",
          { ...b, programIds },
          (a: Answer) => a.programs,
        ),
      ),
    ),
  fc.record({ specialty, visa: fc.option(fc.constantFrom("j1", "h1b"), { nil: undefined }) }).map(
    ({ specialty, visa }): Req => ({
      route: "GET /api/v1/programs/search",
      method: "GET",
      path: `/api/v1/programs/search?specialty=${specialty}${visa ? `&visa=${visa}` : ""}`,
      units: (a: Answer) => a.count,
    }),
  ),
  fc.constant<Req>({
    route: "GET /api/v1/specialties",
    method: "GET",
    path: "/api/v1/specialties",
    units: (a: Answer) => a.specialties.length,
  }),
  { weight: 3, arbitrary: studyArb },
  anyDate.chain((asOf) =>
    fc
      .record({
        log: logArb(asOf),
        target: fc.integer(scale),
        examIn: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      })
      .map(({ log, target, examIn }) => {
        const examDate = examIn === undefined ? undefined : addDays(asOf, examIn);
        return post(
          "POST /api/v1/study/forecast",
          "/api/v1/study/forecast",
          { log, target, asOf, ...(examDate && examDate <= WINDOW.to ? { examDate } : {}) },
          (a: Answer) => a.readings.length,
        );
      }),
  ),
  fc
    .record({ profile: profileArb("any"), specialty, asOf: anyDate, ics: fc.boolean() })
    .map(({ ics, ...b }) =>
      post("POST /api/v1/timeline", `/api/v1/timeline${ics ? "?format=ics" : ""}`, b, () => 1),
    ),
  anyDate.chain((asOf) =>
    fc
      .record({
        profile: profileArb("any"),
        specialty,
        log: fc.option(logArb(asOf), { nil: undefined }),
        budgetUsd: fc.option(fc.integer({ min: 0, max: L.profile.budgetUsd.value.max }), { nil: null }),
        format: fc.constantFrom("json", "md", "html"),
      })
      .map(({ format, ...b }) =>
        post(
          "POST /api/v1/report",
          `/api/v1/report?format=${format}`,
          { ...b, asOf },
          () => sizeOf(b.specialty) + (b.log?.length ?? 0),
        ),
      ),
  ),
  { weight: 2, arbitrary: savedPlanArb() },
);

/** A saved plan: created, then read and updated (each answer measured). */
function savedPlanArb(): fc.Arbitrary<Req> {
  const today = "2026-06-01";
  const all = data.catalog.programs.map((p) => p.id);
  return fc
    .record({
      profile: profileArb("any"),
      specialty,
      log: fc.option(logArb(today), { nil: undefined }),
      // Up to as many programs as a request body holds (256 KiB).
      programs: fc.oneof(
        fc.shuffledSubarray(all, { maxLength: 30 }),
        fc.shuffledSubarray(all, { minLength: PROGRAMS_IN_A_BODY, maxLength: PROGRAMS_IN_A_BODY }),
      ),
      status: fc.constantFrom(...APPLICATION_STATUSES),
    })
    .map((g) =>
      post(
        "POST /api/v1/plans",
        "/api/v1/plans",
        {
          profile: g.profile,
          specialty: g.specialty,
          practiceLog: g.log ?? [],
          programs: g.programs.map((programId) => ({ programId, status: g.status })),
        },
        (a: Answer) => a.programs.length + a.practiceLog.length,
      ),
    );
}

describe("the cost of valid requests", () => {
  it(`${RUNS.toLocaleString("en-US")} valid requests, up to every input limit, each within its route's budget`, async () => {
    const { app } = testApp({ store });
    const over: string[] = [];
    const served = new Map<Route, { requests: number; ok: number; maxUnits: number; maxBytes: number }>();
    let slowestMs = 0;
    const measure = async (req: Req) => {
      const started = performance.now();
      const res = await app.request(req.path, {
        method: req.method,
        ...(req.body !== undefined
          ? { body: JSON.stringify(req.body), headers: { "content-type": "application/json" } }
          : {}),
      });
      const text = await res.text();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      const bytes = Buffer.byteLength(text);
      const budget = budgets[req.route];
      const seen = served.get(req.route) ?? { requests: 0, ok: 0, maxUnits: 0, maxBytes: 0 };
      seen.requests++;
      seen.maxBytes = Math.max(seen.maxBytes, bytes);
      served.set(req.route, seen);
      if (res.status >= 500) over.push(`${req.route}: ${res.status}`);
      if (bytes > budget.maxResponseBytes)
        over.push(`${req.route}: ${bytes} bytes > ${budget.maxResponseBytes}`);
      if (res.status >= 300) {
        if (process.env.FUZZ_DEBUG) console.log("refused", req.route, res.status, text.slice(0, 300));
        return { res, text };
      }
      seen.ok++;
      const units = req.units(
        res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null,
        text,
      );
      seen.maxUnits = Math.max(seen.maxUnits, units);
      if (units > budget.maxWorkUnits)
        over.push(`${req.route}: ${units} ${budget.unit} > ${budget.maxWorkUnits}`);
      return { res, text };
    };

    await fc.assert(
      fc.asyncProperty(requestArb, async (req) => {
        const { res, text } = await measure(req);
        const answer = res.status < 300 && text.startsWith("{") ? JSON.parse(text) : null;
        // A part-time day too short for the longest plan is refused with the fewest hours that fit:
        // plan with those, the largest calendar a request can get.
        if (req.route === "POST /api/v1/study/plan" && res.status === 422) {
          const fewest = /at least ([\d.]+) h a day/.exec(text)?.[1];
          if (fewest)
            await measure({ ...req, body: { ...(req.body as object), hoursPerDay: Number(fewest) } });
        }
        if (req.route === "POST /api/v1/plans" && res.status === 201) {
          const plan = answer as { id: string; version: number };
          await measure({
            ...req,
            route: "GET /api/v1/plans/{id}",
            method: "GET",
            path: `/api/v1/plans/${plan.id}`,
            body: undefined,
          });
          await measure({
            ...req,
            route: "PUT /api/v1/plans/{id}",
            method: "PUT",
            path: `/api/v1/plans/${plan.id}`,
            body: { ...(req.body as object), version: plan.version },
          });
        }
      }),
      { numRuns: RUNS, seed: 11 },
    );
    const summary = Object.fromEntries([...served].sort());
    console.log(`cost fuzz: slowest ${Math.round(slowestMs)} ms; per route ${JSON.stringify(summary)}`);
    expect(over).toEqual([]);
    expect(slowestMs).toBeLessThan(HANG_MS);
    // The fuzz reaches every route (at the default size) and most valid requests are answered, not refused.
    if (RUNS >= 500)
      for (const route of Object.keys(budgets))
        expect(served.get(route as Route)?.ok ?? 0, route).toBeGreaterThan(0);
    const all = [...served.values()].reduce(
      (s, r) => ({ requests: s.requests + r.requests, ok: s.ok + r.ok }),
      {
        requests: 0,
        ok: 0,
      },
    );
    expect(all.ok / all.requests).toBeGreaterThan(0.8);
  }, 900_000);
});

describe("the budgets as documented", () => {
  it("docs/api.md lists every route's budget and the date window the code has", () => {
    const doc = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
    const table = doc.slice(doc.indexOf("**Route budgets.**"), doc.indexOf("## Errors"));
    const kib = (bytes: number) =>
      bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
    for (const [route, b] of Object.entries(budgets)) {
      expect(table, route).toContain(
        `| ${b.maxWorkUnits.toLocaleString("en-US")} | ${kib(b.maxResponseBytes)} |`,
      );
    }
    expect(doc).toContain(`${WINDOW.from} to ${WINDOW.to}`);
    expect(doc).toContain(`programs × scores ≤ ${L.whatIf.evaluations.value.max.toLocaleString("en-US")}`);
  });
});
