import {
  type Assessment,
  assessmentExplainContext,
  explainBecause,
  provisionalWhy,
  type Rulebook,
  SCREENING_VERDICT_TEXT,
  scoreComparison,
  step2ckDistribution,
  title,
} from "../core/index.ts";

/** Short, readable text for a terminal. The JSON output carries everything; this is the summary. */
export function renderAssessment(a: Assessment, rb: Rulebook, opts: { explain: boolean }): string {
  const lines: string[] = [];
  const range = (min: number | null, max: number | null) =>
    min === null ? `≤ ${max}` : max === null ? `${min}+` : `${min}–${max}`;
  const review = a.cycle.programsReview;
  lines.push(
    `${a.specialtyName} · ${a.applicantType} · as of ${a.asOf} · ${a.cycle.matchYear} Match` +
      (review ? ` (programs review from ${review.date}${review.estimated ? ", estimated" : ""})` : ""),
  );
  lines.push("");
  const why = provisionalWhy(a);
  lines.push(
    `Standing: ${a.standing.toUpperCase()}${a.provisional ? ` (provisional${why ? `: ${why}` : ""})` : ""}`,
  );
  const s = a.step2ck;
  if (s.score === null) lines.push("Step 2 CK: not taken yet");
  else if (s.band)
    lines.push(`Step 2 CK ${s.score} → ${range(s.band.min, s.band.max)}: ${s.band.label} [${s.band.ruleId}]`);
  else lines.push(`Step 2 CK ${s.score}: no published band for this specialty and applicant type`);
  for (const b of s.otherBands) lines.push(`  also ${range(b.min, b.max)}: ${b.label} [${b.ruleId}]`);
  // Against the published medians of the applicant's own kind, as the plan's headline says it.
  const cmp = scoreComparison(s.score, step2ckDistribution(rb, a.specialty, a.applicantType));
  if (cmp) lines.push(`  ${cmp.text}`);
  if (s.target) {
    const realistic = s.target.minimumRealistic ? ` (minimum realistic ${s.target.minimumRealistic})` : "";
    lines.push(
      `Target: ${range(s.target.min, s.target.max)}${realistic} — ${s.target.label} [${s.target.ruleId}]`,
    );
    if (s.target.readingNote)
      lines.push(`  ${s.target.readingNote.message} [${s.target.readingNote.ruleId}]`);
  } else lines.push("Target: unknown — the guides set no target for this applicant type and specialty");
  lines.push("");
  section(
    lines,
    "Red flags",
    a.redFlags.map((f) => `${f.code}: ${f.message}`),
    "none",
  );
  section(
    lines,
    "What compensates",
    a.compensators.map((f) => `${f.code}: ${f.message}`),
    "nothing yet",
  );
  section(
    lines,
    "Program screening patterns (S3)",
    a.screening.map((p) => `${SCREENING_VERDICT_TEXT[p.verdict].toLowerCase()} ${p.pattern}: ${p.message}`),
    "—",
  );
  if (a.step3) lines.push(`Step 3: ${a.step3.advice} — ${a.step3.message}`, "");
  lines.push(`Programs to apply to: ${a.applicationCountNote}`);
  if (a.pathway) lines.push(`Pathway (${a.pathway.scenario}): ${a.pathway.message} [${a.pathway.ruleId}]`);
  if (a.backupSpecialties.length > 0) lines.push(`Backup specialties: ${a.backupSpecialties.join(", ")}`);
  lines.push("");
  section(
    lines,
    "Recommendations",
    a.recommendations.map((r) => `${r.code}: ${r.message}`),
    "none",
  );
  for (const g of a.guidance) section(lines, `${title(g.topic)} (${g.ruleId})`, g.points, "");
  if (opts.explain) {
    lines.push("Why — rules and sources used:");
    const ctx = assessmentExplainContext(a, rb);
    for (const b of a.because) lines.push(`  - ${explainBecause(b, ctx).sentence}`);
    lines.push("");
    lines.push("Sources:");
    const ids = [...new Set(a.because.flatMap((b) => b.sources))].sort();
    for (const ref of ids) lines.push(`  ${ref}: ${describeSource(rb, ref)}`);
  } else
    lines.push("Run with --explain for the rules and sources behind each line, or --json for everything.");
  return lines.join("\n");
}

function section(lines: string[], title: string, items: string[], empty: string) {
  if (items.length === 0) {
    if (empty) lines.push(`${title}: ${empty}`, "");
    return;
  }
  lines.push(`${title}:`);
  for (const item of items) lines.push(`  - ${item}`);
  lines.push("");
}

export function describeSource(rb: Rulebook, ref: string): string {
  const [id, section] = ref.split("#") as [string, string | undefined];
  const src = rb.sources[id];
  if (!src) return "unknown source";
  if (id === "match-statistics" && section !== undefined) {
    const e = rb.statistics[Number(section)];
    if (e)
      return `${e.metric} = ${String(e.value)} ${e.unit} (${e.year}; ${e.source}; confidence ${e.confidence})`;
  }
  const sec = section && src.sections?.[section] ? `, section "${src.sections[section]}"` : "";
  return `${src.title} — ${src.publisher}${sec}`;
}
