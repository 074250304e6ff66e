import type { Issue } from "../../../src/core/index.ts";
import type { ApplicationStatus } from "../../../src/store/store.ts";

export { APPLICATION_STATUSES, type ApplicationStatus } from "../../../src/store/store.ts";

/**
 * The server's saved-plan routes (docs/api.md): the only place the page sends a profile
 * anywhere, and only when the applicant presses Save. Errors are RFC 9457 problem details;
 * they come back as values, with the server's `issues[]` when it sent them.
 */
export interface ChosenProgram {
  programId: string;
  status: ApplicationStatus;
}

export interface PlanContent {
  profile: unknown;
  specialty: string;
  practiceLog: unknown[];
  programs: ChosenProgram[];
}

export interface SavedPlan extends PlanContent {
  id: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; title: string; detail: string; issues: Issue[] };

const BASE = "/api/v1";

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      title: "The server cannot be reached",
      detail: "You may be offline. Your plan is still on this page; nothing was saved.",
      issues: [],
    };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.ok) return { ok: true, value: json as T };
  return {
    ok: false,
    status: res.status,
    title: typeof json?.title === "string" ? json.title : `HTTP ${res.status}`,
    detail: typeof json?.detail === "string" ? json.detail : "",
    issues: Array.isArray(json?.issues) ? (json.issues as Issue[]) : [],
  };
}

/** The report formats the page downloads, with the type each comes back as. */
export const REPORT_DOWNLOADS = {
  html: "text/html",
  pdf: "application/pdf",
  json: "application/json",
} as const;
export type ReportDownload = keyof typeof REPORT_DOWNLOADS;

/** What the report is made from: the plan's inputs and the program list as the page holds it. */
export interface ReportBody {
  profile: unknown;
  specialty: string;
  asOf: string;
  log: unknown[];
  programs: ChosenProgram[];
}

/**
 * The whole-strategy report of the plan as edited (`POST /api/v1/report?format=…` with the
 * list and its statuses): a self-contained HTML page, a PDF printed by the server, or the JSON
 * model. The server computes it with the same core function the page scores its list with.
 */
export async function fetchReport(format: ReportDownload, body: ReportBody): Promise<ApiResult<Blob>> {
  const type = REPORT_DOWNLOADS[format];
  let res: Response;
  try {
    res = await fetch(`${BASE}/report?format=${format}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: type },
      body: JSON.stringify(body.log.length > 0 ? body : { ...body, log: undefined }),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      title: "The server cannot be reached",
      detail: "You may be offline.",
      issues: [],
    };
  }
  if (res.ok && (res.headers.get("content-type") ?? "").startsWith(type))
    return { ok: true, value: await res.blob() };
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  return {
    ok: false,
    status: res.status,
    title: typeof json?.title === "string" ? json.title : `HTTP ${res.status}`,
    detail: typeof json?.detail === "string" ? json.detail : "",
    issues: Array.isArray(json?.issues) ? (json.issues as Issue[]) : [],
  };
}

export const plansApi = {
  create: (content: PlanContent) => call<SavedPlan>("POST", "/plans", content),
  get: (id: string) => call<SavedPlan>("GET", `/plans/${encodeURIComponent(id)}`),
  update: (id: string, version: number, content: PlanContent) =>
    call<SavedPlan>("PUT", `/plans/${encodeURIComponent(id)}`, { version, ...content }),
  remove: (id: string) => call<void>("DELETE", `/plans/${encodeURIComponent(id)}`),
};

/** A saved plan's tracker (`GET`/`PUT /api/v1/plans/{id}/tracker`): entries of the plan's specialty. */
export interface SavedTracker {
  id: string;
  version: number;
  specialty: string;
  entries: unknown[];
}

export const trackerApi = {
  get: (id: string) => call<SavedTracker>("GET", `/plans/${encodeURIComponent(id)}/tracker`),
  update: (id: string, version: number, entries: unknown[]) =>
    call<SavedTracker>("PUT", `/plans/${encodeURIComponent(id)}/tracker`, { version, entries }),
};

/** The private link that reopens a saved plan: a hash route, so any static host can serve the page. */
export function planLink(id: string, origin: string = location.origin): string {
  return `${origin}/#/plan/${encodeURIComponent(id)}`;
}

export function planIdFromHash(hash: string): string | null {
  const m = /^#\/plan\/([^/?#]+)$/.exec(hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}
