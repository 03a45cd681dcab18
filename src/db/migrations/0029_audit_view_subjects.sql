ALTER TABLE "audit_log" ADD COLUMN "subject_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_person_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_subject_user_ids_idx" ON "audit_log" USING gin ("subject_user_ids");--> statement-breakpoint
CREATE INDEX "audit_log_subject_person_ids_idx" ON "audit_log" USING gin ("subject_person_ids");