import type { Command } from "commander";
import { z } from "zod";
import { omittedInputWarnings, type Profile, profileSchemaFor } from "../../core/index.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { cliProgramData } from "../load-data.ts";

export function registerProfileTools(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description(
      "Check a profile file and list every problem with its field, the rule broken and what is allowed.",
    )
    .requiredOption("--profile <file>", "profile JSON file, or - for standard input")
    .option("--json", "print the result as JSON")
    .action((o: { profile: string; json?: boolean }) => {
      let profile: Profile;
      try {
        profile = loadProfile(ctx, o.profile);
      } catch (e) {
        // With --json the problems are the answer: on standard output, as the valid case's is.
        if (!(o.json && e instanceof InputError)) throw e;
        ctx.out(JSON.stringify({ ok: false, issues: e.issues }));
        throw new InputError(e.issues, true);
      }
      // Valid, but an odds input left out is counted as none: warned, not failed (omitted-inputs.ts).
      const warnings = omittedInputWarnings(cliProgramData().model, profile);
      ctx.out(
        o.json
          ? JSON.stringify({ ok: true, issues: [], warnings })
          : ["Profile is valid.", ...warnings.map((w) => `Warning: ${w.path}: ${w.message}`)].join("\n"),
      );
    });

  program
    .command("schema")
    .description("Print the applicant profile's JSON Schema.")
    .action(() => {
      ctx.out(JSON.stringify(z.toJSONSchema(profileSchemaFor(ctx.rulebook()), { io: "input" }), null, 2));
    });
}
