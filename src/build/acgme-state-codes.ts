/**
 * ACGME program IDs carry the program's state in digits 4–5 (`9990100001`: 01 = Alabama), in
 * ACGME's own numbering, which is not FIPS. Rather than copy that table, the build learns it from
 * listings that give both an ID and a state (FREIDA, the geocode table). A few programs sit across
 * a state line from their ID's state (a Kansas City program, a Delaware site of a Pennsylvania
 * sponsor), so a code takes the state of at least `DOMINANCE` of its listings and otherwise none:
 * no state is better than a wrong one.
 */
const DOMINANCE = 0.9;

export function learnAcgmeStateCodes(
  listings: Iterable<{ acgmeId: string; state: string | null }>,
): Map<string, string> {
  const seen = new Map<string, Map<string, number>>();
  for (const { acgmeId, state } of listings) {
    if (state === null || !/^\d{10}$/.test(acgmeId)) continue;
    const code = acgmeStateDigits(acgmeId);
    const counts = seen.get(code) ?? new Map<string, number>();
    counts.set(state, (counts.get(state) ?? 0) + 1);
    seen.set(code, counts);
  }
  const table = new Map<string, string>();
  for (const [code, counts] of seen) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const [state, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [
      string,
      number,
    ];
    if (n / total >= DOMINANCE) table.set(code, state);
  }
  return table;
}

export function acgmeStateDigits(acgmeId: string): string {
  return acgmeId.slice(3, 5);
}
