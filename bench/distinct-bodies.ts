import { readFileSync } from "node:fs";

/**
 * Plan requests as users send them: each one different. Starting from the example non-US IMG
 * applying to diagnostic radiology, every body draws its own Step 2 CK score, budget, research
 * and USCE counts, letters and preferred states from a fixed-seed generator, so two runs send
 * the same bodies in the same order and no two bodies share a cached answer.
 */
export const PLAN_SPECIALTY = "diagnostic-radiology";
export const PLAN_AS_OF = "2026-11-22";

/** The example's preferred states plus nearby ones, so geography filters vary too. */
const STATES = ["OH", "MI", "IN", "IL", "WI", "PA", "NY", "NJ", "TX", "FL", "CA", "MA"] as const;

/** mulberry32: a small, well-mixed 32-bit generator; enough for varied bench inputs. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlanBody {
  profile: Record<string, unknown>;
  specialty: string;
  budgetUsd: number;
  asOf: string;
}

export function distinctPlanBodies(count: number, seed = 20261122): PlanBody[] {
  const base = JSON.parse(
    readFileSync(new URL("../examples/non-us-img-dr.json", import.meta.url), "utf8"),
  ) as Record<string, unknown>;
  const rand = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)] as T;
  const seen = new Set<string>();
  const bodies: PlanBody[] = [];
  while (bodies.length < count) {
    const items = int(0, 12);
    const specialtyItems = int(0, items);
    const letters = int(1, 6);
    const states = [...new Set([pick(STATES), pick(STATES)])];
    const handsOnMonths = int(0, 12);
    const observershipMonths = int(0, 6);
    const body: PlanBody = {
      profile: {
        ...base,
        // The score range a DR applicant of this kind reports; every value is on the USMLE scale.
        step2ck: { score: int(215, 265), attempts: 1 },
        usce: {
          handsOnMonths,
          observershipMonths,
          // Specialty months are part of the hands-on and observership months.
          specialtyMonths: int(0, Math.min(4, handsOnMonths + observershipMonths)),
        },
        research: {
          items,
          specialtyItems,
          firstAuthor: int(0, specialtyItems),
          presentations: int(0, 4),
        },
        letters: { total: letters, specialty: int(0, letters), us: int(0, letters) },
        preferences: { states, regions: ["East North Central"], budgetUsd: 2500 },
      },
      specialty: PLAN_SPECIALTY,
      // Whole hundreds of dollars from $1,000 to $6,000.
      budgetUsd: int(10, 60) * 100,
      asOf: PLAN_AS_OF,
    };
    const text = JSON.stringify(body);
    if (seen.has(text)) continue;
    seen.add(text);
    bodies.push(body);
  }
  return bodies;
}
