import { newPlanId } from "./plan-id.ts";
import type { SqlDatabase } from "./sql-database.ts";
import type {
  ChosenProgram,
  JsonObject,
  JsonValue,
  PlanContent,
  SavedPlan,
  Store,
  UpdateOutcome,
} from "./store.ts";

/**
 * The `Store` over any `SqlDatabase`: the same SQL runs on PGlite and on PostgreSQL. Updates
 * compare and bump `version` in one statement, so of two writers holding the same version
 * exactly one succeeds and the other learns of the conflict; nothing is overwritten unseen.
 */
interface Row {
  id: string;
  version: number;
  specialty: string;
  profile: JsonObject;
  practice_log: JsonValue[];
  programs: ChosenProgram[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = "id, version, specialty, profile, practice_log, programs, created_at, updated_at";

const toPlan = (r: Row): SavedPlan => ({
  id: r.id,
  version: r.version,
  specialty: r.specialty,
  profile: r.profile,
  practiceLog: r.practice_log,
  programs: r.programs,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const json = (v: unknown) => JSON.stringify(v);

export class SqlPlanStore implements Store {
  readonly kind;

  constructor(
    private readonly db: SqlDatabase,
    private readonly newId: () => string = newPlanId,
  ) {
    this.kind = db.kind;
  }

  async create(content: PlanContent): Promise<SavedPlan> {
    const rows = await this.db.query<Row>(
      `INSERT INTO saved_plans (id, version, specialty, profile, practice_log, programs)
       VALUES ($1, 1, $2, $3::jsonb, $4::jsonb, $5::jsonb)
       RETURNING ${COLUMNS}`,
      [
        this.newId(),
        content.specialty,
        json(content.profile),
        json(content.practiceLog),
        json(content.programs),
      ],
    );
    return toPlan(rows[0] as Row);
  }

  async get(id: string): Promise<SavedPlan | null> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM saved_plans WHERE id = $1`, [id]);
    return rows[0] ? toPlan(rows[0]) : null;
  }

  async update(id: string, expectedVersion: number, content: PlanContent): Promise<UpdateOutcome> {
    const rows = await this.db.query<Row>(
      `UPDATE saved_plans
          SET specialty = $3, profile = $4::jsonb, practice_log = $5::jsonb, programs = $6::jsonb,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2
        RETURNING ${COLUMNS}`,
      [
        id,
        expectedVersion,
        content.specialty,
        json(content.profile),
        json(content.practiceLog),
        json(content.programs),
      ],
    );
    if (rows[0]) return { ok: true, plan: toPlan(rows[0]) };
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
