import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { validateProfile } from "../../src/core/profile/validate-profile.ts";
import { type ApplicationStatus, planIdFromHash, plansApi } from "./api/plans-api.ts";
import { AssessmentView } from "./components/assessment-view.tsx";
import { DataAttribution } from "./components/data-attribution.tsx";
import { Downloads } from "./components/downloads.tsx";
import { BackupsView, NarrativeView, TimelineView } from "./components/next-steps.tsx";
import { type LogEntry, PracticeLog } from "./components/practice-log.tsx";
import { fieldId, ProfileForm } from "./components/profile-form.tsx";
import { ParallelList, ProgramList, SupplementalList } from "./components/program-list.tsx";
import { SavePanel, type SaveState } from "./components/save-panel.tsx";
import { StudyView } from "./components/study-view.tsx";
import { WhatIf } from "./components/what-if.tsx";
import { summariseList } from "./engine/edited-list.ts";
import { type Engine, loadEngine } from "./engine/load-engine.ts";
import { computePlan, forecastTarget, type PlanResult, runForecast } from "./engine/run-plan.ts";
import { localToday, pctRange } from "./format.ts";
import {
  type DraftKey,
  EMPTY_DRAFT,
  FIELD_PATHS,
  fromProfile,
  issuesByField,
  toProfileInput,
} from "./profile/draft.ts";
import { EXAMPLES, type ExampleProfile } from "./profile/examples.ts";

/** The page: loads the engine, then the planner. */
export function App() {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadEngine().then(setEngine, (e: Error) => setError(e.message));
  }, []);
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

function defaultSpecialty(engine: Engine): string {
  const all = [...engine.rb.specialties.values()];
  return (all.find((s) => s.guideFocus) ?? all[0])?.id ?? "";
}

