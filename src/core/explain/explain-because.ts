import type { Because } from "../assess/types.ts";
import { pct } from "../math/percent.ts";
import type { ExplainContext } from "./explain-context.ts";

/** One trace entry, ready to show: what the rule contributed in words, and where it comes from. */
export interface Explained {
  ruleId: string;
  /** What the rule contributed, as plain sentences: never JSON, numbers formatted. */
  text: string;
  /** The entry's sources, each once, in order. */
  sources: string[];
  /** "rule B1; source: seed-000#step2-ranges". */
  citation: string;
  /** `text` followed by the citation in parentheses: the one-line form. */
  sentence: string;
}

/**
 * Turns a `because` entry into sentences. This is the only place a trace becomes text: the CLI's
 * `--explain`, the report's "why" tables and the page's "Why?" all call it.
 *
 * Entries are recognised by the shape of their value (the rule ids in data/ are the guides'
 * numbering and say nothing about it), except the model's own terms, whose ids are fixed in code
 * (`model.*`, `fees`, `exam-rules.*`). A shape not recognised still reads as words
 * ("Latest exam date: 2026-08-27"), so a new kind of entry is plain, never raw. The note, when
 * there is one, follows as its own sentence. Log-odds are never shown: a model term reads as the
 * factor it multiplies the interview odds by, and is left out when that factor rounds to 1.
 */
export function explainBecause(b: Because, ctx: ExplainContext = {}): Explained {
  const said = phrase(b, ctx);
  const note = b.note?.trim() ?? "";
  // When one says all the other does ("10–15" and "a 10–15 point gain is worth…"), keep the longer.
  const parts = (note.includes(said) ? [note] : said.includes(note) ? [said] : [said, note])
    .filter((s) => s.length > 0)
    .map(asSentence);
  const text = parts.length > 0 ? parts.join(" ") : "Applied.";
  const sources = [...new Set(b.sources)];
  const citation =
    sources.length === 0
      ? `rule ${b.ruleId}`
      : `rule ${b.ruleId}; ${sources.length === 1 ? "source" : "sources"}: ${sources.join(", ")}`;
  return { ruleId: b.ruleId, text, sources, citation, sentence: `${text} (${citation})` };
}

type Value = Record<string, unknown>;

function phrase(b: Because, ctx: ExplainContext): string {
  const v = b.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") {
    const f = ctx.findings?.get(b.ruleId);
    return f ? `${f.kind}: ${f.message}` : idWords(v);
  }
  if (typeof v !== "object") return show(v);
  if (Array.isArray(v)) {
    const names = ctx.specialtyNames;
    if (v.length > 0 && names && v.every((x) => typeof x === "string" && names.has(x)))
      return `Backup specialties: ${v.map((x) => specialty(x as string, ctx)).join(", ")}`;
    return show(v);
  }
  const byId = MODEL_TERMS[b.ruleId];
  const own = byId?.(v as Value, ctx);
  if (own !== undefined) return own;
  for (const shape of SHAPES) {
    const said = shape(v as Value, ctx, b.ruleId);
    if (said !== undefined) return said;
  }
  return show(v);
}

/** The names of the ids the vocabulary fixes in code (application services, visa needs). */
const SERVICE_NAMES: Record<string, string> = { eras: "ERAS", residencycas: "ResidencyCAS" };
const VISA_NAMES: Record<string, string> = { j1: "J-1", h1b: "H-1B", "j1-or-h1b": "J-1 or H-1B" };

// ── the model's own terms (ids fixed in code) ──────────────────────────────────────────────────

