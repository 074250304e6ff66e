import { createHmac } from "node:crypto";
import { newPlanId } from "./plan-id.ts";
import type { SqlDatabase } from "./sql-database.ts";
import type {
  ChosenProgram,
  CreateOutcome,
  JsonObject,
  JsonValue,
  PlanContent,
  PlanLimitKind,
  PlanLimits,
  SavedPlan,
  Store,
  UpdateOutcome,
} from "./store.ts";

/**
 * The `Store` over any `SqlDatabase`: the same SQL runs on PGlite and on PostgreSQL. Updates
 * compare and bump `version` in one statement, so of two writers holding the same version
 * exactly one succeeds and the other learns of the conflict; nothing is overwritten unseen.
 *
 * Quotas are checked in the statement that inserts: the plan is written only if the counts it
 * reads are under the limits (the client's plans through an index; the total from the row
 * `saved_plan_count` that triggers keep, migration 0002). On PGlite statements run one at a
 * time, so a limit is never exceeded. On PostgreSQL each statement counts from its own
 * snapshot, which does not see creates still in flight, so concurrent creates can overshoot a
 * limit by at most one less than the number of creates running at that instant: at most the
 * pool size (`POOL_SIZE`, 10) times the number of instances, minus one (measured: up to 4 over
 * a limit of 5 with 40 simultaneous creates on one instance). Exactness would need a
 * transaction holding a lock across the count and the insert, which the embedded database's one
 * shared connection does not isolate from other callers; a few plans over a limit that exists
 * to bound disk use do not matter.
 *
 * Retention: reads mark a plan opened at most once per `OPENED_MARK_INTERVAL`, in the same
 * statement as the read, so a read stays one round trip and only the first read of a day writes.
 */
