import { explainBecause, reportExplainContext } from "../explain/index.ts";
import { ESTIMATED_MARK, ESTIMATED_TEXT, rangeText, whatMovesLines } from "../programs/uncertainty-text.ts";
import { dataAttributions } from "../sources/index.ts";
import { CONFIDENCE_MARK, type TimelineItem } from "../timeline/types.ts";
import { SCREENING_VERDICT_TEXT } from "../vocabulary.ts";
import {
  APPLICANT_TEXT,
  DECISION_TEXT,
  distributionCaption,
  heldText,
  noForecastText,
  PERCENT,
  parallelListText,
  pct,
  pgy1TrackText,
  range,
  STANDING_TEXT,
  STATUS_TEXT,
  signalLabel,
  specialtyName,
  sponsorshipText,
  title,
  trackScheme,
  usd,
  words,
} from "./format.ts";
import type { ProgramsSection, Report } from "./types.ts";

/**
 * The report as GitHub-flavoured Markdown: the same sections as the HTML, with the charts'
 * data as tables (Markdown has no portable way to inline an SVG). Sources are cited inline as
 * `[id#section]` and listed at the end.
 */
export function renderReportMarkdown(r: Report): string {
  return [
    header(r),
    standing(r),
    step2ck(r),
    forecast(r),
    programs(r),
    timeline(r),
    narrative(r),
    backups(r),
    sources(r),
    "---",
    dataAttributions(r.sources).join("  \n"),
    `MatchPlan report v${r.version}, as of ${r.asOf}. Probabilities are model estimates with stated ranges, not guarantees.${r.issues.length > 0 ? ` Not computed: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}.` : ""}\n`,
  ]
    .filter((s) => s.length > 0)
    .join("\n\n");
}

