import { z } from "zod";

/** The problem+json body every API error has (RFC 9457), described once for the OpenAPI document. */
export const problem = (description: string) =>
  z
    .object({
      type: z.string(),
      title: z.string().describe("Vad som gick fel, på svenska (engelska med Accept-Language: en)"),
      status: z.number().int(),
      errors: z
        .array(z.object({ field: z.string().describe("Fältet som är fel"), message: z.string().describe("Vad som är fel med det") }))
        .optional()
        .describe("Fel per fält, när indata inte godtogs"),
    })
    .describe(`${description} (application/problem+json)`);

/** The usual error answers; a route picks those it can give. */
export const problems = {
  400: problem("Felaktig indata: fel per fält"),
  401: problem("Nyckel saknas, är okänd, återkallad eller har gått ut"),
  403: problem("Nyckeln eller användarens roller saknar behörigheten; försöket loggas"),
  404: problem("Det finns ingen sådan post som du får se"),
};
