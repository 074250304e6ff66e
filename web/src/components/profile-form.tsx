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
import { applies, type DraftKey, fieldOf, type ProfileDraft } from "../profile/draft.ts";
import type { ExampleProfile } from "../profile/examples.ts";
import { FIELD_LABELS, plainMessage } from "../profile/messages.ts";
import { STEPS, stepOf } from "../profile/steps.ts";

export const APPLICANT_LABELS: Record<string, string> = {
  "us-md": "US MD graduate or senior",
  do: "DO graduate or senior",
  "us-img": "US citizen or resident IMG",
  "non-us-img": "Non-US IMG",
};
export const VISA_LABELS: Record<string, string> = {
  "none-needed": "No visa needed",
  j1: "J-1",
  h1b: "H-1B",
  "j1-or-h1b": "J-1 or H-1B",
};
const APPLYING_FROM_LABELS: Record<string, string> = {
  "inside-us": "Inside the US",
  "outside-us": "Outside the US",
};
export const STEP1_LABELS: Record<string, string> = {
  pass: "Passed",
  fail: "Failed (not yet passed)",
  "not-taken": "Not taken",
};

export const fieldId = (key: DraftKey) => `f-${key}`;

/** Focuses a field once the step holding it is shown. */
export function focusField(key: DraftKey, onStep: (n: number) => void): void {
  onStep(stepOf(key));
  requestAnimationFrame(() => document.getElementById(fieldId(key))?.focus());
}

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
  step: number;
  /** The standing so far, once the profile is complete enough to assess. */
  preview: ComponentChildren;
  /** A plan is shown: every change re-plans at once, and the last button folds the form. */
  planned: boolean;
  onStep: (n: number) => void;
  onField: (key: DraftKey, value: string | boolean | string[]) => void;
  onBlur: (key: DraftKey) => void;
  onSpecialty: (id: string) => void;
  onAsOf: (date: string) => void;
  onExample: (example: ExampleProfile) => void;
  onSubmit: () => void;
}

