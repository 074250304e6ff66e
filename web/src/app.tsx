import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  assessApplication,
  type HeldList,
  type ListSummary,
  planHeadline,
  planPart,
  pMatchByCountChart,
  pMatchByScoreChart,
  provisionalWhy,
  scoreDistributionChart,
  summariseList,
  validateProfile,
} from "../../src/core/index.ts";
import type { TrackerEntry } from "../../src/core/season.ts";
import { type ApplicationStatus, planIdFromHash, plansApi } from "./api/plans-api.ts";
import { AssessmentView } from "./components/assessment-view.tsx";
import { DataAttribution } from "./components/data-attribution.tsx";
import { Downloads } from "./components/downloads.tsx";
import { LinkNotice } from "./components/link-notice.tsx";
import { BackupsView, NarrativeView, TimelineView } from "./components/next-steps.tsx";
import { PlanChart } from "./components/plan-chart.tsx";
import { type LogEntry, PracticeLog } from "./components/practice-log.tsx";
import { ProfileForm } from "./components/profile-form.tsx";
import { ProfileSummary } from "./components/profile-summary.tsx";
import { ParallelList, ProgramList, SupplementalList } from "./components/program-list.tsx";
import { SavePanel, type SaveState } from "./components/save-panel.tsx";
import { SourcesView } from "./components/sources-view.tsx";
import { StudyView } from "./components/study-view.tsx";
import { type Change, SummaryStrip } from "./components/summary-strip.tsx";
import { TrackerPanel } from "./components/tracker-panel.tsx";
import { WhatIf } from "./components/what-if.tsx";
import type { Engine } from "./engine/load-engine.ts";
import {
  defaultSpecialty,
  firstParts,
  type PlanResult,
  pageForecastTarget,
  planIfLoaded,
  planLoading,
  runForecast,
} from "./engine/run-plan.ts";
import { localToday, pctRange, prepareNumberFormats, words } from "./format.ts";
import {
  browserStorage,
  forgetKeptWork,
  type KeptCopy,
  keepsLocalCopy,
  LOCAL_COPY_KEY,
  type LocalCopy,
  MAX_KEPT,
  newSlot,
  readKeptWorks,
  setKeepsLocalCopy,
  writeKeptWork,
} from "./local-copy.ts";
import {
  editsFromSaved,
  heldIds,
  keptEdits,
  type ListEdits,
  leftOutMessage,
  NO_EDITS,
  recordListChange,
  replanMessage,
  savedLeftOut,
} from "./plan-edits.ts";
import {
  type DraftKey,
  EMPTY_DRAFT,
  FIELD_PATHS,
  fromProfile,
  issuesByField,
  type ProfileDraft,
  toProfileInput,
} from "./profile/draft.ts";
import { EXAMPLES, type ExampleProfile } from "./profile/examples.ts";
import { plainMessage } from "./profile/messages.ts";
import { stepOf } from "./profile/steps.ts";

/**
 * `summariseList`, remembered for the last list asked of each held list: a new plan is summed up
 * for its announcement and then again, identically, for what the page shows.
 */
const lastSummary = new WeakMap<HeldList, { key: string; value: ListSummary }>();
function summaryOf(held: HeldList, ids: readonly string[], inactive: ReadonlySet<string>): ListSummary {
  const key = JSON.stringify([ids, [...inactive].sort()]);
  const hit = lastSummary.get(held);
  if (hit?.key === key) return hit.value;
  const value = summariseList(held, ids, inactive);
  lastSummary.set(held, { key, value });
  return value;
}

/** Program ids whose application was withdrawn: they keep their row and count for nothing else. */
function withdrawn(statuses: ReadonlyMap<string, ApplicationStatus>): Set<string> {
  return new Set([...statuses].filter(([, s]) => s === "withdrawn").map(([id]) => id));
}

/**
 * How long typing may pause before the plan is made again: long enough that a budget typed digit
 * by digit is planned once, short enough to feel immediate (a plan takes 30–70 ms here).
 */
const REPLAN_DELAY_MS = 250;
/** Quiet time after a change before the work is kept in this browser (local-copy.ts). */
const KEEP_DELAY_MS = 400;

/** The plan's sections, reachable from the menu under the summary; one is shown at a time. */
const SECTIONS = [
  { id: "standing", title: "Standing" },
  { id: "programs", title: "Programs" },
  { id: "study", title: "Step 2 CK and study" },
  { id: "timeline", title: "Timeline" },
  { id: "narrative", title: "Narrative and letters" },
  { id: "backups", title: "Backups" },
  { id: "season", title: "Season tracker" },
  { id: "sources", title: "Sources" },
] as const;
type SectionId = (typeof SECTIONS)[number]["id"];

/** The page: the planner once the engine (being loaded) is ready. */
export function App({ engine: loading }: { engine: Promise<Engine> }) {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A layout effect, so a ready engine is taken before the first paint instead of a frame later.
  useLayoutEffect(() => {
    loading.then(setEngine, (e: Error) => setError(e.message));
  }, [loading]);
  if (error)
    return (
      <main id="main" class="page">
        <h1>MatchPlan</h1>
        <p role="alert" class="field-error">
          The page could not load its data: {error}
        </p>
      </main>
    );
  if (!engine)
    return (
      <main id="main" class="page">
        <h1>MatchPlan</h1>
        <p role="status">Loading the rules, statistics and program catalog…</p>
      </main>
    );
  return <Planner engine={engine} />;
}

