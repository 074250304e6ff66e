/**
 * MatchPlan's core: the public surface the CLI, the server and the page import — never a path
 * inside it. Pure TypeScript (no IO, no clock): the callers read data/, the request and today's
 * date, and hand them in.
 *
 * Three further entries keep what few callers need off every start: `report-render.ts` (the
 * report as HTML, with ECharts for its charts: only the HTML and PDF report load it),
 * `calendars.ts` (iCalendar files, which the page loads on first download) and `season.ts` (the
 * season tracker, which only `matchplan track` loads).
 */

// ── Assessment results ──
export { type MatchYearChoice, nextOpenMatchYear } from "./assess/application-cycle.ts";
export { step2ckPassingScore } from "./assess/derive-facts.ts";
export { provisionalWhy } from "./assess/provisional-why.ts";
export type {
  Assessment,
  BandResult,
  Because,
  Flag,
  GuidanceResult,
  PathwayResult,
  ScreeningResult,
  TargetResult,
} from "./assess/types.ts";
// ── Timeline, narrative, backups ──
export type { BackupPlan } from "./backup/types.ts";
// ── Programs: the catalog, the program model and lists ──
export {
  type Catalog,
  CENSUS_DIVISIONS,
  expandValidatedCatalog,
  type Program,
  programSchema,
} from "./catalog/program.ts";
export { searchPrograms, VISA_TYPES, type VisaType } from "./catalog/search-programs.ts";
// ── The plan's charts as figures, drawn to SVG without a library (the page's charts) ──
export {
  type ChartFigure,
  lineChartSvg,
  pMatchByCountChart,
  pMatchByScoreChart,
  scoreDistributionChart,
} from "./charts/index.ts";
export { serviceFor } from "./cycle/application-service.ts";
export { signalsFor } from "./cycle/signal-schemes.ts";
// ── Explaining results and citing sources ──
export {
  assessmentExplainContext,
  type ExplainContext,
  explainBecause,
  rulebookExplainContext,
  withExplainContext,
} from "./explain/index.ts";
// ── Issues, vocabularies and display ──
export { fail, formatIssue, type Issue, ok, type Result } from "./issues.ts";
export { PERCENT, pct } from "./math/percent.ts";
export type { Narrative } from "./narrative/types.ts";
// ── The plan: the one entry point (every surface renders parts of what it returns) ──
export {
  type ApplicationBasis,
  assessApplication,
  evaluateChosenList,
  type ForecastBasis,
  forecastTarget,
  type HeldChoice,
  type HeldList,
  type HeldListNote,
  holdList,
  type ListEvaluation,
  type ListOptions,
  type ListRow,
  type ListSummary,
  type NextDate,
  nextDate,
  PLAN_PARTS,
  PLAN_VERSION,
  type Plan,
  type PlanHeadline,
  type PlanPart,
  type PlanRequest,
  planApplication,
  planForecast,
  planHeadline,
  planPart,
  planSignals,
  planWithHeldList,
  pMatchAtScore,
  pMatchAtScores,
  type ScoreComparison,
  STEP2CK_STATUSES,
  type StandingVsOdds,
  type Step2ckDistribution,
  type Step2ckStatus,
  scoreComparison,
  step2ckDistribution,
  summariseList,
} from "./plan/index.ts";
// ── Profiles and the limits every input is held to (data/facts/input-limits.yaml) ──
export { plainText, sweepIssue, windowDate, windowYear } from "./profile/input-limits.ts";
export type { Profile, ProfileSchema } from "./profile/profile-schema.ts";
export { profileSchemaFor } from "./profile/profile-schema-for.ts";
export { toIssues, validateProfile } from "./profile/validate-profile.ts";
export {
  type CatalogFile,
  type CatalogIndex,
  type CatalogPart,
  joinCatalogParts,
  type LoadedPart,
  missingParts,
  readCatalogPart,
  splitCatalog,
} from "./programs/catalog-parts.ts";
export type { MatchEstimate } from "./programs/match-probability.ts";
export {
  type InputWarning,
  type OmittedInput,
  omittedInputs,
  omittedInputWarnings,
} from "./programs/omitted-inputs.ts";
export type { Pgy1Year } from "./programs/pgy1-joint.ts";
export {
  type Pgy1Summary,
  PLANNED_PROGRAM_FACTS,
  type PlannedProgram,
  type ProgramPlan,
  type SpecialtyList,
  type SupplementalProgram,
  supplementalSpecialtiesOf,
} from "./programs/plan-program-list.ts";
export { groupBySpecialty, type ProgramData } from "./programs/program-data.ts";
export { compileProgramModel } from "./programs/program-model.ts";
export { SUPPLEMENTAL_PROGRAM_FACTS } from "./programs/supplemental-pgy1.ts";
export {
  ESTIMATED_MARK,
  ESTIMATED_TEXT,
  RANGE_TEXT,
  rangeText,
  swingText,
  whatMovesLines,
} from "./programs/uncertainty-text.ts";
export {
  type SponsorAnswer,
  type SponsorAnswers,
  type Sponsorship,
  type SponsorshipBasis,
  type SponsorshipCounts,
  sponsorAnswersFor,
  type VisaSummary,
} from "./programs/visa-sponsorship.ts";
// ── The report model, its Markdown, and the batch (HTML with charts: report-render.ts) ──
export {
  BATCH_INPUT_FORMATS,
  type BatchInputFormat,
  type BatchRow,
  CSV_COLUMNS,
  flattenRow,
  parseBatchInput,
  runStrategy,
  type StrategyContext,
  type StrategyRow,
  type StrategySummary,
} from "./report/batch/index.ts";
export { buildReport, type ReportRequest, reportFromPlan } from "./report/build-report.ts";
/** How the report and the page write an amount and a sponsorship chance. */
export {
  pgy1TrackText,
  phrase,
  signalCountText,
  signalLabel,
  sponsorshipText,
  title,
  trackScheme,
  usd,
} from "./report/format.ts";
export { renderReportMarkdown } from "./report/render-markdown.ts";
export {
  type ForecastSummary,
  type ProgramsSection,
  type Quartiles,
  REPORT_FORMATS,
  REPORT_VERSION,
  type Report,
  type ReportFormat,
  type StudySummary,
} from "./report/types.ts";
// ── The rulebook (data/ compiled and checked) ──
export { compileRulebook, type DataFile } from "./rulebook/compile-rulebook.ts";
export type { Rulebook } from "./rulebook/rulebook.ts";
export { type RulebookJson, rulebookFromJson, rulebookToJson } from "./rulebook/rulebook-json.ts";
export { type Specialty, specialtySchema } from "./rulebook/schemas.ts";
export {
  type Citation,
  dataAttributions,
  distinctRefs,
  resolveCitation,
  type SourceListing,
  sourceRefs,
} from "./sources/index.ts";
// ── Step 2 CK: study plans, practice exams and the standalone forecast ──
export {
  type DateRange,
  type ForecastResult,
  forecastScore,
  PRACTICE_KINDS,
  type PracticeExam,
  parsePracticeLog,
  STUDY_MODES,
  type StudyDay,
  type StudyMode,
  type StudyPlan,
  WEEKDAYS,
  type Weekday,
} from "./study/index.ts";
export type { StudyOptions } from "./timeline/plan-timeline.ts";
export { CONFIDENCE_MARK, type Timeline, type TimelineItem } from "./timeline/types.ts";
export {
  APPLICANT_GROUPS,
  APPLICANT_TYPES,
  APPLYING_FROM,
  type ApplicantType,
  SCREENING_PATTERNS,
  SCREENING_VERDICT_TEXT,
  SCREENING_VERDICTS,
  type ScreeningVerdict,
  STANDINGS,
  STEP1_OUTCOMES,
  type Standing,
  TARGET_READINGS,
  type TargetReading,
  VISA_NEEDS,
} from "./vocabulary.ts";
