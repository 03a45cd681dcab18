import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./platform.ts";

/**
 * A user's calendar settings (decision 0039): the personal feed (the SHA-256 of its random secret,
 * null when there is none or it was revoked) and whether the daily reminder e-mail is sent.
 */
export const calendarSettings = pgTable(
  "calendar_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    feedTokenHash: text("feed_token_hash"),
    feedCreatedAt: timestamp("feed_created_at", { withTimezone: true }),
    remindersEnabled: boolean("reminders_enabled").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("calendar_settings_feed").on(t.feedTokenHash)],
);
