/** Reviewing over the JSON API: the reviewer's focus families (names audited) and the reviewed documents. */

import { z } from "zod";
import type { App } from "../../platform/http.ts";
import { answerValues } from "../keys/index.ts";
import { problems, roundStatuses, tags } from "../rounds/index.ts";
import { documentInput, documentUpdateInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as review from "./service.ts";

const familyParams = z.object({
  id: z.string().describe("Aktgranskningens id (UUID)"),
  familyId: z.string().describe("Fokusfamiljens id i granskningen (UUID)"),
});
const documentParams = familyParams.extend({ documentId: z.string().describe("Det granskade dokumentets id (UUID)") });

const roundSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(roundStatuses),
  reviewKey: z.object({ name: z.string(), version: z.number().int() }),
});
const familySchema = z.object({
  id: z.uuid(),
  code: z.number().int().describe("Familjens nummer i granskningen (Familj 1, 2 …)"),
  documents: z.number().int().describe("Antal granskade dokument"),
  persons: z
    .array(
      z.object({
        id: z.uuid(),
        kind: z.enum(["guardian", "child"]),
        name: z.string(),
        birthDate: z.iso.date(),
      }),
    )
    .describe("Vårdnadshavare och barn: namn och födelsedatum, för att hitta familjen i verksamhetssystemet (visningen loggas)"),
});
const documentSchema = z.object({
  id: z.uuid(),
  documentKind: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  overallRating: z.string().nullable(),
  comment: z.string().nullable(),
  reviewedBy: z.string().describe("Granskarens namn"),
  answers: z.record(z.string(), z.enum(answerValues)),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});

const toRound = (r: review.ReviewRound) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  reviewKey: { name: r.keyName, version: r.keyVersion },
});
const toDocument = (d: review.ReviewedDocument) => ({
  id: d.id,
  documentKind: d.documentKind,
  unitId: d.unitId,
  unitName: d.unitName,
  overallRating: d.overallRating,
  comment: d.comment,
  reviewedBy: d.reviewedBy,
  answers: d.answers,
  version: d.version,
  updatedAt: d.updatedAt.toISOString(),
});

const familyReview = z.object({ round: roundSchema, family: familySchema, documents: z.array(documentSchema) });
async function familyAnswer(req: { ctx: Parameters<typeof review.reviewFamily>[0] }, id: string, familyId: string) {
  const data = await review.reviewFamily(req.ctx, id, familyId);
  return { round: toRound(data.round), family: data.family, documents: data.documents.map(toDocument) };
}

const readProblems = { 401: problems[401], 403: problems[403], 404: problems[404] };

export function reviewApi(app: App): void {
  app.get(
    paths.apiFamilies.pattern,
    {
      config: { permission: "audits.review" },
      schema: {
        tags,
        summary: "Granskarens fokusfamiljer i en aktgranskning",
        description:
          "Bara för den som är utsedd granskare (andra får 404). Varje familj med nummer, vårdnadshavarnas och barnens namn och födelsedatum, inget annat ur processen. Visningen loggas per person.",
        params: z.object({ id: z.string().describe("Aktgranskningens id (UUID)") }),
        response: { 200: z.object({ round: roundSchema, families: z.array(familySchema) }), ...readProblems },
      },
    },
    async (req) => {
      const { round, families } = await review.reviewRound(req.ctx, req.params.id);
      return { round: toRound(round), families };
    },
  );

  app.get(
    paths.apiFamily.pattern,
    {
      config: { permission: "audits.review" },
      schema: {
        tags,
        summary: "En fokusfamilj med granskade dokument",
        description:
          "Familjens namn och födelsedatum (visningen loggas) och de granskade dokumenten med svar. Bara för granskare i granskningen.",
        params: familyParams,
        response: { 200: familyReview, ...readProblems },
      },
    },
    async (req) => familyAnswer(req, req.params.id, req.params.familyId),
  );

  app.post(
    paths.apiDocuments.pattern,
    {
      config: { permission: "audits.review" },
      schema: {
        tags,
        summary: "Registrera ett granskat dokument",
        description:
          "Dokumenttyp, enhet, svar på varje fråga som nyckeln ställer för typen, helhetsbedömning och kommentar, i en transaktion. Fel indata: 400 med fel per fält (answers.<fråga>) och ingenting sparas. Stängd granskning: 409. Ändringen loggas.",
        params: familyParams,
        body: documentInput,
        response: { 201: documentSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { id } = await review.addDocument(req.ctx, req.params.id, req.params.familyId, {
        ...req.body,
        comment: req.body.comment ?? null,
      });
      const data = await review.documentForm(req.ctx, req.params.id, req.params.familyId, id);
      return reply.code(201).send(toDocument(data.document as review.ReviewedDocument));
    },
  );

  app.put(
    paths.apiDocument.pattern,
    {
      config: { permission: "audits.review" },
      schema: {
        tags,
        summary: "Ändra ett granskat dokument",
        description:
          "Enhet, svar, helhetsbedömning och kommentar ersätts; dokumenttypen ligger fast. Bara medan granskningen pågår. version måste vara den senast lästa (annars 409). Ändringen loggas.",
        params: documentParams,
        body: documentUpdateInput,
        response: { 200: documentSchema, ...problems },
      },
    },
    async (req) => {
      const { id, familyId, documentId } = req.params;
      await review.updateDocument(req.ctx, id, familyId, documentId, { ...req.body, comment: req.body.comment ?? null });
      const data = await review.documentForm(req.ctx, id, familyId, documentId);
      return toDocument(data.document as review.ReviewedDocument);
    },
  );
}
