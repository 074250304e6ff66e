import { readFileSync } from "node:fs";
import { InputError } from "./cli-error.ts";

/** Reads a file, or standard input for "-", and parses it as JSON; problems become input errors naming the option. */
export function readJsonInput(file: string, option: string): unknown {
  const what = file === "-" ? "standard input" : `"${file}"`;
  let text: string;
  try {
    text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message;
    throw new InputError([
      { code: "invalid_value", path: option, message: `cannot read "${file}": ${reason}` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError([
      {
        code: "invalid_json",
        path: option,
        message: `${what} is not valid JSON: ${(e as Error).message}`,
        allowed: "a JSON object",
      },
    ]);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDateOption(value: string | undefined, option: string, fallback: () => string): string {
  if (value === undefined) return fallback();
  const ok =
    ISO_DATE.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok)
    throw new InputError([
      {
        code: "invalid_value",
        path: option,
        message: `"${value}" is not a date`,
        allowed: "a calendar date written YYYY-MM-DD",
      },
    ]);
  return value;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
