-- Saved plans: only what the user entered, plus timestamps and the optimistic-concurrency
-- version. Results are recomputed on read and never stored.
CREATE TABLE saved_plans (
  id text PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  specialty text NOT NULL,
  profile jsonb NOT NULL,
  practice_log jsonb NOT NULL DEFAULT '[]'::jsonb,
  programs jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
