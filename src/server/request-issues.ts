import type { z } from "zod";
import type { Issue, Result } from "../core/issues.ts";
import { toIssues } from "../core/profile/validate-profile.ts";

/**
 * At most this many issues are answered. A person fixes the first ones before the rest matter,
 * and without a cap a 256 KiB body of bad list entries would answer megabytes of issues.
 */
export const MAX_ISSUES = 50;

/** A list longer than its limit: named first, so a cut never hides why the list was refused. */
const isListTooLong = (zi: z.core.$ZodIssue) => zi.code === "too_big" && zi.origin === "array";

/**
 * Request validation failures as the core's issues, so the API names fields exactly as the CLI
 * and the web page do. Paths are prefixed by where the field was (`profile.step2ck.score`, or a
 * query parameter's name). A field absent from the input is `missing_field`; an unknown field
 * outside the profile points at the API description rather than at the profile schema. Over
 * `MAX_ISSUES`, the first ones are kept, lists over their limit first.
 */
export function requestIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  input: unknown,
  specialtyIds: readonly string[],
): Issue[] {
  const isSpecialtyList = (values: readonly unknown[]) =>
    values.length === specialtyIds.length && values.every((v, i) => v === specialtyIds[i]);
  const kept =
    zodIssues.length <= MAX_ISSUES
      ? zodIssues
      : [...zodIssues.filter(isListTooLong), ...zodIssues.filter((zi) => !isListTooLong(zi))].slice(
          0,
          MAX_ISSUES,
        );
  const issues = kept.flatMap((zi) => {
    const absent = valueAt(input, zi.path) === undefined;
    const withInput =
      absent && (zi.code === "invalid_type" || zi.code === "invalid_value")
        ? { ...zi, input: undefined }
        : zi;
    return toIssues(withInput as z.core.$ZodIssue).map((issue): Issue => {
      if (issue.code === "unknown_field" && !issue.path.startsWith("profile."))
        return { ...issue, allowed: "only the fields this request documents (GET /api/v1/openapi.json)" };
      if (issue.code === "missing_field" && /Invalid input/.test(issue.message))
        return { code: "missing_field", path: issue.path, message: "is required" };
      if (issue.code === "invalid_value" && zi.code === "invalid_value" && isSpecialtyList(zi.values))
        return { ...issue, code: "unknown_specialty" };
      return issue;
    });
  });
  // One zod issue may name many fields (every unknown key of an object).
  return issues.slice(0, MAX_ISSUES);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A core result whose issues are cut to `MAX_ISSUES` (a list of ids, each unknown, names each). */
export function capIssues<T>(r: Result<T>): Result<T> {
  return r.ok || r.issues.length <= MAX_ISSUES ? r : { ok: false, issues: r.issues.slice(0, MAX_ISSUES) };
}