const MODEL_TERMS: Record<string, (v: Value, ctx: ExplainContext) => string | undefined> = {
  fees: (v) =>
    Array.isArray(v.tiers)
      ? `ERAS fees of the ${show(v.season)} season: ${feeTiers(v.tiers as Array<{ upTo: number | null; usdEach: number }>)}`
      : typeof v.matchYear === "number"
        ? `Application fees for the ${v.matchYear} Match, from ${SERVICE_NAMES[String(v.service)] ?? show(v.service)} (${show(v.confidence)})`
        : undefined,
  "model.visa": (v) =>
    v.need === "none-needed"
      ? "No visa needed: no program is left out for sponsorship"
      : `Each program's interview chance is multiplied by its chance of sponsoring the ${VISA_NAMES[String(v.need)] ?? show(v.need)} visa you need`,
  "model.pgy1": (v) =>
    typeof v.chance === "number" && typeof v.categoricalShare === "number"
      ? `A PGY-1 year is needed: the supplemental list's ${count(v.programs, "program")} give a chance of ${pct(v.chance, 0)} of one (${v.binding === "budget" ? "cut short by the budget" : v.binding === "catalog" ? "all the catalog holds" : "sized to the target"}), and ${pct(v.categoricalShare, 0)} of your expected interviews are at programs whose positions include it`
      : undefined,
  "model.step2ck": (v) =>
    typeof v.score === "number"
      ? joinClauses(
          `Your Step 2 CK ${v.score} against the reference of ${show(v.reference)}`,
          oddsWords(v.logOdds),
        )
      : "",
  "model.research": (v) =>
    joinClauses(
      `${count(v.items, "research item")} against the reference of ${show(v.reference)}`,
      oddsWords(v.logOdds),
    ),
  "model.exam-failures": (v) =>
    `${count(v.failures, "exam failure")}: each multiplies your odds of an interview by ${show(v.oddsRatioEach)}`,
  "model.graduation-year": (v) =>
    `${count(v.yearsSinceGraduation, "year")} since graduation, ${show(v.beyondPreferred)} beyond the preferred window: each multiplies your odds of an interview by ${show(v.oddsRatioEach)}`,
  "model.specialty-letters": (v) =>
    `${count(v.letters, "letter")} from the specialty, against the reference of ${show(v.reference)}`,
  "model.specialty-usce": (v) =>
    `${count(v.months, "month")} of US clinical experience in the specialty, against the reference of ${show(v.reference)}`,
  "model.no-hands-on-usce": () => "No hands-on US clinical experience",
  "model.list-count": (v) =>
    typeof v.programs === "number" ? `The list has ${count(v.programs, "program")}` : undefined,
  "model.match": (v) => `P(match) is averaged over ${show(v.draws)} draws of how strong you may really be`,
  "model.backup-below": (v) =>
    typeof v.pMatch === "number" && typeof v.below === "number"
      ? `The main list's P(match), ${pct(v.pMatch)}, is below ${pct(v.below)}`
      : undefined,
  "study-forecast": (v) =>
    typeof v.estimate === "number"
      ? `Forecast for ${show(v.at)}: ${v.estimate} (${typeof v.probability === "number" ? `${pct(v.probability, 0)} ` : ""}band ${scoreRange(v.low as number, v.high as number)})`
      : undefined,
  "exam-rules.scoreReportWeeks": (v) =>
    `The score is reported ${show(v.min)}–${show(v.max)} weeks after the exam`,
};

// ── shapes of the guides' rules ─────────────────────────────────────────────────────────────────

type Shape = (v: Value, ctx: ExplainContext, ruleId: string) => string | undefined;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (x: unknown): x is string => typeof x === "string" && ISO_DATE.test(x);
const has = (v: Value, ...keys: string[]) => keys.every((k) => k in v);

