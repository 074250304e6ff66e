import type { Rulebook } from "../rulebook/rulebook.ts";
import type { StatedConfidence } from "./schemas.ts";

/**
 * The application service a specialty applies through in a Match year: the service named in
 * data/specialties.yaml (`applicationService`, from a Match year on), else the default service of
 * data/cycles/cycle-rules.yaml. EM applies through ResidencyCAS from the 2026 Match and OB/GYN from
 * the 2025 Match; every date, fee and signal scheme of the specialty then comes from that service.
 */
export interface ApplicationService {
  id: string;
  name: string;
  operator: string;
  /** Why this service: the specialty's own entry, or the default. */
  basis: string;
  sources: string[];
  confidence: StatedConfidence;
  verified: string | null;
}

export function serviceFor(
  rb: Rulebook,
  specialtyId: string | undefined,
  matchYear: number,
): ApplicationService {
  const rules = rb.cycles;
  const sp = specialtyId === undefined ? undefined : rb.specialties.get(specialtyId);
  const entry = sp?.applicationService;
  const switched = entry?.value
    .filter((s) => s.fromMatchYear <= matchYear)
    .sort((a, b) => b.fromMatchYear - a.fromMatchYear)[0];
  const id = switched?.service ?? rules.defaultService.value;
  const svc = rules.services[id];
  if (!svc) throw new Error(`Application service "${id}" is not in data/cycles/cycle-rules.yaml`);
  if (switched && entry)
    return {
      id,
      name: svc.name,
      operator: svc.operator,
      basis: `${sp?.name} applies through ${svc.name} from the ${switched.fromMatchYear} Match`,
      sources: entry.sources,
      confidence: entry.confidence,
      verified: entry.verified,
    };
  return {
    id,
    name: svc.name,
    operator: svc.operator,
    basis: `${sp?.name ?? "The specialty"} applies through ${svc.name}, the default service`,
    sources: rules.defaultService.sources,
    confidence: rules.defaultService.confidence,
    verified: rules.defaultService.verified,
  };
}

/** Whether a specialty applies through the same service in two Match years. */
export function sameService(rb: Rulebook, specialtyId: string, a: number, b: number): boolean {
  return serviceFor(rb, specialtyId, a).id === serviceFor(rb, specialtyId, b).id;
}
