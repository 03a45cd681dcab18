CREATE TYPE "public"."indicator_version_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TABLE "comparison_aggregates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"horizon" smallint,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	CONSTRAINT "comparison_aggregates_measure" CHECK ("comparison_aggregates"."measure" in ('emergency_placement', 're_referral', 'further_support', 'school_attendance_kept')),
	CONSTRAINT "comparison_aggregates_horizon" CHECK ("comparison_aggregates"."horizon" is null or "comparison_aggregates"."horizon" in (1, 2)),
	CONSTRAINT "comparison_aggregates_counts" CHECK ("comparison_aggregates"."numerator" >= 0 and "comparison_aggregates"."numerator" <= "comparison_aggregates"."denominator"),
	CONSTRAINT "comparison_aggregates_period" CHECK ("comparison_aggregates"."period_from" <= "comparison_aggregates"."period_to")
);
--> statement-breakpoint
CREATE TABLE "comparison_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comparison_groups_kind" CHECK ("comparison_groups"."kind" in ('records', 'aggregate'))
);
--> statement-breakpoint
CREATE TABLE "comparison_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"reference_date" date NOT NULL,
	"horizon" smallint NOT NULL,
	"emergency_placement" boolean,
	"re_referral" boolean,
	"further_support" boolean,
	"school_attendance" text,
	CONSTRAINT "comparison_records_horizon" CHECK ("comparison_records"."horizon" in (1, 2)),
	CONSTRAINT "comparison_records_school" CHECK ("comparison_records"."school_attendance" is null or "comparison_records"."school_attendance" in ('kept', 'not_kept'))
);
--> statement-breakpoint
CREATE TABLE "followup_import_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"cells" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "indicator_version_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interim_report_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"docx" "bytea" NOT NULL,
	"figures" jsonb NOT NULL,
	"generated_by" uuid,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interim_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interim_reports_period" CHECK ("interim_reports"."period_from" <= "interim_reports"."period_to")
);
--> statement-breakpoint
CREATE TABLE "outcome_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"horizon" smallint NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"emergency_placement" boolean,
	"re_referral" boolean,
	"school_consent" boolean DEFAULT false NOT NULL,
	"school_attendance" text,
	"not_possible_reason" text,
	"source" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_followups_horizon" CHECK ("outcome_followups"."horizon" in (1, 2)),
	CONSTRAINT "outcome_followups_status" CHECK ("outcome_followups"."status" in ('open', 'recorded', 'not_possible')),
	CONSTRAINT "outcome_followups_school" CHECK ("outcome_followups"."school_attendance" is null or "outcome_followups"."school_attendance" in ('kept', 'not_kept')),
	CONSTRAINT "outcome_followups_consent" CHECK ("outcome_followups"."school_consent" or "outcome_followups"."school_attendance" is null),
	CONSTRAINT "outcome_followups_recorded" CHECK ("outcome_followups"."status" <> 'recorded' or ("outcome_followups"."emergency_placement" is not null and "outcome_followups"."re_referral" is not null and "outcome_followups"."recorded_at" is not null)),
	CONSTRAINT "outcome_followups_not_possible" CHECK (("outcome_followups"."status" = 'not_possible') = ("outcome_followups"."not_possible_reason" is not null)),
	CONSTRAINT "outcome_followups_source" CHECK ("outcome_followups"."source" is null or "outcome_followups"."source" in ('manual', 'import'))
);
--> statement-breakpoint
CREATE TABLE "research_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"options" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comparison_aggregates" ADD CONSTRAINT "comparison_aggregates_group_id_comparison_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."comparison_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_groups" ADD CONSTRAINT "comparison_groups_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_groups" ADD CONSTRAINT "comparison_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_records" ADD CONSTRAINT "comparison_records_group_id_comparison_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."comparison_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_import_uploads" ADD CONSTRAINT "followup_import_uploads_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_import_uploads" ADD CONSTRAINT "followup_import_uploads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_versions" ADD CONSTRAINT "indicator_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interim_report_versions" ADD CONSTRAINT "interim_report_versions_report_id_interim_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."interim_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interim_report_versions" ADD CONSTRAINT "interim_report_versions_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interim_reports" ADD CONSTRAINT "interim_reports_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interim_reports" ADD CONSTRAINT "interim_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_followups" ADD CONSTRAINT "outcome_followups_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_followups" ADD CONSTRAINT "outcome_followups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_exports" ADD CONSTRAINT "research_exports_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_exports" ADD CONSTRAINT "research_exports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comparison_aggregates_group_idx" ON "comparison_aggregates" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "comparison_groups_name_unique" ON "comparison_groups" USING btree ("municipality_id",lower("name"));--> statement-breakpoint
CREATE INDEX "comparison_records_group_idx" ON "comparison_records" USING btree ("group_id","reference_date");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_versions_number_unique" ON "indicator_versions" USING btree ("indicator_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_versions_one_draft" ON "indicator_versions" USING btree ("indicator_id") WHERE "indicator_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_key_unique" ON "indicators" USING btree ("municipality_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "interim_report_versions_number_unique" ON "interim_report_versions" USING btree ("report_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_followups_process_horizon" ON "outcome_followups" USING btree ("process_id","horizon");--> statement-breakpoint
CREATE INDEX "outcome_followups_due_idx" ON "outcome_followups" USING btree ("due_on") WHERE "outcome_followups"."status" = 'open';--> statement-breakpoint
CREATE INDEX "research_exports_municipality_idx" ON "research_exports" USING btree ("municipality_id","created_at");--> statement-breakpoint
-- A published indicator version is the definition stored reports were computed with: it can never
-- be edited or removed. Only its status may move on (published -> retired); a draft is free to change.
CREATE OR REPLACE FUNCTION sofia_indicator_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'indicator version % is published and cannot be removed', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.content IS DISTINCT FROM OLD.content
    OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.indicator_id IS DISTINCT FROM OLD.indicator_id
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.published_by IS DISTINCT FROM OLD.published_by
    OR NEW.status = 'draft'
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
  ) THEN
    RAISE EXCEPTION 'indicator version % is published and cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_versions_immutable BEFORE UPDATE OR DELETE ON indicator_versions
  FOR EACH ROW EXECUTE FUNCTION sofia_indicator_version_guard();
--> statement-breakpoint
-- A generated report version is an archived record: never changed or removed.
CREATE OR REPLACE FUNCTION sofia_report_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'interim report version % is an archived record and cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER interim_report_versions_immutable BEFORE UPDATE OR DELETE ON interim_report_versions
  FOR EACH ROW EXECUTE FUNCTION sofia_report_version_guard();
