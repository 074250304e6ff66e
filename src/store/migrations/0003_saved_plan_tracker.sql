-- The season's tracker (issue 16): per chosen program, when the applicant applied, invitations,
-- interviews, rejections, withdrawals, rank positions and notes — a JSON array of entries, what the
-- user entered like the other columns. Plans saved before this migration get an empty array: they
-- open unchanged, and their tracker starts empty.
ALTER TABLE saved_plans ADD COLUMN tracker jsonb NOT NULL DEFAULT '[]'::jsonb;
