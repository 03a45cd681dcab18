-- Hand-written: the existing campaigns get the year they open before the column is required.
ALTER TABLE "survey_campaigns" ADD COLUMN "year" smallint;--> statement-breakpoint
UPDATE "survey_campaigns" SET "year" = extract(year from "opens_on")::smallint;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ALTER COLUMN "year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_year" CHECK ("survey_campaigns"."year" between 1990 and 2200);
