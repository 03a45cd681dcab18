/**
 * The one input schema of a request (förfrågan), used by the service for the page and the API.
 * Messages are catalog keys; identity numbers, dates, units and ages are checked by the service.
 */
import { z } from "zod";
import { dateInput } from "../platform/date-input.ts";

export const relations = ["parent", "step_parent", "other_guardian"] as const;
export const substanceAnswers = ["yes", "no", "unknown"] as const;
export const attitudes = ["positive", "ambivalent", "denies"] as const;
export const genders = ["girl", "boy", "other", "not_stated"] as const;
/** A guardian's gender; not recording it (null) is allowed. */
export const guardianGenders = ["woman", "man", "other", "not_stated"] as const;
export const households = ["together", "separated", "single"] as const;
export const custodies = ["joint", "sole"] as const;
export const requestStatuses = ["new", "continued", "stopped"] as const;
/**
 * The languages a family can answer the surveys after meetings in (decision 0042): Swedish, easy
 * Swedish (lättläst, the private-use tag sv-x-ll), English, Arabic, Persian, Somali and Finnish.
 */
export const familyLanguages = ["sv", "sv-x-ll", "en", "ar", "fa", "so", "fi"] as const;
export type FamilyLanguage = (typeof familyLanguages)[number];

export const REASON_MAX = 2000;

const name = z.string().trim().min(1, "families.request.nameRequired").max(200, "families.request.nameTooLong");
const optionalText = z.string().trim().max(20, "families.identity.wrongFormat");
const unitId = z.uuid("families.request.unknownUnit").nullable();
const guardianGender = z.enum(guardianGenders, "families.request.guardianGenderInvalid").nullable();
const guardianGenderText =
  "Vårdnadshavarens kön: woman (kvinna), man, other (annat) eller not_stated (vill inte uppge); null när det inte är registrerat";

export const guardianInput = z.object({
  name,
  identityNumber: optionalText,
  birthDate: optionalText,
  relation: z.enum(relations, "families.request.relationRequired"),
  substanceProblem: z.enum(substanceAnswers, "families.request.substanceRequired"),
  attitude: z.enum(attitudes, "families.request.attitudeRequired"),
  gender: guardianGender.default(null).describe(`${guardianGenderText}. Frivilligt: utelämnat är detsamma som null`),
  unitId: unitId.describe("Beroendeenheten där vårdnadshavaren är aktuell, eller null"),
  applied: z.boolean().describe("Har ansökt om stöd på en beroendeenhet"),
  contactPerson: z.boolean().default(false).describe("Familjens kontaktperson (högst en av vårdnadshavarna). Frivilligt"),
});

export const childInput = z.object({
  name,
  identityNumber: optionalText,
  birthDate: optionalText,
  gender: z.enum(genders, "families.request.genderRequired"),
  unitId: unitId.describe("Barnenheten där barnet är aktuellt, eller null"),
  investigationOpened: z.boolean().describe("Barnenheten har inlett en utredning efter en anmälan"),
  confirmAge: z.boolean().describe("Bekräftar att ett barn utanför 0–12 år ska ingå"),
});

/** The family's contact details and interpreter need: optional, checked by the service (families/model.ts). */
export const contactFields = {
  contactPhone: z
    .string()
    .trim()
    .max(40, "families.contact.phoneInvalid")
    .default("")
    .describe("Familjens telefonnummer, t.ex. 070-123 45 67 eller +46 70 123 45 67; tomt när det saknas"),
  contactEmail: z
    .string()
    .trim()
    .max(200, "families.contact.emailInvalid")
    .refine((v) => v === "" || z.email().safeParse(v).success, "families.contact.emailInvalid")
    .default("")
    .describe("Familjens e-postadress; tomt när den saknas"),
  interpreterNeeded: z.boolean().default(false).describe("Familjen behöver tolk"),
  interpreterLanguage: z
    .string()
    .trim()
    .max(100, "families.contact.languageTooLong")
    .default("")
    .describe("Tolkspråket; krävs när tolk behövs"),
  familyLanguage: z
    .enum(["", ...familyLanguages], "families.contact.familyLanguageInvalid")
    .default("")
    .describe(
      "Familjens språk för enkäterna efter mötena: sv, sv-x-ll (lättläst svenska), en, ar, fa, so eller fi; tomt för svenska. Surfplattan och enkätlänkarna börjar på det språket",
    ),
};

