import type { Because } from "../assess/types.ts";
import { type ExplainContext, explainBecause, reportExplainContext } from "../explain/index.ts";
import { ESTIMATED_MARK, ESTIMATED_TEXT, rangeText, swingText } from "../programs/uncertainty-text.ts";
import { dataAttributions } from "../sources/index.ts";
import { CONFIDENCE_MARK, type TimelineItem } from "../timeline/types.ts";
import { SCREENING_VERDICT_TEXT } from "../vocabulary.ts";
import { type ChartSvg, type ReportCharts, reportCharts } from "./charts/index.ts";
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
  signalCountText,
  signalLabel,
  specialtyName,
  sponsorshipText,
  title,
  trackScheme,
  usd,
  words,
} from "./format.ts";
import type { ProgramsSection, Report, SourceListing } from "./types.ts";

/**
 * The report as one self-contained HTML document: inline CSS and SVG, no scripts, no external
 * requests, so it works offline and prints the same anywhere. Headings in order, tables with
 * header cells and captions, every chart a figure with a caption and an SVG `<title>`/`<desc>`.
 * Print CSS starts each major section on a new page and keeps rows and figures whole.
 * Every cited item links to its entry in the sources section.
 */
export function renderReportHtml(r: Report, charts: ReportCharts = reportCharts(r)): string {
  const body = [
    header(r),
    standingSection(r),
    step2ckSection(r, charts),
    forecastSection(r, charts),
    programsSection(r, charts),
    timelineSection(r, charts),
    narrativeSection(r),
    backupsSection(r),
    sourcesSection(r),
    footer(r),
  ].join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="MatchPlan">
<title>${esc(r.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const CSS = `
:root { --ink: #111827; --muted: #4b5563; --line: #d1d5db; --accent: #1f5fa8; --warn: #b45309; --bad: #b91c1c; --ok: #15803d; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .35rem; }
p, ul, ol { margin: .35rem 0 .6rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.lead { font-size: 1.05rem; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: .8rem; font-weight: 600; border: 1px solid currentColor; }
.standing-strong, .standing-competitive, .decision-go { color: var(--ok); }
.standing-borderline, .decision-consider-postponing { color: var(--warn); }
.standing-low, .standing-very-low, .decision-postpone { color: var(--bad); }
.src { color: var(--muted); font-size: .8em; white-space: normal; }
.src a { color: inherit; }
.note { color: var(--muted); font-size: .92em; }
.warning { color: inherit; border-left: 3px solid #b45309; padding-left: .6em; }
.est { color: var(--warn); font-weight: 600; }
.kpis { display: flex; flex-wrap: wrap; gap: .75rem; margin: .75rem 0; padding: 0; list-style: none; }
.kpis li { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .8rem; min-width: 10rem; }
.kpis b { display: block; font-size: 1.25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .88rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #f3f4f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .88rem; margin-top: .25rem; }
.sources dt { font-weight: 600; margin-top: .6rem; }
.sources dd { margin: 0 0 .2rem 1rem; font-size: .88rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
a { color: var(--accent); }
@page { size: Letter; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.major { break-before: page; }
  h2, h3 { break-after: avoid; }
  figure, tr, .kpis li, dl.sources > div { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: unknown): string => String(s ?? "").replace(/[&<>"']/g, (c) => ESC[c] as string);
const anchor = (ref: string) => `src-${ref.split("#")[0]}`;

function cite(sources: readonly string[] | undefined): string {
  if (!sources || sources.length === 0) return "";
  const links = [...new Set(sources)].map((s) => `<a href="#${anchor(s)}">${esc(s)}</a>`).join(", ");
  return ` <span class="src">[${links}]</span>`;
}

const list = (items: string[], ordered = false) =>
  items.length === 0
    ? ""
    : `<${ordered ? "ol" : "ul"}>${items.map((i) => `<li>${i}</li>`).join("")}</${ordered ? "ol" : "ul"}>`;

function table(caption: string, head: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return "";
  const th = head
    .map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ""}>${esc(h)}</th>`)
    .join("");
  const tr = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function figure(chart: ChartSvg | null, caption: string): string {
  if (!chart) return "";
  return `<figure id="fig-${chart.key}" aria-labelledby="cap-${chart.key}">${chart.svg}<figcaption id="cap-${chart.key}"><strong>${esc(chart.title)}.</strong> ${esc(chart.description)} ${esc(caption)}</figcaption></figure>`;
}

const confidenceMark = (i: TimelineItem) => {
  const mark = CONFIDENCE_MARK[i.confidence];
  return mark ? ` <span class="est" title="${esc(i.basis)}">(${esc(mark)})</span>` : "";
};
const estMark = (estimated: boolean, basis?: string) =>
  estimated ? ` <span class="est" title="${esc(basis ?? "")}">(estimated)</span>` : "";

function section(id: string, title: string, content: string, major = true): string {
  return `<section id="${id}" class="${major ? "major" : ""}" aria-labelledby="h-${id}">
<h2 id="h-${id}">${esc(title)}</h2>
${content}
</section>`;
}

/** A "why" table: each trace entry as sentences (one function for every surface), its rule and its sources. */
function why(because: Because[], caption: string, ctx: ExplainContext): string {
  return table(
    caption,
    ["Rule", "What it contributed", "Sources"],
    because.map((b) => {
      const e = explainBecause(b, ctx);
      return [esc(e.ruleId), esc(e.text), esc(e.sources.join(", "))];
    }),
  );
}

// ── sections ──────────────────────────────────────────────────────────────────

function header(r: Report): string {
  const a = r.applicant;
  const s = r.standing;
  return `<header>
<h1>${esc(r.title)}</h1>
<p class="meta">Prepared as of ${esc(r.asOf)} for a ${esc(APPLICANT_TEXT[a.applicantType] ?? a.applicantType)} (graduated ${a.graduationYear}, visa: ${esc(words(a.visa))}) · Match year ${r.matchYear} · MatchPlan report v${r.version}</p>
<ul class="kpis">
<li>Standing<b><span class="badge standing-${esc(s.standing)}">${esc(STANDING_TEXT[s.standing] ?? s.standing)}</span></b>${s.provisional ? "provisional" : ""}</li>
<li>Step 2 CK<b>${a.step2ck ?? "not yet taken"}</b>target ${esc(s.target ? range(s.target.min, s.target.max) : "none set")}</li>
<li data-figure="pmatch">P(match)<b>${r.programs?.pMatch ? pct(r.programs.pMatch.estimate) : "—"}</b>${r.programs?.pMatch ? `range ${pct(r.programs.pMatch.low)}–${pct(r.programs.pMatch.high)}` : "not computed"}</li>
<li data-figure="programs">Programs<b>${r.programs ? r.programs.listed : "—"}</b>${r.programs ? `cost ${usd(r.programs.costUsd)}` : ""}</li>
</ul>
${s.vsOdds ? `<p class="note" data-figure="standing-vs-odds">${esc([s.vsOdds.text, s.vsOdds.comparison].filter(Boolean).join(" "))} <span class="src">(${esc(s.vsOdds.ruleIds.join(", "))})</span>${cite(s.vsOdds.sources)}</p>\n` : ""}<nav aria-label="Contents"><p><strong>Contents:</strong> <a href="#standing">Standing</a> · <a href="#step2ck">Step 2 CK</a> · <a href="#forecast">Forecast</a> · <a href="#programs">Programs</a> · <a href="#timeline">Timeline</a> · <a href="#narrative">Narrative and letters</a> · <a href="#backups">Backups</a> · <a href="#sources">Sources</a></p></nav>
<p class="note">Every figure and piece of advice names its rule and sources; the sources are listed at the end with their dates and terms. Dates marked <span class="est">(estimated)</span> are not published yet and say what they were estimated from. This report gives structured guidance — what to cover and why — not text to submit.</p>
</header>`;
}

function flagList(flags: Array<{ message: string; sources: string[]; ruleId: string }>): string {
  return list(
    flags.map((f) => `${esc(f.message)} <span class="src">(${esc(f.ruleId)})</span>${cite(f.sources)}`),
  );
}

function standingSection(r: Report): string {
  const s = r.standing;
  const band = s.band;
  const parts = [
    `<p class="lead">Standing for ${esc(r.specialty.name)}: <span class="badge standing-${esc(s.standing)}">${esc(STANDING_TEXT[s.standing] ?? s.standing)}</span>${s.provisional ? ` (provisional${s.provisionalWhy ? `: ${esc(s.provisionalWhy)}` : ""})` : ""}.</p>`,
    band
      ? `<p>Step 2 CK ${r.applicant.step2ck} falls in the band <strong>${esc(range(band.min, band.max))}</strong>: ${esc(band.label)} <span class="src">(${esc(band.ruleId)})</span>${cite(band.sources)}${band.assumption ? ` <span class="note">Assumption: ${esc(band.assumption)}</span>` : ""}</p>`
      : "<p>No published Step 2 CK band covers this profile yet.</p>",
    ...s.otherBands.map(
      (b) =>
        `<p class="note">Another guide's band: ${esc(range(b.min, b.max))} — ${esc(b.label)} (${esc(STANDING_TEXT[b.standing] ?? b.standing)}) <span class="src">(${esc(b.ruleId)})</span>${cite(b.sources)}</p>`,
    ),
    s.redFlags.length > 0
      ? `<h3>Red flags</h3>${flagList(s.redFlags)}`
      : "<h3>Red flags</h3><p>None found.</p>",
    s.compensators.length > 0
      ? `<h3>What compensates</h3>${flagList(s.compensators)}`
      : "<h3>What compensates</h3><p>None yet.</p>",
    s.screening.length > 0
      ? table(
          "How programs are likely to screen you (S3)",
          ["Pattern", "Verdict", "Why", "Sources"],
          s.screening.map((x) => [
            esc(title(x.pattern)),
            esc(SCREENING_VERDICT_TEXT[x.verdict]),
            esc(x.message),
            `${esc(x.ruleId)}${cite(x.sources)}`,
          ]),
        )
      : "",
    s.recommendations.length > 0 ? `<h3>Recommendations</h3>${flagList(s.recommendations)}` : "",
    s.step3
      ? `<p><strong>Step 3:</strong> ${esc(s.step3.message)} <span class="src">(${esc(s.step3.ruleId)})</span>${cite(s.step3.sources)}</p>`
      : "",
    `<p><strong>How many programs the guides advise:</strong> ${esc(s.applicationCountNote)}${s.applicationCount?.note ? ` ${esc(s.applicationCount.note)}` : ""}${cite(s.applicationCount?.sources)}</p>`,
    s.pathway
      ? `<p><strong>Pathway (${esc(s.pathway.scenario)}):</strong> ${esc(s.pathway.message)}${cite(s.pathway.sources)}</p>`
      : "",
    ...s.guidance.map(
      (g) =>
        `<h3>${esc(title(g.topic))}</h3>${list(g.points.map((p) => esc(p)))}<p class="src">${esc(g.ruleId)}${cite(g.sources)}</p>`,
    ),
    `<h3>Why — the rules behind the standing</h3>`,
    why(s.because, "Every rule the assessment read, in order", reportExplainContext(r)),
  ];
  return section("standing", "Where you stand, and why", parts.join("\n"), false);
}

function step2ckSection(r: Report, charts: ReportCharts): string {
  const s = r.step2ck;
  const d = s.distribution;
  const t = s.target;
  const parts: string[] = [
    t
      ? `<p class="lead">Target: <strong>${esc(range(t.min, t.max))}</strong> — ${esc(t.label)}${t.minimumRealistic ? `; minimum realistic ${t.minimumRealistic}` : ""} <span class="src">(${esc(t.ruleId)})</span>${cite(t.sources)}</p>`
      : "<p>The guides set no Step 2 CK target for this profile and specialty.</p>",
    t?.readingNote
      ? `<p>${esc(t.readingNote.message)} <span class="src">(${esc(t.readingNote.ruleId)})</span>${cite(t.readingNote.sources)}</p>`
      : "",
    ...s.notes.map((n) => `<p>${esc(n)}</p>`),
    figure(
      charts.step2ck,
      "Curves are normal approximations from the published means and SDs; the table gives the published quartiles.",
    ),
  ];
  if (d)
    parts.push(
      table(
        distributionCaption(d),
        ["Group", "n", "Q1", "Median", "Q3", "Mean", "SD"],
        [["Matched", d.matched] as const, ["Not matched", d.notMatched] as const].map(([name, q]) => [
          `${esc(name)}${cite(d.sources)}`,
          String(q.n ?? "—"),
          String(q.q1 ?? "—"),
          String(q.median ?? "—"),
          String(q.q3 ?? "—"),
          String(q.mean ?? "—"),
          String(q.sd ?? "—"),
        ]),
        [1, 2, 3, 4, 5, 6],
      ),
    );
  else
    parts.push(
      `<p class="note">Charting Outcomes publishes no Step 2 CK distribution for ${esc(r.specialty.name)} in the data, so no chart is drawn.</p>`,
    );
  const p = s.plan;
  if (p) {
    parts.push(
      `<h3>Study calendar</h3><p>Study from <strong>${esc(p.studyStart)}</strong> for ${p.weeks.planned} weeks (${esc(p.mode)}, ${p.hoursPerDay} h a day; the guides' range ${p.weeks.neededMin.toFixed(1)}–${p.weeks.neededMax.toFixed(1)} weeks, ${esc(p.weeks.ruleId)}), sit on <strong>${esc(p.examDate)}</strong>; the score is reported ${esc(p.timing.scoreReported.earliest)} to ${esc(p.timing.scoreReported.latest)}${p.timing.programsReview ? `, before programs review from ${esc(p.timing.programsReview.date)}${estMark(p.timing.programsReview.estimated)}` : ""}. Target used: ${p.target.score} (${esc(p.target.ruleId)})${cite(p.target.sources)}.</p>`,
      list(p.timing.messages.map(esc)),
      table(
        "Study phases",
        ["Phase", "From", "To", "Days", "Rule"],
        p.phases.map((ph) => [
          esc(title(ph.name)),
          esc(ph.start),
          esc(ph.end),
          String(ph.days),
          `${esc(ph.ruleId)}${cite(ph.sources)}`,
        ]),
        [3],
      ),
      table(
        "Self-assessments",
        ["Date", "Exam", "Purpose"],
        p.selfAssessments.map((x) => [
          esc(x.date),
          esc(x.label) + (x.fullLength ? " (full-length simulation)" : ""),
          esc(x.purpose),
        ]),
      ),
      `<p>Questions planned: ${p.questions.total} (${esc(p.questions.primary)}${p.questions.secondary ? `, then ${esc(p.questions.secondary.join(" or "))}` : ""})${cite(p.questions.sources)}.</p>`,
      table(
        "Reminders",
        ["Date", "Reminder", "Rule"],
        p.reminders.map((x) => [esc(x.date), esc(x.text), `${esc(x.ruleId)}${cite(x.sources)}`]),
      ),
      list(p.notes.map(esc)),
      `<p class="note">The day-by-day calendar is available with <code>matchplan study plan --ics</code>.</p>`,
    );
  }
  return section("step2ck", "Step 2 CK: target and study calendar", parts.join("\n"));
}

function noForecastHtml(r: Report): string {
  const none = noForecastText(r);
  return `<p>${esc(none.text)}${none.given ? "" : " Add one with <code>--log FILE</code> (a JSON array of <code>{ date, kind, form, score }</code>)."}</p>`;
}

function forecastSection(r: Report, charts: ReportCharts): string {
  const f = r.forecast;
  if (!f) return section("forecast", "Practice-exam forecast: go or postpone", noForecastHtml(r), false);
  const parts = [
    `<p class="lead">Forecast for ${esc(f.at)}: <strong>${f.estimate}</strong> (${Math.round(f.probability * PERCENT)}% band ${f.low}–${f.high}) against a target of ${f.target}: ${f.gap > 0 ? `${f.gap} below` : `${-f.gap} above`}. Decision: <span class="badge decision-${esc(f.decision)}">${esc(DECISION_TEXT[f.decision] ?? f.decision)}</span></p>`,
    list(
      f.because
        .filter((b) => b.note)
        .map((b) => `${esc(b.note)} <span class="src">(${esc(b.ruleId)})</span>${cite(b.sources)}`),
    ),
    figure(
      charts.practice,
      "Bias-corrected scores remove each resource's typical over- or under-prediction.",
    ),
    table(
      "Practice exams",
      ["Date", "Exam", "Score", "Bias-corrected", "Sources"],
      f.readings.map((x) => [
        esc(x.date),
        esc(`${x.kind}${x.form !== null ? ` ${x.form}` : ""}`),
        String(x.score),
        String(x.corrected),
        cite(x.sources),
      ]),
      [2, 3],
    ),
    f.tighten.length > 0
      ? `<h3>What would narrow the band</h3>${list(f.tighten.map((t) => `${esc(t.action)} by ${esc(t.by)}: ±${t.halfWidthNow} → ±${t.halfWidthAfter}`))}`
      : "",
    f.timing.latestExamForReview
      ? `<p>Latest exam date whose score is still out before programs review: ${esc(f.timing.latestExamForReview)}${f.timing.roomToPostponeDays !== null ? ` (${f.timing.roomToPostponeDays} days of room)` : ""}.</p>`
      : "",
  ];
  return section("forecast", "Practice-exam forecast: go or postpone", parts.join("\n"), false);
}

function programsSection(r: Report, charts: ReportCharts): string {
  const p = r.programs;
  if (!p)
    return section(
      "programs",
      "Program list",
      `<p>No program list: ${esc(
        r.issues
          .filter((i) => i.path.startsWith("programs"))
          .map((i) => i.message)
          .join("; ") || "not computed",
      )}.</p>`,
    );
  const catalogSources = [...new Set(p.programs.flatMap((x) => x.sources))];
  const held = p.held;
  const parts = [
    `<ul class="kpis">
<li>P(match)<b>${pct(p.pMatch?.estimate)}</b>range ${pct(p.pMatch?.low)}–${pct(p.pMatch?.high)}</li>
<li>P(≥ 1 interview)<b>${pct(p.pAtLeastOneInterview)}</b></li>
<li>Programs<b>${p.listed}</b>diminishing returns at ${p.diminishingReturnsAt}</li>
<li>Application fees<b>${usd(p.costUsd)}</b>budget ${usd(p.budgetUsd)}</li>
${p.signals ? `<li>Signals on this list<b>${esc(signalCountText(p.signals.list, p.signals.scheme))}</b>${esc(p.signals.text)}</li>` : ""}
</ul>`,
    ...(p.calibration
      ? [`<p class="note">${esc(p.calibration.text)}${cite(p.calibration.sources)}</p>`]
      : []),
    ...(p.thinData ? [`<p class="note">${esc(p.thinData.text)}${cite(p.thinData.sources)}</p>`] : []),
    ...(p.whatMoves.length > 0
      ? [
          `<p class="note">What moves your number:</p><ul class="note">${p.whatMoves.map((s) => `<li>${esc(swingText(s))}${cite(s.sources)}</li>`).join("")}</ul>`,
        ]
      : []),
    ...(p.pgy1 ? [`<p><strong>PGY-1 year.</strong> ${esc(p.pgy1.text)}${cite(p.pgy1.sources)}</p>`] : []),
    `<p class="${p.visaSponsorship.unknownDominates ? "note warning" : "note"}"><strong>Visa.</strong> ${esc(p.visaSponsorship.note)}${p.visaSponsorship.sources.length > 0 ? cite(p.visaSponsorship.sources) : ""}</p>`,
    `<p>${esc(p.comparison)}${p.guideAdvice ? cite(p.guideAdvice.sources) : ""}</p>`,
    `<p class="note">${esc(p.geography.note)}${p.excludedCount > 0 ? ` ${p.excludedCount} programs were left out (for example, a visa they do not sponsor).` : ""} P(match) is the mean over draws of a shared strength term. ${esc(rangeText(p.pMatchRange))}</p>`,
    figure(charts.pMatch, "Each point adds the next-best program by interview odds."),
    ...(held ? [`<p class="note" id="held-list">${esc(heldText(held))}</p>`] : []),
    table(
      held
        ? `Your list: ${p.programs.length} programs, in the order you kept them`
        : `The list: ${p.programs.length} programs, best odds first`,
      [
        "#",
        "Program",
        "Location",
        "Tier",
        "P(interview)",
        "Range",
        "Signal",
        "Visa J-1/H-1B",
        ...(held ? ["Status"] : []),
      ],
      p.programs.map((x, i) => [
        ...programCells(x, i, p.signals?.scheme),
        ...(held ? [esc(held.statuses[x.id] ?? "")] : []),
      ]),
      [0, 4, 5],
    ),
    ...(p.programs.some((x) => x.rate.estimated) ? [`<p class="note">${esc(ESTIMATED_TEXT)}</p>`] : []),
    `<p class="note">Program data${cite(catalogSources)}. Odds start from each program's published interview rate for your applicant type and move with your Step 2 CK, research, letters and experience (docs/model.md).</p>`,
    table(
      "Application fees, by list and service",
      ["Specialty", "Service", "Programs", "Fees", "How"],
      p.fees.map((f) => [
        esc(specialtyName(r.names, f.specialty)),
        esc(f.serviceName),
        String(f.programs),
        usd(f.usd),
        `${esc(f.working)}${cite(f.sources)}`,
      ]),
      [2, 3],
    ),
    p.supplementalPgy1.length > 0
      ? table(
          "Supplemental PGY-1 list (each program's chance from the published PGY-1 rates; no per-program interview rates exist for these tracks)",
          ["Program", "State", "Track", "P(position)", "Visa sponsorship", "Near", "Signal"],
          p.supplementalPgy1.map((x) => [
            esc(x.name),
            esc(x.state ?? ""),
            esc(x.track ?? ""),
            pct(x.pPosition),
            esc(sponsorshipText(x.sponsorship)),
            esc(x.near),
            esc(signalLabel(x.signal, trackScheme(p.pgy1Signals?.tracks, x.specialty))),
          ]),
        )
      : "",
    pathwayListHtml(r),
    seasonPart(r),
    why(p.because, "Model terms and rules behind the numbers", reportExplainContext(r)),
  ];
  return section("programs", "Program list: tiers, odds, signals and cost", parts.join("\n"));
}

/** A list row's cells, escaped: the same on the main list and the alternative-pathway list. */
function programCells(
  x: ProgramsSection["programs"][number],
  i: number,
  scheme: string | null | undefined,
): string[] {
  return [
    String(i + 1),
    esc(x.name),
    esc([x.city, x.state].filter(Boolean).join(", ")),
    esc(x.tier),
    `${pct(x.pInterview.estimate)}${x.rate.estimated ? ` <span class="est">${ESTIMATED_MARK}</span>` : ""}`,
    `${pct(x.pInterview.low)}–${pct(x.pInterview.high)}`,
    esc(signalLabel(x.signal, scheme)),
    esc(`${visaText(x.visa)} · ${sponsorshipText(x.sponsorship)}`),
  ];
}

/** The alternative-pathway list (IR via DR): both figures with their ranges, as the core gives them, and its programs. */
function pathwayListHtml(r: Report): string {
  const p = r.programs;
  const l = p?.pathwayList;
  if (!p || !l) return "";
  const name = specialtyName(r.names, l.specialty);
  return [
    `<h3 id="pathway-list">Alternative-pathway list: ${esc(name)}</h3>`,
    `<p>${esc(parallelListText(l, p.pMatchAny, r.specialty.name, name))}</p>`,
    table(
      `The ${name} list: ${l.programs.length} programs, best odds first`,
      ["#", "Program", "Location", "Tier", "P(interview)", "Range", "Signal", "Visa J-1/H-1B"],
      l.programs.map((x, i) => programCells(x, i, p.signals?.scheme)),
      [0, 4, 5],
    ),
    ...(l.programs.some((x) => x.rate.estimated) ? [`<p class="note">${esc(ESTIMATED_TEXT)}</p>`] : []),
  ].join("\n");
}

/** The season: who bills what, the all-in cost, signals, visa and travel notes, and how fresh the facts are. */
function seasonPart(r: Report): string {
  const p = r.programs;
  if (!p) return "";
  const c = r.cost;
  const parts = [
    `<p>${esc(p.service.basis)}.${cite(p.service.sources)}</p>`,
    ...(c
      ? [
          `<p><strong>${esc(c.text)}</strong></p>`,
          list(c.lines.map((l) => `${esc(l.text)}${cite(l.sources)}`)),
        ]
      : []),
    `<p><strong>Signal allowance:</strong> ${esc(p.signalAllowance.text)}${cite(p.signalAllowance.sources)}</p>`,
    ...(p.pgy1Signals
      ? [
          `<p><strong>PGY-1 signals:</strong> ${esc(p.pgy1Signals.rule)} ${esc(p.pgy1Signals.note)}${cite(p.pgy1Signals.sources)}</p>`,
          list(p.pgy1Signals.tracks.map((t) => esc(pgy1TrackText(t, specialtyName(r.names, t.specialty))))),
        ]
      : []),
    ...p.visaNotes.map(
      (n) =>
        `<div class="note"><h4>${esc(n.title)}</h4>${list(n.points.map(esc))}<p>What to do:</p>${list(n.whatToDo.map(esc))}<p class="src">${esc(n.provenance)}${cite(n.sources)}</p></div>`,
    ),
    `<p>${esc(p.freshness.text)}</p>`,
    ...(p.freshness.warning ? [`<p class="note">${esc(p.freshness.warning)}</p>`] : []),
  ];
  return `<h3 id="season">The season: services, cost, signals and visas</h3>\n${parts.join("\n")}`;
}

function visaText(v: { j1: boolean | null; h1b: boolean | null } | null): string {
  if (!v) return "not reported";
  const t = (x: boolean | null) => (x === null ? "?" : x ? "yes" : "no");
  return `${t(v.j1)} / ${t(v.h1b)}`;
}

function timelineRow(i: TimelineItem): string[] {
  return [
    esc(i.start === i.end ? i.start : `${i.start} – ${i.end}`) + confidenceMark(i),
    `<strong>${esc(i.label)}</strong>${i.tasks.length > 0 ? list(i.tasks.map(esc)) : ""}`,
    esc(STATUS_TEXT[i.status] ?? i.status),
    `${esc(i.basis)}${i.ruleId ? ` <span class="src">(${esc(i.ruleId)})</span>` : ""}${cite(i.sources)}`,
  ];
}

function timelineSection(r: Report, charts: ReportCharts): string {
  const t = r.timeline;
  const parts = [
    t.stagePlan
      ? `<p>Stage plan: ${esc(t.stagePlan.summary)} <span class="src">(${esc(t.stagePlan.ruleId)}; anchored on ${esc(t.stagePlan.anchor)})</span>${cite(t.stagePlan.sources)}</p>`
      : "",
    list(t.notes.map(esc)),
    figure(charts.timeline, "Lighter, dashed bars rest on estimated dates; the red line is the as-of date."),
    table("Timeline", ["When", "What", "Status", "How the date was set"], t.items.map(timelineRow)),
    table(
      `Cycle dates, ${t.matchYear} Match`,
      ["Date", "Event", "Basis"],
      t.events.map((e) => [
        esc(e.date) + estMark(e.estimated, e.basis),
        esc(e.label),
        `${esc(e.estimated ? e.basis : "stated by the source")}${cite(e.sources)}`,
      ]),
    ),
    t.unknown.length > 0 ? `<p>Unknown dates: ${esc(t.unknown.map((u) => u.label).join(", "))}.</p>` : "",
    `<p class="note">The same timeline as a calendar file: <code>matchplan timeline --ics</code>.</p>`,
  ];
  return section("timeline", "Application timeline", parts.join("\n"));
}

function narrativeSection(r: Report): string {
  const n = r.narrative;
  const parts: string[] = [];
  parts.push("<h3>Your story (N1)</h3>");
  if (n.scenarios.length === 0)
    parts.push(
      "<p>None of the guide's three scenarios fits yet (for example, Step 2 CK is still to come).</p>",
    );
  for (const s of n.scenarios)
    parts.push(
      `<p><strong>Scenario ${esc(s.scenario)}${s.scenario === n.lead && n.scenarios.length > 1 ? " (leads)" : ""}:</strong> ${esc(s.summary)} <span class="src">(${esc(s.ruleId)})</span>${cite(s.sources)}</p>${list(s.points.map(esc))}`,
    );
  parts.push("<h3>Explaining scores (N2)</h3>");
  if (n.explain.advised)
    parts.push(
      `<p><strong>Explain briefly${n.explain.sentences ? ` — ${n.explain.sentences.min}–${n.explain.sentences.max} sentences` : ""}.</strong> ${esc(n.explain.reason)}${cite(n.explain.sources)}</p>${list(n.explain.points.map(esc))}`,
    );
  else parts.push(`<p>${esc(n.explain.reason)}${cite(n.explain.sources)}</p>`);
  parts.push(
    `<h3>Personal statement (N3)</h3>${list(n.personalStatement.points.map(esc))}<p>${n.personalStatement.mentionScores ? "Your history includes a failure or repeat attempt, so the statement may address it — briefly, as above." : "Leave scores out of the statement."}${cite(n.personalStatement.sources)}</p>`,
    `<h3>Interviews (N4)</h3>${list(n.interview.points.map(esc))}<p class="src">${cite(n.interview.sources)}</p>`,
  );
  const l = n.letters;
  parts.push(
    "<h3>Letters (L5)</h3>",
    `<p>${esc(l.note)}${cite(l.sources)}</p>`,
    l.plan
      ? table(
          "Letters the guides advise",
          ["Kind", "How many"],
          l.plan.map((k) => [esc(k.label), esc(k.max === null ? `at least ${k.min}` : range(k.min, k.max))]),
        )
      : "",
    l.missing !== null
      ? `<p>${l.missing === 0 ? "Your letters meet the plan's minimum." : `Letters still to gather: <strong>${l.missing}</strong>.`}</p>`
      : "",
    l.content.length > 0 ? `<p>What a strong letter says:</p>${list(l.content.map(esc))}` : "",
  );
  return section("narrative", "Narrative and letters", parts.join("\n"));
}

function backupsSection(r: Report): string {
  const b = r.backups;
  const parts: string[] = [
    `<p class="lead">${b.level === "none" ? "" : b.level === "active" ? "Plan a backup actively, now. " : "Keep a parallel plan. "}${esc(b.reason)}${cite(b.sources)}</p>`,
    list(b.notes.map(esc)),
  ];
  if (b.candidates.length > 0)
    parts.push(
      table(
        "Backup specialties considered (K1), in the rule's order",
        ["Specialty", "Usable", "Why"],
        b.candidates.map((c) => [esc(c.name), c.usable ? "yes" : "no", esc(c.reason)]),
      ),
    );
  const p = b.parallel;
  if (p)
    parts.push(
      `<h3>Parallel list: ${esc(p.name)}</h3>`,
      `<ul class="kpis"><li>P(match)<b>${pct(p.pMatch?.estimate)}</b>range ${pct(p.pMatch?.low)}–${pct(p.pMatch?.high)}</li><li>Programs<b>${p.count}</b>cost ${usd(p.costUsd)}</li><li>Budget for it<b>${usd(p.budgetUsd)}</b>what the main list leaves</li><li>Standing there<b>${esc(STANDING_TEXT[p.standing] ?? p.standing)}</b></li></ul>`,
      ...(p.calibration
        ? [`<p class="note">${esc(p.calibration.text)}${cite(p.calibration.sources)}</p>`]
        : []),
      `<p>${esc(p.comparison)}${p.guideAdvice ? cite(p.guideAdvice.sources) : ""}</p>`,
      table(
        `${p.name}: the first ${Math.min(p.programs.length, 25)} of ${p.programs.length} programs`,
        ["#", "Program", "Location", "Tier", "P(interview)", "Signal"],
        p.programs
          .slice(0, 25)
          .map((x, i) => [
            String(i + 1),
            esc(x.name),
            esc([x.city, x.state].filter(Boolean).join(", ")),
            esc(x.tier),
            pct(x.pInterview.estimate),
            esc(x.signal ?? ""),
          ]),
        [0, 4],
      ),
      `<p class="note">Program data${cite([...new Set(p.programs.flatMap((x) => x.sources))])}; model${cite(p.sources)}.</p>`,
    );
  parts.push(`<h3>PGY-1 options</h3><p>${esc(b.pgy1.note)}${cite(b.pgy1.sources)}</p>`);
  if (b.pgy1.tracks.length > 0)
    parts.push(
      table(
        "Preliminary and transitional tracks in the catalog",
        ["Track", "Programs"],
        b.pgy1.tracks.map((t) => [esc(t.name), String(t.programs)]),
        [1],
      ),
    );
  if (b.pgy1.programs.length > 0)
    parts.push(
      table(
        "PGY-1 programs near the chosen ones",
        ["Program", "State", "Track", "P(position)", "Near"],
        b.pgy1.programs.map((x) => [
          esc(x.name),
          esc(x.state ?? ""),
          esc(x.track ?? ""),
          pct(x.pPosition),
          esc(x.near),
        ]),
        [3],
      ),
    );
  parts.push(
    `<h3>Programs that have gone unfilled</h3><p>${esc(b.unfilled.coverage)}${cite(b.unfilled.sources)} ${b.unfilled.total} of the ${b.unfilled.withHistory} programs with a history here left positions unfilled at least once${b.unfilled.total > b.unfilled.shown ? `; the ${b.unfilled.shown} with the most unfilled years are shown` : ""}.</p>`,
    table(
      "Unfilled positions after the Main Match (Florida programs)",
      ["Program", "Specialty", "City", "Years unfilled", "Positions unfilled", "History (filled/offered)"],
      b.unfilled.programs.map((u) => [
        esc(u.name),
        esc(u.specialtyName),
        esc(u.city ?? ""),
        String(u.unfilledYears),
        String(u.unfilledPositions),
        esc(u.years.map((y) => `${y.year}: ${y.filled}/${y.offered}`).join(", ")),
      ]),
      [3, 4],
    ),
  );
  if (b.paths.length > 0)
    parts.push(
      "<h3>Longer paths (K2, K3)</h3>",
      list(
        b.paths.map(
          (x) =>
            `${x.priority === "now" ? "<strong>Plan now:</strong> " : ""}${esc(x.text)} <span class="src">(${esc(x.ruleId)})</span>${cite(x.sources)}`,
        ),
      ),
    );
  const re = b.reapply;
  parts.push(
    `<p>Reapplying means the ${re.matchYear} Match: ERAS opens ${esc(re.erasOpens?.date ?? "unknown")}${estMark(re.erasOpens?.estimated ?? false, re.erasOpens?.basis)}, programs review from ${esc(re.programsReview?.date ?? "unknown")}${estMark(re.programsReview?.estimated ?? false, re.programsReview?.basis)}${cite([...(re.erasOpens?.sources ?? []), ...(re.programsReview?.sources ?? [])])}.</p>`,
  );
  return section("backups", "Backup and parallel plans", parts.join("\n"));
}

function sourceEntry(s: SourceListing): string {
  const where = s.url ? `<a href="${esc(s.url)}">${esc(s.url)}</a>` : s.file ? `file ${esc(s.file)}` : "";
  const lines = [
    `${esc(s.publisher)}${s.published ? ` · published ${esc(s.published)}` : ""} · retrieved ${esc(s.retrieved)}${where ? ` · ${where}` : ""}${s.via ? ` · via ${esc(s.via)}` : ""}`,
    `Terms: ${esc(s.terms)}`,
    s.note ? `<span class="note">${esc(s.note)}</span>` : "",
    s.sections.length > 0
      ? `Sections used: ${esc(s.sections.map((x) => `${x.key} (${x.title})`).join("; "))}`
      : "",
  ].filter(Boolean);
  const entries =
    s.entries.length > 0
      ? table(
          "Entries used",
          ["#", "Metric", "Value", "Year", "Confidence", "Original source"],
          s.entries.map((e) => [
            String(e.n),
            esc(e.metric),
            esc(`${e.value}${e.unit && e.unit !== "note" ? ` ${e.unit}` : ""}`),
            String(e.year),
            esc(e.confidence),
            /^https?:/.test(e.url) ? `<a href="${esc(e.url)}">${esc(e.url)}</a>` : esc(e.url),
          ]),
          [0, 3],
        )
      : "";
  return `<div id="${esc(anchor(s.id))}"><dt>${esc(s.id)} — ${esc(s.title)}</dt>${lines.map((l) => `<dd>${l}</dd>`).join("")}${entries ? `<dd>${entries}</dd>` : ""}</div>`;
}

function sourcesSection(r: Report): string {
  return section(
    "sources",
    "Sources",
    `<p>Every source this report cites (${r.sources.length}), with its date and terms. <code>match-statistics#N</code> is entry N of the cited-statistics compilation; each entry keeps its original URL and confidence.</p>
<dl class="sources">
${r.sources.map(sourceEntry).join("\n")}
</dl>`,
  );
}

function footer(r: Report): string {
  const credits = dataAttributions(r.sources).map((a) => `<p class="attribution">${esc(a)}</p>`);
  return `<footer>${credits.join("")}<p>MatchPlan report v${r.version}, as of ${esc(r.asOf)}. Probabilities are model estimates with stated ranges, not guarantees; the model and its assumptions are described in docs/model.md and docs/report.md.${r.issues.length > 0 ? ` Not computed: ${esc(r.issues.map((i) => `${i.path}: ${i.message}`).join("; "))}.` : ""}</p></footer>`;
}
