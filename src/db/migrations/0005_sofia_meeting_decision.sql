CREATE TABLE "processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"work_model_version_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "meeting_date" date;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "stop_reason" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "stop_reason_text" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_work_model_version_id_work_model_versions_id_fk" FOREIGN KEY ("work_model_version_id") REFERENCES "public"."work_model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "processes_request_unique" ON "processes" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "processes_municipality_idx" ON "processes" USING btree ("municipality_id");--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;