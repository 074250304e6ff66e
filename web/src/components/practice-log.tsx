import { useState } from "preact/hooks";
import {
  type ForecastResult,
  type Issue,
  PRACTICE_KINDS,
  parsePracticeLog,
  type Rulebook,
} from "../../../src/core/index.ts";
import type { ForecastOutcome } from "../engine/run-plan.ts";
import { pct, words } from "../format.ts";
import { ScrollBox } from "./scroll-box.tsx";
import { Why } from "./why.tsx";

/** One practice exam as the page keeps it (the JSON `matchplan study forecast --log` reads). */
export interface LogEntry {
  date: string;
  kind: string;
  form: number | string | null;
  score: number | string;
}

const KIND_LABELS: Record<string, string> = {
  nbme: "NBME self-assessment",
  uwsa: "UWorld self-assessment (UWSA)",
  free120: "Free 120",
  other: "Other practice exam",
};

const DECISION_TEXT: Record<ForecastResult["decision"], string> = {
  go: "the forecast is close enough to the target to sit as planned.",
  "consider-postponing": "the forecast is below the target.",
  postpone: "the forecast is well below the target and there is still time this cycle.",
};

const DAY_MS = 86_400_000;
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Readings, the forecast band on exam day and the target, drawn as SVG (no chart library). */
export function ForecastChart({ f }: { f: ForecastResult }) {
  const W = 640;
  const H = 240;
  const pad = { l: 44, r: 16, t: 12, b: 28 };
  const dates = [...f.readings.map((r) => utc(r.date)), utc(f.forecast.at)];
  const values = [
    ...f.readings.flatMap((r) => [r.score, r.corrected]),
    f.forecast.low,
    f.forecast.high,
    f.target,
  ];
  const x0 = Math.min(...dates);
  const x1 = Math.max(...dates, x0 + 7 * DAY_MS);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const margin = Math.max(1, (hi - lo) * 0.1);
  const y0 = Math.floor(lo - margin);
  const y1 = Math.ceil(hi + margin);
  const x = (t: number) => pad.l + ((t - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - ((v - y0) / (y1 - y0)) * (H - pad.t - pad.b);
  const ticks = Array.from({ length: 5 }, (_, i) => Math.round(y0 + ((y1 - y0) * i) / 4));
  const fx = x(utc(f.forecast.at));
  const label = `Practice scores from ${f.readings[0]?.date ?? ""} to ${f.readings[f.readings.length - 1]?.date ?? ""}; forecast ${f.forecast.estimate} (${f.forecast.low}–${f.forecast.high}) on ${f.forecast.at}; target ${f.target}.`;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} id="forecast-chart">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} class="grid-line" />
          <text x={pad.l - 6} y={y(t) + 4} text-anchor="end" class="axis">
            {t}
          </text>
        </g>
      ))}
      <line x1={pad.l} x2={W - pad.r} y1={y(f.target)} y2={y(f.target)} class="target-line" />
      <text x={W - pad.r} y={y(f.target) - 4} text-anchor="end" class="axis">
        target {f.target}
      </text>
      <rect
        x={fx - 8}
        width={16}
        y={y(f.forecast.high)}
        height={Math.max(1, y(f.forecast.low) - y(f.forecast.high))}
        class="band"
      />
      <circle cx={fx} cy={y(f.forecast.estimate)} r={5} class="forecast-point" />
      <polyline
        class="corrected-line"
        points={f.readings.map((r) => `${x(utc(r.date))},${y(r.corrected)}`).join(" ")}
      />
      {f.readings.map((r) => (
        <circle
          key={`${r.date}:${r.kind}:${String(r.form)}`}
          cx={x(utc(r.date))}
          cy={y(r.score)}
          r={4}
          class="reading"
        />
      ))}
      <text x={pad.l} y={H - 8} class="axis">
        {new Date(x0).toISOString().slice(0, 10)}
      </text>
      <text x={W - pad.r} y={H - 8} text-anchor="end" class="axis">
        {new Date(x1).toISOString().slice(0, 10)}
      </text>
    </svg>
  );
}

interface Props {
  rb: Rulebook;
  asOf: string;
  log: LogEntry[];
  onLog: (log: LogEntry[]) => void;
  outcome: ForecastOutcome | null;
  target: { score: number; label: string } | null;
  step2Taken: boolean;
}

