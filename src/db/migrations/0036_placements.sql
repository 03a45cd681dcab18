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
ALTER TABLE "municipalities" ADD COLUMN "placement_review_limit_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "emergency_placement_limit_days" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
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
CREATE INDEX "placement_forum_actions_review_idx" ON "placement_forum_actions" USING btree ("review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_forum_attendees_unique" ON "placement_forum_attendees" USING btree ("forum_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_forum_reviews_unique" ON "placement_forum_reviews" USING btree ("forum_id","placed_child_id");--> statement-breakpoint
CREATE INDEX "placement_forum_reviews_placement_idx" ON "placement_forum_reviews" USING btree ("placement_id");--> statement-breakpoint
CREATE INDEX "placement_forums_unit_idx" ON "placement_forums" USING btree ("municipality_id","unit_id","forum_date");