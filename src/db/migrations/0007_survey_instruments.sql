CREATE TYPE "public"."survey_instrument_version_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TABLE "survey_instrument_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "survey_instrument_version_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_instrument_versions" ADD CONSTRAINT "survey_instrument_versions_instrument_id_survey_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."survey_instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instrument_versions" ADD CONSTRAINT "survey_instrument_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instrument_versions" ADD CONSTRAINT "survey_instrument_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instruments" ADD CONSTRAINT "survey_instruments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_instrument_versions_number_unique" ON "survey_instrument_versions" USING btree ("instrument_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_instrument_versions_one_draft" ON "survey_instrument_versions" USING btree ("instrument_id") WHERE "survey_instrument_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "survey_instrument_versions_instrument_idx" ON "survey_instrument_versions" USING btree ("instrument_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_instruments_key_unique" ON "survey_instruments" USING btree ("municipality_id","key");