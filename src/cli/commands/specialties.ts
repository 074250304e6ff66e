import type { Command } from "commander";
import { nextOpenMatchYear, serviceFor, signalsFor } from "../../core/index.ts";
import type { CliContext } from "../context.ts";
import { parseDateOption, today } from "../read-input.ts";

export function registerSpecialties(program: Command, ctx: CliContext): void {
  program
    .command("specialties")
    .description(
      "List the registered specialties with their tier, position level, application service and signals for the next open Match.",
    )
    .option("--as-of <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--json", "print as JSON")
    .action((o: { json?: boolean; asOf?: string }) => {
      const rb = ctx.rulebook();
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const list = [...rb.specialties.values()].map((s) => {
        const matchYear = nextOpenMatchYear(rb, asOf, s.id);
        const { fact: _fact, ...signals } = signalsFor(rb, s.id, matchYear);
        return { ...s, matchYear, service: serviceFor(rb, s.id, matchYear), signals };
      });
      if (o.json) {
        ctx.out(JSON.stringify(list, null, 2));
        return;
      }
      for (const s of list)
        ctx.out(
          `${s.id.padEnd(34)} ${(s.tier.value ?? "untiered").padEnd(24)} ${s.positions.value.padEnd(12)} ${s.service.name.padEnd(13)} ${s.signals.text}`,
        );
    });
}
