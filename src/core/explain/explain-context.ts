import type { Assessment, Cited, Flag, ScreeningResult } from "../assess/types.ts";
import type { Report } from "../report/types.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";

/** What an assessment concluded, in its own words, for a trace entry that carries only a code or a rule id. */
export interface Finding {
  /** "Red flag", "What compensates", "Recommendation", "Screening", "Step 3", "Pathway", "Programs to apply to". */
  kind: string;
  message: string;
}

/**
 * What `explainBecause` may know besides the entry itself. Every field is optional: without
 * them the sentence is plainer ("Step 2 CK in the 230–239 band") but never raw data.
 */
export interface ExplainContext {
  /** The specialty the trace is about, e.g. "Diagnostic Radiology". */
  specialtyName?: string;
  /** The applicant's Step 2 CK score, or null when not taken. */
  step2ck?: number | null;
  /** A specialty id's display name (backup lists, parallel lists). */
  specialtyNames?: ReadonlyMap<string, string>;
  /** What each rule concluded, by rule id: the flag's message, the screening verdict, the Step 3 advice… */
  findings?: ReadonlyMap<string, Finding>;
}

interface AssessedParts {
  redFlags: readonly Flag[];
  compensators: readonly Flag[];
  recommendations: readonly Flag[];
  screening: readonly ScreeningResult[];
  step3: (Cited & { message: string }) | null;
  pathway: (Cited & { message: string }) | null;
  applicationCount: (Cited & { min: number; max: number | null }) | null;
}

/** The findings of an assessment (or of a report's standing section, which holds the same parts), by rule id. */
export function findingsOf(s: AssessedParts): Map<string, Finding> {
  const out = new Map<string, Finding>();
  const put = (ruleId: string, f: Finding) => {
    if (!out.has(ruleId)) out.set(ruleId, f);
  };
  for (const f of s.redFlags) put(f.ruleId, { kind: "Red flag", message: f.message });
  for (const f of s.compensators) put(f.ruleId, { kind: "What compensates", message: f.message });
  for (const f of s.recommendations) put(f.ruleId, { kind: "Recommendation", message: f.message });
  for (const p of s.screening) put(p.ruleId, { kind: "Screening", message: p.message });
  if (s.step3) put(s.step3.ruleId, { kind: "Step 3", message: s.step3.message });
  if (s.pathway) put(s.pathway.ruleId, { kind: "Pathway", message: s.pathway.message });
  if (s.applicationCount) put(s.applicationCount.ruleId, countFinding(s.applicationCount));
  return out;
}

function countFinding(c: { min: number; max: number | null }): Finding {
  return {
    kind: "Programs to apply to",
    message: `the guides advise ${c.max === null ? `${c.min} or more` : `${c.min}–${c.max}`} programs`,
  };
}

const FLAG_KINDS: Record<string, string> = {
  "red-flag": "Red flag",
  compensator: "What compensates",
  recommendation: "Recommendation",
  "step3-advice": "Step 3",
  "pathway-advice": "Pathway",
};

const byRulebook = new WeakMap<Rulebook, ExplainContext>();

/**
 * What the rulebook alone tells about any trace: specialty names, and each rule's own message
 * (a flag's, the Step 3 advice, a pathway's, a program count). Screening verdicts depend on the
 * applicant, so they come only from an assessment. Built once per rulebook.
 */
export function rulebookExplainContext(rb: Rulebook): ExplainContext {
  const known = byRulebook.get(rb);
  if (known) return known;
  const findings = new Map<string, Finding>();
  for (const r of rb.rules) {
    const kind = FLAG_KINDS[r.kind];
    if (kind && "message" in r) findings.set(r.id, { kind, message: r.message });
    else if (r.kind === "application-count") findings.set(r.id, countFinding(r));
  }
  const ctx: ExplainContext = { specialtyNames: specialtyNamesOf(rb), findings };
  byRulebook.set(rb, ctx);
  return ctx;
}

/** `extra` over `base`: its fields win, and its findings are added to (and override) the base's. */
export function withExplainContext(base: ExplainContext, extra: ExplainContext): ExplainContext {
  const findings = new Map([...(base.findings ?? []), ...(extra.findings ?? [])]);
  return { ...base, ...extra, findings };
}

/** Specialty id → name, from the rulebook. */
export function specialtyNamesOf(rb: Rulebook): Map<string, string> {
  return new Map([...rb.specialties.values()].map((s) => [s.id, s.name]));
}

/** The context for explaining the traces that follow from one assessment (its own, the list's, the plan's). */
export function assessmentExplainContext(a: Assessment, rb?: Rulebook): ExplainContext {
  const own: ExplainContext = {
    specialtyName: a.specialtyName,
    step2ck: a.step2ck.score,
    findings: findingsOf(a),
  };
  return rb ? withExplainContext(rulebookExplainContext(rb), own) : own;
}

/** The context for a report's traces: the names come from the report itself (the specialty, the backup candidates). */
export function reportExplainContext(r: Report): ExplainContext {
  return {
    specialtyName: r.specialty.name,
    step2ck: r.applicant.step2ck,
    findings: findingsOf(r.standing),
    specialtyNames: new Map([
      [r.specialty.id, r.specialty.name],
      ...r.backups.candidates.map((c): [string, string] => [c.specialty, c.name]),
    ]),
  };
}