function FieldError({ id, k, issues }: { id: string; k: DraftKey; issues: Issue[] | undefined }) {
  if (!issues || issues.length === 0) return null;
  return (
    <div id={`${id}-err`} class="field-error">
      {issues.map((i) => (
        <p key={`${i.path}:${i.code}:${i.message}`}>{plainMessage(k, i)}</p>
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

type TextKey = Exclude<
  DraftKey,
  "homeProgram" | "regions" | "needsVisa" | "step1Numeric" | "applicantType" | "visa" | "step1Outcome"
>;

function TextField({
  p,
  k,
  label,
  hint,
  numeric = true,
  type = "text",
}: {
  p: FormProps;
  k: TextKey;
  label: string;
  hint?: string;
  numeric?: boolean;
  type?: "text" | "date";
}) {
  if (!applies(p.draft, k)) return null;
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
      <FieldError id={fieldId(k)} k={k} issues={issues} />
    </div>
  );
}

function SelectField({
  p,
  k,
  label,
  hint,
  options,
  labels,
}: {
  p: FormProps;
  k: "applicantType" | "visa" | "step1Outcome" | "applyingFrom";
  label: string;
  hint?: string;
  options: readonly string[];
  labels: Record<string, string>;
}) {
  if (!applies(p.draft, k)) return null;
  const issues = p.shown[k];
  return (
    <div class={`field${issues?.length ? " invalid" : ""}`}>
      <label for={fieldId(k)}>{label}</label>
      <Hint k={k} hint={hint} />
      <select
        id={fieldId(k)}
        name={k}
        value={p.draft[k]}
        aria-invalid={issues?.length ? "true" : undefined}
        aria-describedby={describedBy(p, k, hint)}
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
      <FieldError id={fieldId(k)} k={k} issues={issues} />
    </div>
  );
}

function Check({
  p,
  k,
  label,
}: {
  p: FormProps;
  k: "homeProgram" | "needsVisa" | "step1Numeric";
  label: string;
}) {
  if (!applies(p.draft, k)) return null;
  return (
    <div class="field checkbox">
      <input
        id={fieldId(k)}
        type="checkbox"
        checked={p.draft[k]}
        onChange={(e) => p.onField(k, (e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={fieldId(k)}>{label}</label>
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

function StepYou({ p }: { p: FormProps }) {
  const specialties = [...p.rb.specialties.values()];
  return (
    <>
      {p.planned ? null : (
        <div class="examples">
          <span id="examples-label">Start from an example (you can change anything afterwards):</span>
          <ul aria-labelledby="examples-label">
            {p.examples.map((ex) => (
              <li key={ex.id}>
                <button type="button" class="secondary" onClick={() => p.onExample(ex)}>
                  {ex.label} ({p.rb.specialties.get(ex.specialty)?.name ?? ex.specialty})
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Group legend="What you apply for">
        <div class="field">
          <label for="f-specialty">Specialty</label>
          <select
            id="f-specialty"
            name="specialty"
            value={p.specialty}
            onChange={(e) => p.onSpecialty((e.currentTarget as HTMLSelectElement).value)}
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
            Today, unless you want to see the plan as it would read on another day.
          </span>
          <input
            id="f-asOf"
            name="asOf"
            type="date"
            value={p.asOf}
            aria-describedby="f-asOf-hint"
            onInput={(e) => p.onAsOf((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <TextField
          p={p}
          k="targetMatchYear"
          label="Match year (optional)"
          hint="Leave blank for the next Match you can still enter."
        />
      </Group>
      <Group legend="About you">
        <SelectField
          p={p}
          k="applicantType"
          label="Applicant type"
          hint="IMG: a graduate of a medical school outside the US and Canada."
          options={APPLICANT_TYPES}
          labels={APPLICANT_LABELS}
        />
        <Check p={p} k="needsVisa" label="I am not a US citizen or permanent resident and need a visa" />
        <SelectField
          p={p}
          k="visa"
          label="Visa needed"
          hint="The visa you will train on; programs differ in which they sponsor."
          options={VISA_NEEDS}
          labels={VISA_LABELS}
        />
        <TextField
          p={p}
          k="citizenship"
          label="Citizenship (optional)"
          hint="Two-letter country code, e.g. NG. Travel restrictions depend on it; it stays on this device."
          numeric={false}
        />
        <SelectField
          p={p}
          k="applyingFrom"
          label="Applying from (optional)"
          hint="Where you will be during the season: visa rules differ for applicants abroad."
          options={APPLYING_FROM}
          labels={APPLYING_FROM_LABELS}
        />
        <TextField
          p={p}
          k="graduationYear"
          label="Year of graduation"
          hint="From medical school (or the year you will graduate), for example 2023."
        />
      </Group>
    </>
  );
}

function StepExams({ p }: { p: FormProps }) {
  return (
    <>
      <Group legend="USMLE Step 1">
        <SelectField
          p={p}
          k="step1Outcome"
          label="Step 1 result"
          options={STEP1_OUTCOMES}
          labels={STEP1_LABELS}
        />
        <Check p={p} k="step1Numeric" label="My Step 1 has a three-digit score (taken before pass/fail)" />
        <TextField p={p} k="step1Score" label="Step 1 score" />
        <TextField
          p={p}
          k="step1Attempts"
          label="Step 1 attempts"
          hint="How many times you sat it, 1 if once."
        />
      </Group>
      <Group legend="USMLE Step 2 CK">
        <TextField p={p} k="step2Score" label="Step 2 CK score" hint="Leave blank if not taken yet." />
        <TextField p={p} k="step2Attempts" label="Step 2 CK attempts" hint="0 if not taken yet." />
        <TextField
          p={p}
          k="step2Planned"
          label="Planned exam date (optional)"
          hint="When you mean to sit Step 2 CK; the study plan counts back from it."
          numeric={false}
          type="date"
        />
      </Group>
      <Group legend={p.draft.applicantType === "do" ? "Step 3 and COMLEX (optional)" : "Step 3 (optional)"}>
        <TextField p={p} k="step3Score" label="Step 3 score" />
        <TextField p={p} k="step3Attempts" label="Step 3 attempts" />
        <TextField p={p} k="comlexScore" label="COMLEX Level 2-CE score" />
        <TextField p={p} k="comlexAttempts" label="COMLEX Level 2-CE attempts" />
      </Group>
    </>
  );
}

function StepExperience({ p }: { p: FormProps }) {
  return (
    <>
      <Group legend="US clinical experience (months)" hint="Leave blank for none.">
        <TextField
          p={p}
          k="handsOnMonths"
          label="Hands-on months"
          hint="Externships, sub-internships, US jobs."
        />
        <TextField p={p} k="observershipMonths" label="Observership months" />
        <TextField
          p={p}
          k="specialtyMonths"
          label="Months in the specialty"
          hint="Part of the months above."
        />
      </Group>
      <Group legend="Research">
        <TextField p={p} k="researchItems" label="Research items" hint="Papers, posters, abstracts." />
        <TextField p={p} k="researchSpecialty" label="In the specialty" />
        <TextField p={p} k="firstAuthor" label="First-author items" />
        <TextField p={p} k="presentations" label="Presentations" />
      </Group>
      <Group legend="Letters of recommendation">
        <TextField p={p} k="lettersTotal" label="Letters in all" />
        <TextField p={p} k="lettersSpecialty" label="From the specialty" />
        <TextField p={p} k="lettersUs" label="From US physicians" />
      </Group>
    </>
  );
}

function StepWhere({ p }: { p: FormProps }) {
  const { draft, shown } = p;
  return (
    <Group legend="Where you want to train" hint="States as two-letter codes, separated by commas.">
      <Check p={p} k="homeProgram" label="I have a home program in this specialty" />
      <TextField p={p} k="tieStates" label="States you have ties to" numeric={false} />
      <TextField p={p} k="prefStates" label="Preferred states" numeric={false} />
      <TextField p={p} k="budgetUsd" label="Budget for application fees (USD)" hint="Blank: no limit." />
      <TextField
        p={p}
        k="currencyCode"
        label="Your currency (optional)"
        hint="Three-letter code, e.g. INR: costs are shown in it too."
        numeric={false}
      />
      <TextField p={p} k="currencyRate" label="Units of it per US dollar" hint="Your own rate." />
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
                  p.onField("regions", on ? [...draft.regions, d] : draft.regions.filter((r) => r !== d));
                }}
              />
              <label for={id}>{d}</label>
            </div>
          );
        })}
        <FieldError id={fieldId("regions")} k="regions" issues={shown.regions} />
      </fieldset>
    </Group>
  );
}

/** The profile in four short steps, with progress, only the fields that apply, and the standing so far. */
export function ProfileForm(props: FormProps) {
  const { step } = props;
  const current = STEPS[step] ?? STEPS[0];
  const last = step === STEPS.length - 1;
  const go = (n: number) => {
    props.onStep(n);
    requestAnimationFrame(() => document.getElementById("step-heading")?.focus());
  };
  return (
    <form
      id="profile-form"
      noValidate
      aria-labelledby="profile-heading"
      onSubmit={(e) => {
        e.preventDefault();
        // Enter in a field moves on a step until the last one; the plan is one button away throughout.
        if (last || props.planned) props.onSubmit();
        else go(step + 1);
      }}
    >
      <h2 id="profile-heading">Your profile</h2>
      <ol class="steps" aria-label="Steps of the profile">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              class={`step-link${i === step ? " current" : ""}`}
              aria-current={i === step ? "step" : undefined}
              onClick={() => go(i)}
            >
              <span class="step-n" aria-hidden="true">
                {i + 1}
              </span>{" "}
              {s.title}
            </button>
          </li>
        ))}
      </ol>

      {props.summary && props.summary.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <h3>
            Please check {props.summary.length === 1 ? "one answer" : `${props.summary.length} answers`}
          </h3>
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
                        focusField(key, props.onStep);
                      }}
                    >
                      {FIELD_LABELS[key]}
                    </a>
                  ) : (
                    "Your profile"
                  )}
                  : {plainMessage(key, i)}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      <h3 id="step-heading" tabIndex={-1}>
        <span class="muted small">
          Step {step + 1} of {STEPS.length}:
        </span>{" "}
        {current.heading}
      </h3>
      {current.id === "you" ? <StepYou p={props} /> : null}
      {current.id === "exams" ? <StepExams p={props} /> : null}
      {current.id === "experience" ? <StepExperience p={props} /> : null}
      {current.id === "where" ? <StepWhere p={props} /> : null}

      {props.otherIssues.length > 0 ? (
        <div class="field-error">
          {props.otherIssues.map((i) => (
            <p key={`${i.path}:${i.message}`}>{plainMessage(undefined, i)}</p>
          ))}
        </div>
      ) : null}

      <div class="preview" aria-live="polite" id="standing-preview">
        {props.preview}
      </div>

      <div class="actions">
        {step > 0 ? (
          <button type="button" class="secondary" id="step-back" onClick={() => go(step - 1)}>
            Back
          </button>
        ) : null}
        {last ? null : (
          <button type="button" class="secondary" id="step-next" onClick={() => go(step + 1)}>
            Next: {STEPS[step + 1]?.title}
          </button>
        )}
        <button type="button" class="primary" id="make-plan" onClick={props.onSubmit}>
          {props.planned ? "Done — back to my plan" : "Show my plan"}
        </button>
      </div>
    </form>
  );
}
