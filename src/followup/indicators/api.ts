/** The indicators over the JSON API, through the same services as the pages. */
import { z } from "zod";
import type { App } from "../../platform/http.ts";
import { versionedApi } from "../../platform/versioned-api.ts";
import { createIndicator } from "../service.ts";
import { definitionSchema } from "./model.ts";
import { paths } from "./paths.ts";
import { indicatorDocuments } from "./service.ts";

export const createBody = z.object({
  key: z.string().describe("Ny stabil nyckel: små bokstäver a–z, siffror och bindestreck, högst 60 tecken"),
  content: z.unknown().describe("Hela definitionen, som i svaret"),
});

export function indicatorsApi(app: App): void {
  const { versionSchema, versionToApi, writeProblems } = versionedApi(app, {
    documents: indicatorDocuments,
    content: definitionSchema,
    permissions: { view: "followup.view", manage: "indicators.manage" },
    path: paths.apiList.pattern,
    param: { name: "key", description: "Indikatorns stabila nyckel, t.ex. mal-genomforda" },
    tag: "Indikatorer",
    documentField: "indicator",
    texts: {
      document: "En indikator",
      version: "En version av en indikator med hela sin definition",
      status:
        "draft: utkast som kan ändras; published: uppföljningen räknar med den; retired: ersatt men kvar för rapporter som räknades med den",
      content:
        "Definitionen: vad som räknas (unit), datumet som placerar det i en period (periodDate), villkoren för nämnare och täljare, visning, mål, uppdelning och minsta gruppstorlek",
      listSummary: "Lista indikatorerna",
      listDescription: "Kommunens indikatorer med alla versioner och deras status, sorterade efter namn.",
      getSummary: "Hämta en version av en indikator",
      getDescription: "Versionens hela definition.",
      draftSummary: "Skapa ett utkast av en indikator",
      updateSummary: "Ändra ett utkast av en indikator",
      updateDescription:
        "Ersätter utkastets definition. En definition som inte går att tolka avvisas med fel per fält (t.ex. content.numerator.0.field) och ingenting ändras. En publicerad version kan aldrig ändras (409). version måste vara den senast lästa. Loggas.",
      publishSummary: "Publicera ett utkast av en indikator",
      publishDescription:
        "Utkastet blir indikatorns gällande version och den tidigare publicerade versionen avslutas (finns kvar för rapporter som räknades med den). Loggas.",
      keyExample: "mal-genomforda",
      conflict:
        "Versionen är publicerad och kan aldrig ändras, versionen är inaktuell (någon annan har ändrat utkastet) eller indikatorn har ingen publicerad version att utgå från; ingenting ändrades",
    },
  });

  app.post(
    paths.apiList.pattern,
    {
      config: { permission: "indicators.manage" },
      schema: {
        tags: ["Indikatorer"],
        summary: "Skapa en ny indikator",
        description:
          "En ny indikator med definitionen som utkast (version 1); publicera den för att uppföljningen ska räkna med den. En definition som inte går att tolka avvisas med fel per fält (content.…). Loggas.",
        body: createBody,
        response: { 201: versionSchema, ...writeProblems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(versionToApi(await createIndicator(req.ctx, { key: req.body.key, content: req.body.content }))),
  );
}
