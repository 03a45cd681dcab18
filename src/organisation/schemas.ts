/**
 * The zod input schemas of the organisation's use cases: the API declares them as its bodies, the
 * pages decode their forms by them, and the services validate with them, once (decision 0035).
 * Messages are catalog keys.
 */
import { z } from "zod";
import { roles } from "../platform/auth-types.ts";
import {
  EMAIL_MAX,
  MIN_GROUP_SIZE_MAX,
  MIN_GROUP_SIZE_MIN,
  MUNICIPALITY_CODE_PATTERN,
  NAME_MAX,
  USERNAME_MAX,
  USERNAME_MIN,
  USERNAME_PATTERN,
  unitKinds,
  WAIT_LIMIT_MAX,
  WAIT_LIMIT_MIN,
} from "./model.ts";

/** A text field: missing and wrong type get their own messages, not zod's generic ones. */
const text = (requiredKey: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? requiredKey : "org.api.expectedText") }).trim();

const municipalityName = text("org.municipality.nameRequired")
  .min(1, "org.municipality.nameRequired")
  .max(NAME_MAX, "org.municipality.nameTooLong");
const municipalityCode = text("org.municipality.codeInvalid").regex(MUNICIPALITY_CODE_PATTERN, "org.municipality.codeInvalid");
const WAIT_LIMIT_INVALID = "org.municipality.waitLimitInvalid";
const waitLimitDays = z
  .number({ error: WAIT_LIMIT_INVALID })
  .int(WAIT_LIMIT_INVALID)
  .min(WAIT_LIMIT_MIN, WAIT_LIMIT_INVALID)
  .max(WAIT_LIMIT_MAX, WAIT_LIMIT_INVALID);
const PLACEMENT_REVIEW_LIMIT_INVALID = "org.municipality.placementReviewLimitInvalid";
/** The placement limits (issue 18): days, 1–365, like the wait limit. */
const placementReviewLimitDays = z
  .number({ error: PLACEMENT_REVIEW_LIMIT_INVALID })
  .int(PLACEMENT_REVIEW_LIMIT_INVALID)
  .min(WAIT_LIMIT_MIN, PLACEMENT_REVIEW_LIMIT_INVALID)
  .max(WAIT_LIMIT_MAX, PLACEMENT_REVIEW_LIMIT_INVALID);
const EMERGENCY_PLACEMENT_LIMIT_INVALID = "org.municipality.emergencyPlacementLimitInvalid";
const emergencyPlacementLimitDays = z
  .number({ error: EMERGENCY_PLACEMENT_LIMIT_INVALID })
  .int(EMERGENCY_PLACEMENT_LIMIT_INVALID)
  .min(WAIT_LIMIT_MIN, EMERGENCY_PLACEMENT_LIMIT_INVALID)
  .max(WAIT_LIMIT_MAX, EMERGENCY_PLACEMENT_LIMIT_INVALID);
const MIN_GROUP_SIZE_INVALID = "org.municipality.minGroupSizeInvalid";
const minGroupSize = z
  .number({ error: MIN_GROUP_SIZE_INVALID })
  .int(MIN_GROUP_SIZE_INVALID)
  .min(MIN_GROUP_SIZE_MIN, MIN_GROUP_SIZE_INVALID)
  .max(MIN_GROUP_SIZE_MAX, MIN_GROUP_SIZE_INVALID);
const SHARE_DECIMALS_INVALID = "org.municipality.shareDecimalsInvalid";
const shareDecimals = z
  .number({ error: SHARE_DECIMALS_INVALID })
  .int(SHARE_DECIMALS_INVALID)
  .min(0, SHARE_DECIMALS_INVALID)
  .max(1, SHARE_DECIMALS_INVALID);
const MEAN_DECIMALS_INVALID = "org.municipality.meanDecimalsInvalid";
const meanDecimals = z
  .number({ error: MEAN_DECIMALS_INVALID })
  .int(MEAN_DECIMALS_INVALID)
  .min(0, MEAN_DECIMALS_INVALID)
  .max(2, MEAN_DECIMALS_INVALID);
const unitName = text("org.unit.nameRequired").min(1, "org.unit.nameRequired").max(NAME_MAX, "org.unit.nameTooLong");
const unitKind = z.enum(unitKinds, { error: "org.unit.kindRequired" });
const username = text("org.user.usernameRequired")
  .toLowerCase()
  .min(1, "org.user.usernameRequired")
  .min(USERNAME_MIN, "org.user.usernameTooShort")
  .max(USERNAME_MAX, "org.user.usernameTooLong")
  .regex(USERNAME_PATTERN, "org.user.usernameInvalid");