/** The practice-exam log (add and remove entries), the forecast and the go / postpone call. */
export function PracticeLog({ rb, asOf, log, onLog, outcome, target, step2Taken }: Props) {
  const [entry, setEntry] = useState({ date: asOf, kind: "nbme", form: "", score: "" });
  const [issues, setIssues] = useState<Issue[]>([]);
  const fieldIssues = (f: string) => issues.filter((i) => i.path.endsWith(`.${f}`));
  const add = () => {
    const candidate: LogEntry = {
      date: entry.date,
      kind: entry.kind,
      form:
        entry.form.trim() === "" ? null : /^\d+$/.test(entry.form.trim()) ? Number(entry.form) : entry.form,
      score: /^\d+$/.test(entry.score.trim()) ? Number(entry.score) : entry.score,
    };
    const checked = parsePracticeLog(rb, [candidate], asOf, "entry");
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    setIssues([]);
    onLog([...log, candidate].sort((a, b) => a.date.localeCompare(b.date)));
    setEntry({ ...entry, form: "", score: "" });
  };
  const f = outcome?.forecast?.ok ? outcome.forecast.value : null;
  const Err = ({ name }: { name: string }) => {
    const list = fieldIssues(name);
    return list.length > 0 ? (
      <div class="field-error" id={`log-${name}-err`}>
        {list.map((i) => (
          <p key={i.message}>
            {i.message}
            {i.allowed ? ` (allowed: ${i.allowed})` : ""}
          </p>
        ))}
      </div>
    ) : null;
  };
  const err = (name: string) => (fieldIssues(name).length > 0 ? `log-${name}-err` : undefined);
  return (
    <section class="card" aria-labelledby="log-heading">
      <h3 id="log-heading">Practice exams and forecast</h3>
      <p class="hint">
        Log self-assessments as you take them; the forecast of exam-day Step 2 CK narrows as they add up
        {target ? `, and is judged against the target ${target.score}` : ""}.
        {step2Taken ? " (Your Step 2 CK is already scored; this applies to an exam not yet taken.)" : ""}
      </p>
      <form
        class="log-form"
        noValidate
        aria-label="Add a practice exam"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div class="field">
          <label for="log-date">Date</label>
          <input
            id="log-date"
            type="date"
            value={entry.date}
            aria-invalid={err("date") ? "true" : undefined}
            aria-describedby={err("date")}
            onInput={(e) => setEntry({ ...entry, date: e.currentTarget.value })}
          />
          <Err name="date" />
        </div>
        <div class="field">
          <label for="log-kind">Exam</label>
          <select
            id="log-kind"
            value={entry.kind}
            onChange={(e) => setEntry({ ...entry, kind: e.currentTarget.value })}
          >
            {PRACTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k] ?? k}
              </option>
            ))}
          </select>
          <Err name="kind" />
        </div>
        <div class="field">
          <label for="log-form">Form</label>
          <input
            id="log-form"
            inputMode="numeric"
            value={entry.form}
            aria-invalid={err("form") ? "true" : undefined}
            aria-describedby={err("form")}
            onInput={(e) => setEntry({ ...entry, form: e.currentTarget.value })}
          />
          <Err name="form" />
        </div>
        <div class="field">
          <label for="log-score">Score</label>
          <input
            id="log-score"
            inputMode="numeric"
            value={entry.score}
            aria-invalid={err("score") ? "true" : undefined}
            aria-describedby={err("score")}
            onInput={(e) => setEntry({ ...entry, score: e.currentTarget.value })}
          />
          <Err name="score" />
        </div>
        <div class="actions">
          <button type="submit" class="secondary" id="log-add">
            Add practice exam
          </button>
        </div>
      </form>

      {log.length > 0 ? (
        <ScrollBox label="Practice exams">
          <table id="log-table">
            <caption class="sr-only">Practice exams</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Exam</th>
                <th scope="col">Form</th>
                <th scope="col">Score</th>
                <th scope="col">Bias-corrected</th>
                <th scope="col">Weight</th>
                <th scope="col">
                  <span class="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.map((e, i) => {
                const reading = f?.readings.find(
                  (r) =>
                    r.date === e.date &&
                    r.kind === e.kind &&
                    String(r.form) === String(e.form) &&
                    r.score === e.score,
                );
                return (
                  <tr key={`${e.date}:${e.kind}:${String(e.form)}:${String(e.score)}`}>
                    <td>{e.date}</td>
                    <td>{KIND_LABELS[e.kind] ?? e.kind}</td>
                    <td>{e.form ?? "—"}</td>
                    <td>{e.score}</td>
                    <td>{reading ? reading.corrected.toFixed(1) : "—"}</td>
                    <td>{reading ? pct(reading.weight) : "—"}</td>
                    <td>
                      <button
                        type="button"
                        class="link"
                        aria-label={`Remove the ${e.kind} of ${e.date}`}
                        onClick={() => onLog(log.filter((_, j) => j !== i))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      ) : (
        <p class="small muted">No practice exams logged yet.</p>
      )}

      <div aria-live="polite" id="forecast">
        {outcome && !outcome.log.ok ? (
          <p class="field-error">{outcome.log.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}</p>
        ) : null}
        {outcome?.forecast && !outcome.forecast.ok ? (
          <p>Forecast unknown: {outcome.forecast.issues.map((i) => i.message).join("; ")}.</p>
        ) : null}
        {f ? (
          <>
            <p>
              Forecast on {f.forecast.at}: <strong id="forecast-estimate">{f.forecast.estimate}</strong> (
              {pct(f.forecast.probability)} band {f.forecast.low}–{f.forecast.high}); target {f.target}, gap{" "}
              {f.gap}.
            </p>
            <p class={`decision decision-${f.decision}`} id="decision">
              <strong>{words(f.decision)}</strong>: {DECISION_TEXT[f.decision]}
            </p>
            <ForecastChart f={f} />
            <p class="small muted">
              Dots: practice scores as taken. Line: the same scores less each exam's typical bias. Bar: the
              forecast band on {f.forecast.at}. Dashed line: the target.
            </p>
            {f.tighten.length > 0 ? (
              <>
                <h4>What would narrow the band</h4>
                <ul>
                  {f.tighten.map((t) => (
                    <li key={t.action}>
                      {t.action} by {t.by}: ±{t.halfWidthNow} → ±{t.halfWidthAfter}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <Why rb={rb} because={f.because} label="Why this call?" />
          </>
        ) : null}
      </div>
    </section>
  );
}