interface Row {
  id: string;
  version: number;
  specialty: string;
  profile: JsonObject;
  practice_log: JsonValue[];
  programs: ChosenProgram[];
  tracker: JsonObject[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = "id, version, specialty, profile, practice_log, programs, tracker, created_at, updated_at";

/** Retention is counted in days, so a finer mark would buy nothing and turn more reads into writes. */
const OPENED_MARK_INTERVAL = "1 day";

/** Plans deleted per statement by a retention sweep, so one sweep never holds the database for long. */
const DELETE_BATCH = 1_000;

/** Bytes of the HMAC kept as a client's key: 128 bits, as many as a plan id. */
const CLIENT_KEY_BYTES = 16;

export interface SqlPlanStoreOptions {
  newId?: () => string;
  /** Absent = no limits. */
  limits?: PlanLimits;
}

const toPlan = (r: Row): SavedPlan => ({
  id: r.id,
  version: r.version,
  specialty: r.specialty,
  profile: r.profile,
  practiceLog: r.practice_log,
  programs: r.programs,
  tracker: r.tracker,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const json = (v: unknown) => JSON.stringify(v);

export class SqlPlanStore implements Store {
  readonly kind;
  private readonly newId: () => string;
  private readonly limits: PlanLimits;
  private secret: Promise<string> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    opts: SqlPlanStoreOptions = {},
  ) {
    this.kind = db.kind;
    this.newId = opts.newId ?? newPlanId;
    this.limits = opts.limits ?? { perClient: 0, total: 0 };
  }

  async create(content: PlanContent, client?: string): Promise<CreateOutcome> {
    const key = client === undefined ? null : await this.clientKey(client);
    const { perClient, total } = this.limits;
    const params: unknown[] = [
      this.newId(),
      content.specialty,
      json(content.profile),
      json(content.practiceLog),
      json(content.programs),
      key,
      json(content.tracker ?? []),
    ];
    // Only the limits that are set are counted; a plan without a client has no per-client count.
    const under: string[] = [];
    if (perClient > 0 && key !== null) {
      params.push(perClient);
      under.push(`(SELECT count(*) FROM saved_plans WHERE client_key = $6) < $${params.length}`);
    }
    if (total > 0) {
      params.push(total);
      under.push(`(SELECT plans FROM saved_plan_count) < $${params.length}`);
    }
    const rows = await this.db.query<Row>(
      `INSERT INTO saved_plans (id, version, specialty, profile, practice_log, programs, client_key, tracker)
       SELECT $1, 1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::text, $7::jsonb
       ${under.length > 0 ? `WHERE ${under.join(" AND ")}` : ""}
       RETURNING ${COLUMNS}`,
      params,
    );
    if (rows[0]) return { ok: true, plan: toPlan(rows[0]) };
    return { ok: false, reason: "quota", ...(await this.fullLimit()) };
  }

  /** Which limit turned a create away (the total first: it is the one nobody can fix by deleting). */
  private async fullLimit(): Promise<{ limit: PlanLimitKind; max: number }> {
    const { perClient, total } = this.limits;
    const [count] = await this.db.query<{ plans: number }>(
      "SELECT plans::int AS plans FROM saved_plan_count",
    );
    const totalFull = total > 0 && (count?.plans ?? 0) >= total;
    // A delete between the insert and this count can leave neither full; name the limit that is set.
    return totalFull || perClient <= 0
      ? { limit: "total", max: total }
      : { limit: "per-client", max: perClient };
  }

  /**
   * What the store keeps of a client: an HMAC of its allowance key under the database's own
   * random secret (migration 0002), so the stored value cannot be turned back into an address by
   * hashing every address, unless the secret is read too.
   */
  private async clientKey(client: string): Promise<string> {
    this.secret ??= this.db
      .query<{ value: string }>("SELECT value FROM store_secrets WHERE name = 'client-key'")
      .then((rows) => {
        if (!rows[0]) throw new Error("store_secrets has no client-key: migration 0002 did not run");
        return rows[0].value;
      });
    const secret = await this.secret.catch((e: unknown) => {
      this.secret = undefined;
      throw e;
    });
    return createHmac("sha256", secret)
      .update(client)
      .digest()
      .subarray(0, CLIENT_KEY_BYTES)
      .toString("base64url");
  }

  async get(id: string): Promise<SavedPlan | null> {
    const rows = await this.db.query<Row>(
      `WITH opened AS (
         UPDATE saved_plans SET last_opened_at = now()
          WHERE id = $1 AND last_opened_at < now() - interval '${OPENED_MARK_INTERVAL}'
       )
       SELECT ${COLUMNS} FROM saved_plans WHERE id = $1`,
      [id],
    );
    return rows[0] ? toPlan(rows[0]) : null;
  }

  async update(id: string, expectedVersion: number, content: PlanContent): Promise<UpdateOutcome> {
    // An absent tracker ($7 null) keeps the stored one.
    const rows = await this.db.query<Row>(
      `UPDATE saved_plans
          SET specialty = $3, profile = $4::jsonb, practice_log = $5::jsonb, programs = $6::jsonb,
              tracker = COALESCE($7::jsonb, tracker),
              version = version + 1, updated_at = now(), last_opened_at = now()
        WHERE id = $1 AND version = $2
        RETURNING ${COLUMNS}`,
      [
        id,
        expectedVersion,
        content.specialty,
        json(content.profile),
        json(content.practiceLog),
        json(content.programs),
        content.tracker === undefined ? null : json(content.tracker),
      ],
    );
    return rows[0] ? { ok: true, plan: toPlan(rows[0]) } : this.notUpdated(id);
  }

  async updateTracker(id: string, expectedVersion: number, tracker: JsonObject[]): Promise<UpdateOutcome> {
    const rows = await this.db.query<Row>(
      `UPDATE saved_plans
          SET tracker = $3::jsonb, version = version + 1, updated_at = now(), last_opened_at = now()
        WHERE id = $1 AND version = $2
        RETURNING ${COLUMNS}`,
      [id, expectedVersion, json(tracker)],
    );
    return rows[0] ? { ok: true, plan: toPlan(rows[0]) } : this.notUpdated(id);
  }

  /** Why an update matched no row: the plan is gone, or another write came first. */
  private async notUpdated(id: string): Promise<UpdateOutcome> {
    const current = await this.db.query<{ version: number }>(
      "SELECT version FROM saved_plans WHERE id = $1",
      [id],
    );
    return current[0]
      ? { ok: false, reason: "conflict", currentVersion: current[0].version }
      : { ok: false, reason: "not-found" };
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.query("DELETE FROM saved_plans WHERE id = $1 RETURNING id", [id]);
    return rows.length > 0;
  }

  async deleteNotOpenedSince(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [r] = await this.db.query<{ n: number }>(
        `WITH gone AS (
           DELETE FROM saved_plans
            WHERE id IN (SELECT id FROM saved_plans WHERE last_opened_at < $1 LIMIT $2)
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM gone`,
        [cutoff.toISOString(), DELETE_BATCH],
      );
      const n = r?.n ?? 0;
      deleted += n;
      if (n < DELETE_BATCH) return deleted;
    }
  }

  async ready(): Promise<boolean> {
    try {
      await this.db.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
