import {
  type Issue,
  type Result,
  type Rulebook,
  type StudyDay,
  type StudyPlan,
  WEEKDAYS,
} from "../../../src/core/index.ts";
import { words } from "../format.ts";
import { ScrollBox } from "./scroll-box.tsx";
import { Cite, Why } from "./why.tsx";

const KIND_SHORT: Record<StudyDay["kind"], string> = {
  heavy: "Study",
  light: "Light",
  consolidation: "Review",
  "self-assessment": "Test",
  off: "Off",
  exam: "EXAM",
};

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Weeks (Monday first) covering the plan, each a list of seven days or nulls. */
function weeks(days: StudyDay[]): Array<Array<StudyDay | string | null>> {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const mondayOffset = (new Date(utc(first.date)).getUTCDay() + 6) % 7;
  const out: Array<Array<StudyDay | string | null>> = [];
  for (let t = utc(first.date) - mondayOffset * DAY_MS; t <= utc(last.date); t += 7 * DAY_MS) {
    out.push(
      Array.from({ length: 7 }, (_, i) => {
        const date = isoDay(t + i * DAY_MS);
        return byDate.get(date) ?? (date < first.date || date > last.date ? null : date);
      }),
    );
  }
  return out;
}

function issueText(issues: Issue[]): string {
  return issues.map((i) => i.message).join("; ");
}

/** The Step 2 CK study calendar: exam date, phases, self-assessments, reminders and the day grid. */
export function StudyView({ rb, study }: { rb: Rulebook; study: Result<StudyPlan> }) {
  if (!study.ok)
    return (
      <section class="card" aria-labelledby="study-heading">
        <h3 id="study-heading">Step 2 CK study calendar</h3>
        <p id="study-none">No study calendar — {issueText(study.issues)}.</p>
      </section>
    );
  const s = study.value;
  return (
    <section class="card" aria-labelledby="study-heading">
      <h3 id="study-heading">Step 2 CK study calendar</h3>
      <dl class="facts">
        <dt>Exam date</dt>
        <dd id="exam-date">
          {s.examDate} (study from {s.studyStart}, {s.weeks.planned} weeks; the guides advise{" "}
          {s.weeks.needed.min}–{s.weeks.needed.max})
        </dd>
        <dt>Target</dt>
        <dd>
          {s.target.score} — {s.target.label}{" "}
          <Cite rb={rb} ruleId={s.target.ruleId} sources={s.target.sources} />
        </dd>
        <dt>Score reported</dt>
        <dd>
          {s.timing.scoreReported.earliest} to {s.timing.scoreReported.latest}
          {s.timing.cycle.programsReview
            ? `; programs review from ${s.timing.cycle.programsReview.date}${s.timing.cycle.programsReview.estimated ? " (estimated)" : ""}`
            : ""}
        </dd>
        <dt>Question bank</dt>
        <dd>
          {s.questionBank.primary.name}: {s.questionBank.primary.planned} questions
          {s.questionBank.secondary ? `; then ${s.questionBank.secondary.names.join(", ")}` : ""}
        </dd>
      </dl>
      {s.timing.messages.map((m) => (
        <p key={m} class="note">
          {m}
        </p>
      ))}
      <h4>Phases</h4>
      <ol class="phases">
        {s.phases.map((p) => (
          <li key={p.name}>
            <strong>{words(p.name)}</strong>: {p.start} to {p.end} ({p.days} days){" "}
            <Cite rb={rb} ruleId={p.ruleId} sources={p.sources} />
          </li>
        ))}
      </ol>
      <h4>Self-assessments</h4>
      <ul>
        {s.selfAssessments.map((a) => (
          <li key={a.date}>
            {a.date}: {a.label} ({a.purpose}
            {a.fullLength ? ", full-exam simulation" : ""})
          </li>
        ))}
      </ul>
      {s.reminders.length > 0 ? (
        <>
          <h4>Reminders</h4>
          <ul>
            {s.reminders.map((r) => (
              <li key={`${r.date}:${r.ruleId}`}>
                {r.date}: {r.text} <Cite rb={rb} ruleId={r.ruleId} sources={r.sources} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details class="calendar-wrap">
        <summary>Day by day ({s.days.length} days)</summary>
        <ScrollBox label="Study calendar">
          <table class="calendar" id="study-calendar">
            <caption class="sr-only">Study days by week, Monday first</caption>
            <thead>
              <tr>
                {WEEKDAYS.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks(s.days).map((week, w) => (
                <tr key={w}>
                  {week.map((d, i) =>
                    d === null || typeof d === "string" ? (
                      <td key={i} class="empty" />
                    ) : (
                      <td
                        key={d.date}
                        class={`day day-${d.kind}`}
                        title={`${d.date}: ${d.activities.join("; ")}`}
                      >
                        <span class="date">{d.date.slice(5)}</span>
                        <span class="kind">{KIND_SHORT[d.kind]}</span>
                        {d.questions > 0 ? <span class="small">{d.questions} Q</span> : null}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
      {s.notes.map((n) => (
        <p key={n} class="note">
          {n}
        </p>
      ))}
      <Why rb={rb} because={s.because} label="Why this plan?" />
    </section>
  );
}
