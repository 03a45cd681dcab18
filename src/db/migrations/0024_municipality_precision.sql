ALTER TABLE "municipalities" ADD COLUMN "share_decimals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "mean_decimals" integer DEFAULT 2 NOT NULL;