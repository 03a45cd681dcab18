/** The municipality's single sign-on settings as a form and the API would send them (decision 0059). No I/O. */
import { z } from "zod";
import { insecureAllowed } from "../../auth/index.ts";

/** An issuer Sofia may use: an https address, or http on this machine only (a test or demo provider). */
export function issuerAcceptable(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || insecureAllowed(value)) && !url.search && !url.hash;
  } catch {
    return false;
  }
}

const CLAIM = /^[A-Za-z0-9_.:/-]+$/;

/**
 * The settings. The client secret is written, never shown back: left empty, the stored one stays.
 * The group mapping is typed one "group = role" per line (`parseGroupRoleLines` reads it).
 */
export const ssoSettingsBody = z.object({
  issuer: z
    .string("org.sso.issuerRequired")
    .trim()
    .min(1, "org.sso.issuerRequired")
    .max(500, "org.sso.issuerInvalid")
    .refine(issuerAcceptable, "org.sso.issuerInvalid"),
  clientId: z.string("org.sso.clientIdRequired").trim().min(1, "org.sso.clientIdRequired").max(200, "org.sso.clientIdTooLong"),
  clientSecret: z.string().max(500, "org.sso.secretTooLong").optional(),
  userClaim: z.string().trim().max(100, "org.sso.claimInvalid").regex(CLAIM, "org.sso.claimInvalid").optional(),
  groupsClaim: z.string().trim().max(100, "org.sso.claimInvalid").regex(CLAIM, "org.sso.claimInvalid").optional(),
  groupRoles: z.string().max(10_000, "org.sso.mappingTooLong").optional(),
});
export type SsoSettingsInput = z.input<typeof ssoSettingsBody>;
