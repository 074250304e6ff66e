import type { Rulebook } from "../rulebook/rulebook.ts";
import type { PhaseModelEntry, StudyPlanModel } from "../rulebook/schemas.ts";
import { addDays, dateRange, daysBetween, weekdayOf, weekStart } from "./dates.ts";
import { refList, refNumber, refRange, refRecord } from "./rule-ref.ts";
import type { Reminder, ScheduledSelfAssessment, StudyDay, StudyPhase } from "./types.ts";
import {
  type PracticeKind,
  type SelfAssessmentSlot,
  type StudyMode,
  WEEKDAYS,
  type Weekday,
} from "./vocabulary.ts";

/**
 * Lays out the study calendar day by day (P3–P10).
 *
 * Problem: turn phases, availability and the guides' weekly rhythm into one activity list per
 * day from the study start to the exam, with nothing after the exam.
 * Steps: (1) the applicant's days off; (2) one light day every week on a fixed weekday — the
 * weekday before the exam, never a day off or the exam's own weekday (P6); (3) the final
 * self-assessments, one spacing apart back from the exam, latest first (P5), the two longest
 * stretched to full-exam simulations (P7); (4) a baseline self-assessment on day one when there
 * is no baseline (P3); (5) progress self-assessments at each phase's cadence, outside the final
 * window (P5, P4); (6) a consolidation day every 2 weeks (P6); (7) every other day is heavy: the
 * phase's questions in blocks of 40, question time at least P7's share, then notes/Anki, then the
 * weak system of the day in rotation (P3, P6, P9, P10).
 * Complexity: O(d · s) for d days and s self-assessments.
 * Reference: digest P3–P10; `day`, `selfAssessments`, `diagnoses` in data/facts/study-plan-model.yaml.
 */
export interface ScheduleInput {
  model: StudyPlanModel["phaseModels"][number];
  phases: StudyPhase[];
  start: string;
  examDate: string;
  mode: StudyMode;
  hoursPerDay: number;
  daysOff: Weekday[];
  baselineKnown: boolean;
  diagnoses: string[];
  weakSystems: string[];
  /** P9's areas when they apply to the applicant. */
  areas: string[];
  /** A secondary bank and how many of its questions the plan may use (P8). */
  secondary: { names: string[]; from: string; budget: number } | null;
  reminders: Reminder[];
}

export interface Schedule {
  days: StudyDay[];
  selfAssessments: ScheduledSelfAssessment[];
  rotationLength: number;
  fullLengthDayHours: number;
}

const SLOT_KIND: Record<SelfAssessmentSlot, PracticeKind> = {
  nbme: "nbme",
  uwsa1: "uwsa",
  uwsa2: "uwsa",
  free120: "free120",
};