/** The case-file number of the journal system; the accepted forms are in families/model.ts (parseCaseFileNumber). */
export const caseFileNumberField = z
  .string()
  .trim()
  .max(30, "families.caseFile.invalid")
  .default("")
  .describe(
    "Akt- eller diarienumret i journalsystemet (Lifecare, Treserva, Procapita, Viva …): siffror (123456), årtal och löpnummer (2026-123, 2026/00123), ev. med förkortning först (SN 2026/123, IFN-2026-0123). Tomt när det saknas",
  );

export const requestInput = z.object({
  requestDate: dateInput("families.request.dateInvalid"),
  household: z.enum(households, "families.request.householdRequired"),
  custody: z.enum(custodies, "families.request.custodyRequired"),
  custodyHolder: z.string().trim().max(200, "families.request.nameTooLong"),
  reason: z.string().trim().min(1, "families.request.reasonRequired").max(REASON_MAX, "families.request.reasonTooLong"),
  guardians: z.array(guardianInput).min(1, "families.request.guardianRequired").max(4, "families.request.tooMany"),
  children: z.array(childInput).min(1, "families.request.childRequired").max(8, "families.request.tooMany"),
  caseFileNumber: caseFileNumberField,
  ...contactFields,
});
export type RequestInput = z.input<typeof requestInput>;
export type GuardianInput = z.input<typeof guardianInput>;
export type ChildInput = z.input<typeof childInput>;

/** Who is open where (the facts that decide the case type) and the guardians' gender, edited with the row version. */
export const openStatusInput = z.object({
  version: z.number().int(),
  guardians: z
    .array(
      z.object({
        id: z.uuid(),
        unitId,
        applied: z.boolean(),
        gender: guardianGender.optional().describe(`${guardianGenderText}. Utelämnat: lämnas som det är`),
      }),
    )
    .max(4),
  children: z.array(z.object({ id: z.uuid(), unitId, investigationOpened: z.boolean() })).max(8),
});
export type OpenStatusInput = z.input<typeof openStatusInput>;

/** The case-file number, contact details and contact person, edited later with the row version. */
export const contactInput = z.object({
  version: z.number().int(),
  caseFileNumber: caseFileNumberField,
  ...contactFields,
  contactPersonId: z
    .uuid("families.contact.unknownPerson")
    .nullable()
    .default(null)
    .describe("Vårdnadshavaren som är kontaktperson, eller null"),
});
export type ContactInput = z.input<typeof contactInput>;

/** Why the Sofiamöte decided that the family does not go on; "other" needs a text. */
export const stopReasons = ["declined", "not_target_group", "covered_elsewhere", "unreachable", "other"] as const;
export const REASON_TEXT_MAX = 1000;

/** The Sofiamöte's decision on a request, recorded with the request's version. */
export const decisionInput = z.object({
  version: z.number().int(),
  meetingDate: dateInput("families.decision.dateInvalid").describe(
    "Sofiamötets datum (ÅÅÅÅ-MM-DD; även 20/11 2026 och 20 nov 2026 tas emot)",
  ),
  decision: z.enum(["continue", "stop"], "families.decision.decisionRequired").describe("continue: en process startas; stop: inte"),
  reason: z.enum(stopReasons, "families.decision.reasonRequired").nullable().default(null).describe("Skälet när familjen inte går vidare"),
  reasonText: z.string().trim().max(REASON_TEXT_MAX, "families.decision.textTooLong").default("").describe("Fritext; krävs för other"),
  workModelKey: z
    .string()
    .trim()
    .max(60, "families.decision.unknownModel")
    .default("sofiamodellen")
    .describe("Arbetsmodellen processen följer (nyckel), t.ex. sofiamodellen eller familjeorienterat-processtod"),
});
export type DecisionInput = z.input<typeof decisionInput>;