const SHAPES: Shape[] = [
  // the guides' count as the list's floor: { floor, standing, forOwnStanding }
  (v) =>
    has(v, "floor", "standing", "forOwnStanding")
      ? `The guides' minimum: ${count(v.floor, "program")} for ${words(String(v.standing))} standing`
      : undefined,
  // Step 2 CK band (B*): { band: [min, max], label, standing }
  (v, ctx) => {
    if (!Array.isArray(v.band)) return undefined;
    const [min, max] = v.band as [number | null, number | null];
    const who = typeof ctx.step2ck === "number" ? `Your Step 2 CK ${ctx.step2ck} is` : "Step 2 CK";
    const where = ctx.specialtyName ? ` for ${ctx.specialtyName}` : "";
    const label = typeof v.label === "string" && v.label ? `, read as “${v.label}”` : "";
    const standing = typeof v.standing === "string" ? ` — ${words(v.standing)} standing` : "";
    const band =
      min === null
        ? `band up to ${max}`
        : max === null
          ? `band from ${min} up`
          : `${scoreRange(min, max)} band`;
    return `${who} in the ${band}${where}${label}${standing}`;
  },
  // provisional standing: { standing, provisional }
  (v) =>
    has(v, "standing", "provisional")
      ? `Standing starts at ${words(String(v.standing))}${v.provisional ? " and is provisional" : ""}`
      : undefined,
  // standing drop or cap: { from, to, cap? }
  (v) => {
    if (!has(v, "from", "to") || isDate(v.from)) return undefined;
    const from = words(String(v.from));
    const to = words(String(v.to));
    if (typeof v.cap === "string")
      return from === to
        ? `Standing is capped at ${words(v.cap)}; it was already ${to}`
        : `Standing is capped at ${words(v.cap)}: from ${from} to ${to}`;
    return from === to ? `Standing stays ${to}` : `Standing is lowered from ${from} to ${to}`;
  },
  // a date window: { from, to }
  (v) => (has(v, "from", "to") && isDate(v.from) ? `From ${v.from} to ${show(v.to)}` : undefined),
  // screening pattern (S3): { pattern, likelyClears }
  (v, ctx, ruleId) => {
    if (!has(v, "pattern", "likelyClears")) return undefined;
    const f = ctx.findings?.get(ruleId);
    const how = f
      ? f.message
      : v.likelyClears === null
        ? "not known yet: a fact their screen reads is missing"
        : v.likelyClears
          ? "you likely clear their screen"
          : "you may not clear their screen";
    return `Programs that screen as “${words(String(v.pattern))}”: ${how}`;
  },
  // Step 3 advice (L6): { step3 }
  (v, ctx, ruleId) => {
    if (!has(v, "step3")) return undefined;
    const f = ctx.findings?.get(ruleId);
    return `Step 3: ${f ? f.message : words(String(v.step3))}`;
  },
  // Step 2 CK target (T*): { target: [min, max] }, or the study plan's { target, guideRange }
  (v, ctx) => {
    if (Array.isArray(v.target)) {
      const [min, max] = v.target as [number, number | null];
      return `Step 2 CK target${ctx.specialtyName ? ` for ${ctx.specialtyName}` : ""}: ${scoreRange(min, max)}`;
    }
    if (typeof v.target === "number" && "guideRange" in v) {
      const g = v.guideRange as [number, number | null] | null;
      return `Target score ${v.target}${g ? ` (the guide's range: ${scoreRange(g[0], g[1])})` : ""}`;
    }
    return undefined;
  },
  // pathway or narrative scenario: { scenario, leads? , mainShare? }
  (v, ctx, ruleId) => {
    if (!has(v, "scenario")) return undefined;
    const scenario = `Scenario “${words(String(v.scenario))}”`;
    if (typeof v.mainShare === "number")
      return `${scenario}: ${pct(v.mainShare, 0)} of the applications go to ${ctx.specialtyName ?? "this specialty"}, the rest to the alternative pathway's list`;
    const f = ctx.findings?.get(ruleId);
    const head = f ? `${f.kind}: ${f.message}` : `${scenario} applies`;
    if (v.leads === true) return `${head} and leads the narrative`;
    if (v.leads === false) return `${head} as well`;
    return head;
  },
  // explaining the exam history (N2): { explain }
  (v) =>
    typeof v.explain === "boolean"
      ? v.explain
        ? "A brief explanation of the exam history is advised"
        : "No explanation of the exam history is needed"
      : undefined,
  // letters (L5): { plan }
  (v) =>
    "plan" in v && (v.plan === null || Array.isArray(v.plan))
      ? v.plan === null || (v.plan as unknown[]).length === 0
        ? "The guides give no letter plan here"
        : `Letters to gather: ${(v.plan as unknown[]).map(show).join(", ")}`
      : undefined,
  // stage plan and milestones (D*): { stages } / { milestones }
  (v) => (typeof v.stages === "number" ? `A stage plan in ${v.stages} stages` : undefined),
  (v) =>
    Array.isArray(v.milestones)
      ? `Milestones: ${(v.milestones as unknown[]).map(show).join(", ")}`
      : undefined,
  // backups (K*): { level, parallel } / { parallel }
  (v, ctx) => {
    if (!has(v, "parallel")) return undefined;
    const parallel = typeof v.parallel === "string" ? `a parallel list in ${specialty(v.parallel, ctx)}` : "";
    if (!has(v, "level")) return parallel ? sentenceCase(parallel) : "No parallel list";
    return `Backup level: ${words(String(v.level))}${parallel ? `, with ${parallel}` : ""}`;
  },
  // signals (A4): { gold, silver, scheme }
  (v) => {
    if (!has(v, "gold", "silver", "scheme")) return undefined;
    const s = v.scheme as { scheme?: string; gold?: number; silver?: number; count?: number } | null;
    const spent =
      s?.scheme === "gold-silver"
        ? `${show(v.gold)} gold and ${show(v.silver)} silver signals spent, of ${show(s.gold)} gold and ${show(s.silver)} silver`
        : `${show(Number(v.gold) + Number(v.silver))} signals spent${typeof s?.count === "number" ? `, of ${s.count}` : ""}`;
    return spent;
  },
  // a planned Step 2 CK against the review date (D2): { plannedDate, latestReport, programsReview, pending }
  (v) =>
    has(v, "plannedDate", "latestReport", "programsReview")
      ? `Step 2 CK planned for ${show(v.plannedDate)}: the score comes by ${show(v.latestReport)} at the latest and programs review from ${show(v.programsReview)}, so it ${v.pending ? "would still be pending at review" : "is in before review"}`
      : undefined,
  // the go / postpone call (G*): { estimate, target, gap, … }
  (v) => {
    if (!has(v, "estimate", "target", "gap") || typeof v.gap !== "number") return undefined;
    const where = v.gap > 0 ? `${v.gap} points below it` : v.gap < 0 ? `${-v.gap} points above it` : "on it";
    return `The forecast ${show(v.estimate)} against the target ${show(v.target)}: ${where}`;
  },
  // room to postpone (G3): { latestExamForReview, roomToPostponeDays, matchYear }
  (v) =>
    has(v, "latestExamForReview")
      ? v.latestExamForReview === null
        ? "The latest exam date whose score is in before programs review is unknown"
        : `The latest exam date whose score is in before programs review: ${show(v.latestExamForReview)}${typeof v.roomToPostponeDays === "number" ? ` (${count(v.roomToPostponeDays, "day")} from the planned date)` : ""}`
      : undefined,
  // the application count (A1), told by the assessment's own finding
  (v, ctx, ruleId) => {
    if (!has(v, "min", "max")) return undefined;
    const f = ctx.findings?.get(ruleId);
    return f ? `${f.kind}: ${f.message}` : undefined;
  },
];

// ── formatting ──────────────────────────────────────────────────────────────────────────────────

/** Keys that mean nothing to a reader: model internals the sentence already states in words. */
const HIDDEN_KEYS = new Set(["logOdds", "slopePerPoint"]);

/** Any value as words: objects as "Key: value; …", lists comma-separated, ids with spaces. */
function show(x: unknown): string {
  if (x === null || x === undefined) return "none";
  if (typeof x === "boolean") return x ? "yes" : "no";
  if (typeof x === "number") return num(x);
  if (typeof x === "string") return idWords(x);
  if (Array.isArray(x)) return x.map(inline).join(", ");
  const o = x as Value;
  if (has(o, "min", "max") && Object.keys(o).length === 2)
    return scoreRange(o.min as number, o.max as number);
  const shown = Object.entries(o)
    .filter(([k]) => !HIDDEN_KEYS.has(k))
    .map(([k, val]) => `${sentenceCase(keyWords(k))}: ${show(val)}`);
  const odds = oddsWords(o.logOdds);
  return [...shown, ...(odds ? [odds] : [])].join("; ");
}

/** A list item: a plain value, or an object as its first text value with the rest in parentheses. */
function inline(x: unknown): string {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return show(x);
  const entries = Object.entries(x as Value).filter(([k]) => !HIDDEN_KEYS.has(k));
  const headAt = entries.findIndex(([, val]) => typeof val === "string" && !isDate(val));
  // A number reads before its key ("21 days"), a date alone, anything else after its key.
  const part = ([k, val]: [string, unknown]) =>
    typeof val === "number"
      ? `${show(val)} ${keyWords(k)}`
      : isDate(val)
        ? val
        : `${keyWords(k)} ${show(val)}`;
  const rest = entries.filter((_, i) => i !== headAt).map(part);
  if (headAt < 0) return rest.join(", ");
  const head = show(entries[headAt]?.[1]);
  return rest.length > 0 ? `${head} (${rest.join(", ")})` : head;
}

const GROUP_FROM = 10_000; // not a score: where digit grouping starts

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  // Four-digit numbers are mostly years and seasons here: group thousands only from five digits.
  return x.toLocaleString("en-US", {
    maximumFractionDigits: Number.isInteger(x) ? 0 : 2,
    useGrouping: Math.abs(x) >= GROUP_FROM,
  });
}