export function scheduleDays(rb: Rulebook, input: ScheduleInput): Schedule {
  const P = rb.study.plan;
  const R = rb.rules;
  const res = rb.study.resources;
  const blockSize = refNumber(R, P.day.blockSize);
  const blockHours = refNumber(R, P.day.blockMinutes) / 60;
  const hoursPerBlock = refNumber(R, P.day.qbankHours) / refNumber(R, P.day.qbankBlocks);
  const share = refNumber(R, P.day.questionShare);
  const modeKey = input.mode === "full-time" ? "fullTime" : "partTime";
  const notesRange = refRange(R, P.day[modeKey].notesHours);
  const step = P.day.hourStep;
  const ceilStep = (x: number) => Math.ceil(x / step - 1e-9) * step;
  const floorStep = (x: number) => Math.floor(x / step + 1e-9) * step;
  const H = input.hoursPerDay;
  const sa = P.selfAssessments;
  const spacingDays = Math.round(refRange(R, sa.spacingWeeks).min * 7);
  const finalWindowStart = addDays(input.examDate, -Math.round(refNumber(R, sa.finalWindowWeeks) * 7));
  const diagnosisText = refRecord(R, P.diagnosesFrom);
  const effects = input.diagnoses.map((key) => ({
    key,
    on: P.diagnoses[key]?.on ?? [],
    timedFromStart: P.diagnoses[key]?.timedFromStart ?? false,
    text: String(diagnosisText[key]),
  }));
  const timedFromStart = effects.some((e) => e.timedFromStart);

  const lastStudyDay = addDays(input.examDate, -1);
  const phaseOf = (date: string) => input.phases.find((p) => p.start <= date && date <= p.end);
  const modelOf = (phase: StudyPhase | undefined): PhaseModelEntry | undefined =>
    phase ? input.model.phases.find((m) => m.name === phase.name) : undefined;

  const days = new Map<string, StudyDay>();
  const dates = input.start <= lastStudyDay ? dateRange(input.start, lastStudyDay) : [];
  for (const date of dates)
    days.set(date, {
      date,
      phase: phaseOf(date)?.name ?? null,
      kind: input.daysOff.includes(weekdayOf(date)) ? "off" : "heavy",
      questions: 0,
      hours: 0,
      activities: [],
    });
  const kindOf = (date: string) => days.get(date)?.kind;

  // (2) the light weekday: the weekday before the exam, stepping back past days off and the exam's weekday.
  const examWeekday = weekdayOf(input.examDate);
  let lightIndex = WEEKDAYS.indexOf(weekdayOf(lastStudyDay));
  for (let i = 0; i < WEEKDAYS.length; i++) {
    const wd = WEEKDAYS[lightIndex] as Weekday;
    if (!input.daysOff.includes(wd) && wd !== examWeekday) break;
    lightIndex = (lightIndex + WEEKDAYS.length - 1) % WEEKDAYS.length;
  }
  const lightWeekday = WEEKDAYS[lightIndex] as Weekday;
  for (const day of days.values())
    if (day.kind === "heavy" && weekdayOf(day.date) === lightWeekday) day.kind = "light";

  // (3)–(5) self-assessments
  const placed: Array<{
    date: string;
    slot: SelfAssessmentSlot;
    purpose: ScheduledSelfAssessment["purpose"];
  }> = [];
  const freeHeavy = (date: string, floor: string): string | null => {
    let d = date;
    while (d >= floor) {
      if (kindOf(d) === "heavy" && !placed.some((p) => p.date === d)) return d;
      d = addDays(d, -1);
    }
    return null;
  };
  const finalCount = refNumber(R, sa.finalCount);
  const spaced = (d: string) => placed.every((p) => Math.abs(daysBetween(p.date, d)) >= spacingDays);
  let latest = addDays(input.examDate, 0);
  for (let k = 1; k <= finalCount; k++) {
    const slot = sa.finalOrder[k - 1];
    if (!slot) break;
    const d = freeHeavy(addDays(latest, -spacingDays), input.start);
    if (!d) break;
    placed.push({ date: d, slot, purpose: "final" });
    latest = d;
  }
  if (!input.baselineKnown) {
    const first = dates.find((d) => kindOf(d) === "heavy" && !placed.some((p) => p.date === d));
    if (first && spaced(first)) placed.push({ date: first, slot: "nbme", purpose: "baseline" });
  }
  for (const phase of input.phases) {
    const m = modelOf(phase);
    if (!m) continue;
    let interval: number | null = null;
    if (m.selfAssessmentsPerWeek) interval = Math.round(7 / refNumber(R, m.selfAssessmentsPerWeek));
    else if (m.selfAssessmentsPerMonth)
      interval = Math.round((sa.monthWeeks * 7) / refNumber(R, m.selfAssessmentsPerMonth));
    if (!interval) continue;
    for (
      let t = addDays(phase.start, interval);
      t <= phase.end && t < finalWindowStart;
      t = addDays(t, interval)
    ) {
      const d = freeHeavy(t, phase.start);
      if (d && d < finalWindowStart && spaced(d)) placed.push({ date: d, slot: "nbme", purpose: "progress" });
    }
  }

  // Forms: NBME forms in order, the last kept for the final NBME; UWSA 1 once when they run out.
  placed.sort((a, b) => a.date.localeCompare(b.date));
  const nbmeForms = [...res.selfAssessments.nbme.forms].sort((a, b) => a - b);
  const finalNbme = placed.some((p) => p.purpose === "final" && p.slot === "nbme");
  const early = finalNbme ? nbmeForms.slice(0, -1) : nbmeForms;
  let uwsa1Used = placed.some((p) => p.slot === "uwsa1");
  const selfAssessments: ScheduledSelfAssessment[] = [];
  for (const p of placed) {
    let slot = p.slot;
    let form: number | null = null;
    if (slot === "nbme") {
      form = (p.purpose === "final" ? nbmeForms[nbmeForms.length - 1] : early.shift()) ?? null;
      if (form === null && !uwsa1Used) {
        slot = "uwsa1";
        uwsa1Used = true;
      } else if (form === null) continue;
    }
    if (slot === "uwsa1") form = 1;
    if (slot === "uwsa2") form = 2;
    selfAssessments.push({
      date: p.date,
      kind: SLOT_KIND[slot],
      slot,
      form,
      label: slotLabel(rb, slot, form),
      purpose: p.purpose,
      fullLength: false,
    });
  }
  const simulations = refNumber(R, sa.simulations);
  const finals = selfAssessments.filter((s) => s.purpose === "final");
  let stretched = 0;
  for (const slot of sa.simulationOrder)
    for (const s of finals)
      if (s.slot === slot && stretched < simulations) {
        s.fullLength = true;
        stretched++;
      }
  for (const s of selfAssessments) {
    const day = days.get(s.date);
    if (day) day.kind = "self-assessment";
  }

  // (6) consolidation days
  const everyDays = Math.round(refRange(R, P.day.consolidationEveryWeeks).min * 7);
  for (let t = addDays(input.start, everyDays); t < lastStudyDay; t = addDays(t, everyDays)) {
    for (let i = 0; i < 7; i++) {
      const d = addDays(t, i);
      if (d >= lastStudyDay) break;
      if (kindOf(d) === "heavy" && kindOf(addDays(d, -1)) !== "self-assessment") {
        const day = days.get(d);
        if (day) day.kind = "consolidation";
        break;
      }
    }
  }

  // (7) hours, questions and activities
  const primary = res.questionBanks.primary.name;
  const secondaryNames = input.secondary?.names.join(" or ") ?? "";
  let heavyIndex = 0;
  let secondaryLeft = input.secondary?.budget ?? 0;
  const fixWeeks = new Set<string>();
  const extrasOf = (m: PhaseModelEntry | undefined) => [
    ...input.areas,
    ...(m?.extraTopics ? refList<string>(R, m.extraTopics) : []),
  ];
  const w = input.weakSystems;
  // One cycle length for the whole plan, so every window of that many heavy days holds every weak
  // system: where a phase has no extra areas or topics, the extra slot goes to the weakest system.
  const anyExtras = input.model.phases.some((m) => extrasOf(m).length > 0);
  const rotationLength = w.length > 0 ? w.length + (anyExtras ? 1 : 0) : 0;
  const focusAt = (i: number, extras: string[]): string => {
    if (w.length > 0) {
      const pos = i % rotationLength;
      if (pos < w.length) return w[pos] as string;
      return extras.length > 0
        ? (extras[Math.floor(i / rotationLength) % extras.length] as string)
        : (w[0] as string);
    }
    if (extras.length > 0) return extras[i % extras.length] as string;
    return "the weakest systems of your latest self-assessment";
  };
  const cite = (text: string, rule: string) => `${text} (${rule})`;
  let fullLengthDayHours = H;

  for (const day of days.values()) {
    const phase = phaseOf(day.date);
    const m = modelOf(phase);
    if (day.kind === "off") {
      day.activities.push("Day off");
    } else if (day.kind === "light") {
      day.hours = Math.min(H, notesRange.min);
      day.activities.push(
        cite(`Light day: ${fmtH(day.hours)} of notes and Anki, then rest`, "P6"),
        cite("Weekly error-log review: group the week's misses by why they were missed", "P7"),
      );
    } else if (day.kind === "consolidation") {
      day.hours = H;
      day.activities.push(
        cite(
          `Consolidation day (${fmtH(H)}): re-do incorrect questions, revisit weak topics and the strategies you over- or under-use`,
          "P6",
        ),
      );
    } else if (day.kind === "self-assessment") {
      const s = selfAssessments.find((x) => x.date === day.date) as ScheduledSelfAssessment;
      const size = res.selfAssessments[s.kind === "other" ? "nbme" : s.kind].questions;
      const ownBlocks = Math.ceil(size / blockSize);
      const totalBlocks = s.fullLength ? refNumber(R, sa.simulationBlocks) : ownBlocks;
      const bankBlocks = Math.max(0, totalBlocks - ownBlocks);
      const testing = totalBlocks * blockHours;
      day.questions = bankBlocks * blockSize;
      day.hours = Math.max(testing, H);
      fullLengthDayHours = Math.max(fullLengthDayHours, day.hours);
      day.activities.push(
        cite(
          `${s.label} (${s.purpose}) under exam conditions: timed, with the exam's breaks`,
          s.purpose === "baseline" ? "P3" : "P5",
        ),
      );
      if (s.fullLength)
        day.activities.push(
          cite(
            `Full-exam simulation: add ${bankBlocks} timed random blocks of ${blockSize} from ${primary} to make ${totalBlocks} blocks in one day`,
            "P7",
          ),
        );
      if (day.hours > testing)
        day.activities.push(`Review the incorrect answers: ${fmtH(day.hours - testing)}`);
      day.activities.push("Add the score to your practice log (matchplan study forecast)");
      for (const e of effects)
        if (e.on.includes("self-assessment"))
          day.activities.push(cite(`Step 1 fix — ${e.key}: ${e.text}`, "P10"));
    } else if (day.kind === "heavy") {
      const focus = focusAt(heavyIndex++, extrasOf(m));
      day.focus = focus;
      const wanted = m ? refNumber(R, m.questionsPerDay[modeKey]) : 0;
      const questions = Math.min(wanted, Math.floor((blockSize * H) / hoursPerBlock));
      const blocks = Math.ceil(questions / blockSize);
      const qHours = Math.min(H, ceilStep(Math.max((questions / blockSize) * hoursPerBlock, share * H)));
      const notes = Math.min(H - qHours, notesRange.min);
      const weak = floorStep(H - qHours - notes);
      day.questions = questions;
      day.hours = qHours + notes + weak;
      const untimed = m?.role === "foundation" && m.blocks === "untimed-system" && !timedFromStart;
      const secondaryToday =
        input.secondary !== null &&
        day.date >= input.secondary.from &&
        blocks >= 2 &&
        secondaryLeft >= blockSize;
      if (secondaryToday) {
        day.secondaryQuestions = Math.min(blockSize, questions - blockSize);
        secondaryLeft -= day.secondaryQuestions;
      }
      day.activities.push(
        untimed
          ? cite(`${questions} questions in untimed system-based blocks on ${focus} (${primary})`, "P3")
          : cite(
              `${blocks} timed random block${blocks === 1 ? "" : "s"} of ${blockSize} in ${Math.round(blockHours * 60)} min — ${questions} questions (${primary}${secondaryToday ? `, one block from ${secondaryNames} on ${focus}` : ""})`,
              "P3",
            ),
        cite(`Questions and their explanations, right or wrong: ${fmtH(qHours)} in all`, "P7"),
      );
      if (notes > 0)
        day.activities.push(cite(`Notes and Anki from today's explanations: ${fmtH(notes)}`, "P6"));
      if (weak > 0)
        day.activities.push(cite(`Weak system — ${focus}: ${fmtH(weak)} of targeted review`, "P3"));
      day.activities.push(
        cite("Error log: topic, why missed (knowledge, misread, time pressure), the right concept", "P7"),
      );
      if (kindOf(addDays(day.date, -1)) === "self-assessment")
        day.activities.push(
          cite(
            "Go through yesterday's self-assessment question by question; re-rank systems strong / moderate / weak",
            "P3",
          ),
        );
      // The Step 1 fix is a weekly reminder on the week's first heavy day, not a daily line.
      const week = weekStart(day.date);
      if (!fixWeeks.has(week)) {
        fixWeeks.add(week);
        for (const e of effects)
          if (e.on.includes("heavy")) day.activities.push(cite(`Step 1 fix — ${e.key}: ${e.text}`, "P10"));
      }
    }
    for (const r of input.reminders)
      if (r.date === day.date) day.activities.push(`Reminder: ${r.text} (${r.ruleId})`);
  }

  const list = [...days.values()];
  list.push({
    date: input.examDate,
    phase: null,
    kind: "exam",
    questions: 0,
    hours: 0,
    activities: ["USMLE Step 2 CK"],
  });
  return { days: list, selfAssessments, rotationLength, fullLengthDayHours };
}

export function slotLabel(rb: Rulebook, slot: SelfAssessmentSlot, form: number | null): string {
  const res = rb.study.resources.selfAssessments;
  if (slot === "nbme") return `${res.nbme.label} ${form ?? ""}`.trim();
  if (slot === "free120") return res.free120.label;
  return `UWSA ${form ?? (slot === "uwsa1" ? 1 : 2)}`;
}

function fmtH(h: number): string {
  return `${Number.isInteger(h) ? h : h.toFixed(2).replace(/0$/, "")} h`;
}
