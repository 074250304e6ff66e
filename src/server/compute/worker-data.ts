import { deserialize, serialize } from "node:v8";
import type { ProgramData, Rulebook } from "../../core/index.ts";
import type { SeasonData } from "../../io/load-season-model.ts";

/**
 * The loaded data handed to the compute workers: the server's rulebook and program data,
 * validated once in the server thread, serialised once (structured-clone format, ~8 MB) into
 * memory every worker can read. A worker copies it into its own heap at start, so no worker
 * reads, parses or validates the data files again, and a replacement worker starts without the
 * server thread serialising anything. The rulebook and program data are plain data (objects,
 * arrays, maps), which the format keeps exactly.
 */
export interface SharedComputeData {
  serialized: SharedArrayBuffer;
}

export function shareComputeData(
  rulebook: Rulebook,
  programData: ProgramData,
  season: SeasonData,
): SharedComputeData {
  const bytes = serialize({ rulebook, programData, season });
  const serialized = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(serialized).set(bytes);
  return { serialized };
}

export function readComputeData(shared: SharedComputeData): {
  rulebook: Rulebook;
  programData: ProgramData;
  season: SeasonData;
} {
  return deserialize(Buffer.from(shared.serialized)) as {
    rulebook: Rulebook;
    programData: ProgramData;
    season: SeasonData;
  };
}
