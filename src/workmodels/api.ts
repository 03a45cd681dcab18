/** The work models over the JSON API, through the same services as the pages. */
import type { App } from "../platform/http.ts";
import { versionedApi } from "../platform/versioned-api.ts";
import { contentSchema } from "./model.ts";
import { paths } from "./paths.ts";
import { workModelDocuments } from "./service.ts";

export function workmodelsApi(app: App): void {
  versionedApi(app, {
    documents: workModelDocuments,
    content: contentSchema,
    permissions: { view: "workmodels.view", manage: "workmodels.manage" },
    path: paths.apiList.pattern,
    param: { name: "id", description: "Arbetsmodellens id (UUID)" },
    tag: "Arbetsmodeller",
    documentField: "workModel",
    texts: {
      document: "En arbetsmodell",
      version: "En version av en arbetsmodell med hela sitt innehåll",
      status:
        "draft: utkast som kan ändras; published: gäller för nya processer; retired: ersatt men kvar för processer som startade med den",
      content: "Mötestyper i ordning och hållplatser",
      listSummary: "Lista arbetsmodellerna",
      listDescription: "Kommunens arbetsmodeller med alla versioner och deras status, sorterade efter namn.",
      getSummary: "Hämta en version av en arbetsmodell",
      getDescription:
        "Versionens hela innehåll: mötestyperna i ordning med syfte, deltagare, checklista och enkäter, och hållplatserna med när de ska hållas.",
      draftSummary: "Skapa ett utkast",
      updateSummary: "Ändra ett utkast",
      publishSummary: "Publicera ett utkast",
      publishDescription:
        "Utkastet blir modellens gällande version och den tidigare publicerade versionen avslutas (finns kvar för processer som startade med den). Loggas.",
      keyExample: "sofiamodellen",
      conflict:
        "Versionen är publicerad och kan aldrig ändras, eller versionen är inaktuell (någon annan har ändrat utkastet); ingenting ändrades",
    },
  });
}
