import type { Command } from "commander";
import type { CliContext } from "../context.ts";

export function registerSpecialties(program: Command, ctx: CliContext): void {
  program
    .command("specialties")
    .description("List the registered specialties with their tier, position level and signals.")
    .option("--json", "print as JSON")
    .action((o: { json?: boolean }) => {
      const list = [...ctx.rulebook().specialties.values()];
      if (o.json) {
        ctx.out(JSON.stringify(list, null, 2));
        return;
      }
      for (const s of list) {
        const sig = s.signals.value;
        const signals = !sig
          ? "signals unknown"
          : sig.scheme === "gold-silver"
            ? `${sig.gold} gold + ${sig.silver} silver signals (${sig.cycle})`
            : `${sig.count} signals (${sig.cycle})`;
        ctx.out(
          `${s.id.padEnd(34)} ${(s.tier.value ?? "untiered").padEnd(24)} ${s.positions.value.padEnd(12)} ${signals}`,
        );
      }
    });
}
