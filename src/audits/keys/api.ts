/** The review keys over the JSON API, through the same services as the pages. */
import { z } from "zod";
import type { App } from "../../platform/http.ts";
import { versionedApi } from "../../platform/versioned-api.ts";
import { answerValues, contentSchema } from "./model.ts";
import { paths } from "./paths.ts";
import { reviewKeyDocuments } from "./service.ts";

export function reviewKeysApi(app: App): void {
  versionedApi(app, {
    documents: reviewKeyDocuments,
    content: contentSchema,
    permissions: { view: "reviewkeys.view", manage: "reviewkeys.manage" },
    path: paths.apiList.pattern,
    param: { name: "key", description: "Granskningsnyckelns stabila nyckel, t.ex. skarpnack" },
    tag: "Granskningsnycklar",
    documentField: "reviewKey",
    extra: {
      schema: {
        answerValues: z
          .array(z.enum(answerValues))
          .describe("Svaren varje fråga besvaras med: yes (ja), partly (delvis), no (nej), not_applicable (ej aktuellt)"),
      },
      values: () => ({ answerValues: [...answerValues] }),
    },
    texts: {
      document: "En granskningsnyckel",
      version: "En version av en granskningsnyckel med hela sitt innehåll",
      status:
        "draft: utkast som kan ändras; published: gäller för nya aktgranskningar; retired: ersatt men kvar för aktgranskningar som gjordes med den",
      content: "Dokumenttyperna, frågorna med de dokumenttyper de gäller, och helhetsbedömningens fråga med alternativ (bäst först)",
      listSummary: "Lista granskningsnycklarna",
      listDescription: "Kommunens granskningsnycklar för aktgranskning med alla versioner och deras status, sorterade efter namn.",
      getSummary: "Hämta en version av en granskningsnyckel",
      getDescription:
        "Versionens hela innehåll: dokumenttyperna som granskas, frågorna med vilka dokumenttyper de gäller, svarsalternativen och helhetsbedömningen.",
      draftSummary: "Skapa ett utkast av en granskningsnyckel",
      updateSummary: "Ändra ett utkast av en granskningsnyckel",
      publishSummary: "Publicera ett utkast av en granskningsnyckel",
      publishDescription:
        "Utkastet blir granskningsnyckelns gällande version och den tidigare publicerade versionen avslutas (finns kvar för aktgranskningar som gjordes med den). Loggas.",
      keyExample: "skarpnack",
      conflict:
        "Versionen är publicerad och kan aldrig ändras, versionen är inaktuell (någon annan har ändrat utkastet) eller nyckeln har ingen publicerad version att utgå från; ingenting ändrades",
    },
  });
}
