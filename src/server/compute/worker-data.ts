import { deserialize, serialize } from "node:v8";
import type { ProgramData } from "../../core/programs/program-data.ts";
import type { Rulebook } from "../../core/rulebook/rulebook.ts";

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

export function shareComputeData(rulebook: Rulebook, programData: ProgramData): SharedComputeData {
  const bytes = serialize({ rulebook, programData });
  const serialized = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(serialized).set(bytes);
  return { serialized };
}

export function readComputeData(shared: SharedComputeData): { rulebook: Rulebook; programData: ProgramData } {
  return deserialize(Buffer.from(shared.serialized)) as { rulebook: Rulebook; programData: ProgramData };
}
