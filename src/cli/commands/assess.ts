import type { Command } from "commander";
import { assessApplication } from "../../core/index.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { parseDateOption, today } from "../read-input.ts";
import { renderAssessment } from "../render-assessment.ts";

export function registerAssess(program: Command, ctx: CliContext): void {
  program
    .command("assess")
    .description(
      "Where a profile stands for a specialty: Step 2 CK band and target, red flags, what compensates, advice — with sources.",
    )
    .requiredOption("--profile <file>", "profile JSON file, or - for standard input")
    .requiredOption("--specialty <id>", "specialty id (see `matchplan specialties`)")
    .option("--as-of <date>", "assess as of this date (YYYY-MM-DD); default today")
    .option("--json", "print the full result as JSON (stable; see docs/cli.md)")
    .option("--explain", "list the rules and sources behind each conclusion")
    .action((o: { profile: string; specialty: string; asOf?: string; json?: boolean; explain?: boolean }) => {
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const profile = loadProfile(ctx, o.profile);
      // The plan's first stage: the assessment for the Match year the plan is for.
      const r = assessApplication(ctx.rulebook(), { profile, specialty: o.specialty, asOf });
      if (!r.ok)
        throw new InputError(
          r.issues.map((i) => ({ ...i, path: i.path === "specialty" ? "--specialty" : i.path })),
        );
      const a = r.value.assessment;
      ctx.out(
        o.json
          ? JSON.stringify(a, null, 2)
          : renderAssessment(a, ctx.rulebook(), { explain: o.explain ?? false }),
      );
    });
}
