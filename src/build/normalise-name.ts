/**
 * Program and institution names in the sources spell the same place many ways:
 * ACGME names ("University of Texas Medical Branch Hospitals Program") against NRMP short names
 * ("U Texas Med Branch-Galveston"). Normalising both to lowercase word tokens, expanding the
 * abbreviations NRMP uses and dropping filler words makes them comparable.
 *
 * Deliberately not done: spelling correction and renamed-sponsor aliases in general
 * ("Beaumont" → "Corewell"); those joins are left to the fuzzy matcher's city and
 * location evidence, or stay unjoined.
 */

/** Single-token abbreviations, as NRMP writes them, to the words ACGME names use. */
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
  nyp: "new york presbyterian",
  newyork: "new york",
  ismms: "icahn school medicine mount sinai",
};

/** Words that carry no identity in a program name. */
const FILLER = new Set(["the", "of", "at", "and", "in", "for", "program", "programs", "residency", "inc", "llc", "ltd"]);

/** Tokens after which a bare "st" means "state", not "saint" ("Ohio St Univ", "Penn St"). */
const STATE_FOLLOWERS = new Set(["u", "univ", "university", "college", "coll"]);

/** Lowercase ASCII word tokens of a name, abbreviations expanded, filler dropped. */
export function nameTokens(name: string): string[] {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u200b-\u200d\ufeff]/g, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w !== "");
  const tokens: string[] = [];
  words.forEach((word, i) => {
    const expanded = word === "st" ? saintOrState(words[i + 1]) : (ABBREVIATIONS[word] ?? word);
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
