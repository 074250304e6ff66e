import type { z } from "zod";
import { fail, type Issue, type IssueCode, ok, type Result } from "../issues.ts";
import type { Profile, ProfileSchema } from "./profile-schema.ts";

/** Validates unknown input against the profile schema; every problem becomes an `Issue` with its field path. */
export function validateProfile(schema: ProfileSchema, input: unknown): Result<Profile> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  return fail(parsed.error.issues.flatMap(toIssues));
}

export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** zod's own types, as a reader would name them. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: "an object",
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  date: "a date",
};

/**
 * What the field takes: the schema's own words where it gave them ("must be …"), else the type
 * zod expected in a reader's words (zod's default message, "Invalid input: expected object,
 * received undefined", says nothing a user can act on).
 */
function allowedOf(zi: z.core.$ZodIssue): string {
  if (/^must be /.test(zi.message)) return zi.message.replace(/^must be /, "");
  if (zi.code === "invalid_type") return TYPE_WORDS[zi.expected] ?? zi.expected;
  if (zi.code === "invalid_value") return `one of: ${zi.values.map(String).join(", ")}`;
  return zi.message;
}

/** Maps zod's issue union onto ours, keeping the path and stating what is allowed. */
export function toIssues(zi: z.core.$ZodIssue): Issue[] {
  const path = pathOf(zi.path);
  if (
    (zi.code === "invalid_type" || zi.code === "invalid_value") &&
    "input" in zi &&
    zi.input === undefined
  ) {
    const allowed = allowedOf(zi);
    return [{ code: "missing_field", path, message: `is required: must be ${allowed}`, allowed }];
  }
  switch (zi.code) {
    case "unrecognized_keys":
      return zi.keys.map((key) => ({
        code: "unknown_field",
        path: path ? `${path}.${key}` : key,
        message: `unknown field "${key}"`,
        allowed: "only the fields of the profile schema (see `matchplan schema`)",
      }));
    case "invalid_type": {
      const allowed = allowedOf(zi);
      return [{ code: "invalid_type", path, message: `must be ${allowed}`, allowed }];
    }
    case "too_small":
      return [{ code: "out_of_range", path, message: zi.message, allowed: `≥ ${String(zi.minimum)}` }];
    case "too_big":
      return [{ code: "out_of_range", path, message: zi.message, allowed: `≤ ${String(zi.maximum)}` }];
    case "invalid_value":
      return [
        {
          code: "invalid_value",
          path,
          message: zi.message,
          allowed: `one of: ${zi.values.map(String).join(", ")}`,
        },
      ];
    case "invalid_format":
      return [{ code: "invalid_value", path, message: zi.message, allowed: zi.format }];
    case "custom": {
      // A rule tying fields together by default; a check may name its own code (a date outside
      // the window is out_of_range, text with a NUL is invalid_value).
      const params = zi.params as { allowed?: string; code?: IssueCode } | undefined;
      const allowed = params?.allowed;
      return [
        { code: params?.code ?? "inconsistent", path, message: zi.message, ...(allowed ? { allowed } : {}) },
      ];
    }
    default:
      return [{ code: "invalid_value", path, message: zi.message }];
  }
}
