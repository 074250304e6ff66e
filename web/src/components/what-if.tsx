import { useMemo, useState } from "preact/hooks";
import { type HeldList, pMatchAtScore } from "../../../src/core/index.ts";
import { pct, pctRange, UNKNOWN } from "../format.ts";

interface Props {
  held: HeldList;
  ids: string[];
  range: { min: number; max: number };
  /** Where the slider starts: the applicant's score, else the target. */
  start: number;
  actual: number | null;
}

/**
 * What if Step 2 CK were different? P(match) of the current list at the slider's score, from the
 * core's `pMatchAtScore` (odds shifted along the Step 2 CK slope, the plan's signals): about a
 * millisecond per move, so it follows the slider live.
 */
export function WhatIf({ held, ids, range, start, actual }: Props) {
  const [score, setScore] = useState(start);
  const result = useMemo(() => {
    const t0 = performance.now();
    const p = pMatchAtScore(held, ids, score);
    return { p, ms: performance.now() - t0 };
  }, [held, ids, score]);
  const base = useMemo(
    () => (actual === null ? null : pMatchAtScore(held, ids, actual)),
    [held, ids, actual],
  );
  return (
    <section class="card" aria-labelledby="whatif-heading">
      <h3 id="whatif-heading">What if Step 2 CK were different?</h3>
      <div class="field slider">
        <label for="whatif-score">What-if Step 2 CK score</label>
        <span id="whatif-hint" class="hint">
          From the passing score ({range.min}) to the top of the scale ({range.max}); arrow keys move by one
          point.
        </span>
        <input
          id="whatif-score"
          type="range"
          min={range.min}
          max={range.max}
          step={1}
          value={score}
          aria-describedby="whatif-hint"
          aria-valuetext={`Step 2 CK ${score}`}
          onInput={(e) => setScore(Number(e.currentTarget.value))}
        />
      </div>
      <p aria-live="polite" id="whatif-result" data-ms={result.ms.toFixed(2)}>
        At Step 2 CK <strong id="whatif-value">{score}</strong>, P(match) for this list of {ids.length}{" "}
        programs: <strong id="whatif-pmatch">{result.p ? pctRange(result.p) : UNKNOWN}</strong>
        {base && result.p && actual !== null && actual !== score
          ? ` — ${result.p.estimate >= base.estimate ? "+" : "−"}${pct(Math.abs(result.p.estimate - base.estimate))} against your ${actual}`
          : ""}
      </p>
    </section>
  );
}
