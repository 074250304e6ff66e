import type { Ref } from "preact";
import type { PlanHeadline, Rulebook } from "../../../src/core/index.ts";
import { pct, UNKNOWN, usd, words } from "../format.ts";
import { Cite } from "./why.tsx";

export interface Change {
  message: string;
  canUndo: boolean;
}

interface Props {
  rb: Rulebook;
  h: PlanHeadline;
  matchYear: number;
  headingRef: Ref<HTMLHeadingElement>;
  change: Change | null;
  onUndo: () => void;
}

/** The answer first: standing, P(match) with its range, programs and cost, the next date and the first thing to do. */
export function SummaryStrip({ rb, h, matchYear, headingRef, change, onUndo }: Props) {
  const pm = h.list?.pMatch ?? null;
  return (
    <section id="summary" class="summary-strip" aria-labelledby="results-heading">
      <h2 id="results-heading" ref={headingRef} tabIndex={-1}>
        Your plan: {h.specialty}, {matchYear} Match
      </h2>
      <dl class="headline">
        <div>
          <dt>Standing</dt>
          <dd>
            <span class={`standing standing-${h.standing}`} id="standing">
              {words(h.standing)}
            </span>
            {h.provisional ? <span class="badge">provisional</span> : null}
          </dd>
        </div>
        <div>
          <dt>Chance of matching</dt>
          <dd>
            <strong id="strip-pmatch">{pm ? pct(pm.estimate) : UNKNOWN}</strong>
            {pm ? (
              <span class="small" id="pmatch-range">
                {" "}
                range {pct(pm.low)}–{pct(pm.high)}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Programs and application fees</dt>
          <dd>
            {h.list ? (
              <>
                <span id="strip-count">{h.list.programs}</span> programs,{" "}
                <span id="strip-cost">{usd(h.list.costUsd)}</span>
              </>
            ) : (
              "no list"
            )}
          </dd>
        </div>
        <div>
          <dt>Next date</dt>
          <dd id="next-date">
            {h.next ? (
              <>
                {h.next.date}
                {h.next.estimated ? " (estimated)" : ""}: {h.next.label}
              </>
            ) : (
              "none still to come in the timeline"
            )}
          </dd>
        </div>
      </dl>
      {h.standingVsOdds ? (
        <div class="standing-vs-odds">
          <p class="small" id="standing-vs-odds">
            {h.standingVsOdds.text}
          </p>
          <Cite rb={rb} ruleId={h.standingVsOdds.ruleIds.join(", ")} sources={h.standingVsOdds.sources} />
        </div>
      ) : null}
      {h.provisionalWhy ? (
        <p class="small" id="provisional-why">
          Standing is provisional: {h.provisionalWhy}.
        </p>
      ) : null}
      {h.action ? (
        <p class="first-action" id="first-action">
          <strong>Do first:</strong> {h.action.message}
        </p>
      ) : null}
      {h.comparison ? (
        <div class="comparison">
          <p id="score-comparison">{h.comparison.text}</p>
          <Cite rb={rb} ruleId="step2ck.distribution" sources={h.comparison.sources} />
        </div>
      ) : null}
      {change ? (
        <p class="change" role="status" id="change-note">
          {change.message}{" "}
          {change.canUndo ? (
            <button type="button" class="link" id="undo" onClick={onUndo}>
              Undo
            </button>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
