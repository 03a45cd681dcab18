/** Further support (fortsatt stöd) over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { supportInput, supportKinds, supportUpdateInput } from "./model.ts";
import { paths } from "./paths.ts";
import { addSupport, getSupport, updateSupport } from "./service.ts";

const tags = ["Fortsatt stöd"];
const params = z.object({ id: z.string().describe("Processens id (UUID)") });
const itemParams = params.extend({ supportId: z.string().describe("Stödets id (UUID)") });

const item = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personKind: z.enum(["guardian", "child"]),
  kind: z.enum(supportKinds),
  kindText: z.string().nullable(),
  appliedOn: z.iso.date().nullable(),
  grantedOn: z.iso.date().nullable(),
  endedOn: z.iso.date().nullable(),
  state: z.enum(["applied", "granted", "ended"]),
  note: z.string().nullable().describe("null i den begränsade vyn"),
  version: z.number().int(),
});
const saved = z.object({ id: z.uuid(), version: z.number().int() });

export function supportApi(app: App): void {
  app.get(
    paths.apiSupport.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Lista fortsatt stöd",
        description: "Ansökningar och beviljade insatser per familjemedlem. Visningen loggas.",
        params,
        response: { 200: z.array(item), 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] },
      },
    },
    async (req) =>
      (await getSupport(req.ctx, req.params.id)).items.map((i) => ({
        id: i.id,
        personId: i.person.id,
        personKind: i.person.kind,
        kind: i.kind,
        kindText: i.kindText,
        appliedOn: i.appliedOn,
        grantedOn: i.grantedOn,
        endedOn: i.endedOn,
        state: i.state,
        note: i.note,
        version: i.version,
      })),
  );

  app.post(
    paths.apiSupport.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Registrera fortsatt stöd",
        description:
          "Ansökan och/eller beviljad insats för en familjemedlem. Inget datum i framtiden; beviljad inte före ansökan; avslutad bara efter beviljande och inte före det. other kräver kindText.",
        params,
        body: supportInput,
        response: { 201: saved, ...commonProblems },
      },
    },
    async (req, reply) => reply.code(201).send(await addSupport(req.ctx, req.params.id, req.body)),
  );

  app.patch(
    paths.apiSupportItem.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Ändra fortsatt stöd",
        description: "Hela posten skickas med den version som lästes; en inaktuell version ger 409 och ingenting ändras.",
        params: itemParams,
        body: supportUpdateInput,
        response: {
          200: z.object({ version: z.number().int() }),
          ...commonProblems,
          409: problem("Stödet har ändrats av någon annan sedan du läste det; ingenting ändrades"),
        },
      },
    },
    async (req) => updateSupport(req.ctx, req.params.id, req.params.supportId, req.body),
  );
}
