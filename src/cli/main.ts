import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { formatIssue } from "../core/index.ts";
import { EXIT, InputError } from "./cli-error.ts";
import { COMMANDS } from "./commands/index.ts";
import type { CliContext } from "./context.ts";
import { cliRulebook } from "./load-data.ts";

/** The package's version; package.json is two folders up both from src/cli/ and from the compiled dist/cli/. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** `matchplan`: each command reads input, calls the pure engine and prints. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("matchplan")
    .description(
      "Evidence-cited residency application strategy: assessment, plans and program lists from your profile.",
    )
    .version(packageVersion(), "-V, --version", "print the version and exit")
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();
  for (const register of COMMANDS) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/**
 * A reader that stops early (`matchplan specialties | head -1`) closes the pipe; the next write
 * fails with EPIPE. That is the reader's choice, not an error: stop quietly with exit code 0.
 */
function exitQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.ok);
    throw e;
  });
}

const isClosedPipe = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === "EPIPE";

export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  const program = buildProgram({
    rulebook: cliRulebook,
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) {
      if (e.shown) return EXIT.invalidInput;
      process.stderr.write(`Invalid input:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
      return EXIT.invalidInput;
    }
    if (isClosedPipe(e)) return EXIT.ok;
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    process.stderr.write(`Internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv.slice(2));
