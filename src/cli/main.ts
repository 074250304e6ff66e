import { Command, CommanderError } from "commander";
import { formatIssue } from "../core/issues.ts";
import { repositoryRulebook } from "../io/load-rulebook.ts";
import { EXIT, InputError } from "./cli-error.ts";
import { COMMANDS } from "./commands/index.ts";
import type { CliContext } from "./context.ts";

/** `matchplan`: each command reads input, calls the pure engine and prints. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("matchplan")
    .description(
      "Evidence-cited residency application strategy: assessment, plans and program lists from your profile.",
    )
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();
  for (const register of COMMANDS) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram({
    rulebook: repositoryRulebook,
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`Invalid input:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
      return EXIT.invalidInput;
    }
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    process.stderr.write(`Internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv.slice(2));