/** What an undo restores: the inputs and the list edits as they were. */
interface Snapshot {
  draft: ProfileDraft;
  specialty: string;
  asOf: string;
  edits: ListEdits;
  label: string;
}

/** The page's work as this browser keeps it. */
type PageWork = Omit<LocalCopy, "keptAt">;

/** Nothing typed, planned, logged, tracked or saved. */
function isEmptyWork(w: PageWork): boolean {
  return (
    !w.planned &&
    w.log.length === 0 &&
    w.tracker.length === 0 &&
    w.saved === null &&
    JSON.stringify(w.draft) === JSON.stringify(EMPTY_DRAFT)
  );
}

/** What a kept copy holds, in a few words: its specialty, and whether a plan and a saved link go with it. */
function keptSummary(rb: Engine["rb"], c: LocalCopy): string {
  const name = rb.specialties.get(c.specialty)?.name ?? "A profile";
  const parts = [c.planned ? `${name}: a plan` : `${name}: a profile in progress`];
  if (c.log.length > 0) parts.push(`${c.log.length} practice exam${c.log.length === 1 ? "" : "s"}`);
  if (c.tracker.length > 0) parts.push(`the season's tracker (${c.tracker.length} programs)`);
  if (c.saved) parts.push("a saved plan's link");
  return parts.join(", ");
}

