import { dataAttributions } from "../../../src/core/report/collect-sources.ts";
import type { Rulebook } from "../../../src/core/rulebook/rulebook.ts";

/**
 * The credit line each data owner asks for (data/sources.yaml `attribution`), once per owner: the
 * page uses the catalog and the statistics of all of them. NOTICE holds their full terms.
 */
export function DataAttribution({ rb }: { rb: Rulebook }) {
  const lines = dataAttributions(Object.values(rb.sources));
  return (
    <div class="small data-attribution">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        MatchPlan's code is MIT-licensed; the NRMP, AAMC and AMA data it ships stay under their owners' terms
        (see NOTICE). You can rebuild the program list from your own exports with{" "}
        <code>matchplan data import</code>.
      </p>
    </div>
  );
}
