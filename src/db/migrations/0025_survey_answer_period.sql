-- A survey answer belongs to the meeting it is about (decision 0046, issue 15): period_on is the
-- meeting's held date for an answer after a meeting, the day it was given in Sweden for a campaign's
-- answer; submitted_at stays when it was entered (the audit). Hand-written around the generated
-- statements: the column is added nullable, the stored answers get their meeting's held date (its
-- planned date for a meeting never marked held, else the day they were submitted in Sweden), and
-- only then is it made not null. Written to run again without harm (test: responses.test.ts).
DROP INDEX IF EXISTS "survey_responses_version_idx";--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN IF NOT EXISTS "period_on" date;--> statement-breakpoint
UPDATE "survey_responses" r SET "period_on" = coalesce(
    (SELECT coalesce(m."held_on", m."planned_date") FROM "meetings" m WHERE m."id" = r."meeting_id"),
    (r."submitted_at" AT TIME ZONE 'Europe/Stockholm')::date)
  WHERE r."period_on" IS NULL;--> statement-breakpoint
ALTER TABLE "survey_responses" ALTER COLUMN "period_on" SET NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "survey_responses_period_idx" ON "survey_responses" USING btree ("instrument_version_id","period_on");
