CREATE TYPE "public"."economy_cost_category" AS ENUM('labour', 'payroll_overhead', 'premises', 'other_operating', 'other_services', 'training', 'other');--> statement-breakpoint
CREATE TYPE "public"."economy_cost_source" AS ENUM('manual', 'import');--> statement-breakpoint
CREATE TYPE "public"."economy_funding_kind" AS ENUM('social_investment_fund', 'local_development', 'state_grant', 'other');--> statement-breakpoint
CREATE TABLE "economy_account_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"account" text NOT NULL,
	"category" "economy_cost_category" NOT NULL,
	"label" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"half_year" integer,
	"category" "economy_cost_category" NOT NULL,
	"label" text,
	"amount" bigint NOT NULL,
	"source" "economy_cost_source" DEFAULT 'manual' NOT NULL,
	"import_batch_id" uuid,
	"account" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_costs_half_year" CHECK ("economy_costs"."half_year" is null or "economy_costs"."half_year" in (1, 2))
);
--> statement-breakpoint
CREATE TABLE "economy_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"row_count" integer NOT NULL,
	"total" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_import_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"cells" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"funding_source" text NOT NULL,
	"funding_kind" "economy_funding_kind" NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer NOT NULL,
	"own_contribution" bigint DEFAULT 0 NOT NULL,
	"savings_horizon_years" integer DEFAULT 5 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_projects_period" CHECK ("economy_projects"."from_year" <= "economy_projects"."to_year")
);
--> statement-breakpoint
CREATE TABLE "economy_repayments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_savings_assumptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"unit_cost_id" uuid NOT NULL,
	"avoided_per_year" integer NOT NULL,
	"basis" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_unit_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"label" text NOT NULL,
	"amount" bigint NOT NULL,
	"unit" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "economy_account_mappings" ADD CONSTRAINT "economy_account_mappings_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_costs" ADD CONSTRAINT "economy_costs_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_costs" ADD CONSTRAINT "economy_costs_import_batch_id_economy_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."economy_import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_costs" ADD CONSTRAINT "economy_costs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_grants" ADD CONSTRAINT "economy_grants_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_import_batches" ADD CONSTRAINT "economy_import_batches_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_import_batches" ADD CONSTRAINT "economy_import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_import_uploads" ADD CONSTRAINT "economy_import_uploads_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_import_uploads" ADD CONSTRAINT "economy_import_uploads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_projects" ADD CONSTRAINT "economy_projects_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_repayments" ADD CONSTRAINT "economy_repayments_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_savings_assumptions" ADD CONSTRAINT "economy_savings_assumptions_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_savings_assumptions" ADD CONSTRAINT "economy_savings_assumptions_unit_cost_id_economy_unit_costs_id_fk" FOREIGN KEY ("unit_cost_id") REFERENCES "public"."economy_unit_costs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_unit_costs" ADD CONSTRAINT "economy_unit_costs_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "economy_account_mappings_unique" ON "economy_account_mappings" USING btree ("project_id","account");--> statement-breakpoint
CREATE INDEX "economy_costs_project_idx" ON "economy_costs" USING btree ("project_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "economy_grants_year_unique" ON "economy_grants" USING btree ("project_id","year");--> statement-breakpoint
CREATE INDEX "economy_import_batches_project_idx" ON "economy_import_batches" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "economy_import_uploads_project_idx" ON "economy_import_uploads" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "economy_projects_name_unique" ON "economy_projects" USING btree ("municipality_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "economy_repayments_year_unique" ON "economy_repayments" USING btree ("project_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "economy_savings_assumptions_unique" ON "economy_savings_assumptions" USING btree ("project_id","unit_cost_id");--> statement-breakpoint
CREATE UNIQUE INDEX "economy_unit_costs_label_unique" ON "economy_unit_costs" USING btree ("municipality_id",lower("label"));