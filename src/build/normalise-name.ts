/**
 * Program and institution names in the sources spell the same place many ways:
 * ACGME names ("University of Texas Medical Branch Hospitals Program") against NRMP short names
 * ("U Texas Med Branch-Galveston"). Normalising both to lowercase word tokens — state codes and
 * NRMP's abbreviations written out, "St." read as "saint" or "state", "&" as "and", filler such
 * as "program", "residency" and "of" dropped — makes them comparable.
 *
 * Deliberately not done: spelling correction, and sponsor renames beyond the two health systems
 * listed in PHRASES; other renamed programs stay unjoined rather than being guessed.
 */

/** Single-word abbreviations, as NRMP writes them, to the words ACGME names use. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  u: "university",
  univ: "university",
  med: "medical",
  ctr: "center",
  cntr: "center",
  centre: "center",
  hosp: "hospital",
  hosps: "hospitals",
  som: "school medicine",
  com: "college medicine",
  sch: "school",
  coll: "college",
  hlth: "health",
  hsc: "health science center",
  sci: "science",
  sys: "system",
  reg: "regional",
  comm: "community",
  natl: "national",
  inst: "institute",
  mem: "memorial",
  gen: "general",
  osteo: "osteopathic",
  teach: "teaching",
  affil: "affiliated",
  fdn: "foundation",
  svcs: "services",
  mt: "mount",
  ft: "fort",
  intl: "international",
  grad: "graduate",
  educ: "education",
  cath: "catholic",
  presb: "presbyterian",
  childrens: "children",
  newyork: "new york",
  nyp: "new york presbyterian",
  ismms: "icahn school medicine mount sinai",
  uc: "university california",
  siu: "southern illinois university",
  lsu: "louisiana state university",
  lsuhsc: "louisiana state university health science center",
  unc: "university north carolina",
  musc: "medical university south carolina",
  uab: "university alabama birmingham",
  ohsu: "oregon health science university",
  vcu: "virginia commonwealth university",
  wsu: "wayne state university",
  msu: "michigan state university",
  umkc: "university missouri kansas city",
  kc: "kansas city",
  cmsru: "cooper medical school rowan university",
  slch: "saint louis children hospital",
};

/** Multi-word spellings, matched on whole words after lowercasing. */
const PHRASES: readonly (readonly [string, string])[] = [
  ["b i", "beth israel"],
  ["b jh", "barnes jewish hospital"],
  ["r w johnson", "robert wood johnson"],
  // Beaumont Health and Spectrum Health merged into Corewell Health in 2022; ACGME names use the new name.
  ["beaumont health", "corewell health"],
  ["spectrum health", "corewell health"],
];

/**
 * State codes and names. A code written in capitals inside a name is read as the state
 * ("Medical University of SC", "HCA Healthcare East FL Division"), except MD and LA, which in
 * names are usually the degree and Los Angeles.
 */
const CODES_KEPT_IN_NAMES = new Set(["MD", "LA"]);

export const US_STATE_NAMES: Readonly<Record<string, string>> = {
  AL: "alabama",
  AK: "alaska",
  AZ: "arizona",
  AR: "arkansas",
  CA: "california",
  CO: "colorado",
  CT: "connecticut",
  DE: "delaware",
  DC: "district columbia",
  FL: "florida",
  GA: "georgia",
  HI: "hawaii",
  ID: "idaho",
  IL: "illinois",
  IN: "indiana",
  IA: "iowa",
  KS: "kansas",
  KY: "kentucky",
  LA: "louisiana",
  ME: "maine",
  MD: "maryland",
  MA: "massachusetts",
  MI: "michigan",
  MN: "minnesota",
  MS: "mississippi",
  MO: "missouri",
  MT: "montana",
  NE: "nebraska",
  NV: "nevada",
  NH: "new hampshire",
  NJ: "new jersey",
  NM: "new mexico",
  NY: "new york",
  NC: "north carolina",
  ND: "north dakota",
  OH: "ohio",
  OK: "oklahoma",
  OR: "oregon",
  PA: "pennsylvania",
  PR: "puerto rico",
  RI: "rhode island",
  SC: "south carolina",
  SD: "south dakota",
  TN: "tennessee",
  TX: "texas",
  UT: "utah",
  VT: "vermont",
  VA: "virginia",
  WA: "washington",
  WV: "west virginia",
  WI: "wisconsin",
  WY: "wyoming",
};

/** Words that carry no identity in a program name. */
const FILLER = new Set([
  "the",
  "of",
  "at",
  "and",
  "in",
  "for",
  "program",
  "programs",
  "residency",
  "inc",
  "llc",
  "ltd",
]);

/** Words after which a bare "st" means "state", not "saint" ("Ohio St Univ", "Penn St"). */
const STATE_FOLLOWERS = new Set(["u", "univ", "university", "college", "coll"]);

/** Lowercase ASCII word tokens of a name, abbreviations written out, filler dropped. */
export function nameTokens(name: string): string[] {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u200b-\u200d\ufeff]/g, "")
    .replace(/['\u2019]/g, "")
    .replace(/&/g, " and ")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => (CODES_KEPT_IN_NAMES.has(w) ? undefined : US_STATE_NAMES[w]) ?? w.toLowerCase())
    .join(" ");
  const phrased = PHRASES.reduce(
    (text, [from, to]) => ` ${text} `.replaceAll(` ${from} `, ` ${to} `).trim(),
    words,
  )
    .split(" ")
    .filter((w) => w !== "");
  const tokens: string[] = [];
  phrased.forEach((word, i) => {
    const expanded = word === "st" ? saintOrState(phrased[i + 1]) : (ABBREVIATIONS[word] ?? word);
    for (const token of expanded.split(" ")) if (!FILLER.has(token)) tokens.push(token);
  });
  return tokens;
}

function saintOrState(next: string | undefined): string {
  return next === undefined || STATE_FOLLOWERS.has(next) ? "state" : "saint";
}

/**
 * The state a name spells out, when it names exactly one: "U Kansas SOM-Wichita" → KS,
 * "Northern NM Family Med" → NM. Names that mention two states ("Missouri-Kansas City") give none.
 */
export function stateNamedIn(name: string): string | null {
  let text = ` ${nameTokens(name).join(" ")} `;
  const found = new Set<string>();
  // Longest names first, so "west virginia" is not also read as "virginia".
  const byLength = Object.entries(US_STATE_NAMES).sort((a, b) => b[1].length - a[1].length);
  for (const [code, stateName] of byLength) {
    if (text.includes(` ${stateName} `)) {
      found.add(code);
      text = text.replaceAll(` ${stateName} `, " ");
    }
  }
  return found.size === 1 ? ([...found][0] as string) : null;
}

/** The canonical form used for exact joins: `"St. Luke's Hospital Program"` → `"saint lukes hospital"`. */
export function normaliseName(name: string): string {
  return nameTokens(name).join(" ");
}
