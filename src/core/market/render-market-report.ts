import { PERCENT, pct } from "../math/percent.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { APPLICANT_TYPES, type ApplicantType } from "../vocabulary.ts";
import type { MarketData } from "./market-data.ts";
import type { MarketSummary, Spread } from "./simulate-market.ts";

/**
 * docs/market.md: each simulated specialty beside NRMP's published figures, and the model's
 * per-applicant odds summed over the simulated applicants beside what the market delivered.
 * Pure: the caller (scripts/market-validate.ts) runs the simulations and writes the file.
 */
const TYPE_LABEL: Record<ApplicantType, string> = {
  "us-md": "US MD seniors",
  do: "DO seniors",
  "us-img": "US IMGs",
  "non-us-img": "non-US IMGs",
};

/** A difference of two shares, in percentage points. */
const points = (x: number) => `${(x * PERCENT).toFixed(1)} points`;
const num = (x: number) => Math.round(x).toLocaleString("en-US");
const range = (s: Spread, f: (x: number) => string) => `${f(s.mean)} (${f(s.low)}–${f(s.high)})`;
const signed = (x: number, f: (x: number) => string) => `${x >= 0 ? "+" : "−"}${f(Math.abs(x))}`;

export interface ReportOptions {
  runs: number;
  seed: number;
  command: string;
}

export function renderMarketReport(
  rb: Rulebook,
  market: MarketData,
  summaries: readonly MarketSummary[],
  options: ReportOptions,
): string {
  const out: string[] = [];
  const f = market.facts;
  out.push(
    "# The whole Match, simulated, against NRMP's published figures",
    "",
    `Written by \`${options.command}\` (${options.runs} seasons per specialty, seed ${options.seed}); do not edit by hand.`,
    "",
    "Each specialty's market is the " +
      `${f.year} Main Residency Match of that specialty alone: its published positions and the applicants who ` +
      "ranked it first, applications and interviews drawn from MatchPlan's own interview-odds model, each " +
      "interview ranked as often as the model reads one interview as a rank, programs ranking the applicants who " +
      "ranked them, a share of applicants in couples, " +
      "and applicants to advanced programs ranking PGY-1 programs on a supplemental list. The Match itself is " +
      "`src/core/market/run-match.ts` (applicant-proposing, Roth–Peranson), checked by an independent verifier " +
      "(`npm run market:verify`). What the market is built from, and every assumption, is in " +
      "`data/facts/match-market.yaml` and `data/model/market-model.yaml`; how to read it is at the end.",
    "",
    "## Summary",
    "",
    "| specialty | fill, simulated | fill, published 2025 | non-US IMG match, simulated | published 2026 | model's P(match) summed vs market, all applicants | largest gap by applicant type |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const s of summaries) {
    const sf = f.specialties[s.specialty];
    const co = rb.chartingOutcomes.specialties[s.specialty];
    const fill = sf ? sf.published.fill2025.filled / sf.published.fill2025.offered : null;
    const gap = modelGap(s);
    out.push(
      `| ${rb.specialties.get(s.specialty)?.name ?? s.specialty} | ${range(s.fillRate, (x) => pct(x))} | ${fill === null ? "—" : pct(fill)} | ${pct(s.matchRate["non-us-img"].mean)} | ${co ? pct(co.matchRate) : "—"} | ${gap ? `${num(gap.expected)} vs ${num(gap.simulated)} (${signed(gap.expected - gap.simulated, num)}, ${signed((gap.expected - gap.simulated) / Math.max(1, gap.simulated), (x) => pct(x))})` : "—"} | ${largestGap(s)} |`,
    );
  }
  out.push("");

  for (const s of summaries) out.push(...specialtySection(rb, market, s));

  out.push(
    "## How to read this",
    "",
    "- **Same year where the repository allows.** The market is the " +
      `${f.year} Match (positions and first-choice candidates from NRMP Results and Data ${f.year}). Match rates ` +
      "of non-US IMGs and US MD seniors who preferred the specialty, and the ranks of matched non-US IMGs, are " +
      `${f.year} Charting Outcomes. Fill rates, unfilled positions and who filled them are 2025 figures: the ` +
      `repository holds no ${f.year} fill by specialty. DO seniors and US IMGs have no per-specialty ${f.year} ` +
      "figure here (—).",
    "- **One specialty at a time.** Applicants who rank the specialty only as a backup behind another are not " +
      "in its market, and couples' partners are both in it. A simulated fill below the published one comes from " +
      "those backup applicants, who in reality take positions a first-choice pool leaves open, and from a second " +
      "simplification: interviews are drawn applicant by applicant from the odds model, and programs do not top " +
      "up their invitations until they can fill, as real programs do.",
    "- **Applicants.** Each simulated applicant has taken Step 2 CK: its score is drawn from its type's own record " +
      "in the specialty (matched or not at the type's published rate, then that group's distribution), the record " +
      "the odds model reads the type's slope and reference from; a type with no distribution there is its typical " +
      "applicant. Letters and USCE are the model's reference values, so only the score moves the odds.",
    "- **Ranks.** Each interview drawn is kept as a rank with the probability the model itself reads one interview " +
      "as (`match.ranksPerInterview` in `data/model/program-model.yaml`, below 1: interviews declined or not " +
      "ranked, ranks broken by another specialty); an interview not kept is on neither side's list. The ranks of a " +
      "matched applicant are then its contiguous ranks in the specialty, as Charting Outcomes counts them; a " +
      "program with categorical and advanced tracks counts twice, as NRMP counts program codes. The ranks per " +
      "interview were fitted on the planner's chosen lists, where the market's applications are picked at random " +
      "and draw fewer interviews: in most specialties the market's matched non-US IMGs hold fewer ranks than published ones.",
    "- **The model against the market.** For every simulated applicant of the first seasons, the model's own P(match) " +
      "— its applications, odds and signals through the same kernel the planner uses — is summed by type and set " +
      "beside how many of them the simulated market matched. A positive difference means the per-applicant odds " +
      "promise more matches than the market can give them; this is the check the calibration " +
      "(`test/calibration.test.ts`, one applicant at a time) cannot make. A negative one means the market matches " +
      "the type more often than its odds say.",
    "- **No stable matching.** With couples, a market may have no stable matching. Seasons where the Match found " +
      "none are counted in each table; their stopped matching (every quota and list kept) is used, as the NRMP " +
      "must publish a result.",
    "- **Not modelled:** SOAP after the Match; visas (every simulated applicant needs none, so no program's " +
      "sponsorship limits it, where the calibration cohorts draw most non-US IMGs with a visa); geography and ties; programs that do not rank some of those they interviewed; reversions (which " +
      "programs revert is not published: `nrmp-reversions`); applicants from other specialties competing for the " +
      "PGY-1 positions beyond the specialty's share of them.",
    "",
    "Sources: " +
      [
        "nrmp-results-2026-first-choice",
        "nrmp-charting-outcomes-nonus-img-2026",
        "nrmp-charting-outcomes-usmd-2026",
        "nrmp-2025-outcomes",
        "nrmp-specialty-sizes-2025",
        "match-statistics",
        "nrmp-couples-2017",
        "nrmp-match-algorithm",
        "nrmp-supplemental-rol",
        "nrmp-couples",
        "roth-peranson-1999",
      ]
        .map((id) => `\`${id}\` (${rb.sources[id]?.title ?? id})`)
        .join("; ") +
      ". Full entries in `data/sources.yaml`.",
    "",
  );
  return out.join("\n");
}

