import type { z } from "zod";
import { type Issue, toIssues } from "../core/index.ts";

/**
 * Request validation failures as the core's issues, so the API names fields exactly as the CLI
 * and the web page do. Paths are prefixed by where the field was (`profile.step2ck.score`, or a
 * query parameter's name). A field absent from the input is `missing_field`; an unknown field
 * outside the profile points at the API description rather than at the profile schema.
 */
export function requestIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  input: unknown,
  specialtyIds: readonly string[],
): Issue[] {
  const isSpecialtyList = (values: readonly unknown[]) =>
    values.length === specialtyIds.length && values.every((v, i) => v === specialtyIds[i]);
  return zodIssues.flatMap((zi) => {
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
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
