CREATE TYPE "public"."work_model_version_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TABLE "work_model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_model_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "work_model_version_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_model_versions" ADD CONSTRAINT "work_model_versions_work_model_id_work_models_id_fk" FOREIGN KEY ("work_model_id") REFERENCES "public"."work_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_model_versions" ADD CONSTRAINT "work_model_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_model_versions" ADD CONSTRAINT "work_model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_models" ADD CONSTRAINT "work_models_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "work_model_versions_number_unique" ON "work_model_versions" USING btree ("work_model_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "work_model_versions_one_draft" ON "work_model_versions" USING btree ("work_model_id") WHERE "work_model_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "work_model_versions_model_idx" ON "work_model_versions" USING btree ("work_model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_models_key_unique" ON "work_models" USING btree ("municipality_id","key");