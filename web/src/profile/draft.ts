import type { Issue, Profile } from "../../../src/core/index.ts";

/**
 * The profile form as typed: every field a string (or a flag), so a half-typed number is kept
 * as typed and the core's validator — the same one the API uses — says what is wrong with it.
 * `toProfileInput` builds the JSON the schema reads; `fromProfile` fills the form from a profile.
 */
export interface ProfileDraft {
  applicantType: string;
  graduationYear: string;
  visa: string;
  citizenship: string;
  applyingFrom: string;
  step1Outcome: string;
  step1Score: string;
  step1Attempts: string;
  step2Score: string;
  step2Attempts: string;
  step2Planned: string;
  step3Score: string;
  step3Attempts: string;
  comlexScore: string;
  comlexAttempts: string;
  handsOnMonths: string;
  observershipMonths: string;
  specialtyMonths: string;
  researchItems: string;
  researchSpecialty: string;
  firstAuthor: string;
  presentations: string;
  lettersTotal: string;
  lettersSpecialty: string;
  lettersUs: string;
  homeProgram: boolean;
  tieStates: string;
  prefStates: string;
  regions: string[];
  budgetUsd: string;
  currencyCode: string;
  currencyRate: string;
  targetMatchYear: string;
  /** A US MD, DO or US IMG who is not a citizen or permanent resident: the visa question applies. */
  needsVisa: boolean;
  /** Step 1 was scored with a number (taken before pass/fail): the score field applies. */
  step1Numeric: boolean;
}

export type DraftKey = keyof ProfileDraft;

/** Which profile path each form field fills, so a validation issue lands beside its input. */
export const FIELD_PATHS: Record<DraftKey, string> = {
  applicantType: "applicantType",
  graduationYear: "graduationYear",
  visa: "visa",
  citizenship: "citizenship",
  applyingFrom: "applyingFrom",
  step1Outcome: "step1.outcome",
  step1Score: "step1.score",
  step1Attempts: "step1.attempts",
  step2Score: "step2ck.score",
  step2Attempts: "step2ck.attempts",
  step2Planned: "step2ck.plannedDate",
  step3Score: "step3.score",
  step3Attempts: "step3.attempts",
  comlexScore: "comlex2ce.score",
  comlexAttempts: "comlex2ce.attempts",
  handsOnMonths: "usce.handsOnMonths",
  observershipMonths: "usce.observershipMonths",
  specialtyMonths: "usce.specialtyMonths",
  researchItems: "research.items",
  researchSpecialty: "research.specialtyItems",
  firstAuthor: "research.firstAuthor",
  presentations: "research.presentations",
  lettersTotal: "letters.total",
  lettersSpecialty: "letters.specialty",
  lettersUs: "letters.us",
  homeProgram: "homeProgram",
  tieStates: "ties.states",
  prefStates: "preferences.states",
  regions: "preferences.regions",
  budgetUsd: "preferences.budgetUsd",
  currencyCode: "preferences.currency.code",
  currencyRate: "preferences.currency.perUsd",
  targetMatchYear: "targetMatchYear",
  needsVisa: "visa",
  step1Numeric: "step1.score",
};

export const EMPTY_DRAFT: ProfileDraft = {
  applicantType: "",
  graduationYear: "",
  visa: "",
  citizenship: "",
  applyingFrom: "",
  step1Outcome: "",
  step1Score: "",
  step1Attempts: "",
  step2Score: "",
  step2Attempts: "",
  step2Planned: "",
  step3Score: "",
  step3Attempts: "",
  comlexScore: "",
  comlexAttempts: "",
  handsOnMonths: "",
  observershipMonths: "",
  specialtyMonths: "",
  researchItems: "",
  researchSpecialty: "",
  firstAuthor: "",
  presentations: "",
  lettersTotal: "",
  lettersSpecialty: "",
  lettersUs: "",
  homeProgram: false,
  tieStates: "",
  prefStates: "",
  regions: [],
  budgetUsd: "",
  currencyCode: "",
  currencyRate: "",
  targetMatchYear: "",
  needsVisa: false,
  step1Numeric: false,
};

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A typed number becomes a number; anything else stays text, so the validator names the problem. */
function value(s: string): number | string {
  const t = s.trim();
  return NUMERIC.test(t) ? Number(t) : t;
}

