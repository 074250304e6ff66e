import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { assessProfile } from "../src/core/assess/assess-profile.ts";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../src/core/profile/validate-profile.ts";
import { loadRulebook } from "../src/io/load-rulebook.ts";

/** Prints timing figures; targets are checked by reading them, not by failing tests. */
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? Number.NaN };
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

console.log(`machine: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, node ${process.version}`);

const loads: number[] = [];
let rb: ReturnType<typeof loadRulebook> | undefined;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  rb = loadRulebook();
  loads.push(performance.now() - t);
}
if (!rb?.ok) throw new Error("rulebook failed to load");
const book = rb.value;
const ls = stats(loads);
console.log(`rulebook load + two-pass validation: median ${fmt(ls.median)}, max ${fmt(ls.max)} (5 runs)`);

const schema = profileSchemaFor(book);
const profile = {
  applicantType: "non-us-img",
  graduationYear: 2021,
  visa: "j1",
  step1: { outcome: "pass", attempts: 1 },
  step2ck: { score: 236, attempts: 1 },
  usce: { handsOnMonths: 3, observershipMonths: 2, specialtyMonths: 2 },
  letters: { total: 3, specialty: 2, us: 2 },
};
const specialties = [...book.specialties.keys()];
const times: number[] = [];
for (let i = 0; i < 5000; i++) {
  const t = performance.now();
  const p = validateProfile(schema, profile);
  if (!p.ok) throw new Error("example profile invalid");
  assessProfile(book, p.value, specialties[i % specialties.length] as string, "2026-11-22");
  times.push(performance.now() - t);
}
const a = stats(times.slice(500));
console.log(
  `validate + assess one profile: median ${fmt(a.median)}, p95 ${fmt(a.p95)} (4,500 runs over ${specialties.length} specialties)`,
);