const displayName = text("org.user.displayNameRequired")
  .min(1, "org.user.displayNameRequired")
  .max(NAME_MAX, "org.user.displayNameTooLong");
const email = text("org.user.emailInvalid").max(EMAIL_MAX, "org.user.emailTooLong").check(z.email("org.user.emailInvalid"));
const roleList = z
  .array(z.enum(roles, { error: "org.user.roleUnknown" }), { error: "org.api.expectedList" })
  .min(1, "org.user.rolesRequired");
const unitIdList = z.array(z.uuid({ error: "org.user.unitUnknown" }), { error: "org.api.expectedList" });
const apiVersion = z
  .number({ error: (issue) => (issue.input === undefined ? "org.versionRequired" : "org.versionInvalid") })
  .int("org.versionInvalid")
  .positive("org.versionInvalid");
/** A JSON body: unknown fields are refused rather than silently ignored (a typo must not look like success). */
function body<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "org.api.expectedObject" : undefined) });
}

// ---- Input: the API bodies, and the forms decoded by them (decision 0035) ----

export const municipalityPatchBody = body({
  version: apiVersion.meta({ description: "Versionen som ändringen bygger på (optimistisk låsning)" }),
  name: municipalityName.optional(),
  code: municipalityCode.optional().meta({ description: "Kommunkod: fyra siffror, eller tom text" }),
  waitLimitDays: waitLimitDays
    .optional()
    .meta({ description: "Gräns för väntetid i dagar (1–365); längre väntan markeras för enhetschefer och processledare" }),
  placementReviewLimitDays: placementReviewLimitDays.optional().meta({
    description: "Dagar (1–365) från en placerings start inom vilka barnet ska ha tagits upp på ett hållet placeringsforum (indikatorn)",
  }),
  emergencyPlacementLimitDays: emergencyPlacementLimitDays
    .optional()
    .meta({ description: "Dagar (1–365) inom vilka en jourhemsplacering ska ha avslutats (indikatorn)" }),
  minGroupSize: minGroupSize
    .optional()
    .meta({ description: "Minsta gruppstorlek (2–50) i enkätresultat och statistik; mindre grupper visas som .." }),
  shareDecimals: shareDecimals
    .optional()
    .meta({ description: "Decimaler i andelar (0: hela procent, 1: en decimal), avrundat uppåt vid 5 (42,5 % blir 43 %)" }),
  meanDecimals: meanDecimals.optional().meta({ description: "Decimaler i medelvärden och andra lägesmått (0–2), avrundat uppåt vid 5" }),
  mfaRequiredRoles: z
    .array(z.enum(roles, { error: "org.user.roleUnknown" }), { error: "org.api.expectedList" })
    .optional()
    .meta({ description: "Roller som måste logga in med tvåstegsverifiering (TOTP); tom lista: ingen" }),
}).meta({ description: "Ändringar av kommunens uppgifter" });

export const unitCreateBody = body({ name: unitName, kind: unitKind }).meta({ description: "En ny enhet" });
export const unitPatchBody = body({
  version: apiVersion.meta({ description: "Versionen som ändringen bygger på (optimistisk låsning)" }),
  name: unitName.optional(),
  kind: unitKind.optional(),
  active: z.boolean({ error: "org.api.expectedBoolean" }).optional().meta({ description: "false inaktiverar enheten" }),
});
export const userCreateBody = body({
  username: username.meta({ description: "3–64 tecken: a–z, 0–9, punkt, bindestreck, understreck" }),
  displayName,
  email: email.nullable().optional(),
  roles: roleList,
  unitIds: unitIdList.default([]),
});
export const userPatchBody = body({
  version: apiVersion,
  displayName: displayName.optional(),
  email: email.nullable().optional(),
  roles: roleList.optional(),
  unitIds: unitIdList.optional(),
  active: z
    .boolean({ error: "org.api.expectedBoolean" })
    .optional()
    .meta({ description: "false inaktiverar användaren, avslutar alla sessioner och återkallar API-nycklar" }),
});

// ---- What the services take: the input as sent, validated by the service ----

export type MunicipalityPatch = z.input<typeof municipalityPatchBody>;
export type UnitInput = z.input<typeof unitCreateBody>;
export type UnitPatch = z.input<typeof unitPatchBody>;
export type UserCreateInput = z.input<typeof userCreateBody>;
export type UserPatch = z.input<typeof userPatchBody>;
