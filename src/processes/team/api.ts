/** The team over the JSON API: assign one role or the whole team, preview and make a handover. */
import { z } from "zod";
import { problems as commonProblems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { changed, conflict, params, tags } from "../api.ts";
import { assignmentRoles, phases, processStatuses } from "../model.ts";
import { assignInput, handoverInput, teamInput } from "../schemas.ts";
import { paths } from "./paths.ts";
import * as service from "./service.ts";

const candidate = z.object({
  id: z.uuid(),
  name: z.string(),
  ongoing: z.number().int().describe("Antal pågående (inte genomförda) familjer personen är tilldelad"),
});

export function teamApi(app: App): void {
  app.post(
    paths.apiAssignments.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Tilldela en roll: handläggare eller processledare",
        description:
          "Enhetschefer tilldelar barn- och vuxenhandläggare från sina egna enheter; processledare tilldelar alla tre rollerna. Datumet får inte ligga i framtiden eller före Sofiamötet. En ny tilldelning avslutar den tidigare i samma roll.",
        params,
        body: assignInput,
        response: { 200: changed, ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.assign(req.ctx, req.params.id, req.body),
  );

  app.post(
    paths.apiTeam.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Tilldela barnhandläggare, vuxenhandläggare och processledare i ett steg",
        description:
          "Samma som formuläret: varje roll får en person eller null (ingen ändring). Barnhandläggare från en barnenhet, vuxenhandläggare från en beroendeenhet (enhetschefer: de egna enheterna), processledare bara av processledare. Allt i en transaktion med en loggrad per ändrad roll; minst en roll måste ändras. Ersätter inte POST …/assignments, som finns kvar för en roll i taget.",
        params,
        body: teamInput,
        response: { 200: z.object({ version: z.number().int(), changed: z.number().int() }), ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.assignTeam(req.ctx, req.params.id, req.body),
  );

  app.get(
    paths.apiHandoverPreview.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Förhandsgranska en överlämning: en persons pågående familjer",
        description:
          "Personens pågående (inte genomförda) familjer i de roller du tilldelar, med processens version att skicka med vid överlämningen, och kollegorna som kan ta över varje roll med antal pågående familjer. Inga namn på familjemedlemmar. Visningen loggas per familj.",
        params: z.object({ userId: z.string().describe("Användarens id (UUID)") }),
        response: {
          200: z.object({
            from: candidate.nullable().describe("null om du inte kan lämna över personens familjer"),
            families: z.array(
              z.object({
                processId: z.uuid(),
                version: z.number().int(),
                role: z.enum(assignmentRoles),
                status: z.enum(processStatuses),
                phase: z.enum(phases),
                requestDate: z.iso.date(),
                assignedOn: z.iso.date(),
              }),
            ),
            candidates: z.object({
              child_caseworker: z.array(candidate),
              adult_caseworker: z.array(candidate),
              process_leader: z.array(candidate),
            }),
          }),
          ...commonProblems,
        },
      },
    },
    async (req) => {
      const p = await service.handoverPreview(req.ctx, req.params.userId);
      return {
        from: p.from,
        families: p.families.map(({ processId, version, role, status, phase, requestDate, assignedOn }) => ({
          processId,
          version,
          role,
          status,
          phase,
          requestDate,
          assignedOn,
        })),
        candidates: p.candidates,
      };
    },
  );

  app.post(
    paths.apiHandover.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Lämna över en persons familjer till kollegor",
        description:
          "När en handläggare slutar eller är ledig. Per familj (toUserId) eller för alla i en roll (all); en familj utan kollega stannar. Kollegan måste ha rätt roll och enhet, annars ändras ingenting (400 med fältet). Allt i en transaktion med en loggrad per familj; har en familj ändrats sedan förhandsgranskningen (versionen) ändras ingenting (409).",
        body: handoverInput,
        response: { 200: z.object({ moved: z.number().int() }), ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.handover(req.ctx, req.body),
  );
}
