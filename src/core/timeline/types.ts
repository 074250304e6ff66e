import type { CycleEvent } from "../assess/application-cycle.ts";
import type { Because } from "../assess/types.ts";
import type { FactsFreshness } from "../cycle/fact-freshness.ts";
import type { Confidence } from "../cycle/schemas.ts";
import type { Issue } from "../issues.ts";
import type { PATHWAYS_OPEN } from "./pathways-row.ts";

/** Where an item stands on the as-of date. */
export const ITEM_STATUSES = ["past", "now", "upcoming"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_KINDS = ["stage", "season", "milestone", "exam", "event"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** How a row's or a date's confidence is marked beside it: nothing when official. */
export const CONFIDENCE_MARK: Record<Confidence, string | null> = {
  official: null,
  secondary: "secondary source",
  estimated: "estimated",
};

/** One dated row of the timeline: a stage of the guide's plan, a milestone, the exam, a cycle date. */
export interface TimelineItem {
  /** Stable key: the same item of a re-made timeline keeps it (calendar UIDs are built from it). */
  id: string;
  kind: ItemKind;
  label: string;
  /** What to do in this stage, as the guides list it. */
  tasks: string[];
  /** First and last day, inclusive; equal for a one-day event. */
  start: string;
  end: string;
  /** True when any date it rests on is estimated. */
  estimated: boolean;
  /**
   * The weakest confidence among the cycle dates it rests on: `estimated` when one is carried from
   * another cycle, else `secondary` when one is stated only by a secondary source, else `official`
   * (also when it rests on no cycle date, e.g. the exam date of your own plan).
   */
  confidence: Confidence;
  /** How the dates were reached, and from what. */
  basis: string;
  status: ItemStatus;
  ruleId: string | null;
  sources: string[];
}

export interface CycleEventItem {
  id: CycleEvent;
  label: string;
  date: string;
  estimated: boolean;
  basis: string;
  sources: string[];
  /** Who stated the date: the body that sets it, a secondary source (the label then says so), or nobody for this cycle (estimated). */
  confidence: Confidence;
  /** Who stated the date that is used (for an estimate: the carried date's own confidence). */
  restsOn: "official" | "secondary";
  /** The day the date was last checked against its source. */
  verified: string;
  published: string | null;
}

export interface Timeline {
  matchYear: number;
  /** The Match year asked for; differs from `matchYear` when that year is out of reach (see `notes`, `because`). */
  requestedMatchYear: number;
  asOf: string;
  /** The guide's stage plan chosen by rule scope, or null when no guide gives one for this specialty. */
  stagePlan: { ruleId: string; summary: string; anchor: string; sources: string[] } | null;
  /** Cycle dates of the Match year, in date order; an event no source or estimate covers is left out and named in `unknown`. */
  events: CycleEventItem[];
  /** Dates no source gives for this Match (cycle events, and for an IMG the Pathways' opening), with why. */
  unknown: Array<{ id: CycleEvent | typeof PATHWAYS_OPEN; label: string; why: string | null }>;
  /** Stages, seasons, milestones and the exam, in start-date order. */
  items: TimelineItem[];
  notes: string[];
  /** The application service whose dates these are (ERAS, ResidencyCAS). */
  service: { id: string; name: string };
  /** "Dates last verified on …", and a warning when a date used is older than the data's threshold. */
  freshness: FactsFreshness;
  because: Because[];
  issues: Issue[];
}
