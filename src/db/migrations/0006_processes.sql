CREATE TABLE "child_impact_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"made_on" date NOT NULL,
	"joint" boolean NOT NULL,
	"sections" jsonb NOT NULL,
	"recorded_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"stop_key" text NOT NULL,
	"child_id" uuid,
	"held_on" date NOT NULL,
	"checklist_done" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid,
	"user_id" uuid,
	"invited" boolean DEFAULT true NOT NULL,
	"attended" boolean,
	CONSTRAINT "meeting_participants_one" CHECK (("meeting_participants"."person_id" is null) <> ("meeting_participants"."user_id" is null))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"meeting_type_key" text NOT NULL,
	"child_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_date" date,
	"planned_time" text,
	"duration_minutes" smallint DEFAULT 60 NOT NULL,
	"place" text,
	"held_on" date,
	"outcome_reason" text,
	"outcome_text" text,
	"checklist_done" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb,
	"consent" text,
	"consent_by" jsonb,
	"consent_on" date,
	"child_told" text,
	"child_views" text,
	"safety_plan" jsonb,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_status" CHECK ("meetings"."status" in ('planned', 'held', 'cancelled', 'not_attended')),
	CONSTRAINT "meetings_consent" CHECK ("meetings"."consent" is null or "meetings"."consent" in ('given', 'refused')),
	CONSTRAINT "meetings_child_views" CHECK ("meetings"."child_views" is null or "meetings"."child_views" in ('yes', 'partly', 'no')),
	CONSTRAINT "meetings_held_date" CHECK ("meetings"."status" <> 'held' or "meetings"."held_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "process_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"role" text NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_on" date NOT NULL,
	"ended_on" date,
	"assigned_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_assignments_role" CHECK ("process_assignments"."role" in ('child_caseworker', 'adult_caseworker', 'process_leader'))
);
--> statement-breakpoint
CREATE TABLE "process_interruptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"interrupted_on" date NOT NULL,
	"reason" text NOT NULL,
	"reason_text" text,
	"phase" text NOT NULL,
	"interrupted_by" uuid NOT NULL,
	"resumed_on" date,
	"resumed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"rated_on" date NOT NULL,
	"rated_by" text NOT NULL,
	"score" smallint NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safety_ratings_score" CHECK ("safety_ratings"."score" between 0 and 10),
	CONSTRAINT "safety_ratings_by" CHECK ("safety_ratings"."rated_by" in ('child', 'guardian', 'child_caseworker', 'adult_caseworker'))
);
--> statement-breakpoint
CREATE TABLE "support_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"kind_text" text,
	"applied_on" date,
	"granted_on" date,
	"ended_on" date,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_measures_dates" CHECK ("support_measures"."applied_on" is not null or "support_measures"."granted_on" is not null)
);
--> statement-breakpoint
DROP INDEX "processes_municipality_idx";--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "phase" text DEFAULT 'not_started' NOT NULL;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "started_on" date;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "halfway_on" date;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "completed_on" date;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "wait_limit_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "child_impact_analyses" ADD CONSTRAINT "child_impact_analyses_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_impact_analyses" ADD CONSTRAINT "child_impact_analyses_child_id_request_persons_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_impact_analyses" ADD CONSTRAINT "child_impact_analyses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_child_id_request_persons_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_person_id_request_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_child_id_request_persons_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_assignments" ADD CONSTRAINT "process_assignments_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_assignments" ADD CONSTRAINT "process_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_assignments" ADD CONSTRAINT "process_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_interruptions" ADD CONSTRAINT "process_interruptions_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_interruptions" ADD CONSTRAINT "process_interruptions_interrupted_by_users_id_fk" FOREIGN KEY ("interrupted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_interruptions" ADD CONSTRAINT "process_interruptions_resumed_by_users_id_fk" FOREIGN KEY ("resumed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_ratings" ADD CONSTRAINT "safety_ratings_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_ratings" ADD CONSTRAINT "safety_ratings_child_id_request_persons_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_ratings" ADD CONSTRAINT "safety_ratings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_person_id_request_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_measures" ADD CONSTRAINT "support_measures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "child_impact_analyses_child" ON "child_impact_analyses" USING btree ("process_id","child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_once" ON "consultations" USING btree ("process_id","stop_key",coalesce("child_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_person" ON "meeting_participants" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_user" ON "meeting_participants" USING btree ("meeting_id","user_id");--> statement-breakpoint
CREATE INDEX "meetings_process_idx" ON "meetings" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "meetings_planned_idx" ON "meetings" USING btree ("planned_date") WHERE "meetings"."status" = 'planned';--> statement-breakpoint
CREATE UNIQUE INDEX "process_assignments_open_role" ON "process_assignments" USING btree ("process_id","role") WHERE "process_assignments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "process_assignments_user_idx" ON "process_assignments" USING btree ("user_id") WHERE "process_assignments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "process_interruptions_process_idx" ON "process_interruptions" USING btree ("process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "process_interruptions_open" ON "process_interruptions" USING btree ("process_id") WHERE "process_interruptions"."resumed_on" is null;--> statement-breakpoint
CREATE INDEX "safety_ratings_child_idx" ON "safety_ratings" USING btree ("process_id","child_id","rated_on");--> statement-breakpoint
CREATE INDEX "support_measures_process_idx" ON "support_measures" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "request_persons_identity_idx" ON "request_persons" USING btree ("identity_number");--> statement-breakpoint
CREATE INDEX "processes_municipality_idx" ON "processes" USING btree ("municipality_id","status","phase");--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_status" CHECK ("processes"."status" in ('active', 'interrupted', 'completed'));--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_phase" CHECK ("processes"."phase" in ('not_started', 'started', 'halfway', 'completed'));--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_kind" CHECK ("request_persons"."kind" in ('guardian', 'child'));--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_gender" CHECK ("request_persons"."gender" is null or "request_persons"."gender" in ('girl', 'boy', 'other', 'not_stated'));--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_relation" CHECK ("request_persons"."relation" is null or "request_persons"."relation" in ('parent', 'step_parent', 'other_guardian'));--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_substance" CHECK ("request_persons"."substance_problem" is null or "request_persons"."substance_problem" in ('yes', 'no', 'unknown'));--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_attitude" CHECK ("request_persons"."attitude" is null or "request_persons"."attitude" in ('positive', 'ambivalent', 'denies'));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_status" CHECK ("requests"."status" in ('new', 'continued', 'stopped'));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_household" CHECK ("requests"."household" in ('together', 'separated', 'single'));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_custody" CHECK ("requests"."custody" in ('joint', 'sole'));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_case_type" CHECK ("requests"."case_type" is null or "requests"."case_type" in (1, 2, 3));