import { jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities } from "./platform.ts";

/**
 * A municipality's single sign-on (OIDC, decision 0059), set on the organisation page. The client
 * secret is written, never shown back. `groupRoles` maps a group of the provider's groups claim to a
 * Sofia role; when it has entries, a user's roles follow their groups at every SSO login.
 */
export const ssoSettings = pgTable("sso_settings", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id, { onDelete: "cascade" }),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  userClaim: text("user_claim").notNull().default("preferred_username"),
  groupsClaim: text("groups_claim"),
  groupRoles: jsonb("group_roles").$type<Record<string, string>>().notNull().default({}),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A login started at the provider and not yet back (decision 0059): in the database, because any
 * worker process may receive the callback. Only the state's SHA-256 is the key; the browser holds
 * the state itself in a short-lived cookie. A row is used once (`usedAt`), so a replayed callback
 * is recognised, and rows older than a day are deleted when a new login starts.
 */
export const ssoPending = pgTable("sso_pending", {
  stateHash: text("state_hash").primaryKey(),
  /** "env" for the installation's provider (SOFIA_OIDC_*), else the municipality whose settings started it. */
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  returnPath: text("return_path").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});
