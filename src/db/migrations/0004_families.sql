CREATE TABLE "request_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"identity_number" text,
	"birth_date" date NOT NULL,
	"gender" text,
	"relation" text,
	"substance_problem" text,
	"attitude" text,
	"unit_id" uuid,
	"applied" boolean DEFAULT false NOT NULL,
	"investigation_opened" boolean DEFAULT false NOT NULL,
	"age_confirmed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"request_date" date NOT NULL,
	"household" text NOT NULL,
	"custody" text NOT NULL,
	"custody_holder" text,
	"reason" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"case_type" smallint,
	"registered_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_persons_request_idx" ON "request_persons" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_persons_unit_idx" ON "request_persons" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "requests_municipality_idx" ON "requests" USING btree ("municipality_id","request_date");