import type { Rulebook } from "../rulebook/rulebook.ts";
import { makeProfileSchema, type ProfileSchema } from "./profile-schema.ts";

const cache = new WeakMap<Rulebook, ProfileSchema>();

/** The profile schema built from a rulebook's exam rules (memoised per rulebook). */
export function profileSchemaFor(rb: Rulebook): ProfileSchema {
  let s = cache.get(rb);
  if (!s) {
    s = makeProfileSchema({ exam: rb.exam, limits: rb.limits });
    cache.set(rb, s);
  }
  return s;
}