function states(s: string): string[] {
  return s
    .split(/[\s,;]+/)
    .map((x) => x.trim().toUpperCase())
    .filter((x) => x.length > 0);
}

/** Sets `obj[key]` only when the field was filled in. */
function put(obj: Record<string, unknown>, key: string, s: string): void {
  if (s.trim() !== "") obj[key] = value(s);
}

function group(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Applicant types that may need a visa without saying so: the question is asked outright. */
const ALWAYS_ASK_VISA = new Set(["non-us-img"]);

/**
 * Which fields apply to this applicant: no COMLEX for those who are not DOs, no Step 1 score for a
 * pass/fail result, the visa only for those who may need one, the planned exam date only while
 * Step 2 CK is not scored. A field that does not apply is neither shown nor sent.
 */
export function applies(d: ProfileDraft, key: DraftKey): boolean {
  switch (key) {
    case "comlexScore":
    case "comlexAttempts":
      return d.applicantType === "do";
    case "step1Numeric":
      return d.step1Outcome === "pass";
    case "step1Score":
      return d.step1Outcome === "pass" && d.step1Numeric;
    case "step1Attempts":
      return d.step1Outcome !== "not-taken";
    case "needsVisa":
      return d.applicantType !== "" && !ALWAYS_ASK_VISA.has(d.applicantType);
    case "visa":
      return ALWAYS_ASK_VISA.has(d.applicantType) || (d.applicantType !== "" && d.needsVisa);
    // Where one holds citizenship and applies from matter for visas and entry only.
    case "citizenship":
    case "applyingFrom":
      return applies(d, "visa");
    case "step2Planned":
      return d.step2Score.trim() === "";
    default:
      return true;
  }
}

/** The draft with every field that does not apply emptied (the typed text stays in the form's state). */
function applicable(d: ProfileDraft): ProfileDraft {
  const out = { ...d };
  for (const k of Object.keys(d) as DraftKey[]) {
    if (applies(d, k)) continue;
    const v = d[k];
    (out as Record<string, unknown>)[k] = typeof v === "boolean" ? false : Array.isArray(v) ? [] : "";
  }
  // Someone who is not asked needs no visa.
  if (d.applicantType !== "" && !applies(d, "visa")) out.visa = "none-needed";
  return out;
}

/** The JSON the profile schema validates. Empty optional fields are left out; an empty Step 2 CK score is null (not taken). */
export function toProfileInput(draft: ProfileDraft): Record<string, unknown> {
  const d = applicable(draft);
  const out: Record<string, unknown> = {};
  if (d.applicantType) out.applicantType = d.applicantType;
  put(out, "graduationYear", d.graduationYear);
  if (d.visa) out.visa = d.visa;
  if (d.citizenship.trim() !== "") out.citizenship = d.citizenship.trim().toUpperCase();
  if (d.applyingFrom) out.applyingFrom = d.applyingFrom;

  const step1: Record<string, unknown> = {};
  if (d.step1Outcome) step1.outcome = d.step1Outcome;
  put(step1, "score", d.step1Score);
  put(step1, "attempts", d.step1Attempts);
  out.step1 = step1;

  const step2: Record<string, unknown> = { score: d.step2Score.trim() === "" ? null : value(d.step2Score) };
  put(step2, "attempts", d.step2Attempts);
  if (d.step2Planned.trim() !== "") step2.plannedDate = d.step2Planned.trim();
  out.step2ck = step2;

  if (d.step3Score.trim() !== "" || d.step3Attempts.trim() !== "") {
    const s3: Record<string, unknown> = { score: d.step3Score.trim() === "" ? null : value(d.step3Score) };
    put(s3, "attempts", d.step3Attempts);
    out.step3 = s3;
  }
  if (d.comlexScore.trim() !== "" || d.comlexAttempts.trim() !== "") {
    const c: Record<string, unknown> = { score: d.comlexScore.trim() === "" ? null : value(d.comlexScore) };
    put(c, "attempts", d.comlexAttempts);
    out.comlex2ce = c;
  }

  const usce: Record<string, unknown> = {};
  put(usce, "handsOnMonths", d.handsOnMonths);
  put(usce, "observershipMonths", d.observershipMonths);
  put(usce, "specialtyMonths", d.specialtyMonths);
  const research: Record<string, unknown> = {};
  put(research, "items", d.researchItems);
  put(research, "specialtyItems", d.researchSpecialty);
  put(research, "firstAuthor", d.firstAuthor);
  put(research, "presentations", d.presentations);
  const letters: Record<string, unknown> = {};
  put(letters, "total", d.lettersTotal);
  put(letters, "specialty", d.lettersSpecialty);
  put(letters, "us", d.lettersUs);
  for (const [k, v] of [
    ["usce", group(usce)],
    ["research", group(research)],
    ["letters", group(letters)],
  ] as const)
    if (v) out[k] = v;

  out.homeProgram = d.homeProgram;
  const ties = states(d.tieStates);
  if (ties.length > 0) out.ties = { states: ties };
  const prefs: Record<string, unknown> = {};
  const pref = states(d.prefStates);
  if (pref.length > 0) prefs.states = pref;
  if (d.regions.length > 0) prefs.regions = [...d.regions];
  put(prefs, "budgetUsd", d.budgetUsd);
  if (d.currencyCode.trim() !== "" || d.currencyRate.trim() !== "")
    prefs.currency = { code: d.currencyCode.trim().toUpperCase(), perUsd: value(d.currencyRate) };
  const p = group(prefs);
  if (p) out.preferences = p;
  put(out, "targetMatchYear", d.targetMatchYear);
  return out;
}

const str = (v: number | null | undefined): string => (v === undefined || v === null ? "" : String(v));

export function fromProfile(p: Profile): ProfileDraft {
  return {
    applicantType: p.applicantType,
    graduationYear: str(p.graduationYear),
    visa: p.visa,
    citizenship: p.citizenship ?? "",
    applyingFrom: p.applyingFrom ?? "",
    step1Outcome: p.step1.outcome,
    step1Score: str(p.step1.score),
    step1Attempts: str(p.step1.attempts),
    step2Score: str(p.step2ck.score),
    step2Attempts: str(p.step2ck.attempts),
    step2Planned: p.step2ck.plannedDate ?? "",
    step3Score: str(p.step3?.score),
    step3Attempts: str(p.step3?.attempts),
    comlexScore: str(p.comlex2ce?.score),
    comlexAttempts: str(p.comlex2ce?.attempts),
    handsOnMonths: str(p.usce?.handsOnMonths),
    observershipMonths: str(p.usce?.observershipMonths),
    specialtyMonths: str(p.usce?.specialtyMonths),
    researchItems: str(p.research?.items),
    researchSpecialty: str(p.research?.specialtyItems),
    firstAuthor: str(p.research?.firstAuthor),
    presentations: str(p.research?.presentations),
    lettersTotal: str(p.letters?.total),
    lettersSpecialty: str(p.letters?.specialty),
    lettersUs: str(p.letters?.us),
    homeProgram: p.homeProgram ?? false,
    tieStates: (p.ties?.states ?? []).join(", "),
    prefStates: (p.preferences?.states ?? []).join(", "),
    regions: [...(p.preferences?.regions ?? [])],
    budgetUsd: str(p.preferences?.budgetUsd),
    currencyCode: p.preferences?.currency?.code ?? "",
    currencyRate: str(p.preferences?.currency?.perUsd),
    targetMatchYear: str(p.targetMatchYear),
    needsVisa: p.visa !== "none-needed",
    step1Numeric: p.step1.score !== undefined && p.step1.score !== null,
  };
}

/** The form field an issue's path belongs to (`step2ck.score` → the Step 2 CK score input). */
export function fieldOf(path: string): DraftKey | undefined {
  return (Object.entries(FIELD_PATHS) as Array<[DraftKey, string]>)
    .filter(([k]) => k !== "needsVisa" && k !== "step1Numeric")
    .find(([, p]) => path === p || path.startsWith(`${p}.`))?.[0];
}

/** Issues grouped by the form field they belong to; the rest (the root, say) under `other`. */
export function issuesByField(issues: readonly Issue[]): {
  byField: Partial<Record<DraftKey, Issue[]>>;
  other: Issue[];
} {
  const byField: Partial<Record<DraftKey, Issue[]>> = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const key = fieldOf(issue.path);
    if (!key) {
      other.push(issue);
      continue;
    }
    const list = byField[key] ?? [];
    list.push(issue);
    byField[key] = list;
  }
  return { byField, other };
}
