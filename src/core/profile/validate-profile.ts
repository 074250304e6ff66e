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

/** Maps zod's issue union onto ours, keeping the path and stating what is allowed. */
export function toIssues(zi: z.core.$ZodIssue): Issue[] {
  const path = pathOf(zi.path);
  if (
    (zi.code === "invalid_type" || zi.code === "invalid_value") &&
    "input" in zi &&
    zi.input === undefined
  ) {
    return [
      {
        code: "missing_field",
        path,
        message: `is required: ${zi.message}`,
        allowed: zi.message.replace(/^must be /, ""),
      },
    ];
  }
  switch (zi.code) {
    case "unrecognized_keys":
      return zi.keys.map((key) => ({
        code: "unknown_field",
        path: path ? `${path}.${key}` : key,
        message: `unknown field "${key}"`,
        allowed: "only the fields of the profile schema (see `matchplan schema`)",
      }));
    case "invalid_type":
      return [
        { code: "invalid_type", path, message: zi.message, allowed: zi.message.replace(/^must be /, "") },
      ];
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
