/** Types of engine-flags.mjs, a plain JavaScript module (server-entry.mjs loads it before any TypeScript loader). */
export declare const ENGINE_FLAGS: readonly string[];
export declare function applyEngineFlags(): void;
