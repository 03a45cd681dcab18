CREATE TABLE "report_templates" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"logo" "bytea",
	"logo_type" text,
	"introduction" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interim_reports" ADD COLUMN "diary_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interim_reports" ADD COLUMN "author" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_templates" ADD CONSTRAINT "report_templates_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_templates" ADD CONSTRAINT "report_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;