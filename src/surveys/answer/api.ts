/** Answering a survey link over the JSON API (public: the link's token is the only credential). */
import { z } from "zod";
import { problem, problems } from "../../platform/api-schemas.ts";
import { jsonInput } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { problem as problemReply } from "../../platform/http.ts";
import { answerList } from "../model.ts";
import { secretPage } from "./pages.tsx";
import { paths } from "./paths.ts";
import { answerLink } from "./service.ts";

const answerBody = z.object({
  token: z
    .string()
    .min(1, "answer.refused.unknown")
    .max(200, "answer.refused.unknown")
    .describe("Länkens kod (det sista i länkens adress, till exempel K7QM-4TXR-9P) eller en äldre länks långa token"),
  answers: answerList.describe(
    "Per fråga ett värde på skalan, dontKnow true (om skalan tillåter det), eller value null och dontKnow false för obesvarad. Läses och kontrolleras med samma schema som enkätens formulär, byggt av enkätversionens frågor.",
  ),
  complete: z
    .boolean({ error: "error.validation" })
    .describe("true när svaret är klart; false sparar ett påbörjat svar som kan göras klart senare"),
});

const answered = z.object({
  created: z.boolean().describe("false när länken redan hade ett påbörjat svar"),
  complete: z.boolean(),
});

export function answerApi(app: App): void {
  app.post(
    paths.apiAnswers.pattern,
    {
      config: { permission: "public" },
      onRequest: secretPage,
      schema: {
        tags: ["Enkäter"],
        summary: "Svara på en enkätlänk",
        description:
          "Den som fått en enkätlänk svarar med länkens token; ingen nyckel behövs. Svaren är anonyma. Ett svar med complete false sparas som påbörjat och kan göras klart senare med samma token; ett klart svar gör länken använd. Per fråga ett värde på skalan, eller dontKnow (om skalan tillåter det), eller value null och dontKnow false för obesvarad. Ett svar utanför skalan eller en okänd fråga: 400 och ingenting sparas. Okänd token: 404 (tio okända koder på 15 minuter från samma adress: 429 i 15 minuter). Använd eller för gammal länk: 410.",
        security: [],
        body: answerBody,
        response: {
          200: answered,
          400: problems[400],
          404: problem("Länken finns inte"),
          410: problem("Länken är redan använd eller har gått ut; ingenting sparades"),
          429: problem("För många okända koder från den här adressen; vänta och försök igen"),
        },
      },
    },
    async (req, reply) => {
      const result = await answerLink(req.ctx, req.body.token, jsonInput(req.body));
      if (result.refusal) {
        if (result.refusal === "throttled") {
          return problemReply(reply, 429, req.t("answer.refused.throttledText", { minutes: result.minutes ?? 0 }));
        }
        return problemReply(reply, result.refusal === "unknown" ? 404 : 410, req.t(`answer.refused.${result.refusal}`));
      }
      return { created: result.created, complete: result.complete };
    },
  );
}
