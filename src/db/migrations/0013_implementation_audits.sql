CREATE TYPE "public"."review_key_version_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TABLE "audit_answers" (
	"document_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"answer" text NOT NULL,
	CONSTRAINT "audit_answers_document_id_question_key_pk" PRIMARY KEY("document_id","question_key"),
	CONSTRAINT "audit_answers_answer" CHECK ("audit_answers"."answer" in ('yes', 'partly', 'no', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "audit_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"focus_family_id" uuid NOT NULL,
	"document_kind" text NOT NULL,
	"unit_id" uuid,
	"overall_rating" text,
	"comment" text,
	"reviewed_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_focus_families" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"code" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_round_reviewers" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "audit_round_reviewers_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "audit_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"review_key_version_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_rounds_status" CHECK ("audit_rounds"."status" in ('open', 'closed')),
	CONSTRAINT "audit_rounds_closed" CHECK (("audit_rounds"."status" = 'closed') = ("audit_rounds"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "review_key_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_key_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "review_key_version_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"activity_date" date NOT NULL,
	"kind" text NOT NULL,
	"theme" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"participants" integer,
	"cancel_reason" text,
	"notes" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_activities_kind" CHECK ("implementation_activities"."kind" in ('training', 'inspiration_day', 'analysis_seminar', 'information_meeting', 'conference', 'other')),
	CONSTRAINT "implementation_activities_status" CHECK ("implementation_activities"."status" in ('planned', 'held', 'cancelled')),
	CONSTRAINT "implementation_activities_participants" CHECK ("implementation_activities"."participants" is null or "implementation_activities"."participants" between 0 and 100000),
	CONSTRAINT "implementation_activities_held" CHECK ("implementation_activities"."status" <> 'held' or "implementation_activities"."participants" is not null),
	CONSTRAINT "implementation_activities_cancelled" CHECK (("implementation_activities"."status" = 'cancelled') = ("implementation_activities"."cancel_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "implementation_activity_units" (
	"activity_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "implementation_activity_units_activity_id_unit_id_pk" PRIMARY KEY("activity_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "audit_answers" ADD CONSTRAINT "audit_answers_document_id_audit_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."audit_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_documents" ADD CONSTRAINT "audit_documents_focus_family_id_audit_focus_families_id_fk" FOREIGN KEY ("focus_family_id") REFERENCES "public"."audit_focus_families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_documents" ADD CONSTRAINT "audit_documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_documents" ADD CONSTRAINT "audit_documents_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_focus_families" ADD CONSTRAINT "audit_focus_families_round_id_audit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."audit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_focus_families" ADD CONSTRAINT "audit_focus_families_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_round_reviewers" ADD CONSTRAINT "audit_round_reviewers_round_id_audit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."audit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_round_reviewers" ADD CONSTRAINT "audit_round_reviewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_rounds" ADD CONSTRAINT "audit_rounds_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_rounds" ADD CONSTRAINT "audit_rounds_review_key_version_id_review_key_versions_id_fk" FOREIGN KEY ("review_key_version_id") REFERENCES "public"."review_key_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_rounds" ADD CONSTRAINT "audit_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_key_versions" ADD CONSTRAINT "review_key_versions_review_key_id_review_keys_id_fk" FOREIGN KEY ("review_key_id") REFERENCES "public"."review_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_key_versions" ADD CONSTRAINT "review_key_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_key_versions" ADD CONSTRAINT "review_key_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_keys" ADD CONSTRAINT "review_keys_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_activities" ADD CONSTRAINT "implementation_activities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_activities" ADD CONSTRAINT "implementation_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_activity_units" ADD CONSTRAINT "implementation_activity_units_activity_id_implementation_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."implementation_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_activity_units" ADD CONSTRAINT "implementation_activity_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_documents_family_idx" ON "audit_documents" USING btree ("focus_family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_focus_families_process_unique" ON "audit_focus_families" USING btree ("round_id","process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_focus_families_code_unique" ON "audit_focus_families" USING btree ("round_id","code");--> statement-breakpoint
CREATE INDEX "audit_round_reviewers_user_idx" ON "audit_round_reviewers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_rounds_name_unique" ON "audit_rounds" USING btree ("municipality_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "review_key_versions_number_unique" ON "review_key_versions" USING btree ("review_key_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "review_key_versions_one_draft" ON "review_key_versions" USING btree ("review_key_id") WHERE "review_key_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "review_keys_key_unique" ON "review_keys" USING btree ("municipality_id","key");--> statement-breakpoint
CREATE INDEX "implementation_activities_municipality_idx" ON "implementation_activities" USING btree ("municipality_id","activity_date");--> statement-breakpoint
CREATE INDEX "implementation_activity_units_unit_idx" ON "implementation_activity_units" USING btree ("unit_id");--> statement-breakpoint
-- A published review-key version is the wording an audit's answers are read against: it can never
-- be edited or removed. Only its status may move on (published -> retired); a draft is free to change.
CREATE OR REPLACE FUNCTION sofia_review_key_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'review key version % is published and cannot be removed', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.content IS DISTINCT FROM OLD.content
    OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.review_key_id IS DISTINCT FROM OLD.review_key_id
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.published_by IS DISTINCT FROM OLD.published_by
    OR NEW.status = 'draft'
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
  ) THEN
    RAISE EXCEPTION 'review key version % is published and cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER review_key_versions_immutable BEFORE UPDATE OR DELETE ON review_key_versions
  FOR EACH ROW EXECUTE FUNCTION sofia_review_key_version_guard();
