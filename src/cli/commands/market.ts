import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { type MarketJobResult, runMarketJob } from "../market-job.ts";
import { specialtyOption } from "./report.ts";

/**
 * `matchplan market simulate`: many seasons of one specialty's whole Match (docs/market.md), as
 * a JSON summary; with --profile, one applicant's P(match) in those markets against its rank-list
 * length and with or without its supplemental list, beside the model's own figures. The
 * simulator runs in a worker thread started when the command runs (market-job.ts).
 */
export function registerMarket(program: Command, ctx: CliContext): void {
  const market = program
    .command("market")
    .description("Simulate a specialty's whole Match (docs/market.md).");
  market
    .command("simulate")
    .description(
      "Run many seeded seasons of a specialty's Match and print a JSON summary; with --profile, your own P(match) in them.",
    )
    .requiredOption("--specialty <id>", "specialty id with market data (see docs/market.md)")
    .option("--runs <n>", `seasons to simulate (1–${MAX_RUNS})`, "20")
    .option("--seed <n>", "seed of the first season (each season uses the next)", "2026")
    .option("--profile <file>", "an applicant profile: its own P(match) in the simulated markets")
    .option("--max-length <n>", `with --profile: longest rank list to try (1–${MAX_LENGTH})`, "12")
    .option("--no-couples", "leave couples out")
    .action(
      async (o: {
        specialty: string;
        runs: string;
        seed: string;
        profile?: string;
        maxLength: string;
        couples: boolean;
      }) => {
        specialtyOption(ctx, o.specialty);
        const runs = intOption(o.runs, "--runs", 1, MAX_RUNS);
        const seed = intOption(o.seed, "--seed", 0, MAX_SEED);
        const maxLength = intOption(o.maxLength, "--max-length", 1, MAX_LENGTH);
        const profile = o.profile ? loadProfile(ctx, o.profile) : null;
        // The seasons run in a worker thread with room for them (market-job.ts); it loads the data
        // and the simulator itself, so every other command starts without them.
        const bar = ctx.isTTY
          ? new SingleBar(
              {
                stream: process.stderr,
                format: "{bar} {value}/{total} seasons · {eta_formatted} left",
                hideCursor: true,
              },
              Presets.shades_classic,
            )
          : null;
        bar?.start(profile ? 2 * runs : runs, 0);
        const job = {
          specialty: o.specialty,
          runs,
          seed,
          modelRuns: 1,
          couples: o.couples,
          profile,
          maxLength,
        };
        let r: MarketJobResult;
        try {
          r = await runMarketJob(job, (done) => bar?.update(done));
        } finally {
          bar?.stop();
        }
        if (!r.ok) throw new InputError(r.issues.map((i) => ({ ...i, path: `--${i.path}` })));
        const { summary, applicant: outlook, seconds } = r;
        ctx.out(JSON.stringify({ summary, ...(outlook ? { applicant: outlook } : {}), seconds }, round, 2));
      },
    );
}

/** Input limits, not domain numbers: enough for any study, small enough to end in minutes. */
const MAX_RUNS = 10_000;
/** Seeds are 31-bit: the generator's state is a 32-bit integer and seed + run must stay exact. */
const MAX_SEED = 2 ** 31 - 1;
/** Rank-list lengths to try per season; each costs one more Match per season. */
const MAX_LENGTH = 40;
/** Printed figures keep four decimals: shares to a hundredth of a point. */
const DECIMALS = 1e4;

const round = (_key: string, v: unknown) =>
  typeof v === "number" && !Number.isInteger(v) ? Math.round(v * DECIMALS) / DECIMALS : v;

function intOption(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InputError([
      {
        code: "out_of_range",
        path: option,
        message: `"${value}" is not a whole number from ${min} to ${max}`,
        allowed: `${min}–${max}`,
      },
    ]);
  return n;
}
