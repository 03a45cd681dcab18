/** The survey instruments over the JSON API, through the same services as the pages. */
import type { App } from "../platform/http.ts";
import { versionedApi } from "../platform/versioned-api.ts";
import { contentSchema } from "./model.ts";
import { paths } from "./paths.ts";
import { instrumentDocuments } from "./service.ts";

export function surveysApi(app: App): void {
  versionedApi(app, {
    documents: instrumentDocuments,
    content: contentSchema,
    permissions: { view: "surveys.view", manage: "surveys.manage" },
    path: paths.apiList.pattern,
    param: { name: "key", description: "Enkätinstrumentets stabila nyckel, t.ex. sofia-4q-parent" },
    tag: "Enkäter",
    documentField: "instrument",
    texts: {
      document: "Ett enkätinstrument",
      version: "En version av ett enkätinstrument med hela sitt innehåll",
      status: "draft: utkast som kan ändras; published: används för nya enkätsvar; retired: ersatt men kvar för svar som gavs med den",
      content: "Målgrupp, när enkäten besvaras, vilka möten den följer, svarsskala och frågor på varje språk",
      listSummary: "Lista enkätinstrumenten",
      listDescription: "Kommunens enkätinstrument med alla versioner och deras status, sorterade efter namn.",
      getSummary: "Hämta en version av ett enkätinstrument",
      getDescription:
        "Versionens hela innehåll: målgrupp, tidpunkt, mötestyper den följer, svarsskala med etiketter och frågorna på varje språk.",
      draftSummary: "Skapa ett utkast",
      updateSummary: "Ändra ett utkast",
      publishSummary: "Publicera ett utkast",
      publishDescription:
        "Utkastet blir instrumentets gällande version och den tidigare publicerade versionen avslutas (finns kvar för svar som gavs med den). Loggas.",
      keyExample: "sofia-4q-child",
      conflict:
        "Versionen är publicerad och kan aldrig ändras, eller versionen är inaktuell (någon annan har ändrat utkastet); ingenting ändrades",
    },
  });
}
