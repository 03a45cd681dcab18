CREATE TABLE "economy_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" "economy_cost_category" NOT NULL,
	"label" text,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "economy_budget_lines" ADD CONSTRAINT "economy_budget_lines_project_id_economy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."economy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "economy_budget_lines_unique" ON "economy_budget_lines" USING btree ("project_id","year","category",coalesce("label", ''));