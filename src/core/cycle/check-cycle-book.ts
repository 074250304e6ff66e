import type { Issue } from "../issues.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { CyclePack, CycleRules } from "./schemas.ts";

/** `cycles/2027.yaml`: one pack per Match year, named for it. */
const PACK_FILE = /^cycles\/(\d{4})\.ya?ml$/;

export function isCyclePackFile(path: string): boolean {
  return PACK_FILE.test(path);
}

/** Every date a pack states (NRMP, ECFMG and service events), with where it is. */
export function statedDates(pack: CyclePack): Array<{ path: string; date: string }> {
  const out: Array<{ path: string; date: string }> = [];
  const add = (path: string, f: unknown) => {
    if (f && typeof f === "object" && "value" in f && typeof f.value === "string")
      out.push({ path, date: f.value });
  };
  for (const [k, f] of Object.entries(pack.events ?? {})) add(`events.${k}`, f);
  for (const [svc, s] of Object.entries(pack.services ?? {}))
    for (const [k, f] of Object.entries(s.events ?? {})) add(`services.${svc}.events.${k}`, f);
  add("ecfmg.pathwaysOpen", pack.ecfmg?.pathwaysOpen);
  return out;
}

/**
 * What the cycle packs must agree on with each other and with the other files (pass two of the
 * rulebook compiler): a pack's file is named for its Match year and no year has two packs; a
 * `carried` fact names a year whose pack states it; every service named in a pack or a specialty
 * is defined; every specialty named (signals, `sharedWith`, `signalsThrough`) is registered; every
 * travel-ban country is an ISO code of the country list; the Pathways cover only requirements ECFMG
 * confirms to NRMP.
 */
export function cycleBookIssues(input: {
  rules: CycleRules;
  rulesFile: string;
  packs: ReadonlyArray<{ file: string; pack: CyclePack }>;
  specialties: readonly Specialty[];
  countries: ReadonlySet<string>;
}): Issue[] {
  const issues: Issue[] = [];
  const { rules, packs } = input;
  const specialtyIds = new Set(input.specialties.map((s) => s.id));
  const serviceIds = Object.keys(rules.services);
  const byYear = new Map<number, CyclePack>();
  const unknownService = (file: string, path: string, id: string) =>
    issues.push({
      code: "unknown_reference",
      file,
      path,
      message: `names unknown application service "${id}"`,
      allowed: serviceIds.join(", "),
    });
  const unknownSpecialty = (file: string, path: string, id: string) =>
    issues.push({
      code: "unknown_specialty",
      file,
      path,
      message: `names unregistered specialty "${id}"`,
      allowed: "an id in data/specialties.yaml",
    });

  const ecfmg = rules.ecfmgVerification;
  ecfmg.pathwaysCover.forEach((r, i) => {
    if (!ecfmg.requirements.includes(r))
      issues.push({
        code: "unknown_reference",
        file: input.rulesFile,
        path: `ecfmgVerification.pathwaysCover.${i}`,
        message: `"${r}" is not one of the requirements ECFMG confirms to NRMP`,
        allowed: ecfmg.requirements.join(", "),
      });
  });
  if (!rules.services[rules.defaultService.value])
    unknownService(input.rulesFile, "defaultService.value", rules.defaultService.value);
  for (const { file, pack } of packs) {
    const named = Number(PACK_FILE.exec(file)?.[1]);
    if (named !== pack.matchYear)
      issues.push({
        code: "inconsistent",
        file,
        path: "matchYear",
        message: `the pack for the ${pack.matchYear} Match must be named cycles/${pack.matchYear}.yaml`,
      });
    if (byYear.has(pack.matchYear))
      issues.push({
        code: "duplicate_id",
        file,
        path: "matchYear",
        message: `a second pack for the ${pack.matchYear} Match`,
      });
    byYear.set(pack.matchYear, pack);
    for (const id of Object.keys(pack.services ?? {}))
      if (!rules.services[id]) unknownService(file, `services.${id}`, id);
    for (const [id, f] of Object.entries(pack.signals ?? {})) {
      if (!specialtyIds.has(id)) unknownSpecialty(file, `signals.${id}`, id);
      if (
        "value" in f &&
        "sharedWith" in f.value &&
        f.value.sharedWith &&
        !specialtyIds.has(f.value.sharedWith)
      )
        unknownSpecialty(file, `signals.${id}.value.sharedWith`, f.value.sharedWith);
    }
  }

  // Every `carried` names a year whose pack states the same fact.
  const walk = (file: string, year: number, value: unknown, path: string[]) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return;
    const v = value as Record<string, unknown>;
    if (typeof v.carried === "number") {
      let donor: unknown = byYear.get(v.carried);
      for (const k of path)
        donor = donor && typeof donor === "object" ? (donor as Record<string, unknown>)[k] : undefined;
      if (v.carried >= year || !donor || typeof donor !== "object" || !("value" in donor))
        issues.push({
          code: "unknown_reference",
          file,
          path: path.join("."),
          message: `is carried from ${v.carried}, but no earlier pack for that year states it`,
          allowed: "an earlier Match year whose pack states this fact",
        });
      return;
    }
    if ("value" in v || "unknown" in v) return;
    for (const [k, x] of Object.entries(v)) walk(file, year, x, [...path, k]);
  };
  for (const { file, pack } of packs) walk(file, pack.matchYear, pack, []);

  input.specialties.forEach((s, i) => {
    s.applicationService?.value.forEach((a, j) => {
      if (!rules.services[a.service])
        unknownService(
          "specialties.yaml",
          `specialties.${i}.applicationService.value.${j}.service`,
          a.service,
        );
    });
    if (s.signalsThrough && !specialtyIds.has(s.signalsThrough.value))
      unknownSpecialty("specialties.yaml", `specialties.${i}.signalsThrough.value`, s.signalsThrough.value);
  });

  rules.visa.travelBans.forEach((ban, i) => {
    for (const list of ["full", "partial", "immigrantOnly"] as const)
      ban[list].forEach((code, j) => {
        if (!input.countries.has(code))
          issues.push({
            code: "unknown_reference",
            file: input.rulesFile,
            path: `visa.travelBans.${i}.${list}.${j}`,
            message: `"${code}" is not in the country list`,
            allowed: "an ISO 3166-1 alpha-2 code in data/geography/countries.yaml",
          });
      });
  });
  return issues;
}
