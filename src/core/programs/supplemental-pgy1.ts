import { type Program, programSources } from "../catalog/program.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { compareIds } from "./compare-ids.ts";
import type { TrackRate } from "./pgy1-joint.ts";
import { type ShownSponsorship, type Sponsorship, shownSponsorship } from "./visa-sponsorship.ts";

/**
 * The supplemental PGY-1 list of an advanced specialty: which preliminary and transitional
 * programs, in which order.
 *
 * Spec. Candidates are each PGY-1 track's programs minus known non-sponsors of the visa needed.
 * Steps: (1) states in three groups — those holding chosen advanced programs or named by the
 * applicant (preferred or tie states), by chosen programs then preference; then the other states of
 * the chosen programs' and the preferred census divisions; then the rest; (2) within a state,
 * programs by their chance of sponsoring the visa, then id; (3) within a group, states take turns
 * (one program each per round), so the list spreads over the states instead of filling from one;
 * (4) the tracks take turns, so the list spans transitional and preliminary years.
 * O(P log P) over the tracks' P programs.
 */
export interface SupplementalProgram {
  // The program's own facts and its sponsorship of the visa needed: every row opens with them,
  // in this order (SUPPLEMENTAL_PROGRAM_FACTS).
  id: string;
  name: string;
  institution: string | null;
  state: string | null;
  specialty: string;
  track: string | null;
  sponsorship: ShownSponsorship;
  sources: readonly string[];
  // This applicant's figures at this program.
  pInterview: null;
  /** Chance of a PGY-1 position at this program: the track's chance per program × P(sponsors the visa). */
  pPosition: number;
  near: string;
  /** The signal this program's institution receives (signals go to the institution, not the track), or null (pgy1-signals.ts). */
  signal: "gold" | "silver" | null;
}

/** The keys a supplemental PGY-1 row opens with, in order: the program's facts. */
export const SUPPLEMENTAL_PROGRAM_FACTS = [
  "id",
  "name",
  "institution",
  "state",
  "specialty",
  "track",
  "sponsorship",
  "sources",
] as const satisfies ReadonlyArray<keyof SupplementalProgram>;

export interface SupplementalTrack {
  specialty: string;
  rate: TrackRate;
  /** All of the track's programs, known non-sponsors included. */
  programs: number;
  /** The track's programs with their sponsorship; known non-sponsors already removed. */
  eligible: ReadonlyArray<{ program: Program; sponsorship: Sponsorship }>;
}

/** A track's average chance per program over its eligible programs (for sizing before the list is chosen). */
export function averageChance(track: SupplementalTrack): number {
  if (track.eligible.length === 0) return 0;
  let s = 0;
  for (const e of track.eligible) s += e.sponsorship.p;
  return (track.rate.perProgram * s) / track.eligible.length;
}

export function chooseSupplemental(
  tracks: readonly SupplementalTrack[],
  chosen: ReadonlyArray<{ state: string | null; division: string | null }>,
  count: number,
  profile: Profile,
): SupplementalProgram[] {
  if (count <= 0) return [];
  const chosenCount = new Map<string, number>();
  for (const c of chosen) if (c.state) chosenCount.set(c.state, (chosenCount.get(c.state) ?? 0) + 1);
  const preferred = new Set([...(profile.preferences?.states ?? []), ...(profile.ties?.states ?? [])]);
  const divisions = new Set<string>([
    ...chosen.map((c) => c.division).filter((d): d is string => d !== null),
    ...(profile.preferences?.regions ?? []),
  ]);
  const queues = tracks.map((t) => ({
    track: t,
    next: spreadOrder(t.eligible, chosenCount, preferred, divisions),
  }));
  const out: SupplementalProgram[] = [];
  let open = queues;
  while (out.length < count && open.length > 0) {
    const still: typeof open = [];
    for (const q of open) {
      if (out.length >= count) break;
      const r = q.next.next();
      if (r.done) continue;
      still.push(q);
      const { program: p, sponsorship: s } = r.value.row;
      out.push({
        id: p.id,
        name: p.name,
        institution: p.institution,
        state: p.state,
        specialty: q.track.specialty,
        track: p.track,
        sponsorship: shownSponsorship(s),
        sources: programSources(p),
        pInterview: null,
        pPosition: q.track.rate.perProgram * s.p,
        near: r.value.near,
        signal: null,
      });
    }
    open = still;
  }
  return out;
}

type Row = { program: Program; sponsorship: Sponsorship };

/** One track's programs in list order: the three groups of states, states taking turns within each. */
function* spreadOrder(
  rows: readonly Row[],
  chosenCount: ReadonlyMap<string, number>,
  preferred: ReadonlySet<string>,
  divisions: ReadonlySet<string>,
): Generator<{ row: Row; near: string }> {
  const { byState, noState, divisionOf } = grouped(rows);
  const states = [...byState.keys()];
  const named = states
    .filter((s) => chosenCount.has(s) || preferred.has(s))
    .sort(
      (a, b) =>
        (chosenCount.get(b) ?? 0) - (chosenCount.get(a) ?? 0) ||
        Number(preferred.has(b)) - Number(preferred.has(a)) ||
        compareIds(a, b),
    );
  const namedSet = new Set(named);
  const near = states
    .filter((s) => !namedSet.has(s) && divisions.has(divisionOf.get(s) ?? ""))
    .sort(compareIds);
  const nearSet = new Set(near);
  const rest = states.filter((s) => !namedSet.has(s) && !nearSet.has(s)).sort(compareIds);

  const why = (s: string) => {
    const n = chosenCount.get(s) ?? 0;
    if (n > 0) return `in ${s}, the state of ${n} chosen program(s)`;
    return `in ${s}, a preferred state`;
  };
  yield* turns(named, byState, why);
  yield* turns(near, byState, (s) => `in ${s}, in the census division of chosen programs`);
  yield* turns(rest, byState, (s) => `in ${s}, elsewhere`);
  for (const row of noState) yield { row, near: "state unknown" };
}

interface Grouped {
  /** Programs by state, each state's by their chance of sponsoring the visa, then id. */
  byState: Map<string, Row[]>;
  noState: Row[];
  divisionOf: Map<string, string | null>;
}
const groupedCache = new WeakMap<readonly Row[], Grouped>();

/** A track's eligible programs grouped by state; made once per track and visa need. */
function grouped(rows: readonly Row[]): Grouped {
  const hit = groupedCache.get(rows);
  if (hit) return hit;
  const g: Grouped = { byState: new Map(), noState: [], divisionOf: new Map() };
  for (const r of rows) {
    const st = r.program.state;
    if (st === null) {
      g.noState.push(r);
      continue;
    }
    const list = g.byState.get(st);
    if (list) list.push(r);
    else g.byState.set(st, [r]);
    g.divisionOf.set(st, r.program.division);
  }
  const bySponsorship = (a: Row, b: Row) =>
    b.sponsorship.p - a.sponsorship.p || compareIds(a.program.id, b.program.id);
  for (const list of g.byState.values()) list.sort(bySponsorship);
  g.noState.sort(bySponsorship);
  groupedCache.set(rows, g);
  return g;
}

function* turns(
  states: readonly string[],
  byState: ReadonlyMap<string, Row[]>,
  why: (state: string) => string,
): Generator<{ row: Row; near: string }> {
  for (let round = 0; ; round++) {
    let any = false;
    for (const s of states) {
      const row = byState.get(s)?.[round];
      if (!row) continue;
      any = true;
      yield { row, near: why(s) };
    }
    if (!any) return;
  }
}
