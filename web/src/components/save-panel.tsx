import { useState } from "preact/hooks";
import { DEFAULT_PLAN_RETENTION_DAYS } from "../../../src/store/store.ts";
import { planLink } from "../api/plans-api.ts";

export type SaveState =
  | { kind: "idle" }
  | { kind: "busy"; message: string }
  | { kind: "saved"; message: string }
  | { kind: "deleted"; message: string }
  | { kind: "error"; message: string };

interface Props {
  saved: { id: string; version: number } | null;
  state: SaveState;
  onSave: () => void;
  onDelete: () => void;
}

/** Save to the server for a private link; delete with a confirmation step. The only upload on the page. */
export function SavePanel({ saved, state, onSave, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const link = saved ? planLink(saved.id) : null;
  const busy = state.kind === "busy";
  return (
    <section class="card" aria-labelledby="save-heading">
      <h3 id="save-heading">Save this plan</h3>
      <p class="hint">
        Saving sends your profile, practice exams and program list to this site's server under an unguessable
        id, so you can reopen the plan from a private link. Anyone with the link can open it; delete it when
        you no longer need it. Results are recomputed from the current data each time the plan is opened.
      </p>
      <p class="hint" id="save-retention">
        A saved plan that nobody opens for {DEFAULT_PLAN_RETENTION_DAYS} days is deleted from the server
        (unless the site's operator set another period); each time you open it the count starts again. Each
        address may keep a limited number of saved plans: delete ones you no longer need.
      </p>
      <div class="actions">
        <button type="button" class="primary" id="save-plan" disabled={busy} onClick={onSave}>
          {saved ? "Save changes" : "Save and get a private link"}
        </button>
        {saved && !confirming ? (
          <button
            type="button"
            class="danger"
            id="delete-plan"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Delete saved plan…
          </button>
        ) : null}
      </div>
      {saved && confirming ? (
        <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">Delete the saved plan from the server? The link will stop working.</p>
          <div class="actions">
            <button
              type="button"
              class="danger"
              id="confirm-delete"
              onClick={() => {
                setConfirming(false);
                onDelete();
              }}
            >
              Yes, delete it
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {link ? (
        <div class="field">
          <label for="plan-link">Private link</label>
          <div class="inline">
            <input id="plan-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              class="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(link).then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : null}
      <p
        aria-live="polite"
        role="status"
        id="save-status"
        class={state.kind === "error" ? "field-error" : ""}
      >
        {state.kind === "idle" ? "" : state.message}
      </p>
    </section>
  );
}
