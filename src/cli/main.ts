import { Command, CommanderError, Option } from "commander";
import { z } from "zod";
import { assessProfile } from "../core/assess/assess-profile.ts";
import { formatIssue } from "../core/issues.ts";
import { profileSchemaFor } from "../core/profile/profile-schema-for.ts";
import { validateProfile } from "../core/profile/validate-profile.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { repositoryRulebook } from "../io/load-rulebook.ts";
import { EXIT, InputError } from "./cli-error.ts";
import { parseDateOption, readJsonInput, today } from "./read-input.ts";
import { renderAssessment } from "./render-assessment.ts";

/** `matchplan`: reads input, calls the pure engine, prints. */
export function buildProgram(rb: () => Rulebook, out: (s: string) => void): Command {
  const program = new Command("matchplan")
    .description(
      "Evidence-cited residency application strategy: assessment, plans and program lists from your profile.",
    )
    .showHelpAfterError()
    .exitOverride();

  const loadProfile = (file: string) => {
    const r = validateProfile(profileSchemaFor(rb()), readJsonInput(file, "--profile"));
    if (!r.ok) throw new InputError(r.issues);
    return r.value;
  };

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
      const profile = loadProfile(o.profile);
      const r = assessProfile(rb(), profile, o.specialty, asOf);
      if (!r.ok)
        throw new InputError(
          r.issues.map((i) => ({ ...i, path: i.path === "specialty" ? "--specialty" : i.path })),
        );
      out(
        o.json
          ? JSON.stringify(r.value, null, 2)
          : renderAssessment(r.value, rb(), { explain: o.explain ?? false }),
      );
    });

  program
    .command("validate")
    .description(
      "Check a profile file and list every problem with its field, the rule broken and what is allowed.",
    )
    .requiredOption("--profile <file>", "profile JSON file, or - for standard input")
    .option("--json", "print the result as JSON")
    .action((o: { profile: string; json?: boolean }) => {
      loadProfile(o.profile);
      out(o.json ? JSON.stringify({ ok: true, issues: [] }) : "Profile is valid.");
    });

  program
    .command("specialties")
    .description("List the registered specialties with their tier, position level and signals.")
    .option("--json", "print as JSON")
    .action((o: { json?: boolean }) => {
      const list = [...rb().specialties.values()];
      if (o.json) {
        out(JSON.stringify(list, null, 2));
        return;
      }
      for (const s of list) {
        const sig = s.signals.value;
        const signals = !sig
          ? "signals unknown"
          : sig.scheme === "gold-silver"
            ? `${sig.gold} gold + ${sig.silver} silver signals (${sig.cycle})`
            : `${sig.count} signals (${sig.cycle})`;
        out(
          `${s.id.padEnd(34)} ${(s.tier.value ?? "untiered").padEnd(24)} ${s.positions.value.padEnd(12)} ${signals}`,
        );
      }
    });

  program
    .command("schema")
    .description("Print the applicant profile's JSON Schema.")
    .action(() => {
      out(JSON.stringify(z.toJSONSchema(profileSchemaFor(rb()), { io: "input" }), null, 2));
    });

  program.addOption(new Option("--no-color", "plain output").hideHelp());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(repositoryRulebook, (s) => process.stdout.write(`${s}\n`));
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`Invalid input:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
      return EXIT.invalidInput;
    }
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0)
        return EXIT.ok;
      return EXIT.invalidInput;
    }
    process.stderr.write(`Internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv.slice(2));
