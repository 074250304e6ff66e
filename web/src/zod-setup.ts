import { config } from "zod";

/**
 * zod compiles fast object parsers with `new Function` unless told not to. The page's Content
 * Security Policy forbids eval, and even zod's guarded probe for it is reported as a violation.
 * This module is imported first (main.tsx) so the setting holds before any schema is built.
 */
config({ jitless: true });