/** The applicant type whose summed P(match) misses the simulated matches by the most points. */
function largestGap(s: MarketSummary): string {
  if (!s.model) return "—";
  const model = s.model;
  const rows = APPLICANT_TYPES.filter((t) => model.byType[t].applicants > 0).map((t) => {
    const m = model.byType[t];
    return { t, points: (m.expected - m.simulated) / m.applicants };
  });
  const worst = rows.sort((a, b) => Math.abs(b.points) - Math.abs(a.points))[0];
  return worst ? `${TYPE_LABEL[worst.t]}: model ${signed(worst.points, points)}` : "—";
}

function modelGap(s: MarketSummary): { expected: number; simulated: number } | null {
  if (!s.model) return null;
  let expected = 0;
  let simulated = 0;
  for (const t of APPLICANT_TYPES) {
    expected += s.model.byType[t].expected;
    simulated += s.model.byType[t].simulated;
  }
  // Per season: the model's sums cover `runs` seasons.
  return { expected: expected / s.model.runs, simulated: simulated / s.model.runs };
}

function specialtySection(rb: Rulebook, market: MarketData, s: MarketSummary): string[] {
  const sf = market.facts.specialties[s.specialty];
  const co = rb.chartingOutcomes.specialties[s.specialty];
  const name = rb.specialties.get(s.specialty)?.name ?? s.specialty;
  const lines: string[] = [];
  const total = APPLICANT_TYPES.reduce((n, t) => n + s.applicants[t], 0);
  lines.push(
    `## ${name}`,
    "",
    `${num(s.positions)} positions at ${s.programs} program tracks` +
      (s.pgy1Positions > 0
        ? `, and ${num(s.pgy1Positions)} PGY-1 positions (its share of the PGY-1-only tracks)`
        : "") +
      `; ${num(total)} applicants (${APPLICANT_TYPES.map((t) => `${num(s.applicants[t])} ${TYPE_LABEL[t]}`).join(", ")}), ` +
      `${s.couples} couples. ${s.runs} seasons` +
      (s.noStableMatching > 0
        ? `, ${s.noStableMatching} with no stable matching found.`
        : ", each with a stable matching."),
    "",
    "| measure | simulated: mean (10th–90th percentile) | published | source |",
    "| --- | --- | --- | --- |",
  );
  if (sf) {
    const fp = sf.published.fill2025;
    lines.push(
      `| fill rate | ${range(s.fillRate, (x) => pct(x))} | ${pct(fp.filled / fp.offered)} (2025${fp.note ? `; ${fp.note.replace(/\.$/, "")}` : ""}) | ${fp.sources.join(", ")} |`,
      `| unfilled positions | ${range(s.unfilled, num)} | ${num(fp.offered - fp.filled)} of ${num(fp.offered)} (2025) | ${fp.sources.join(", ")} |`,
    );
  }
  for (const t of APPLICANT_TYPES) {
    let published = "—";
    let source = "not in the repository";
    if (t === "non-us-img" && co) {
      published = `${pct(co.matchRate)} (${co.matched} of ${co.applicants}, 2026)`;
      source = "nrmp-charting-outcomes-nonus-img-2026";
    }
    if (t === "us-md" && sf) {
      const u = sf.published.usMdPreferred2026;
      published = `${pct(u.matched / (u.matched + u.notMatched))} (${u.matched} of ${u.matched + u.notMatched}, 2026)`;
      source = u.sources.join(", ");
    }
    lines.push(
      `| match rate, ${TYPE_LABEL[t]} | ${range(s.matchRate[t], (x) => pct(x))} | ${published} | ${source} |`,
    );
  }
  const shares = sf?.published.filledShares2025;
  lines.push(
    `| share of filled positions (MD / DO / US IMG / non-US IMG) | ${APPLICANT_TYPES.map((t) => pct(s.filledShares[t], 0)).join(" / ")} | ${shares ? `${APPLICANT_TYPES.map((t) => pct(shares.value[t], 0)).join(" / ")} (2025)` : "—"} | ${shares ? "match-statistics (2025 PGY-1 compilation)" : "not in the repository"} |`,
  );
  for (const t of APPLICANT_TYPES) {
    const d = s.ranksOfMatched[t];
    const m = t === "non-us-img" ? co?.contiguousRanks.matched : undefined;
    const published =
      m && m.mean !== null ? `mean ${m.mean}, median ${m.median} (${m.q1}–${m.q3}) (2026, n = ${m.n})` : "—";
    lines.push(
      `| ranks of matched ${TYPE_LABEL[t]}: mean, median (quartiles) | ${d.n > 0 ? `mean ${d.mean.toFixed(1)}, median ${d.median} (${d.q1}–${d.q3})` : "—"} | ${published} | ${m ? "nrmp-charting-outcomes-nonus-img-2026" : "not in the repository"} |`,
    );
  }
  const c = s.choice;
  lines.push(
    `| matched to their 1st / 2nd / 3rd / 4th or lower choice | ${[c.first, c.second, c.third, c.fourthOrLower].map((x) => pct(x, 0)).join(" / ")} | — | not in the repository |`,
  );
  if (s.pgy1WithAdvanced !== null)
    lines.push(
      `| matched to an advanced program who also matched a PGY-1 position | ${pct(s.pgy1WithAdvanced)} | — | not in the repository |`,
    );
  lines.push("");
  if (s.model) {
    lines.push(
      `**The model's odds against the market** (per season, mean of ${s.model.runs === 1 ? "one season" : `${s.model.runs} seasons`}; ${num(total)} applicants):`,
      "",
      "| applicants | model's P(match), summed | matched in the simulated market | difference |",
      "| --- | --- | --- | --- |",
    );
    const runs = s.model.runs;
    for (const t of APPLICANT_TYPES) {
      const raw = s.model.byType[t];
      const m = {
        expected: raw.expected / runs,
        simulated: raw.simulated / runs,
        applicants: raw.applicants / runs,
      };
      const diff = m.expected - m.simulated;
      lines.push(
        `| ${TYPE_LABEL[t]} (${num(m.applicants)}) | ${m.expected.toFixed(1)} (${pct(m.expected / Math.max(1, m.applicants))}) | ${m.simulated.toFixed(1)} (${pct(m.simulated / Math.max(1, m.applicants))}) | ${signed(diff, (x) => x.toFixed(1))} (${signed(diff / Math.max(1, m.applicants), points)}) |`,
      );
    }
    const gap = modelGap(s);
    if (gap)
      lines.push(
        "",
        `In all, the per-applicant odds promise ${num(gap.expected)} matches where the market gives ${num(gap.simulated)} ` +
          `(${signed(gap.expected - gap.simulated, num)}: the odds promise ${gap.expected > gap.simulated ? "more" : "fewer"} than the market gives); ` +
          `the specialty has ${num(s.positions)} positions.`,
      );
    lines.push("");
  }
  return lines;
}
