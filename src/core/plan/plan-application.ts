import type { Assessment } from "../assess/types.ts";
import { planBackups } from "../backup/plan-backups.ts";
import { seasonCost } from "../cycle/season-cost.ts";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { buildNarrative } from "../narrative/build-narrative.ts";
import { type ProgramPlan, planProgramList } from "../programs/plan-program-list.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { type CatalogInput, listSources, sourceRefs } from "../sources/index.ts";
import { buildTimeline } from "../timeline/build-timeline.ts";
import { assessApplication } from "./assess-application.ts";
import { planForecast } from "./plan-forecast.ts";
import {
  PLAN_PARTS,
  PLAN_VERSION,
  type Plan,
  type PlanPart,
  type PlanRequest,
  type Step2ckDistribution,
} from "./types.ts";

/**
 * The whole plan for one applicant and specialty as of a date — the only way a plan is made.
 *
 * Spec. Problem: every surface (the CLI, the API, the report in each format, the batch, the page)
 * shows parts of one strategy, and must never show two answers to one question. So every
 * decision is taken here, once, and the surfaces render what this returns. Steps: (1) assess and
 * choose the Match year (`assessApplication`: one assessment, one year, the Step 2 CK plan that
 * decides it); (2) the forecast from a practice log (`planForecast`); (3) the program list, with
 * that assessment; (4) the timeline, with that year and study plan; (5) the narrative and (6) the
 * backups, from that assessment and list; (7) the sources section, by walking the finished plan
 * for every `sources` entry, so whatever carries a source is listed. A part that cannot be made is
 * null with its reason in `issues`. Complexity: one assessment (two when the year moves), one
 * study plan while the exam is ahead, one list optimisation (two with a backup list). Pure: no
 * IO, no clock.
 */
export function planApplication(rb: Rulebook, data: ProgramData | null, req: PlanRequest): Result<Plan> {
  const parts = new Set<PlanPart>(req.parts ?? PLAN_PARTS);
  if (parts.has("backups")) parts.add("list");
  // A caller without the program catalog (the CLI's `timeline`, which never loads it) asks for no list.
  if (!data && parts.has("list"))
    throw new Error("planApplication: the list and backups need the program data");
  const basis = assessApplication(rb, req);
  if (!basis.ok) return basis;
  const { assessment: a, matchYear, examAhead, study } = basis.value;
  // The profile as planned: its Match year is the one chosen above, so everything read from the
  // profile after this (years since graduation in the odds, the held list's figures, the season's
  // plan-time figure) counts to the same year as the plan, not to the next open Match of `asOf`.
  const profile =
    req.profile.targetMatchYear === matchYear.matchYear
      ? req.profile
      : { ...req.profile, targetMatchYear: matchYear.matchYear };
  const budgetUsd = req.budgetUsd === undefined ? (profile.preferences?.budgetUsd ?? null) : req.budgetUsd;
  const issues: Issue[] = [];

  // ── Step 2 CK ──
  const studyPlan = study?.ok ? study.value : null;
  const stepNotes = study && !study.ok ? study.issues.map((i) => i.message) : [];
  if (study === null)
    stepNotes.unshift(
      `Step 2 CK is in: ${a.step2ck.score}${a.step2ck.target ? ` against a target of ${targetText(a)} (${a.step2ck.target.ruleId})` : ""}.`,
    );

  // ── the forecast ──
  const forecast = planForecast(
    rb,
    {
      asOf: req.asOf,
      assessment: a,
      matchYear,
      step2ck: { ahead: examAhead, study: studyPlan },
      inputs: { profile: profile },
    },
    req.log,
  );
  if (forecast && !forecast.ok) issues.push(...forecast.issues);

  // ── the program list ──
  let list: ProgramPlan | null = null;
  if (data && parts.has("list")) {
    const pr = planProgramList(rb, data, {
      ...req.list,
      profile: profile,
      specialty: a.specialty,
      asOf: req.asOf,
      budgetUsd,
      assessment: a,
      // An exam still to come: P(match)'s range carries the forecast's spread of the score.
      step2ckForecast: forecast?.ok ? { sd: forecast.value.forecast.sd } : null,
    });
    if (pr.ok) list = pr.value;
    else issues.push(...pr.issues.map((i) => ({ ...i, path: `list.${i.path}` })));
  }

  // ── the timeline ──
  const timeline = parts.has("timeline")
    ? buildTimeline(rb, {
        assessment: a,
        asOf: req.asOf,
        profile: profile,
        studyPlan,
        examAhead,
        year: matchYear,
        ...(req.applied ? { applied: true } : {}),
      })
    : null;
  if (timeline) issues.push(...timeline.issues);

  const backups =
    data && parts.has("backups")
      ? planBackups(rb, data, {
          profile: profile,
          assessment: a,
          mainPlan: list,
          asOf: req.asOf,
          budgetUsd,
        })
      : null;

  const plan: Plan = {
    version: PLAN_VERSION,
    asOf: req.asOf,
    specialty: { id: a.specialty, name: a.specialtyName },
    inputs: {
      profile: profile,
      budgetUsd,
      applied: req.applied ?? false,
      practiceLog: req.log && req.log.length > 0 ? req.log : null,
    },
    matchYear,
    assessment: a,
    step2ck: {
      status: studyPlan ? "planned" : study === null ? "in-hand" : "no-plan",
      ahead: examAhead,
      study: studyPlan,
      issues: study && !study.ok ? study.issues : [],
      notes: stepNotes,
      distribution: step2ckDistribution(rb, a.specialty, profile.applicantType),
    },
    forecast: forecast?.ok ? forecast.value : null,
    list,
    cost: list
      ? seasonCost(
          rb,
          list.season,
          [...list.fees, ...(backups?.parallel?.fees ?? [])],
          profile.preferences?.currency,
        )
      : null,
    timeline,
    narrative: parts.has("narrative") ? buildNarrative(rb, profile, a) : null,
    backups,
    notes: matchYear.reason ? [matchYear.reason] : [],
    sources: [],
    issues,
    parts: PLAN_PARTS.filter((p) => parts.has(p)),
  };

  // ── the sources: everything the plan cites, found by walking it ──
  if (parts.has("sources")) {
    const { listings, unknown } = listSources(rb, sourceRefs(plan), data ? catalogInputs(data) : []);
    if (unknown.length > 0)
      return fail([
        {
          code: "unknown_source",
          path: "sources",
          message: `the plan cites sources missing from data/sources.yaml: ${unknown.join(", ")}`,
        },
      ]);
    plan.sources = listings;
  }
  return ok(plan);
}

