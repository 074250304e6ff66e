import type { ComponentChildren } from "preact";
import {
  APPLICANT_TYPES,
  APPLYING_FROM,
  CENSUS_DIVISIONS,
  type Issue,
  type Rulebook,
  STEP1_OUTCOMES,
  VISA_NEEDS,
} from "../../../src/core/index.ts";
import { type DraftKey, fieldOf, type ProfileDraft } from "../profile/draft.ts";
import type { ExampleProfile } from "../profile/examples.ts";

const APPLICANT_LABELS: Record<string, string> = {
  "us-md": "US MD graduate or senior",
  do: "DO graduate or senior",
  "us-img": "US citizen or resident IMG",
  "non-us-img": "Non-US IMG",
};
const VISA_LABELS: Record<string, string> = {
  "none-needed": "No visa needed",
  j1: "J-1",
  h1b: "H-1B",
  "j1-or-h1b": "J-1 or H-1B",
};
const APPLYING_FROM_LABELS: Record<string, string> = {
  "inside-us": "Inside the US",
  "outside-us": "Outside the US",
};
const STEP1_LABELS: Record<string, string> = {
  pass: "Passed",
  fail: "Failed (not yet passed)",
  "not-taken": "Not taken",
};

export const fieldId = (key: DraftKey) => `f-${key}`;

interface FormProps {
  rb: Rulebook;
  draft: ProfileDraft;
  specialty: string;
  asOf: string;
  /** Issues to show beside their fields (only for fields touched, or all after a submit). */
  shown: Partial<Record<DraftKey, Issue[]>>;
  otherIssues: Issue[];
  summary: Issue[] | null;
  examples: readonly ExampleProfile[];
  stale: boolean;
  onField: (key: DraftKey, value: string | boolean | string[]) => void;
  onBlur: (key: DraftKey) => void;
  onSpecialty: (id: string) => void;
  onAsOf: (date: string) => void;
  onExample: (example: ExampleProfile) => void;
  onSubmit: () => void;
}

function FieldError({ id, issues }: { id: string; issues: Issue[] | undefined }) {
  if (!issues || issues.length === 0) return null;
  return (
    <div id={`${id}-err`} class="field-error">
      {issues.map((i) => (
        <p key={`${i.path}:${i.code}:${i.message}`}>
          {i.message}
          {i.allowed ? <span class="allowed"> (allowed: {i.allowed})</span> : null}
        </p>
      ))}
    </div>
  );
}

function describedBy(p: FormProps, key: DraftKey, hint?: string): string | undefined {
  return (
    [hint ? `${fieldId(key)}-hint` : null, p.shown[key]?.length ? `${fieldId(key)}-err` : null]
      .filter(Boolean)
      .join(" ") || undefined
  );
}

function Hint({ k, hint }: { k: DraftKey; hint: string | undefined }) {
  return hint ? (
    <span id={`${fieldId(k)}-hint`} class="hint">
      {hint}
    </span>
  ) : null;
}

function TextField({
  p,
  k,
  label,
  hint,
  numeric = true,
  type = "text",
}: {
  p: FormProps;
  k: Exclude<DraftKey, "homeProgram" | "regions">;
  label: string;
  hint?: string;
  numeric?: boolean;
  type?: "text" | "date";
}) {
  const issues = p.shown[k];
  return (
    <div class={`field${issues?.length ? " invalid" : ""}`}>
      <label for={fieldId(k)}>{label}</label>
      <Hint k={k} hint={hint} />
      <input
        id={fieldId(k)}
        name={k}
        type={type}
        inputMode={numeric ? "decimal" : undefined}
        autoComplete="off"
        value={p.draft[k]}
        aria-invalid={issues?.length ? "true" : undefined}
        aria-describedby={describedBy(p, k, hint)}
        onInput={(e) => p.onField(k, (e.currentTarget as HTMLInputElement).value)}
        onBlur={() => p.onBlur(k)}
      />
      <FieldError id={fieldId(k)} issues={issues} />
    </div>
  );
}

