import type { Rulebook } from "../rulebook/rulebook.ts";

/**
 * Application-cycle dates for a Match year. A date no source gives for that cycle is the
 * latest stated cycle's date moved by whole years, and is marked `estimated` with its basis;
 * events listed under the estimation's `keepWeekday` are then moved to the nearest day with the
 * stated date's weekday (Match Week runs Monday to Friday).
 */
export const CYCLE_EVENTS = [
  "erasOpens",
  "applicantsSubmit",
  "programsReview",
  "matchDay",
  "erasCloses",
  "nrmpRegistrationOpens",
  "rankListOpens",
  "rankListDeadline",
  "matchWeekStarts",
  "soapBegins",
  "soapEnds",
] as const;
export type CycleEvent = (typeof CYCLE_EVENTS)[number];

export interface CycleDate {
  date: string;
  estimated: boolean;
  basis: string;
  sources: string[];
}

export type Cycle = { matchYear: number } & Record<CycleEvent, CycleDate | null>;

const iso = (d: string | Date) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(4);
  // 29 February moves to 28 February in a non-leap year.
  const isLeap = new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
  if (md === "-02-29" && !isLeap) return `${y}-02-28`;
  return `${y}${md}`;
}

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const weekdayName = (date: string) => WEEKDAY_NAMES[weekdayOf(date)] as string;

/** The day within three days of `date` that falls on the same weekday as `like`. */
function nearestSameWeekday(date: string, like: string): string {
  const diff = (weekdayOf(like) - weekdayOf(date) + 7) % 7;
  return addDays(date, diff <= 3 ? diff : diff - 7);
}

export function cycleFor(rb: Rulebook, matchYear: number): Cycle {
  // A pure function of the rulebook and the year, asked for on every assessment: computed once, frozen.
  let byYear = cycleCache.get(rb);
  if (!byYear) {
    byYear = new Map();
    cycleCache.set(rb, byYear);
  }
  let cycle = byYear.get(matchYear);
  if (!cycle) {
    cycle = deepFreeze(computeCycle(rb, matchYear));
    byYear.set(matchYear, cycle);
  }
  return cycle;
}

const cycleCache = new WeakMap<Rulebook, Map<number, Cycle>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function computeCycle(rb: Rulebook, matchYear: number): Cycle {
  const out = { matchYear } as Cycle;
  for (const event of CYCLE_EVENTS) {
    const stated = rb.cycles.cycles.find((c) => c.matchYear === matchYear)?.[event];
    if (stated) {
      out[event] = {
        date: iso(stated.date),
        estimated: stated.estimated,
        basis: stated.basis ?? `stated for the ${matchYear} Match`,
        sources: stated.sources,
      };
      continue;
    }
    const donors = rb.cycles.cycles.filter((c) => c[event]).sort((a, b) => b.matchYear - a.matchYear);
    const donor = donors[0];
    const d = donor?.[event];
    if (!donor || !d) {
      out[event] = null;
      continue;
    }
    const shifted = shiftYears(iso(d.date), matchYear - donor.matchYear);
    const weekday = rb.cycles.estimation.keepWeekday;
    const keep = weekday?.events.includes(event) ?? false;
    const date = keep ? nearestSameWeekday(shifted, iso(d.date)) : shifted;
    out[event] = {
      date,
      estimated: true,
      basis:
        `estimated from the ${donor.matchYear} Match date (${iso(d.date)}) moved by ${matchYear - donor.matchYear} year(s)` +
        (keep && date !== shifted ? ` and to the nearest ${weekdayName(date)}` : ""),
      sources: [...d.sources, ...rb.cycles.estimation.sources, ...(keep && weekday ? weekday.sources : [])],
    };
  }
  return out;
}

/** The first Match year whose programs have not yet started reviewing applications on `asOf`. */
export function nextOpenMatchYear(rb: Rulebook, asOf: string): number {
  let year = Number(asOf.slice(0, 4));
  for (;;) {
    const review = cycleFor(rb, year).programsReview;
    if (!review || review.date > asOf) return year;
    year++;
  }
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
