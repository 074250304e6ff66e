import { fail, type Issue, ok, type Program, type Result } from "../../core/index.ts";

/**
 * Program ids from a request, looked up in the catalog: an unknown id, a program of another
 * specialty or a repeated id is an issue naming its position (`programIds[3]`).
 */
export function resolvePrograms(
  byId: ReadonlyMap<string, Program>,
  ids: readonly string[],
  specialty: string,
  path: (i: number) => string,
): Result<Program[]> {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const programs: Program[] = [];
  ids.forEach((id, i) => {
    const p = byId.get(id);
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push({
        code: "duplicate_id",
        path: path(i),
        message: `"${id}" is listed twice (first at ${path(first)})`,
        allowed: "each program once",
      });
    } else if (!p) {
      issues.push({
        code: "unknown_reference",
        path: path(i),
        message: `no program has the id "${id}"`,
        allowed: `a program id from GET /api/v1/programs/search?specialty=${specialty}`,
      });
    } else if (p.specialty !== specialty) {
      issues.push({
        code: "inconsistent",
        path: path(i),
        message: `"${id}" is a ${p.specialty} program, not ${specialty}`,
        allowed: `programs of ${specialty} only; evaluate each specialty's list on its own`,
      });
    } else programs.push(p);
    seen.set(id, first ?? i);
  });
  return issues.length > 0 ? fail(issues) : ok(programs);
}
