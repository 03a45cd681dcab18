CREATE TABLE "identity_key_checks" (
	"key_id" text PRIMARY KEY NOT NULL,
	"check_value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "request_persons_identity_idx";--> statement-breakpoint
ALTER TABLE "request_persons" ADD COLUMN "identity_number_sealed" text;--> statement-breakpoint
ALTER TABLE "request_persons" ADD COLUMN "identity_number_index" text;--> statement-breakpoint
CREATE INDEX "request_persons_identity_index_idx" ON "request_persons" USING btree ("identity_number_index");--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_identity_sealed" CHECK (("request_persons"."identity_number_sealed" is null) = ("request_persons"."identity_number_index" is null));--> statement-breakpoint
-- Hand-written (decision 0061): no new identity number in the clear. NOT VALID: the rows of an
-- older install keep theirs until the start encrypts them (platform/identity-crypto.ts), which
-- empties the column in the same update; a later migration drops the column.
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_identity_number_not_clear" CHECK ("identity_number" is null) NOT VALID;