function Planner({ engine }: { engine: Engine }) {
  const { rb, schema } = engine;
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [specialty, setSpecialty] = useState(() => defaultSpecialty(engine));
  const [asOf, setAsOf] = useState(() => localToday());
  const [touched, setTouched] = useState<ReadonlySet<DraftKey>>(new Set());
  const [tried, setTried] = useState(false);
  const [plan, setPlan] = useState<PlanResult | null>(null);
  const [plannedKey, setPlannedKey] = useState("");
  const [ids, setIds] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ApplicationStatus>>(new Map());
  const [log, setLog] = useState<LogEntry[]>([]);
  const [saved, setSaved] = useState<{ id: string; version: number } | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [announce, setAnnounce] = useState("");
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  /** The saved plan the page shows or is opening, so a hash change to it is not reopened. */
  const openedId = useRef<string | null>(null);

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

  const makePlan = useCallback(
    (
      profileInput: unknown,
      sp: string,
      date: string,
      restore?: { programs: Array<{ programId: string; status: ApplicationStatus }>; log: LogEntry[] },
    ) => {
      const v = validateProfile(schema, profileInput);
      if (!v.ok) return false;
      const result = computePlan(engine, { profile: v.value, specialty: sp, asOf: date });
      setPlan(result);
      setPlannedKey(JSON.stringify([profileInput, sp, date]));
      const planned = result.programs.ok ? result.programs.value.programs.map((p) => p.id) : [];
      setIds(restore ? restore.programs.map((p) => p.programId) : planned);
      setStatuses(new Map(restore ? restore.programs.map((p) => [p.programId, p.status]) : []));
      if (restore) setLog(restore.log);
      const a = result.assessment;
      const pm = result.programs.ok ? result.programs.value.pMatch : null;
      setAnnounce(
        a.ok
          ? `Plan ready: standing ${a.value.standing.replace(/-/g, " ")}${pm ? `, P(match) ${pctRange(pm)}` : ""}.`
          : `No plan: ${a.issues.map((i) => i.message).join("; ")}`,
      );
      requestAnimationFrame(() => resultsHeading.current?.focus());
      return true;
    },
    [engine, schema],
  );

  // ── saved plans: #/plan/<id> reopens one from the server ──
  const open = useCallback(
    async (id: string) => {
      setSave({ kind: "busy", message: "Opening the saved plan…" });
      const r = await plansApi.get(id);
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
      setDraft(fromProfile(v.value));
      setSpecialty(p.specialty);
      setSaved({ id: p.id, version: p.version });
      makePlan(toProfileInput(fromProfile(v.value)), p.specialty, asOf, {
        programs: p.programs,
        log: p.practiceLog as LogEntry[],
      });
      setSave({ kind: "saved", message: `Opened the saved plan (version ${p.version}).` });
    },
    [schema, makePlan, asOf],
  );
  useEffect(() => {
    const onHash = () => {
      const id = planIdFromHash(location.hash);
      if (id && id !== openedId.current) {
        openedId.current = id;
        void open(id);
      }
    };
    onHash();
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [open]);

  const submit = () => {
    setTried(true);
    if (!validation.ok) {
      setAnnounce(`The profile has ${validation.issues.length} problem(s); see the messages by each field.`);
      const first = (Object.keys(FIELD_PATHS) as DraftKey[]).find((k) => grouped.byField[k]);
      requestAnimationFrame(() => {
        const el = first ? document.getElementById(fieldId(first)) : document.getElementById("error-summary");
        el?.focus();
      });
      return;
    }
    makePlan(input, specialty, asOf);
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
    makePlan(toProfileInput(d), sp, asOf);
  };

  // ── the program list as edited ──
  const inactive = useMemo(
    () => new Set([...statuses].filter(([, s]) => s === "withdrawn").map(([id]) => id)),
    [statuses],
  );
  const summary = useMemo(
    () => (plan?.list ? summariseList(plan.list, ids, inactive) : null),
    [plan, ids, inactive],
  );
  const activeIds = useMemo(() => ids.filter((id) => !inactive.has(id)), [ids, inactive]);
  const forecast = useMemo(() => (plan ? runForecast(engine, plan, log) : null), [engine, plan, log]);
  const statusOf = (id: string): ApplicationStatus => statuses.get(id) ?? "planned";

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
            : `${r.title}. ${r.detail}${r.issues.length ? ` ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` : ""}`,
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

  const stale = plan !== null && plannedKey !== inputKey;
  const a = plan?.assessment.ok ? plan.assessment.value : null;
  const programPlan = plan?.programs.ok ? plan.programs.value : null;
  const target = plan ? forecastTarget(plan) : null;
  const sliderStart = plan
    ? Math.min(
        plan.scoreRange.max,
        Math.max(
          plan.scoreRange.min,
          plan.inputs.profile.step2ck.score ?? target?.score ?? plan.scoreRange.min,
        ),
      )
    : 0;

  return (
    <>
      <a class="skip" href="#main">
        Skip to the form
      </a>
      <header class="page-header">
        <h1>MatchPlan</h1>
        <p class="lede">
          Where you stand for a residency specialty, the Step 2 CK score to aim for, which programs to apply
          to and what it costs — every conclusion with the rule and the source it came from.
        </p>
        <p class="privacy" id="privacy">
          <strong>Your profile stays on this device.</strong> The engine runs in this page, on the same data
          and code as the MatchPlan command line; nothing you type is sent anywhere unless you press “Save”
          (or ask the server for the PDF report). Once loaded, the page works offline.
        </p>
      </header>
      <main id="main" class="page" tabIndex={-1}>
        <ProfileForm
          rb={rb}
          draft={draft}
          specialty={specialty}
          asOf={asOf}
          shown={shown}
          otherIssues={tried ? grouped.other : []}
          summary={tried && !validation.ok ? validation.issues : null}
          examples={EXAMPLES}
          stale={stale}
          onField={(k, v) => setDraft((d) => ({ ...d, [k]: v }))}
          onBlur={(k) => setTouched((t) => new Set(t).add(k))}
          onSpecialty={setSpecialty}
          onAsOf={(d) => d && setAsOf(d)}
          onExample={loadExample}
          onSubmit={submit}
        />

        <p class="sr-only" aria-live="polite" role="status" id="announce">
          {announce}
        </p>

        {plan ? (
          <section id="results" aria-labelledby="results-heading" data-plan-ms={plan.ms}>
            <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
              Your plan
            </h2>
            <p class="small muted">
              As of {plan.inputs.asOf}; computed in this browser in {plan.ms} ms (data loaded in{" "}
              {engine.loadMs} ms).
            </p>
            {plan.assessment.ok ? null : (
              <p role="alert" class="field-error">
                {plan.assessment.issues.map((i) => i.message).join("; ")}
              </p>
            )}
            {a ? <AssessmentView rb={rb} a={a} /> : null}

            {programPlan && plan.list && summary ? (
              <>
                <WhatIf
                  key={plannedKey}
                  lc={plan.list}
                  ids={activeIds}
                  range={plan.scoreRange}
                  start={sliderStart}
                  actual={plan.inputs.profile.step2ck.score}
                />
                <ProgramList
                  rb={rb}
                  lc={plan.list}
                  plan={programPlan}
                  ids={ids}
                  summary={summary}
                  statusOf={statusOf}
                  onStatus={(id, s) => setStatuses((m) => new Map(m).set(id, s))}
                  onIds={setIds}
                />
                <SupplementalList rb={rb} plan={programPlan} />
                <ParallelList rb={rb} plan={programPlan} />
              </>
            ) : plan.programs.ok ? null : (
              <section class="card">
                <h3>Programs to apply to</h3>
                <p>No program list: {plan.programs.issues.map((i) => i.message).join("; ")}</p>
              </section>
            )}

            <StudyView rb={rb} study={plan.study} />
            <PracticeLog
              rb={rb}
              asOf={plan.inputs.asOf}
              log={log}
              onLog={setLog}
              outcome={forecast}
              target={target}
              step2Taken={plan.inputs.profile.step2ck.score !== null}
            />
            {plan.timeline ? <TimelineView rb={rb} t={plan.timeline} /> : null}
            {plan.narrative ? <NarrativeView rb={rb} n={plan.narrative} /> : null}
            {plan.backups ? <BackupsView rb={rb} b={plan.backups} /> : null}

            <Downloads plan={plan} summary={summary} statusOf={statusOf} log={log} />
            <SavePanel saved={saved} state={save} onSave={doSave} onDelete={doDelete} />
          </section>
        ) : null}
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