/** Table cells: pipes escaped, line breaks flattened. */
const cell = (s: unknown) =>
  String(s ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
const cite = (sources: readonly string[] | undefined) =>
  sources && sources.length > 0 ? ` [${[...new Set(sources)].join(", ")}]` : "";
const bullets = (items: string[]) => items.map((i) => `- ${i}`).join("\n");

function table(head: string[], rows: string[][], caption?: string): string {
  if (rows.length === 0) return "";
  return [
    caption ? `*${caption}*\n` : "",
    `| ${head.map(cell).join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ]
    .filter(Boolean)
    .join("\n");
}

const est = (estimated: boolean) => (estimated ? " (estimated)" : "");

function header(r: Report): string {
  const a = r.applicant;
  return [
    `# ${r.title}`,
    `Prepared as of ${r.asOf} for a ${APPLICANT_TEXT[a.applicantType] ?? a.applicantType} (graduated ${a.graduationYear}, visa: ${words(a.visa)}) · Match year ${r.matchYear}.`,
    `**Standing:** ${STANDING_TEXT[r.standing.standing] ?? r.standing.standing}${r.standing.provisional ? " (provisional)" : ""} · **Step 2 CK:** ${a.step2ck ?? "not yet taken"} · **P(match):** ${r.programs?.pMatch ? `${pct(r.programs.pMatch.estimate)} (range ${pct(r.programs.pMatch.low)}–${pct(r.programs.pMatch.high)})` : "not computed"} · **Programs:** ${r.programs?.listed ?? "—"} · **ERAS fees:** ${r.programs ? usd(r.programs.costUsd) : "—"}`,
    r.standing.vsOdds
      ? `${[r.standing.vsOdds.text, r.standing.vsOdds.comparison].filter(Boolean).join(" ")} (${r.standing.vsOdds.ruleIds.join(", ")})${cite(r.standing.vsOdds.sources)}`
      : "",
    "Every figure and piece of advice names its rule and sources (listed at the end with dates and terms). Dates marked *(estimated)* are not published yet and say what they were estimated from. This is structured guidance, not text to submit.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

function standing(r: Report): string {
  const s = r.standing;
  const out = [`## Where you stand, and why`];
  out.push(
    `Standing for ${r.specialty.name}: **${STANDING_TEXT[s.standing] ?? s.standing}**${s.provisional ? ` (provisional${s.provisionalWhy ? `: ${s.provisionalWhy}` : ""})` : ""}.`,
  );
  if (s.band)
    out.push(
      `Step 2 CK ${r.applicant.step2ck} is in the band **${range(s.band.min, s.band.max)}**: ${s.band.label} (${s.band.ruleId})${cite(s.band.sources)}`,
    );
  for (const b of s.otherBands)
    out.push(`Another guide's band: ${range(b.min, b.max)} — ${b.label} (${b.ruleId})${cite(b.sources)}`);
  const flags = (title: string, xs: Array<{ message: string; ruleId: string; sources: string[] }>) =>
    xs.length > 0
      ? `### ${title}\n\n${bullets(xs.map((f) => `${f.message} (${f.ruleId})${cite(f.sources)}`))}`
      : "";
  out.push(flags("Red flags", s.redFlags), flags("What compensates", s.compensators));
  out.push(
    table(
      ["Screening pattern", "Verdict", "Why", "Rule"],
      s.screening.map((x) => [
        title(x.pattern),
        SCREENING_VERDICT_TEXT[x.verdict],
        x.message,
        `${x.ruleId}${cite(x.sources)}`,
      ]),
      "How programs are likely to screen you (S3)",
    ),
  );
  out.push(flags("Recommendations", s.recommendations));
  if (s.step3) out.push(`**Step 3:** ${s.step3.message} (${s.step3.ruleId})${cite(s.step3.sources)}`);
  out.push(
    `**How many programs the guides advise:** ${s.applicationCountNote}${s.applicationCount?.note ? ` ${s.applicationCount.note}` : ""}${cite(s.applicationCount?.sources)}`,
  );
  for (const g of s.guidance)
    out.push(`### ${title(g.topic)}\n\n${bullets(g.points)}\n\n(${g.ruleId})${cite(g.sources)}`);
  const ctx = reportExplainContext(r);
  out.push(
    table(
      ["Rule", "What it contributed", "Sources"],
      s.because.map((b) => {
        const e = explainBecause(b, ctx);
        return [e.ruleId, e.text, e.sources.join(", ")];
      }),
      "Why — every rule the assessment read",
    ),
  );
  return out.filter(Boolean).join("\n\n");
}

function step2ck(r: Report): string {
  const s = r.step2ck;
  const out = ["## Step 2 CK: target and study calendar"];
  if (s.target)
    out.push(
      `Target: **${range(s.target.min, s.target.max)}** — ${s.target.label} (${s.target.ruleId})${cite(s.target.sources)}`,
    );
  if (s.target?.readingNote)
    out.push(
      `${s.target.readingNote.message} (${s.target.readingNote.ruleId})${cite(s.target.readingNote.sources)}`,
    );
  out.push(...s.notes);
  const d = s.distribution;
  if (d)
    out.push(
      table(
        ["Group", "n", "Q1", "Median", "Q3", "Mean", "SD"],
        [["Matched", d.matched] as const, ["Not matched", d.notMatched] as const].map(([name, q]) =>
          [name, q.n ?? "—", q.q1 ?? "—", q.median ?? "—", q.q3 ?? "—", q.mean ?? "—", q.sd ?? "—"].map(
            String,
          ),
        ),
        `${distributionCaption(d)}${cite(d.sources)}`,
      ),
    );
  const p = s.plan;
  if (p) {
    out.push(
      `### Study calendar\n\nStudy from **${p.studyStart}** for ${p.weeks.planned} weeks (${p.mode}, ${p.hoursPerDay} h a day; ${p.weeks.ruleId}), sit on **${p.examDate}**; score reported ${p.timing.scoreReported.earliest} to ${p.timing.scoreReported.latest}. Target used: ${p.target.score} (${p.target.ruleId})${cite(p.target.sources)}.`,
      bullets(p.timing.messages),
      table(
        ["Phase", "From", "To", "Days", "Rule"],
        p.phases.map((ph) => [
          title(ph.name),
          ph.start,
          ph.end,
          String(ph.days),
          `${ph.ruleId}${cite(ph.sources)}`,
        ]),
        "Study phases",
      ),
      table(
        ["Date", "Exam", "Purpose"],
        p.selfAssessments.map((x) => [
          x.date,
          `${x.label}${x.fullLength ? " (full-length)" : ""}`,
          x.purpose,
        ]),
        "Self-assessments",
      ),
      table(
        ["Date", "Reminder", "Rule"],
        p.reminders.map((x) => [x.date, x.text, `${x.ruleId}${cite(x.sources)}`]),
        "Reminders",
      ),
    );
  }
  return out.filter(Boolean).join("\n\n");
}

function forecast(r: Report): string {
  const f = r.forecast;
  if (!f) {
    const none = noForecastText(r);
    return `## Practice-exam forecast: go or postpone\n\n${none.text}${none.given ? "" : " Add one with `--log FILE`."}`;
  }
  return [
    "## Practice-exam forecast: go or postpone",
    `Forecast for ${f.at}: **${f.estimate}** (${Math.round(f.probability * PERCENT)}% band ${f.low}–${f.high}) against a target of ${f.target}. Decision: **${DECISION_TEXT[f.decision] ?? f.decision}**.`,
    bullets(f.because.filter((b) => b.note).map((b) => `${b.note} (${b.ruleId})${cite(b.sources)}`)),
    table(
      ["Date", "Exam", "Score", "Bias-corrected", "Sources"],
      f.readings.map((x) => [
        x.date,
        `${x.kind}${x.form !== null ? ` ${x.form}` : ""}`,
        String(x.score),
        String(x.corrected),
        x.sources.join(", "),
      ]),
      "Practice exams",
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The season: who bills what, the all-in cost, signals, visa and travel notes, and how fresh the facts are. */
function season(r: Report): string {
  const p = r.programs;
  if (!p) return "";
  const c = r.cost;
  const notes = p.visaNotes.flatMap((n) => [
    `#### ${n.title}`,
    bullets(n.points),
    `What to do:\n\n${bullets(n.whatToDo)}`,
    `*${n.provenance}*${cite(n.sources)}`,
  ]);
  return [
    "### The season: services, cost, signals and visas",
    `${p.service.basis}.${cite(p.service.sources)}`,
    ...(c ? [`**${c.text}**`, bullets(c.lines.map((l) => `${l.text}${cite(l.sources)}`))] : []),
    `**Signal allowance:** ${p.signalAllowance.text}${cite(p.signalAllowance.sources)}`,
    ...(p.pgy1Signals
      ? [
          `**PGY-1 signals:** ${p.pgy1Signals.rule} ${p.pgy1Signals.note}${cite(p.pgy1Signals.sources)}`,
          bullets(p.pgy1Signals.tracks.map((t) => pgy1TrackText(t, specialtyName(r.names, t.specialty)))),
        ]
      : []),
    ...notes,
    `${p.freshness.text}${p.freshness.warning ? ` **${p.freshness.warning}**` : ""}`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

function programs(r: Report): string {
  const p = r.programs;
  if (!p) return "## Program list\n\nNo program list could be made.";
  const curve = p.marginal.filter(
    (m) => m.n === 1 || m.n % 10 === 0 || m.n === p.diminishingReturnsAt || m.n === p.marginal.length,
  );
  return [
    "## Program list: tiers, odds, signals and cost",
    `**P(match)** ${pct(p.pMatch?.estimate)} (range ${pct(p.pMatch?.low)}–${pct(p.pMatch?.high)}) · **P(≥ 1 interview)** ${pct(p.pAtLeastOneInterview)} · **programs** ${p.listed} (diminishing returns at ${p.diminishingReturnsAt}) · **application fees** ${usd(p.costUsd)} (budget ${usd(p.budgetUsd)})${p.signals ? ` · **signals** ${p.signals.text}` : ""}`,
    ...(p.calibration ? [`> ${p.calibration.text}${cite(p.calibration.sources)}`] : []),
    ...(p.thinData ? [`> ${p.thinData.text}${cite(p.thinData.sources)}`] : []),
    ...(p.whatMoves.length > 0 ? [whatMovesLines(p.whatMoves).join("\n")] : []),
    rangeText(p.pMatchRange),
    ...(p.pgy1 ? [`**PGY-1 year.** ${p.pgy1.text}${cite(p.pgy1.sources)}`] : []),
    `**Visa.** ${p.visaSponsorship.note}${p.visaSponsorship.sources.length > 0 ? cite(p.visaSponsorship.sources) : ""}`,
    `${p.comparison}${p.guideAdvice ? cite(p.guideAdvice.sources) : ""}`,
    table(
      ["Programs", "P(match)", "Gain of the last one"],
      curve.map((m) => [String(m.n), pct(m.pMatch), pct(m.gain, 2)]),
      "P(match) against the number of applications",
    ),
    ...(p.held ? [heldText(p.held)] : []),
    table(
      [
        "#",
        "Program",
        "Location",
        "Tier",
        "P(interview)",
        "Range",
        "Signal",
        "Visa sponsorship",
        ...(p.held ? ["Status"] : []),
      ],
      p.programs.map((x, i) => [
        ...programCells(x, i, p.signals?.scheme),
        ...(p.held ? [p.held.statuses[x.id] ?? ""] : []),
      ]),
      `The list${cite([...new Set(p.programs.flatMap((x) => x.sources))])}`,
    ),
    ...(p.programs.some((x) => x.rate.estimated) ? [ESTIMATED_TEXT] : []),
    pathwayList(r),
    p.supplementalPgy1.length > 0
      ? table(
          ["Program", "State", "Track", "P(position)", "Visa sponsorship", "Near", "Signal"],
          p.supplementalPgy1.map((x) => [
            x.name,
            x.state ?? "",
            x.track ?? "",
            pct(x.pPosition),
            sponsorshipText(x.sponsorship),
            x.near,
            signalLabel(x.signal, trackScheme(p.pgy1Signals?.tracks, x.specialty)),
          ]),
          "Supplemental PGY-1 list (each program's chance from the published PGY-1 rates; no per-program interview rates exist for these tracks)",
        )
      : "",
    season(r),
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** A list row's cells, the same on the main list and the alternative-pathway list. */
function programCells(
  x: ProgramsSection["programs"][number],
  i: number,
  scheme: string | null | undefined,
): string[] {
  return [
    String(i + 1),
    x.name,
    [x.city, x.state].filter(Boolean).join(", "),
    x.tier,
    `${pct(x.pInterview.estimate)}${x.rate.estimated ? ` ${ESTIMATED_MARK}` : ""}`,
    `${pct(x.pInterview.low)}–${pct(x.pInterview.high)}`,
    signalLabel(x.signal, scheme),
    sponsorshipText(x.sponsorship),
  ];
}

/** The alternative-pathway list (IR via DR): both figures with their ranges, as the core gives them, and its programs. */
function pathwayList(r: Report): string {
  const p = r.programs;
  const l = p?.pathwayList;
  if (!p || !l) return "";
  const name = specialtyName(r.names, l.specialty);
  return [
    `### Alternative-pathway list: ${name}`,
    parallelListText(l, p.pMatchAny, r.specialty.name, name),
    table(
      ["#", "Program", "Location", "Tier", "P(interview)", "Range", "Signal", "Visa sponsorship"],
      l.programs.map((x, i) => programCells(x, i, p.signals?.scheme)),
      `The ${name} list${cite([...new Set(l.programs.flatMap((x) => x.sources))])}`,
    ),
    ...(l.programs.some((x) => x.rate.estimated) ? [ESTIMATED_TEXT] : []),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function row(i: TimelineItem): string[] {
  return [
    `${i.start === i.end ? i.start : `${i.start} – ${i.end}`}${CONFIDENCE_MARK[i.confidence] ? ` (${CONFIDENCE_MARK[i.confidence]})` : ""}`,
    `${i.label}${i.tasks.length > 0 ? `: ${i.tasks.join("; ")}` : ""}`,
    STATUS_TEXT[i.status] ?? i.status,
    `${i.basis}${i.ruleId ? ` (${i.ruleId})` : ""}${cite(i.sources)}`,
  ];
}

function timeline(r: Report): string {
  const t = r.timeline;
  return [
    "## Application timeline",
    t.stagePlan
      ? `Stage plan (${t.stagePlan.ruleId}): ${t.stagePlan.summary}${cite(t.stagePlan.sources)}`
      : "",
    bullets(t.notes),
    table(["When", "What", "Status", "How the date was set"], t.items.map(row), "Timeline"),
    table(
      ["Date", "Event", "Basis"],
      t.events.map((e) => [
        `${e.date}${est(e.estimated)}`,
        e.label,
        `${e.estimated ? e.basis : "stated by the source"}${cite(e.sources)}`,
      ]),
      `Cycle dates, ${t.matchYear} Match`,
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function narrative(r: Report): string {
  const n = r.narrative;
  const out = ["## Narrative and letters", "### Your story (N1)"];
  if (n.scenarios.length === 0) out.push("None of the guide's three scenarios fits yet.");
  for (const s of n.scenarios)
    out.push(
      `**Scenario ${s.scenario}${s.scenario === n.lead && n.scenarios.length > 1 ? " (leads)" : ""}:** ${s.summary} (${s.ruleId})${cite(s.sources)}\n\n${bullets(s.points)}`,
    );
  out.push("### Explaining scores (N2)");
  out.push(
    n.explain.advised
      ? `**Explain briefly${n.explain.sentences ? ` — ${n.explain.sentences.min}–${n.explain.sentences.max} sentences` : ""}.** ${n.explain.reason}${cite(n.explain.sources)}\n\n${bullets(n.explain.points)}`
      : `${n.explain.reason}${cite(n.explain.sources)}`,
  );
  out.push(
    `### Personal statement (N3)\n\n${bullets(n.personalStatement.points)}\n\n${n.personalStatement.mentionScores ? "Your history includes a failure or repeat attempt, so the statement may address it — briefly, as above." : "Leave scores out of the statement."}${cite(n.personalStatement.sources)}`,
    `### Interviews (N4)\n\n${bullets(n.interview.points)}${cite(n.interview.sources) ? `\n\n${cite(n.interview.sources).trim()}` : ""}`,
  );
  const l = n.letters;
  out.push(`### Letters (L5)\n\n${l.note}${cite(l.sources)}`);
  if (l.plan)
    out.push(
      table(
        ["Kind", "How many"],
        l.plan.map((k) => [k.label, k.max === null ? `at least ${k.min}` : range(k.min, k.max)]),
        "Letters the guides advise",
      ),
    );
  if (l.missing !== null)
    out.push(
      l.missing === 0
        ? "Your letters meet the plan's minimum."
        : `Letters still to gather: **${l.missing}**.`,
    );
  if (l.content.length > 0) out.push(`What a strong letter says:\n\n${bullets(l.content)}`);
  return out.join("\n\n");
}

function backups(r: Report): string {
  const b = r.backups;
  const out = [
    "## Backup and parallel plans",
    `${b.level === "none" ? "" : b.level === "active" ? "**Plan a backup actively, now.** " : "**Keep a parallel plan.** "}${b.reason}${cite(b.sources)}`,
    bullets(b.notes),
  ];
  if (b.candidates.length > 0)
    out.push(
      table(
        ["Specialty", "Usable", "Why"],
        b.candidates.map((c) => [c.name, c.usable ? "yes" : "no", c.reason]),
        "Backup specialties considered (K1)",
      ),
    );
  const p = b.parallel;
  if (p)
    out.push(
      `### Parallel list: ${p.name}\n\nP(match) ${pct(p.pMatch?.estimate)} (range ${pct(p.pMatch?.low)}–${pct(p.pMatch?.high)}) · ${p.count} programs · ${usd(p.costUsd)} (budget left ${usd(p.budgetUsd)}) · standing there: ${STANDING_TEXT[p.standing] ?? p.standing}\n\n${p.calibration ? `> ${p.calibration.text}${cite(p.calibration.sources)}\n\n` : ""}${p.comparison}${p.guideAdvice ? cite(p.guideAdvice.sources) : ""}`,
      table(
        ["#", "Program", "Location", "Tier", "P(interview)"],
        p.programs
          .slice(0, 25)
          .map((x, i) => [
            String(i + 1),
            x.name,
            [x.city, x.state].filter(Boolean).join(", "),
            x.tier,
            pct(x.pInterview.estimate),
          ]),
        `First ${Math.min(25, p.programs.length)} of ${p.programs.length}${cite([...new Set(p.programs.flatMap((x) => x.sources))])}`,
      ),
    );
  out.push(`### PGY-1 options\n\n${b.pgy1.note}${cite(b.pgy1.sources)}`);
  if (b.pgy1.programs.length > 0)
    out.push(
      table(
        ["Program", "State", "Track", "P(position)", "Near"],
        b.pgy1.programs.map((x) => [x.name, x.state ?? "", x.track ?? "", pct(x.pPosition), x.near]),
      ),
    );
  out.push(
    `### Programs that have gone unfilled\n\n${b.unfilled.coverage}${cite(b.unfilled.sources)} ${b.unfilled.total} of ${b.unfilled.withHistory} programs with a history here left positions unfilled at least once.`,
    table(
      ["Program", "Specialty", "City", "Years unfilled", "Positions unfilled", "History (filled/offered)"],
      b.unfilled.programs.map((u) => [
        u.name,
        u.specialtyName,
        u.city ?? "",
        String(u.unfilledYears),
        String(u.unfilledPositions),
        u.years.map((y) => `${y.year}: ${y.filled}/${y.offered}`).join(", "),
      ]),
    ),
  );
  if (b.paths.length > 0)
    out.push(
      `### Longer paths (K2, K3)\n\n${bullets(b.paths.map((x) => `${x.priority === "now" ? "**Plan now:** " : ""}${x.text} (${x.ruleId})${cite(x.sources)}`))}`,
    );
  const re = b.reapply;
  out.push(
    `Reapplying means the ${re.matchYear} Match: ERAS opens ${re.erasOpens?.date ?? "unknown"}${est(re.erasOpens?.estimated ?? false)}, programs review from ${re.programsReview?.date ?? "unknown"}${est(re.programsReview?.estimated ?? false)}.`,
  );
  return out.filter(Boolean).join("\n\n");
}

function sources(r: Report): string {
  const out = [
    "## Sources",
    `Every source this report cites (${r.sources.length}), with its date and terms.`,
  ];
  for (const s of r.sources) {
    const where = s.url ?? (s.file ? `file ${s.file}` : "");
    out.push(
      [
        `**${s.id}** — ${s.title}. ${s.publisher}${s.published ? `, published ${s.published}` : ""}; retrieved ${s.retrieved}${where ? `; ${where}` : ""}${s.via ? `; via ${s.via}` : ""}.`,
        `Terms: ${s.terms}`,
        s.sections.length > 0
          ? `Sections used: ${s.sections.map((x) => `${x.key} (${x.title})`).join("; ")}`
          : "",
      ]
        .filter(Boolean)
        .join("  \n"),
    );
    if (s.entries.length > 0)
      out.push(
        table(
          ["#", "Metric", "Value", "Year", "Confidence", "Original source"],
          s.entries.map((e) => [
            String(e.n),
            e.metric,
            `${e.value} ${e.unit === "note" ? "" : e.unit}`.trim(),
            String(e.year),
            e.confidence,
            e.url,
          ]),
        ),
      );
  }
  return out.join("\n\n");
}
