import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { registerAssess } from "./assess.ts";
import { registerBatch } from "./batch.ts";
import { registerData } from "./data.ts";
import { registerProfileTools } from "./profile-tools.ts";
import { registerPrograms } from "./programs.ts";
import { registerReport } from "./report.ts";
import { registerSpecialties } from "./specialties.ts";
import { registerStudy } from "./study.ts";
import { registerTimeline } from "./timeline.ts";
import { registerTrack } from "./track.ts";

/** Every command, in the order `--help` lists them. Each lives in its own file. */
export const COMMANDS: Array<(program: Command, ctx: CliContext) => void> = [
  registerAssess,
  registerProfileTools,
  registerSpecialties,
  registerPrograms,
  registerStudy,
  registerTimeline,
  registerTrack,
  registerReport,
  registerBatch,
  registerData,
];
