CREATE TABLE "survey_translation_confirmations" (
	"instrument_version_id" uuid NOT NULL,
	"language" text NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_translation_confirmations_instrument_version_id_language_pk" PRIMARY KEY("instrument_version_id","language")
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "family_language" text;--> statement-breakpoint
ALTER TABLE "survey_translation_confirmations" ADD CONSTRAINT "survey_translation_confirmations_instrument_version_id_survey_instrument_versions_id_fk" FOREIGN KEY ("instrument_version_id") REFERENCES "public"."survey_instrument_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_translation_confirmations" ADD CONSTRAINT "survey_translation_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;