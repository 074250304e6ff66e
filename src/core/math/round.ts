/** Rounds an amount of money to whole cents. */
export const roundCents = (usd: number): number => Math.round(usd * 1e2) / 1e2;
