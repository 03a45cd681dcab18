CREATE TABLE "placed_children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"caseworker_id" uuid,
	"request_person_id" uuid,
	"name" text,
	"identity_number_sealed" text,
	"identity_number_index" text,
	"birth_date" date,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placed_children_named_once" CHECK (("placed_children"."request_person_id" is not null and "placed_children"."name" is null and "placed_children"."birth_date" is null and "placed_children"."identity_number_sealed" is null)
        or ("placed_children"."request_person_id" is null and "placed_children"."name" is not null and "placed_children"."birth_date" is not null)),
	CONSTRAINT "placed_children_identity_sealed" CHECK (("placed_children"."identity_number_sealed" is null) = ("placed_children"."identity_number_index" is null))
);
--> statement-breakpoint
CREATE TABLE "placement_forum_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"guardian_id" uuid,
	"parent_label" text,
	"action" text NOT NULL,
	"support" text,
	"responsible_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"done_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "placement_forum_actions_subject" CHECK ("placement_forum_actions"."subject" in ('child', 'parent'))
);
--> statement-breakpoint
CREATE TABLE "placement_forum_attendees" (
	"forum_id" uuid NOT NULL,
	"user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_forum_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forum_id" uuid NOT NULL,
	"placed_child_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_forums" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"forum_date" date NOT NULL,
	"convened_by" uuid NOT NULL,
	"held_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"placed_child_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"legal_basis" text NOT NULL,
	"start_date" date NOT NULL,
	"planned_end_date" date,
	"end_date" date,
	"end_destination" text,
	"return_home_plan" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_kind" CHECK ("placements"."kind" in ('emergency_foster_home', 'foster_home', 'residential_care', 'kinship', 'other')),
	CONSTRAINT "placements_legal_basis" CHECK ("placements"."legal_basis" in ('sol', 'lvu')),
	CONSTRAINT "placements_end_after_start" CHECK ("placements"."end_date" is null or "placements"."end_date" >= "placements"."start_date"),
	CONSTRAINT "placements_planned_end_after_start" CHECK ("placements"."planned_end_date" is null or "placements"."planned_end_date" >= "placements"."start_date"),
	CONSTRAINT "placements_destination" CHECK (("placements"."end_date" is null) = ("placements"."end_destination" is null)),
	CONSTRAINT "placements_end_destination" CHECK ("placements"."end_destination" is null or "placements"."end_destination" in ('home', 'other_placement'))
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "placement_review_limit_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "emergency_placement_limit_days" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "placed_children" ADD CONSTRAINT "placed_children_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placed_children" ADD CONSTRAINT "placed_children_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placed_children" ADD CONSTRAINT "placed_children_caseworker_id_users_id_fk" FOREIGN KEY ("caseworker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placed_children" ADD CONSTRAINT "placed_children_request_person_id_request_persons_id_fk" FOREIGN KEY ("request_person_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placed_children" ADD CONSTRAINT "placed_children_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_actions" ADD CONSTRAINT "placement_forum_actions_review_id_placement_forum_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."placement_forum_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_actions" ADD CONSTRAINT "placement_forum_actions_guardian_id_request_persons_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_actions" ADD CONSTRAINT "placement_forum_actions_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_attendees" ADD CONSTRAINT "placement_forum_attendees_forum_id_placement_forums_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."placement_forums"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_attendees" ADD CONSTRAINT "placement_forum_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_reviews" ADD CONSTRAINT "placement_forum_reviews_forum_id_placement_forums_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."placement_forums"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_reviews" ADD CONSTRAINT "placement_forum_reviews_placed_child_id_placed_children_id_fk" FOREIGN KEY ("placed_child_id") REFERENCES "public"."placed_children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_reviews" ADD CONSTRAINT "placement_forum_reviews_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forum_reviews" ADD CONSTRAINT "placement_forum_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forums" ADD CONSTRAINT "placement_forums_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forums" ADD CONSTRAINT "placement_forums_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_forums" ADD CONSTRAINT "placement_forums_convened_by_users_id_fk" FOREIGN KEY ("convened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_placed_child_id_placed_children_id_fk" FOREIGN KEY ("placed_child_id") REFERENCES "public"."placed_children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "placed_children_unit_idx" ON "placed_children" USING btree ("municipality_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placed_children_request_person_unique" ON "placed_children" USING btree ("request_person_id");--> statement-breakpoint
CREATE INDEX "placed_children_identity_index_idx" ON "placed_children" USING btree ("identity_number_index");--> statement-breakpoint
CREATE INDEX "placement_forum_actions_review_idx" ON "placement_forum_actions" USING btree ("review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_forum_attendees_unique" ON "placement_forum_attendees" USING btree ("forum_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_forum_reviews_unique" ON "placement_forum_reviews" USING btree ("forum_id","placed_child_id");--> statement-breakpoint
CREATE INDEX "placement_forum_reviews_placement_idx" ON "placement_forum_reviews" USING btree ("placement_id");--> statement-breakpoint
CREATE INDEX "placement_forums_unit_idx" ON "placement_forums" USING btree ("municipality_id","unit_id","forum_date");--> statement-breakpoint
CREATE INDEX "placements_child_idx" ON "placements" USING btree ("placed_child_id","start_date");