function targetText(a: Assessment): string {
  const t = a.step2ck.target;
  if (!t) return "";
  return t.max === null ? `${t.min}+` : `${t.min}–${t.max}`;
}

/**
 * The specialty's published Step 2 CK distribution for the applicant's own kind, or null where
 * none is on record: non-US IMGs from Charting Outcomes for non-US IMGs (quartiles, means and SDs),
 * US MD seniors from the US MD edition (matched quartiles and the unmatched median only, with no
 * match rate carried). No other kind's figures stand in: a US MD's score against non-US IMGs'
 * medians, or a DO's against US MD seniors', would read as a standing it is not.
 */
export function step2ckDistribution(
  rb: Rulebook,
  specialty: string,
  applicantType: string,
): Step2ckDistribution | null {
  const co = rb.chartingOutcomes;
  const charted = applicantType === co.applicantType ? co.specialties[specialty] : undefined;
  if (charted)
    return {
      specialtyName: charted.name,
      applicantType: co.applicantType,
      matchYear: co.matchYear,
      matchRate: charted.matchRate,
      matched: charted.step2ck.matched,
      notMatched: charted.step2ck.notMatched,
      sources: [co.source],
    };
  const md = rb.outcomes.usMd2026;
  const row = applicantType === md.applicantType ? md.specialties[specialty] : undefined;
  if (row)
    return {
      specialtyName: row.name,
      applicantType: md.applicantType,
      matchYear: md.matchYear,
      matchRate: null,
      matched: { ...row.matched, mean: null, sd: null },
      notMatched: {
        n: row.notMatched.n,
        q1: null,
        median: row.notMatched.median,
        q3: null,
        mean: null,
        sd: null,
      },
      sources: [md.source],
    };
  return null;
}

function catalogInputs(data: ProgramData): CatalogInput[] {
  return data.catalog.metadata.inputs.map((i) => ({
    source: i.source,
    title: i.title,
    publisher: i.publisher,
    vintage: i.vintage,
    terms: i.terms,
    ...(i.url ? { url: i.url } : {}),
  }));
}
