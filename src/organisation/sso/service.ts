/**
 * The municipality's single sign-on settings (decision 0059): what the settings page shows (never
 * the client secret) and the change, audited without the secret.
 */
import { forgetLoginProviders, parseGroupRoleLines } from "../../auth/index.ts";
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { changes } from "../model.ts";
import { type SsoSettingsInput, ssoSettingsBody } from "./model.ts";
import * as store from "./store.ts";

/** The settings as the page shows them: everything but the secret, of which only whether one is stored. */
export interface SsoSettingsView {
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  userClaim: string;
  groupsClaim: string | null;
  groupRoles: Record<string, string>;
  updatedAt: Date;
}

export async function ssoSettings(ctx: ServiceContext): Promise<SsoSettingsView | undefined> {
  const { actor } = await authorize(ctx, "organisation.manage");
  const row = await store.settingsOf(ctx.db, actor.municipalityId);
  if (!row) return undefined;
  const { clientSecret, municipalityId: _, ...shown } = row;
  return { ...shown, hasSecret: clientSecret !== "" };
}

export async function saveSsoSettings(ctx: ServiceContext, posted: SsoSettingsInput): Promise<void> {
  const { actor } = await authorize(ctx, "organisation.manage");
  const input = parseOrThrow(ssoSettingsBody, posted);
  const mapping = parseGroupRoleLines(input.groupRoles ?? "");
  if ("problem" in mapping) throw new ValidationError({ groupRoles: mapping.problem });
  const groupsClaim = input.groupsClaim || null;
  if (Object.keys(mapping.mapping).length > 0 && !groupsClaim) throw new ValidationError({ groupsClaim: "org.sso.groupsClaimNeeded" });
  await ctx.db.transaction(async (tx) => {
    const before = await store.settingsOf(tx, actor.municipalityId);
    const secretChanged = input.clientSecret !== undefined && input.clientSecret !== "";
    const after = {
      issuer: input.issuer,
      clientId: input.clientId,
      userClaim: input.userClaim || "preferred_username",
      groupsClaim,
      groupRoles: mapping.mapping,
    };
    await store.saveSettings(tx, {
      municipalityId: actor.municipalityId,
      ...after,
      clientSecret: secretChanged ? (input.clientSecret as string) : (before?.clientSecret ?? ""),
      updatedAt: ctx.clock.now(),
    });
    const diff = changes(
      {
        issuer: before?.issuer,
        clientId: before?.clientId,
        userClaim: before?.userClaim,
        groupsClaim: before?.groupsClaim ?? null,
        groupRoles: JSON.stringify(before?.groupRoles ?? {}),
      },
      { ...after, groupRoles: JSON.stringify(after.groupRoles) },
    );
    // The secret itself is never written to the log: only that it changed.
    await audit(tx, ctx, {
      action: "municipality.sso_update",
      recordType: "municipality",
      recordId: actor.municipalityId,
      detail: { changes: diff, ...(secretChanged ? { clientSecret: "changed" } : {}) },
    });
  });
  forgetLoginProviders(ctx.db);
}

export async function removeSsoSettings(ctx: ServiceContext): Promise<void> {
  const { actor } = await authorize(ctx, "organisation.manage");
  await ctx.db.transaction(async (tx) => {
    if (await store.removeSettings(tx, actor.municipalityId)) {
      await audit(tx, ctx, { action: "municipality.sso_remove", recordType: "municipality", recordId: actor.municipalityId });
    }
  });
  forgetLoginProviders(ctx.db);
}
