ALTER TABLE "request_persons" ADD COLUMN "contact_person" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "case_file_number" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "interpreter_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "interpreter_language" text;--> statement-breakpoint
CREATE INDEX "requests_case_file_idx" ON "requests" USING btree ("municipality_id","case_file_number");