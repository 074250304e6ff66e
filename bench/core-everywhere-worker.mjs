// A thread of bench/core-everywhere.ts: worker threads start without the parent's TypeScript
// loader, so each registers tsx before loading the TypeScript module, which then runs its job.
const { register } = await import("tsx/esm/api");
register();
await import("./core-everywhere.ts");
