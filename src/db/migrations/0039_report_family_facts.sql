-- The kept family rows get the interim report's gender-perspective columns (decision 0068's addendum):
-- the rows are made again, from the families' tables, at the first evaluation after the migration.
DELETE FROM "derived"."indicator_family_facts";--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_guardians" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_mothers" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_fathers" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_other_parents" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_others" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_parent_attitudes" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_other_attitudes" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_guardian_kinds" jsonb NOT NULL;--> statement-breakpoint
INSERT INTO derived.indicator_stale_requests (request_id) SELECT id FROM requests ON CONFLICT DO NOTHING;
