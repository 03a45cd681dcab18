CREATE TABLE "intake_handover_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handover_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"role" text NOT NULL,
	"user_id" uuid,
	"first_contact_on" date,
	"first_contact_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_handover_members_role" CHECK ("intake_handover_members"."role" in ('child_investigator', 'adult_caseworker', 'family_therapist', 'addiction_therapist', 'domestic_violence_specialist', 'other')),
	CONSTRAINT "intake_handover_members_contact_named" CHECK ("intake_handover_members"."first_contact_on" is null or "intake_handover_members"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "intake_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"handover_date" date NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"handed_over_by" uuid NOT NULL,
	"work_leader_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_handovers_units_differ" CHECK ("intake_handovers"."from_unit_id" <> "intake_handovers"."to_unit_id")
);
--> statement-breakpoint
ALTER TABLE "intake_handover_members" ADD CONSTRAINT "intake_handover_members_handover_id_intake_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."intake_handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handover_members" ADD CONSTRAINT "intake_handover_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handover_members" ADD CONSTRAINT "intake_handover_members_first_contact_by_users_id_fk" FOREIGN KEY ("first_contact_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handovers" ADD CONSTRAINT "intake_handovers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handovers" ADD CONSTRAINT "intake_handovers_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handovers" ADD CONSTRAINT "intake_handovers_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handovers" ADD CONSTRAINT "intake_handovers_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handovers" ADD CONSTRAINT "intake_handovers_handed_over_by_users_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_handovers" ADD CONSTRAINT "intake_handovers_work_leader_id_users_id_fk" FOREIGN KEY ("work_leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_handover_members_handover_idx" ON "intake_handover_members" USING btree ("handover_id","position");--> statement-breakpoint
CREATE INDEX "intake_handover_members_user_idx" ON "intake_handover_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "intake_handovers_request_idx" ON "intake_handovers" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "intake_handovers_units_idx" ON "intake_handovers" USING btree ("municipality_id","to_unit_id","handover_date");