// Worker threads start without the parent's TypeScript loader: register it, then load the worker.
// The compiled CLI has its own dist/cli/market-worker-entry.mjs (scripts/build-cli.mjs).
import { register } from "tsx/esm/api";

register();
await import("./market-worker.ts");