function Planner({ engine }: { engine: Engine }) {
  const { rb, schema } = engine;
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [specialty, setSpecialty] = useState(() => defaultSpecialty(rb));
  const [asOfState, setAsOfState] = useState(() => localToday());
  // The date as last set, for work that starts before the next render (a saved plan opened from a
  // link right after the date was typed must be planned as of that date, not the one before it).
  const asOfNow = useRef(asOfState);
  const asOf = asOfState;
  const setAsOf = useCallback((d: string) => {
    asOfNow.current = d;
    setAsOfState(d);
  }, []);
  const [touched, setTouched] = useState<ReadonlySet<DraftKey>>(new Set());
  const [tried, setTried] = useState(false);
  const [step, setStep] = useState(0);
  const [editing, setEditing] = useState(true);
  const [plan, setPlan] = useState<PlanResult | null>(null);
  const [plannedKey, setPlannedKey] = useState("");
  const [edits, setEdits] = useState<ListEdits>(NO_EDITS);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(null);
  /** The season's tracker rows, kept here so they are part of the work this browser keeps. */
  const [tracker, setTracker] = useState<TrackerEntry[]>([]);
  /** The saved plan whose tracker rows came from this browser's copy: not read from the server again. */
  const trackerRestoredFor = useRef<string | null>(null);
  /** Bumped when kept work is opened, so a tracker panel already shown starts again from its rows. */
  const [trackerGeneration, setTrackerGeneration] = useState(0);
  const storage = useMemo(browserStorage, []);
  const [keep, setKeep] = useState(() => keepsLocalCopy(storage));
  const [keptNote, setKeptNote] = useState("");
  /** Where this page keeps its own work (local-copy.ts); a new slot whenever other work replaces it. */
  const slot = useRef<string>("");
  if (slot.current === "") slot.current = newSlot();
  /**
   * Other work this browser keeps (earlier visits, other tabs, work set aside for a linked plan),
   * offered until the applicant opens or discards it; the page's own work is kept meanwhile under
   * its own slot. It is not shown unasked: on a shared computer the next person to open the page
   * sees an offer, not someone's exam history.
   */
  const [offers, setOffers] = useState<KeptCopy[]>(() => (keep ? readKeptWorks(storage) : []));
  const refreshOffers = useCallback(
    () => setOffers(keepsLocalCopy(storage) ? readKeptWorks(storage, slot.current) : []),
    [storage],
  );
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [announce, setAnnounce] = useState("");
  const [change, setChange] = useState<Change | null>(null);
  const [section, setSection] = useState<SectionId>("programs");
  /**
   * The sections rendered: those shown so far, and all of them once the page is printed (paper
   * shows every section). The others wait until first shown, so a plan renders one section, not
   * eight (about 4,500 elements), and the season's tracker loads when it is opened.
   */
  const [opened, setOpened] = useState<ReadonlySet<SectionId>>(() => new Set(["programs"]));
  useEffect(() => {
    const all = () => setOpened(new Set(SECTIONS.map((s) => s.id)));
    window.addEventListener("beforeprint", all);
    return () => window.removeEventListener("beforeprint", all);
  }, []);
  /** A saved-plan link that leads to no plan (deleted, expired or mistyped). */
  const [linkGone, setLinkGone] = useState(false);
  /** A plan waiting for the catalog's parts it reads: its inputs' key and what the page says meanwhile. */
  const [pending, setPending] = useState<{ key: string; message: string } | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  /** The saved plan the page shows or is opening, so a hash change to it is not reopened. */
  const openedId = useRef<string | null>(null);
  const undoStack = useRef<Snapshot[]>([]);
  /** The inputs the shown plan was made from (what an undo of a re-plan goes back to). */
  const lastPlanned = useRef<{ draft: ProfileDraft; specialty: string; asOf: string } | null>(null);
  const undoing = useRef(false);
  const pendingFocus = useRef<(() => HTMLElement | null) | null>(null);
  /** The practice log as typed, read when a plan is made (the log is one of the plan's inputs). */
  const logNow = useRef(log);
  logNow.current = log;
  /** The profile input, specialty and date the shown plan was made from, to plan them again with a new log. */
  const plannedFrom = useRef<{ input: unknown; specialty: string; asOf: string } | null>(null);

  // Focus moves as soon as the new content is in the page (before paint), never to the page body.
  useLayoutEffect(() => {
    const f = pendingFocus.current;
    if (!f) return;
    pendingFocus.current = null;
    f()?.focus();
  });

  useEffect(prepareNumberFormats, []);

  // The catalog's parts a plan of the chosen specialty reads, fetched while the form is filled in.
  useEffect(() => {
    engine.catalog.load(firstParts(rb, specialty)).catch(() => undefined);
  }, [engine, rb, specialty]);

  const input = useMemo(() => toProfileInput(draft), [draft]);
  const validation = useMemo(() => validateProfile(schema, input), [schema, input]);
  const grouped = useMemo(() => issuesByField(validation.ok ? [] : validation.issues), [validation]);
  const shown = useMemo(() => {
    const out: Partial<Record<DraftKey, typeof grouped.other>> = {};
    for (const [k, v] of Object.entries(grouped.byField) as Array<[DraftKey, typeof grouped.other]>)
      if (tried || touched.has(k)) out[k] = v;
    return out;
  }, [grouped, touched, tried]);
  const inputKey = JSON.stringify([input, specialty, asOf]);

  const plannedIds = (r: PlanResult | null): string[] =>
    r?.plan.ok ? (r.plan.value.list?.programs.map((p) => p.id) ?? []) : [];

  /** Counts plan requests: a plan that waited for the catalog is shown only if none came after it. */
  const planRequests = useRef(0);

  /**
   * Makes and shows the plan of these inputs: at once when the catalog's parts it reads are
   * loaded, else once they are fetched ("pending" meanwhile, and a newer request wins). `onShown`
   * is given the plan as it is shown.
   */
  const makePlan = useCallback(
    (
      profileInput: unknown,
      sp: string,
      date: string,
      opts: {
        edits?: ListEdits;
        log?: LogEntry[];
        from?: ProfileDraft;
        focus?: boolean;
        announce?: boolean;
        onShown?: (result: PlanResult) => void;
      } = {},
    ): PlanResult | "pending" | null => {
      const v = validateProfile(schema, profileInput);
      if (!v.ok) return null;
      const request = ++planRequests.current;
      const planLog = opts.log ?? logNow.current;
      const inputs = { profile: v.value, specialty: sp, asOf: date, log: planLog };
      const show = (result: PlanResult): PlanResult => {
        const e = opts.edits ?? NO_EDITS;
        setPending(null);
        setPlan(result);
        setPlannedKey(JSON.stringify([profileInput, sp, date]));
        plannedFrom.current = { input: profileInput, specialty: sp, asOf: date };
        setEdits(e);
        if (opts.log) setLog(opts.log);
        if (opts.from) lastPlanned.current = { draft: opts.from, specialty: sp, asOf: date };
        const held = result.held;
        const ids = held ? heldIds(plannedIds(result), e, (id) => held.odds.has(id)) : [];
        // Announced as shown: the figure of the list the page holds, from the same core function.
        const pm = held ? summaryOf(held, ids, withdrawn(e.statuses)).pMatch : null;
        if (opts.announce !== false)
          setAnnounce(
            result.plan.ok
              ? `Plan ready: standing ${words(result.plan.value.assessment.standing)}${pm ? `, P(match) ${pctRange(pm)}` : ""}.`
              : `No plan: ${result.plan.issues.map((i) => i.message).join("; ")}`,
          );
        if (opts.focus !== false) pendingFocus.current = () => resultsHeading.current;
        opts.onShown?.(result);
        return result;
      };
      const attempt = planIfLoaded(engine, inputs);
      if (attempt.needs === null) return show(attempt.result);
      const key = JSON.stringify([profileInput, sp, date]);
      const message = `Loading the programs of ${rb.specialties.get(sp)?.name ?? sp}…`;
      setPending({ key, message });
      if (opts.announce !== false) setAnnounce(message);
      planLoading(engine, inputs, attempt.needs).then(
        (result) => {
          if (request === planRequests.current) show(result);
        },
        (e: Error) => {
          if (request !== planRequests.current) return;
          // Kept under the same inputs, so the live re-planning does not try again in a loop;
          // "Show my plan" or another change tries again.
          const failed = `The program catalog could not be loaded: ${e.message}`;
          setPending({ key, message: failed });
          setAnnounce(failed);
        },
      );
      return "pending";
    },
    [engine, schema, rb],
  );

  // ── the work this browser keeps: the page's own under its slot, the rest opened when asked ──
  /** The page's work as it stands, for handlers that outlive a render. */
  const work = useRef<PageWork | null>(null);
  work.current = { draft, specialty, planned: plan !== null, edits, log, tracker, saved };
  /** Keeps `w` under this page's slot now (nothing to keep removes the slot); says what went wrong. */
  const keepNow = useCallback(
    (w: PageWork | null) => {
      if (!w || !keepsLocalCopy(storage)) return;
      // Nothing typed, planned or logged: nothing to keep.
      if (isEmptyWork(w)) return forgetKeptWork(storage, slot.current);
      const { ok, dropped } = writeKeptWork(storage, slot.current, w, new Date().toISOString());
      if (!ok)
        setKeptNote(
          "This browser would not keep a copy (storage full or turned off): save or download your plan.",
        );
      else if (dropped.length > 0) {
        setKeptNote(
          `This browser keeps at most ${MAX_KEPT} pieces of work: the one kept longest ago (${dropped
            .map((d) => `${keptSummary(rb, d)}, kept on ${d.keptAt.slice(0, 10)}`)
            .join("; ")}) was removed.`,
        );
        refreshOffers();
      }
    },
    [storage, rb, refreshOffers],
  );
  /**
   * The page's work goes on under a new slot: what it held stays kept (and is offered) under the
   * old one, so opening other work never writes over it.
   */
  const setWorkAside = useCallback((): boolean => {
    const w = work.current;
    if (!w || isEmptyWork(w) || !keepsLocalCopy(storage)) return false;
    keepNow(w);
    slot.current = newSlot();
    return true;
  }, [storage, keepNow]);
  const openKept = (copy: KeptCopy) => {
    const aside = setWorkAside();
    // Moved into this page's slot: written there before the old slot is removed.
    const { ok } = writeKeptWork(storage, slot.current, copy, copy.keptAt);
    if (ok) forgetKeptWork(storage, copy.slot);
    refreshOffers();
    const sp = rb.specialties.has(copy.specialty) ? copy.specialty : specialty;
    setDraft(copy.draft);
    setSpecialty(sp);
    setLog(copy.log);
    setTracker(copy.tracker);
    setTrackerGeneration((g) => g + 1);
    setSaved(copy.saved);
    setTouched(new Set());
    setTried(false);
    undoStack.current = [];
    setChange(null);
    openedId.current = copy.saved?.id ?? null;
    trackerRestoredFor.current = copy.saved?.id ?? null;
    history.replaceState(
      null,
      "",
      copy.saved ? `#/plan/${encodeURIComponent(copy.saved.id)}` : location.pathname,
    );
    const input = toProfileInput(copy.draft);
    if (copy.planned && validateProfile(schema, input).ok) {
      makePlan(input, sp, asOf, { edits: copy.edits, log: copy.log, from: copy.draft });
      setEditing(false);
    } else setEditing(true);
    setKeptNote(
      aside
        ? "The kept work is open; what was on the page is kept too, and offered below."
        : "Your work kept in this browser is open.",
    );
  };
  const discardKept = (copy: KeptCopy) => {
    forgetKeptWork(storage, copy.slot);
    refreshOffers();
    setKeptNote(`The kept work (${keptSummary(rb, copy)}) was discarded.`);
  };

  // ── saved plans: #/plan/<id> reopens one from the server ──
  const open = useCallback(
    async (id: string) => {
      setSave({ kind: "busy", message: "Opening the saved plan…" });
      const r = await plansApi.get(id);
      setLinkGone(!r.ok && r.status === 404);
      if (!r.ok) {
        setSave({
          kind: "error",
          message:
            r.status === 404
              ? "No saved plan has this link (it may have been deleted)."
              : `${r.title}. ${r.detail}`,
        });
        return;
      }
      const p = r.value;
      const v = validateProfile(schema, p.profile);
      if (!v.ok) {
        setSave({ kind: "error", message: "The saved profile no longer passes validation; check the form." });
        return;
      }
      const d = fromProfile(v.value);
      setDraft(d);
      setSpecialty(p.specialty);
      setSaved({ id: p.id, version: p.version });
      const when = asOfNow.current;
      const first = await planLoading(engine, {
        profile: v.value,
        specialty: p.specialty,
        asOf: when,
        log: p.practiceLog as LogEntry[],
      });
      // A plan saved with no programs (one made through the API, say) has had no list chosen yet:
      // it opens on the planner's list, not on an empty one.
      const chosen = p.programs.length > 0;
      makePlan(toProfileInput(d), p.specialty, when, {
        edits: chosen ? editsFromSaved(plannedIds(first), p.programs) : NO_EDITS,
        log: p.practiceLog as LogEntry[],
        from: d,
      });
      undoStack.current = [];
      setChange(null);
      setEditing(false);
      const held = first.held;
      const left = held
        ? leftOutMessage(
            savedLeftOut(p.programs, plannedIds(first), (id) => held.odds.has(id), held.excluded),
            rb.specialties.get(p.specialty)?.name ?? p.specialty,
          )
        : "";
      setSave({
        kind: "saved",
        message: `Opened the saved plan (version ${p.version}).${chosen ? "" : " It holds no chosen programs yet, so the list shown is the planner's; saving keeps it."}${left ? ` ${left}` : ""}`,
      });
    },
    [schema, makePlan, engine],
  );
  useEffect(() => {
    const onHash = () => {
      const id = planIdFromHash(location.hash);
      if (id && id !== openedId.current) {
        // Following a link to another saved plan replaces the page's work: that work stays kept
        // under its own slot, and is offered (it may never have been saved).
        if (setWorkAside()) refreshOffers();
        openedId.current = id;
        void open(id);
      }
    };
    onHash();
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [open, setWorkAside, refreshOffers]);
  // Work kept or removed in another tab shows up in this page's offers.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.startsWith(LOCAL_COPY_KEY)) refreshOffers();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [refreshOffers]);

  // ── the list as held: the plan's own, with the applicant's edits ──
  const planned = useMemo(() => plannedIds(plan), [plan]);
  const ids = useMemo(() => {
    const held = plan?.held;
    return held ? heldIds(planned, edits, (id) => held.odds.has(id)) : [];
  }, [plan, planned, edits]);
  const inactive = useMemo(() => withdrawn(edits.statuses), [edits]);
  const summary = useMemo(
    () => (plan?.held ? summaryOf(plan.held, ids, inactive) : null),
    [plan, ids, inactive],
  );
  const activeIds = useMemo(() => ids.filter((id) => !inactive.has(id)), [ids, inactive]);
  const forecast = useMemo(() => (plan ? runForecast(plan) : null), [plan]);

  // A logged or removed practice exam plans again from the same inputs, keeping the list's edits:
  // the forecast and P(match)'s range are the plan's, as in the report made with the same log.
  useEffect(() => {
    const from = plannedFrom.current;
    if (!plan || !from || plan.inputs.log === log) return;
    makePlan(from.input, from.specialty, from.asOf, { edits, focus: false, announce: false });
  }, [log]);
  const statusOf = (id: string): ApplicationStatus => edits.statuses.get(id) ?? "planned";

  // Every change is kept in this browser a moment later, while the applicant keeps it there.
  const hasPlan = plan !== null;
  useEffect(() => {
    if (!keep) return;
    // Kept under the slot it was made in: once the page's work is set aside, this is not its work.
    const at = slot.current;
    const timer = setTimeout(() => {
      if (slot.current === at) keepNow({ draft, specialty, planned: hasPlan, edits, log, tracker, saved });
    }, KEEP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [keep, keepNow, draft, specialty, hasPlan, edits, log, tracker, saved]);

  const pushUndo = (s: Snapshot) => {
    undoStack.current = [...undoStack.current.slice(-19), s];
  };

  // ── live re-planning: a valid change to the profile, specialty or date re-plans, keeping the edits ──
  useEffect(() => {
    if (!plan || inputKey === plannedKey || inputKey === pending?.key || !validation.ok) return;
    const before = {
      summary,
      specialty: plan.inputs.specialty,
      budget: plan.plan.ok ? plan.plan.value.inputs.budgetUsd : null,
    };
    const timer = setTimeout(() => {
      const prev = lastPlanned.current;
      const wasUndo = undoing.current;
      undoing.current = false;
      if (prev && !wasUndo) pushUndo({ ...prev, edits, label: "the change" });
      makePlan(input, specialty, asOf, {
        edits,
        from: draft,
        focus: false,
        onShown: (result) => {
          if (!result.held || !result.plan.ok) {
            setChange({
              message: "Re-planned; this specialty has no program list.",
              canUndo: undoStack.current.length > 0,
            });
            return;
          }
          const held = result.held;
          const newIds = heldIds(plannedIds(result), edits, (id) => held.odds.has(id));
          const budget = result.plan.value.inputs.budgetUsd;
          setChange({
            message: replanMessage({
              undone: wasUndo,
              specialty: before.specialty !== specialty ? result.plan.value.specialty.name : null,
              budget: budget !== before.budget ? { usd: budget } : null,
              before: before.summary,
              after: summaryOf(held, newIds, withdrawn(edits.statuses)),
              kept: keptEdits(edits, plannedIds(result), newIds),
            }),
            canUndo: undoStack.current.length > 0,
          });
        },
      });
    }, REPLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [inputKey, plannedKey, pending, validation.ok]);

  const undo = () => {
    const s = undoStack.current.pop();
    if (!s) return;
    const sameInputs = JSON.stringify([toProfileInput(s.draft), s.specialty, s.asOf]) === plannedKey;
    setEdits(s.edits);
    if (sameInputs) {
      setChange({ message: `Undone: ${s.label}.`, canUndo: undoStack.current.length > 0 });
    } else {
      undoing.current = true;
      setDraft(s.draft);
      setSpecialty(s.specialty);
      setAsOf(s.asOf);
    }
    pendingFocus.current = () => document.getElementById("undo") ?? resultsHeading.current;
  };

  const onIds = (next: string[]) => {
    const removed = ids.filter((id) => !next.includes(id));
    const added = next.filter((id) => !ids.includes(id));
    const name = (id: string) => plan?.held?.odds.get(id)?.program.name ?? id;
    pushUndo({
      draft,
      specialty,
      asOf,
      edits,
      label:
        removed.length === 1 && added.length === 0 ? `removing ${name(removed[0] ?? "")}` : "the list change",
    });
    setEdits(recordListChange(edits, planned, ids, next));
    if (removed.length === 1 && added.length === 0) {
      // Focus goes to the next row's Remove (or the previous one's), not to the page.
      const gone = removed[0] as string;
      const row = document.querySelector(`[data-program-id="${CSS.escape(gone)}"]`);
      const sibling = (row?.nextElementSibling ?? row?.previousElementSibling)?.getAttribute(
        "data-program-id",
      );
      pendingFocus.current = () =>
        (sibling
          ? document.querySelector<HTMLElement>(
              `[data-program-id="${CSS.escape(sibling)}"] button[aria-label^="Remove"]`,
            )
          : null) ?? document.getElementById("add-query");
      setChange({ message: `Removed ${name(gone)}.`, canUndo: true });
    } else if (added.length === 1 && removed.length === 0) {
      pendingFocus.current = () => document.getElementById("add-query");
      setChange({ message: `Added ${name(added[0] as string)}.`, canUndo: true });
    } else {
      setChange({ message: "The list is back to the planner's.", canUndo: true });
      pendingFocus.current = () =>
        document.getElementById("programs-heading") ?? document.getElementById("sec-programs-h");
    }
  };

  const onStatus = (id: string, s: ApplicationStatus) =>
    setEdits((e) => ({ ...e, statuses: new Map(e.statuses).set(id, s) }));

  const submit = () => {
    setTried(true);
    if (!validation.ok) {
      setAnnounce(
        `The profile has ${validation.issues.length} answer(s) to check; see the list at the top of the form.`,
      );
      const first = (Object.keys(FIELD_PATHS) as DraftKey[]).find((k) => grouped.byField[k]);
      if (first) setStep(stepOf(first));
      requestAnimationFrame(() => document.getElementById("error-summary")?.focus());
      return;
    }
    if (!plan) {
      makePlan(input, specialty, asOf, { from: draft });
      undoStack.current = [];
    } else if (inputKey !== plannedKey) {
      pushUndo({ ...(lastPlanned.current ?? { draft, specialty, asOf }), edits, label: "the change" });
      makePlan(input, specialty, asOf, { edits, from: draft });
    } else pendingFocus.current = () => resultsHeading.current;
    setEditing(false);
  };

  const loadExample = (ex: ExampleProfile) => {
    const v = validateProfile(schema, ex.profile);
    if (!v.ok) {
      setAnnounce("This example no longer passes validation.");
      return;
    }
    const d = fromProfile(v.value);
    const sp = rb.specialties.has(ex.specialty) ? ex.specialty : specialty;
    setDraft(d);
    setSpecialty(sp);
    setTouched(new Set());
    setTried(false);
    undoStack.current = [];
    setChange(null);
    makePlan(toProfileInput(d), sp, asOf, { from: d });
    setEditing(false);
  };

  const content = () =>
    plan
      ? {
          profile: plan.inputs.profile,
          specialty: plan.inputs.specialty,
          practiceLog: log,
          programs: ids.map((programId) => ({ programId, status: statusOf(programId) })),
        }
      : null;

  const doSave = async () => {
    const c = content();
    if (!c) return;
    setSave({ kind: "busy", message: "Saving…" });
    const r = saved ? await plansApi.update(saved.id, saved.version, c) : await plansApi.create(c);
    if (!r.ok) {
      setSave({
        kind: "error",
        message:
          r.status === 409
            ? "The saved plan was changed elsewhere since you opened it; reopen the link to see the newer version."
            : `${r.title}. ${r.detail}${r.issues.length ? ` ${r.issues.map((i) => plainMessage(undefined, i)).join(" ")}` : ""}`,
      });
      return;
    }
    setSaved({ id: r.value.id, version: r.value.version });
    openedId.current = r.value.id;
    history.replaceState(null, "", `#/plan/${encodeURIComponent(r.value.id)}`);
    setSave({ kind: "saved", message: `Saved (version ${r.value.version}).` });
  };

  const doDelete = async () => {
    if (!saved) return;
    setSave({ kind: "busy", message: "Deleting…" });
    const r = await plansApi.remove(saved.id);
    if (!r.ok && r.status !== 404) {
      setSave({ kind: "error", message: `${r.title}. ${r.detail}` });
      return;
    }
    setSaved(null);
    openedId.current = null;
    history.replaceState(null, "", location.pathname);
    setSave({
      kind: "deleted",
      message: "Deleted from the server. The plan is still on this page until you leave it.",
    });
  };

  const made = plan?.plan.ok ? plan.plan.value : null;
  const a = made?.assessment ?? null;
  const programPlan = made?.list ?? null;
  const listed = made ? planPart(made, "list") : null;
  // The backups of the list as held (the core's, from its P(match) and cost), else the plan's.
  const backups = summary ? summary.backups : (made?.backups ?? null);
  const target = plan ? pageForecastTarget(plan) : null;
  const sliderStart = plan
    ? Math.min(
        plan.scoreRange.max,
        Math.max(
          plan.scoreRange.min,
          plan.inputs.profile.step2ck.score ?? target?.score ?? plan.scoreRange.min,
        ),
      )
    : 0;
  const headline = useMemo(() => (made ? planHeadline(made, summary) : null), [made, summary]);
  // The Step 2 CK sweep re-scores the list at some forty scores, so it is made only while its section is shown.
  const byScore = useMemo(
    () =>
      section === "study" && plan?.held ? pMatchByScoreChart(plan.held, activeIds, plan.scoreRange) : null,
    [section, plan, activeIds],
  );
  const byCount = useMemo(() => (made ? pMatchByCountChart(made, summary) : null), [made, summary]);
  const distribution = useMemo(
    () => (made && opened.has("study") ? scoreDistributionChart(made) : null),
    [made, opened],
  );

  // The standing so far, while the profile is being filled in (the core's assessment, nothing more).
  // Only while the form is shown: an example fills it and plans at once, with the form folded.
  const formShown = editing || !plan;
  const preview = useMemo(() => {
    if (!validation.ok || !formShown) return null;
    const basis = assessApplication(rb, { profile: validation.value, specialty, asOf });
    return basis.ok ? basis.value.assessment : null;
  }, [rb, validation, specialty, asOf, formShown]);
  // The assessment's own reason, unless the summary strip just above already says the same sentence.
  const previewWhy = preview ? provisionalWhy(preview) : null;
  const whyShown = headline && made ? headline.provisionalWhy : null;
  const previewWhyText = previewWhy === whyShown ? null : previewWhy;

  const showSection = (id: SectionId) => {
    setSection(id);
    setOpened((o) => (o.has(id) ? o : new Set(o).add(id)));
    pendingFocus.current = () => document.getElementById(`sec-${id}-h`);
  };
  const sectionProps = (id: SectionId) => ({
    id: `sec-${id}`,
    class: "plan-section",
    "aria-labelledby": `sec-${id}-h`,
    hidden: section !== id,
  });
  const sectionHeading = (id: SectionId) => (
    <h2 id={`sec-${id}-h`} tabIndex={-1}>
      {SECTIONS.find((s) => s.id === id)?.title}
    </h2>
  );

  const form = (
    <ProfileForm
      rb={rb}
      draft={draft}
      specialty={specialty}
      asOf={asOf}
      shown={shown}
      otherIssues={tried ? grouped.other : []}
      summary={tried && !validation.ok ? validation.issues : null}
      examples={EXAMPLES}
      step={step}
      planned={plan !== null}
      preview={
        preview ? (
          <>
            <p>
              Standing so far for {preview.specialtyName}: <strong>{words(preview.standing)}</strong>
              {preview.provisional ? " (provisional)" : ""}.{" "}
              {preview.step2ck.band ? preview.step2ck.band.label : ""}
            </p>
            {previewWhyText ? (
              <p class="hint" id="preview-provisional-why">
                Provisional: {previewWhyText}.
              </p>
            ) : null}
          </>
        ) : plan && !validation.ok ? (
          <p>The plan shown is for your last complete profile; answer what is marked to update it.</p>
        ) : (
          <p class="hint">
            Your standing appears here once your applicant type, year, visa and Step 1 result are in.
          </p>
        )
      }
      onStep={setStep}
      onField={(k, v) => setDraft((d) => ({ ...d, [k]: v }))}
      onBlur={(k) => setTouched((t) => new Set(t).add(k))}
      onSpecialty={setSpecialty}
      onAsOf={(d) => d && setAsOf(d)}
      onExample={loadExample}
      onSubmit={submit}
    />
  );

  return (
    <>
      <a class="skip" href={plan ? "#summary" : "#profile-form"}>
        {plan ? "Skip to your plan" : "Skip to the form"}
      </a>
      <header class="page-header">
        <h1>MatchPlan</h1>
        {plan ? null : (
          <p class="lede">
            Where you stand for a residency specialty, the Step 2 CK score to aim for, which programs to apply
            to and what it costs — every conclusion with the rule and the source it came from.
          </p>
        )}
        <p class="privacy" id="privacy">
          <strong>Your profile stays on this device.</strong>{" "}
          {plan
            ? "Nothing is sent anywhere unless you press “Save”."
            : "The engine runs in this page, on the same data and code as the MatchPlan command line; nothing you type is sent anywhere unless you press “Save” (or ask the server for the PDF report). Once loaded, the page works offline."}
        </p>
        <p class="small keep-local">
          <label>
            <input
              type="checkbox"
              id="keep-local"
              checked={keep}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setKeepsLocalCopy(storage, on);
                setKeep(on);
                if (!on) setOffers([]);
                setKeptNote(on ? "" : "Nothing is kept in this browser; what was kept is removed.");
              }}
            />{" "}
            Keep my work in this browser, so a reload or a closed tab loses nothing (on this device only;
            untick on a shared computer).
          </label>{" "}
          <span id="keep-note" role="status">
            {keptNote}
          </span>
        </p>
        {offers.length > 0 ? (
          <section class="kept-offer" id="kept-offer" aria-labelledby="kept-offer-h">
            <h2 id="kept-offer-h">Work kept in this browser</h2>
            <p class="small">
              Not shown until you open it. What you do on this page is kept too, separately.
            </p>
            <ul id="kept-works">
              {offers.map((o) => {
                const what = `${keptSummary(rb, o)}, kept on ${o.keptAt.slice(0, 10)}`;
                return (
                  <li key={o.slot} class="kept-work">
                    <span class="kept-what">{what}</span>{" "}
                    <button
                      type="button"
                      class="kept-open"
                      aria-label={`Open it: ${what}`}
                      onClick={() => openKept(o)}
                    >
                      Open it
                    </button>{" "}
                    <button
                      type="button"
                      class="kept-discard secondary"
                      aria-label={`Discard it: ${what}`}
                      onClick={() => discardKept(o)}
                    >
                      Discard it
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
      </header>
      <main id="main" class="page" tabIndex={-1}>
        {linkGone ? (
          <LinkNotice
            onDismiss={() => {
              setLinkGone(false);
              openedId.current = null;
              history.replaceState(null, "", location.pathname);
            }}
          />
        ) : null}
        <p class="sr-only" aria-live="polite" role="status" id="announce">
          {announce}
        </p>
        {pending ? (
          <p class="pending" id="plan-pending">
            {pending.message}
          </p>
        ) : null}
        {plan ? (
          <div id="results" data-plan-ms={plan.ms} data-load-ms={engine.loadMs}>
            {headline && made ? (
              <SummaryStrip
                rb={rb}
                h={headline}
                matchYear={made.matchYear.matchYear}
                headingRef={resultsHeading}
                change={change}
                onUndo={undo}
              />
            ) : (
              <section id="summary" aria-labelledby="results-heading">
                <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
                  Your plan
                </h2>
                <p role="alert" class="field-error">
                  {plan.plan.ok ? "" : plan.plan.issues.map((i) => i.message).join("; ")}
                </p>
              </section>
            )}
            {editing ? (
              form
            ) : (
              <ProfileSummary
                rb={rb}
                profile={plan.inputs.profile}
                specialty={specialty}
                budget={draft.budgetUsd}
                budgetError={
                  grouped.byField.budgetUsd?.[0]
                    ? plainMessage("budgetUsd", grouped.byField.budgetUsd[0])
                    : null
                }
                onSpecialty={setSpecialty}
                onBudget={(v) => setDraft((d) => ({ ...d, budgetUsd: v }))}
                onEdit={() => {
                  setEditing(true);
                  requestAnimationFrame(() => document.getElementById("step-heading")?.focus());
                }}
              />
            )}

            <nav class="section-nav" aria-label="Sections of your plan">
              <ul>
                {SECTIONS.map((s) => (
                  <li key={s.id}>
                    <a
                      href={`#sec-${s.id}`}
                      id={`tab-${s.id}`}
                      aria-current={section === s.id ? "true" : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        showSection(s.id);
                      }}
                    >
                      {s.title}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>

            <SavePanel saved={saved} state={save} onSave={doSave} onDelete={doDelete} />
            <Downloads plan={plan} summary={summary} statusOf={statusOf} log={log} />

            <section {...sectionProps("standing")}>
              {sectionHeading("standing")}
              {opened.has("standing") && a ? <AssessmentView rb={rb} a={a} /> : null}
            </section>

            <section {...sectionProps("programs")}>
              {sectionHeading("programs")}
              {opened.has("programs") ? (
                programPlan && plan.held && summary ? (
                  <>
                    <PlanChart figure={byCount} />
                    <ProgramList
                      rb={rb}
                      held={plan.held}
                      plan={programPlan}
                      ids={ids}
                      summary={summary}
                      statusOf={statusOf}
                      onStatus={onStatus}
                      onIds={onIds}
                    />
                    <SupplementalList rb={rb} plan={programPlan} />
                    <ParallelList rb={rb} plan={programPlan} summary={summary} />
                  </>
                ) : listed && !listed.ok ? (
                  <p>No program list: {listed.issues.map((i) => i.message).join("; ")}</p>
                ) : null
              ) : null}
            </section>

            <section {...sectionProps("study")}>
              {sectionHeading("study")}
              {opened.has("study") ? (
                <>
                  {headline?.comparison ? <p>{headline.comparison.text}</p> : null}
                  <PlanChart figure={distribution} />
                  <PlanChart figure={byScore} />
                  {plan.held && summary ? (
                    <WhatIf
                      key={plannedKey}
                      held={plan.held}
                      ids={activeIds}
                      range={plan.scoreRange}
                      start={sliderStart}
                      actual={plan.inputs.profile.step2ck.score}
                    />
                  ) : null}
                  {made ? <StudyView rb={rb} study={planPart(made, "study")} /> : null}
                  <PracticeLog
                    rb={rb}
                    asOf={plan.inputs.asOf}
                    log={log}
                    onLog={setLog}
                    outcome={forecast}
                    target={target}
                    step2Taken={plan.inputs.profile.step2ck.score !== null}
                  />
                </>
              ) : null}
            </section>

            <section {...sectionProps("timeline")}>
              {sectionHeading("timeline")}
              {opened.has("timeline") && made?.timeline ? <TimelineView rb={rb} t={made.timeline} /> : null}
            </section>
            <section {...sectionProps("narrative")}>
              {sectionHeading("narrative")}
              {opened.has("narrative") && made?.narrative ? (
                <NarrativeView rb={rb} n={made.narrative} />
              ) : null}
            </section>
            <section {...sectionProps("backups")}>
              {sectionHeading("backups")}
              {opened.has("backups") && backups ? <BackupsView rb={rb} b={backups} /> : null}
            </section>
            <section {...sectionProps("season")}>
              {sectionHeading("season")}
              {opened.has("season") ? (
                <TrackerPanel
                  key={trackerGeneration}
                  engine={engine}
                  plan={plan}
                  ids={ids}
                  saved={saved}
                  entries={tracker}
                  onEntries={setTracker}
                  restoredFor={trackerRestoredFor}
                  onSaved={(version) => setSaved((s) => (s ? { ...s, version } : s))}
                />
              ) : null}
            </section>
            <section {...sectionProps("sources")}>
              {sectionHeading("sources")}
              {opened.has("sources") ? (
                <>
                  <p class="small muted">
                    As of {plan.inputs.asOf}; computed in this browser in {plan.ms} ms (data loaded in{" "}
                    {engine.loadMs} ms).
                  </p>
                  {made ? <SourcesView sources={made.sources} /> : null}
                </>
              ) : null}
            </section>
          </div>
        ) : (
          form
        )}
      </main>
      <footer class="page-footer">
        <p class="small">
          Sources: the guides, NRMP Charting Outcomes, AAMC Residency Explorer and the other entries of the
          bibliography, each cited where it is used. Interview odds and P(match) are model estimates with
          ranges, not promises.
        </p>
        <DataAttribution rb={rb} />
      </footer>
    </>
  );
}
