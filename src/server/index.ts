/** The HTTP server: the app (routes over the core and the store), its configuration and its errors. */

// The app
export { type AppDeps, BODY_LIMIT_BYTES, createApp } from "./app.ts";
export { loadServerConfig, type ServerConfig } from "./config.ts";
export { HTTP } from "./http-status.ts";
// Errors as RFC 9457 problems
export { PROBLEM_KINDS, type Problem, ProblemError, type ProblemKind } from "./problem.ts";
