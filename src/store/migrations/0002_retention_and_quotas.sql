-- Retention: a plan nobody has opened for PLAN_RETENTION_DAYS is deleted. Reading a plan marks
-- it opened (at most once a day). Plans saved before this migration count as last opened when
-- they were last saved, so the migration itself keeps every one of them.
ALTER TABLE saved_plans ADD COLUMN last_opened_at timestamptz;
UPDATE saved_plans SET last_opened_at = updated_at;
ALTER TABLE saved_plans
  ALTER COLUMN last_opened_at SET NOT NULL,
  ALTER COLUMN last_opened_at SET DEFAULT now();
CREATE INDEX saved_plans_last_opened_at ON saved_plans (last_opened_at);

-- Quota per client: a keyed hash of the client that saved the plan (its IPv4 address or IPv6
-- /64), never the address itself. Plans saved before this migration belong to no client and
-- count only toward the total.
ALTER TABLE saved_plans ADD COLUMN client_key text;
CREATE INDEX saved_plans_client_key ON saved_plans (client_key);

-- The key of that hash, random per database (two version-4 UUIDs: 244 random bits), so a hash
-- cannot be matched to an address without reading this table too.
CREATE TABLE store_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO store_secrets (name, value)
VALUES ('client-key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- The number of saved plans, kept by triggers in the same transaction as each insert, delete
-- or truncate, so the total quota reads one row instead of counting the table on every create
-- (at 50,000 plans a count(*) costs tens of milliseconds). One row, enforced by its key.
CREATE TABLE saved_plan_count (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  plans bigint NOT NULL
);
INSERT INTO saved_plan_count (plans) SELECT count(*) FROM saved_plans;

CREATE FUNCTION count_saved_plans() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE saved_plan_count SET plans = plans + (SELECT count(*) FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE saved_plan_count SET plans = plans - (SELECT count(*) FROM old_rows);
  ELSE
    UPDATE saved_plan_count SET plans = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER saved_plans_count_inserts AFTER INSERT ON saved_plans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_saved_plans();
CREATE TRIGGER saved_plans_count_deletes AFTER DELETE ON saved_plans
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_saved_plans();
CREATE TRIGGER saved_plans_count_truncates AFTER TRUNCATE ON saved_plans
  FOR EACH STATEMENT EXECUTE FUNCTION count_saved_plans();
