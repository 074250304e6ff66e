import { parse } from "yaml";
import { z } from "zod";
import { TRACKS, type Track } from "../core/catalog/program.ts";

const letter = z.string().regex(/^[A-Z]$/);
const fileSchema = z.strictObject({
  source: z.string(),
  tracks: z.record(letter, z.enum(TRACKS)),
  specialties: z.array(
    z.strictObject({
      specialty: z.string(),
      code: z.string().regex(/^\d{3}$/),
      tracks: z.array(letter).optional(),
      trackAs: z.enum(TRACKS).optional(),
    }),
  ),
});

export interface NrmpSpecialtyMap {
  source: string;
  /** The MatchPlan specialty and track of an NRMP specialty code and track letter, or undefined when unmapped. */
  resolve(specialtyCode: string, trackLetter: string): { specialty: string; track: Track } | undefined;
  entries: readonly { specialty: string; code: string }[];
}

/**
 * Reads data/catalog/nrmp-specialties.yaml. An entry without `tracks` takes every track letter;
 * two entries claiming the same code and letter are an error.
 */
export function readNrmpSpecialtyMap(yaml: string): NrmpSpecialtyMap {
  const file = fileSchema.parse(parse(yaml));
  const explicit = new Map<string, { specialty: string; track: Track | null }>();
  const whole = new Map<string, { specialty: string; trackAs: Track | null }>();
  for (const entry of file.specialties) {
    if (entry.tracks === undefined) {
      if (whole.has(entry.code)) throw new Error(`nrmp-specialties.yaml maps code ${entry.code} twice`);
      whole.set(entry.code, { specialty: entry.specialty, trackAs: entry.trackAs ?? null });
      continue;
    }
    for (const t of entry.tracks) {
      const key = `${entry.code}${t}`;
      if (explicit.has(key)) throw new Error(`nrmp-specialties.yaml maps ${entry.code} track ${t} twice`);
      explicit.set(key, { specialty: entry.specialty, track: entry.trackAs ?? null });
    }
  }
  const codesWithTracks = new Set(file.specialties.filter((e) => e.tracks !== undefined).map((e) => e.code));
  for (const code of codesWithTracks) {
    if (whole.has(code)) throw new Error(`nrmp-specialties.yaml maps code ${code} both whole and by track`);
  }
  return {
    source: file.source,
    entries: file.specialties.map((e) => ({ specialty: e.specialty, code: e.code })),
    resolve(code, trackLetter) {
      const hit = codesWithTracks.has(code) ? explicit.get(`${code}${trackLetter}`) : whole.get(code);
      if (!hit) return undefined;
      const track = ("track" in hit ? hit.track : hit.trackAs) ?? file.tracks[trackLetter];
      return track === undefined ? undefined : { specialty: hit.specialty, track };
    },
  };
}
