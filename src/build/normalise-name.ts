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
 * Two-letter state codes written in capitals inside names ("Medical University of SC",
 * "HCA Healthcare East FL Division"). MD is left alone: in names it is usually the degree.
 */
const STATE_NAMES: Readonly<Record<string, string>> = {
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
    .map((w) => STATE_NAMES[w] ?? w.toLowerCase())
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

/** The canonical form used for exact joins: `"St. Luke's Hospital Program"` → `"saint lukes hospital"`. */
export function normaliseName(name: string): string {
  return nameTokens(name).join(" ");
}
