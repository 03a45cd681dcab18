-- The kept family rows get the interim report's gender-perspective columns and the kept child rows the request's
-- decision (decision 0068's addendum): both are emptied here and made again, from the families' tables, at the first
-- evaluation after the migration (every request is marked stale).
DELETE FROM "derived"."indicator_family_facts";--> statement-breakpoint
DELETE FROM "derived"."indicator_child_facts";--> statement-breakpoint
ALTER TABLE "derived"."indicator_child_facts" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_guardians" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_mothers" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_fathers" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_other_parents" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_others" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_parent_attitudes" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_other_attitudes" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."indicator_family_facts" ADD COLUMN "problem_guardian_kinds" jsonb NOT NULL;--> statement-breakpoint
INSERT INTO derived.indicator_stale_requests (request_id) SELECT id FROM requests ON CONFLICT DO NOTHING;
