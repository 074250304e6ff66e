import { randomBytes } from "node:crypto";

/**
 * Plan ids are capabilities: whoever holds one can read and change the plan, and there is no
 * listing. 16 random bytes (128 bits) from the operating system's CSPRNG make them unguessable;
 * base64url makes them URL-safe without escaping.
 */
export const PLAN_ID_BYTES = 16;
const BITS_PER_BYTE = 8;
const BITS_PER_BASE64_CHAR = 6;
export const PLAN_ID_LENGTH = Math.ceil((PLAN_ID_BYTES * BITS_PER_BYTE) / BITS_PER_BASE64_CHAR);
export const PLAN_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${PLAN_ID_LENGTH}}$`);

export function newPlanId(): string {
  return randomBytes(PLAN_ID_BYTES).toString("base64url");
}

/** True for a string that could be a plan id; anything else cannot name a stored plan. */
export function isPlanId(value: string): boolean {
  return PLAN_ID_PATTERN.test(value);
}