function SelectField({
  p,
  k,
  label,
  options,
  labels,
}: {
  p: FormProps;
  k: "applicantType" | "visa" | "step1Outcome" | "applyingFrom";
  label: string;
  options: readonly string[];
  labels: Record<string, string>;
}) {
  const issues = p.shown[k];
  return (
    <div class={`field${issues?.length ? " invalid" : ""}`}>
      <label for={fieldId(k)}>{label}</label>
      <select
        id={fieldId(k)}
        name={k}
        value={p.draft[k]}
        aria-invalid={issues?.length ? "true" : undefined}
        aria-describedby={describedBy(p, k)}
        onChange={(e) => p.onField(k, (e.currentTarget as HTMLSelectElement).value)}
        onBlur={() => p.onBlur(k)}
      >
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o] ?? o}
          </option>
        ))}
      </select>
      <FieldError id={fieldId(k)} issues={issues} />
    </div>
  );
}

function Group({ legend, children, hint }: { legend: string; children: ComponentChildren; hint?: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      <div class="grid">{children}</div>
    </fieldset>
  );
}

export function ProfileForm(props: FormProps) {
  const { draft, shown } = props;
  const specialties = [...props.rb.specialties.values()];
  return (
    <form
      id="profile-form"
      noValidate
      aria-labelledby="profile-heading"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h2 id="profile-heading">Your profile</h2>
      {props.summary && props.summary.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <h3>Please check {props.summary.length === 1 ? "one field" : `${props.summary.length} fields`}</h3>
          <ul>
            {props.summary.map((i) => {
              const key = fieldOf(i.path);
              return (
                <li key={`${i.path}:${i.message}`}>
                  {key ? (
                    <a
                      href={`#${fieldId(key)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(fieldId(key))?.focus();
                      }}
                    >
                      <code>{i.path}</code>
                    </a>
                  ) : (
                    <code>{i.path || "(profile)"}</code>
                  )}
                  : {i.message}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      <div class="examples">
        <span id="examples-label">Start from an example:</span>
        <ul aria-labelledby="examples-label">
          {props.examples.map((ex) => (
            <li key={ex.id}>
              <button type="button" class="secondary" onClick={() => props.onExample(ex)}>
                {ex.label} ({props.rb.specialties.get(ex.specialty)?.name ?? ex.specialty})
              </button>
            </li>
          ))}
        </ul>
      </div>

      <Group legend="What you apply for">
        <div class="field">
          <label for="f-specialty">Specialty</label>
          <select
            id="f-specialty"
            name="specialty"
            value={props.specialty}
            onChange={(e) => props.onSpecialty((e.currentTarget as HTMLSelectElement).value)}
          >
            {specialties.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-asOf">Plan as of</label>
          <span id="f-asOf-hint" class="hint">
            Dates, cycles and fees are read as of this day.
          </span>
          <input
            id="f-asOf"
            name="asOf"
            type="date"
            value={props.asOf}
            aria-describedby="f-asOf-hint"
            onInput={(e) => props.onAsOf((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <TextField
          p={props}
          k="targetMatchYear"
          label="Match year (optional)"
          hint="Blank: the next cycle still open."
        />
      </Group>

      <Group legend="About you">
        <SelectField
          p={props}
          k="applicantType"
          label="Applicant type"
          options={APPLICANT_TYPES}
          labels={APPLICANT_LABELS}
        />
        <TextField
          p={props}
          k="graduationYear"
          label="Year of graduation"
          hint="From medical school, e.g. 2023."
        />
        <SelectField p={props} k="visa" label="Visa needed" options={VISA_NEEDS} labels={VISA_LABELS} />
        <TextField
          p={props}
          k="citizenship"
          label="Citizenship (optional)"
          hint="Two-letter country code, e.g. NG. Travel restrictions depend on it; it stays on this device."
          numeric={false}
        />
        <SelectField
          p={props}
          k="applyingFrom"
          label="Applying from (optional)"
          options={APPLYING_FROM}
          labels={APPLYING_FROM_LABELS}
        />
      </Group>

      <Group legend="USMLE Step 1">
        <SelectField
          p={props}
          k="step1Outcome"
          label="Step 1 result"
          options={STEP1_OUTCOMES}
          labels={STEP1_LABELS}
        />
        <TextField
          p={props}
          k="step1Score"
          label="Step 1 score (optional)"
          hint="Only for a numeric score from before pass/fail."
        />
        <TextField p={props} k="step1Attempts" label="Step 1 attempts" />
      </Group>

      <Group legend="USMLE Step 2 CK">
        <TextField p={props} k="step2Score" label="Step 2 CK score" hint="Leave blank if not taken yet." />
        <TextField p={props} k="step2Attempts" label="Step 2 CK attempts" hint="0 if not taken yet." />
        <TextField
          p={props}
          k="step2Planned"
          label="Planned exam date (optional)"
          numeric={false}
          type="date"
        />
      </Group>

      <Group legend="Step 3 and COMLEX (optional)">
        <TextField p={props} k="step3Score" label="Step 3 score" />
        <TextField p={props} k="step3Attempts" label="Step 3 attempts" />
        <TextField p={props} k="comlexScore" label="COMLEX Level 2-CE score" />
        <TextField p={props} k="comlexAttempts" label="COMLEX Level 2-CE attempts" />
      </Group>

      <Group legend="US clinical experience (months)">
        <TextField p={props} k="handsOnMonths" label="Hands-on months" />
        <TextField p={props} k="observershipMonths" label="Observership months" />
        <TextField
          p={props}
          k="specialtyMonths"
          label="Months in the specialty"
          hint="Part of the months above."
        />
      </Group>

      <Group legend="Research">
        <TextField p={props} k="researchItems" label="Research items" hint="Papers, posters, abstracts." />
        <TextField p={props} k="researchSpecialty" label="In the specialty" />
        <TextField p={props} k="firstAuthor" label="First-author items" />
        <TextField p={props} k="presentations" label="Presentations" />
      </Group>

      <Group legend="Letters of recommendation">
        <TextField p={props} k="lettersTotal" label="Letters in all" />
        <TextField p={props} k="lettersSpecialty" label="From the specialty" />
        <TextField p={props} k="lettersUs" label="From US physicians" />
      </Group>

      <Group legend="Where you want to train" hint="States as two-letter codes, separated by commas.">
        <div class="field checkbox">
          <input
            id={fieldId("homeProgram")}
            type="checkbox"
            checked={draft.homeProgram}
            onChange={(e) => props.onField("homeProgram", (e.currentTarget as HTMLInputElement).checked)}
          />
          <label for={fieldId("homeProgram")}>I have a home program in this specialty</label>
        </div>
        <TextField p={props} k="tieStates" label="States you have ties to" numeric={false} />
        <TextField p={props} k="prefStates" label="Preferred states" numeric={false} />
        <TextField p={props} k="budgetUsd" label="Budget for ERAS fees (USD)" hint="Blank: no limit." />
        <TextField
          p={props}
          k="currencyCode"
          label="Your currency (optional)"
          hint="Three-letter code, e.g. INR: costs are shown in it too."
          numeric={false}
        />
        <TextField p={props} k="currencyRate" label="Units of it per US dollar" hint="Your own rate." />
        <fieldset class={`field regions${shown.regions?.length ? " invalid" : ""}`}>
          <legend>Preferred regions (census divisions)</legend>
          {CENSUS_DIVISIONS.map((d) => {
            const id = `f-region-${d.replace(/\s+/g, "-").toLowerCase()}`;
            return (
              <div key={d} class="checkbox">
                <input
                  id={id}
                  type="checkbox"
                  checked={draft.regions.includes(d)}
                  onChange={(e) => {
                    const on = (e.currentTarget as HTMLInputElement).checked;
                    props.onField(
                      "regions",
                      on ? [...draft.regions, d] : draft.regions.filter((r) => r !== d),
                    );
                  }}
                />
                <label for={id}>{d}</label>
              </div>
            );
          })}
          <FieldError id={fieldId("regions")} issues={shown.regions} />
        </fieldset>
      </Group>

      {props.otherIssues.length > 0 ? (
        <div class="field-error">
          {props.otherIssues.map((i) => (
            <p key={`${i.path}:${i.message}`}>
              <code>{i.path || "(profile)"}</code>: {i.message}
            </p>
          ))}
        </div>
      ) : null}

      <div class="actions">
        <button type="submit" class="primary" id="make-plan">
          Show my plan
        </button>
        {props.stale ? (
          <span class="hint" role="status">
            The form has changed since the plan below was made.
          </span>
        ) : null}
      </div>
    </form>
  );
}