/** A score range with open ends: "230–239", "229 or below", "260 or above". */
function scoreRange(min: number | null | undefined, max: number | null | undefined): string {
  const lo = typeof min === "number" ? num(min) : null;
  const hi = typeof max === "number" ? num(max) : null;
  if (lo === null && hi === null) return "any";
  if (lo === null) return `${hi} or below`;
  if (hi === null) return `${lo} or above`;
  return lo === hi ? lo : `${lo}–${hi}`;
}

/** A log-odds term as the factor it multiplies the interview odds by; "" when it rounds to no change. */
function oddsWords(logOdds: unknown): string {
  if (typeof logOdds !== "number" || !Number.isFinite(logOdds)) return "";
  const factor = Math.exp(logOdds).toFixed(2);
  return factor === "1.00" ? "" : `this multiplies your odds of an interview by ${factor}`;
}

function feeTiers(tiers: Array<{ upTo: number | null; usdEach: number }>): string {
  return tiers
    .map((t, i) => {
      const each = `$${num(t.usdEach)} a program`;
      if (t.upTo === null) return i === 0 ? each : `${each} beyond that`;
      return i === 0 ? `${each} for the first ${t.upTo}` : `${each} up to ${t.upTo}`;
    })
    .join(", ");
}

function count(n: unknown, noun: string): string {
  return `${show(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function specialty(id: string, ctx: ExplainContext): string {
  return ctx.specialtyNames?.get(id) ?? words(id);
}

function joinClauses(a: string, b: string): string {
  return b ? `${a}: ${b}` : a;
}

const words = (id: string): string => id.replace(/-/g, " ");

const ID = /^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+$/;
const MAX_ID_TOKENS = 3; // "interventional-radiology-attending 1+" is an id with a count; longer text is prose

/** Ids in a short value read as words ("rank-list" → "rank list"); prose and dates are left alone. */
function idWords(x: string): string {
  const tokens = x.split(" ");
  return tokens.length > MAX_ID_TOKENS ? x : tokens.map((t) => (ID.test(t) ? words(t) : t)).join(" ");
}

const keyWords = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/-/g, " ")
    .toLowerCase();

const sentenceCase = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

function asSentence(s: string): string {
  const t = sentenceCase(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
