CREATE TABLE "survey_answers" (
	"response_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"value" smallint,
	"dont_know" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_answers_response_id_item_key_pk" PRIMARY KEY("response_id","item_key"),
	CONSTRAINT "survey_answers_value" CHECK ("survey_answers"."value" is null or "survey_answers"."value" between 1 and 10),
	CONSTRAINT "survey_answers_dont_know" CHECK (("survey_answers"."value" is null) = "survey_answers"."dont_know")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"instrument_version_id" uuid NOT NULL,
	"meeting_id" uuid,
	"process_id" uuid,
	"respondent_role" text NOT NULL,
	"age_band" text,
	"mode" text NOT NULL,
	"submission_key" uuid NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "survey_responses_role" CHECK ("survey_responses"."respondent_role" in ('parent_with_problem', 'parent_without_problem', 'child', 'staff', 'parent')),
	CONSTRAINT "survey_responses_mode" CHECK ("survey_responses"."mode" in ('kiosk', 'link', 'paper')),
	CONSTRAINT "survey_responses_age_band" CHECK ("survey_responses"."age_band" is null or ("survey_responses"."respondent_role" = 'child' and "survey_responses"."age_band" in ('0–2', '3–5', '6–9', '10–12', '13–17', '18+'))),
	CONSTRAINT "survey_responses_recorded_by" CHECK (("survey_responses"."mode" = 'paper') = ("survey_responses"."recorded_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_instrument_version_id_survey_instrument_versions_id_fk" FOREIGN KEY ("instrument_version_id") REFERENCES "public"."survey_instrument_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_submission_key_unique" ON "survey_responses" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "survey_responses_meeting_idx" ON "survey_responses" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "survey_responses_process_idx" ON "survey_responses" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "survey_responses_version_idx" ON "survey_responses" USING btree ("instrument_version_id","submitted_at");