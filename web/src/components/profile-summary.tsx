import type { Profile, Rulebook } from "../../../src/core/index.ts";
import { APPLICANT_LABELS, STEP1_LABELS, VISA_LABELS } from "./profile-form.tsx";

interface Props {
  rb: Rulebook;
  profile: Profile;
  specialty: string;
  budget: string;
  budgetError: string | null;
  onSpecialty: (id: string) => void;
  onBudget: (value: string) => void;
  onEdit: () => void;
}

/**
 * The profile folded into a few lines once there is a plan; the specialty and the budget stay
 * editable here (each change re-plans at once), the rest one button away.
 */
export function ProfileSummary({
  rb,
  profile: p,
  specialty,
  budget,
  budgetError,
  onSpecialty,
  onBudget,
  onEdit,
}: Props) {
  const specialties = [...rb.specialties.values()];
  const line = [
    APPLICANT_LABELS[p.applicantType] ?? p.applicantType,
    `graduated ${p.graduationYear}`,
    p.visa === "none-needed" ? null : `visa ${VISA_LABELS[p.visa] ?? p.visa}`,
    `Step 1 ${(STEP1_LABELS[p.step1.outcome] ?? p.step1.outcome).toLowerCase()}${p.step1.score != null ? ` (${p.step1.score})` : ""}`,
    p.step2ck.score === null ? "Step 2 CK to come" : `Step 2 CK ${p.step2ck.score}`,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <section class="card profile-summary" aria-labelledby="profile-summary-heading">
      <h2 id="profile-summary-heading">Your profile</h2>
      <p id="profile-line">{line}</p>
      <div class="grid quick">
        <div class="field">
          <label for="f-specialty">Specialty</label>
          <select
            id="f-specialty"
            name="specialty"
            value={specialty}
            onChange={(e) => onSpecialty((e.currentTarget as HTMLSelectElement).value)}
          >
            {specialties.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class={`field${budgetError ? " invalid" : ""}`}>
          <label for="f-budgetUsd">Budget for application fees (USD)</label>
          <span id="f-budgetUsd-hint" class="hint">
            Blank: no limit. The plan follows as you type.
          </span>
          <input
            id="f-budgetUsd"
            inputMode="decimal"
            autoComplete="off"
            value={budget}
            aria-invalid={budgetError ? "true" : undefined}
            aria-describedby={`f-budgetUsd-hint${budgetError ? " f-budgetUsd-err" : ""}`}
            onInput={(e) => onBudget((e.currentTarget as HTMLInputElement).value)}
          />
          {budgetError ? (
            <div id="f-budgetUsd-err" class="field-error">
              <p>{budgetError}</p>
            </div>
          ) : null}
        </div>
      </div>
      <button type="button" class="secondary" id="edit-profile" onClick={onEdit}>
        Edit the whole profile
      </button>
    </section>
  );
}
