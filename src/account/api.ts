import { z } from "zod";
import { problem, problems } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { tokenStatus } from "./model.ts";
import { paths } from "./paths.ts";
import { type ListedToken, listTokens, revokeToken, whoAmI } from "./service.ts";

const tags = ["Konto"];

const unauthenticated = problems[401];
const forbidden = problems[403];

const timestamp = z.iso.datetime();

const tokenSchema = z.object({
  id: z.uuid().describe("Nyckelns id"),
  name: z.string().describe("Namnet ägaren gav nyckeln"),
  prefix: z.string().describe("Nyckelns första tecken, för att känna igen den. Hela nyckeln visas aldrig igen."),
  scopes: z.array(z.string()).describe("Åtgärder ur behörighetstabellen som nyckeln får använda"),
  status: z.enum(["active", "expired", "revoked"]).describe("Om nyckeln fungerar, har gått ut eller är återkallad"),
  createdAt: timestamp.describe("När nyckeln skapades"),
  expiresAt: timestamp.nullable().describe("När nyckeln slutar fungera"),
  lastUsedAt: timestamp.nullable().describe("När nyckeln senast användes; null om aldrig"),
  revokedAt: timestamp.nullable().describe("När nyckeln återkallades; null om den inte är återkallad"),
});

const meSchema = z
  .object({
    id: z.uuid().describe("Användarens id"),
    username: z.string().describe("Användarnamn"),
    displayName: z.string().describe("Namn"),
    roles: z.array(z.string()).describe("Användarens roller"),
    unitIds: z.array(z.uuid()).describe("Id för de enheter användaren hör till"),
    scopes: z.array(z.string()).describe("Behörigheterna hos nyckeln som anropet gjordes med"),
  })
  .describe("Användaren bakom nyckeln");

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toApi(token: ListedToken, now: Date): z.output<typeof tokenSchema> {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    status: tokenStatus(token, now),
    createdAt: token.createdAt.toISOString(),
    expiresAt: iso(token.expiresAt),
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
  };
}

/** The account over the API: who the token belongs to, and the owner's tokens. Tokens are created only in the browser. */
export function accountApi(app: App): void {
  app.get(
    paths.apiMe.pattern,
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        summary: "Vem är jag: användaren och nyckelns behörigheter",
        description:
          "Användaren bakom nyckeln: id, namn, roller, enheter och nyckelns behörigheter. Fungerar med varje giltig nyckel oavsett dess behörigheter, så att ett system kan pröva sin nyckel.",
        response: { 200: meSchema, 401: unauthenticated },
      },
    },
    async (req) => {
      const me = await whoAmI(req.ctx);
      return { ...me, scopes: me.scopes ?? [] };
    },
  );

  app.get(
    paths.apiTokens.pattern,
    {
      config: { permission: "account.manage_own" },
      schema: {
        tags,
        summary: "Mina API-nycklar (nycklar skapas bara i webbgränssnittet, aldrig med en nyckel)",
        description:
          "Dina egna nycklar, den senaste först, utan själva nyckeln: den visas bara en gång, när den skapas på sidan Mitt konto (/konto). En nyckel kan inte skapa nya nycklar.",
        response: { 200: z.array(tokenSchema).describe("Dina nycklar"), 401: unauthenticated, 403: forbidden },
      },
    },
    async (req) => {
      const now = req.ctx.clock.now();
      return (await listTokens(req.ctx)).map((token) => toApi(token, now));
    },
  );

  app.delete(
    paths.apiToken.pattern,
    {
      config: { permission: "account.manage_own" },
      schema: {
        tags,
        summary: "Återkalla en av mina API-nycklar",
        description:
          "Nyckeln slutar fungera direkt, också om det är den som anropet görs med. Återkallandet loggas. En annan användares nyckel finns inte för dig (404). Att återkalla en redan återkallad nyckel ändrar ingenting.",
        params: z.object({ id: z.uuid().describe("Nyckelns id") }),
        response: {
          204: z.null().describe("Nyckeln är återkallad"),
          400: problem("Id:t är inte ett giltigt id"),
          401: unauthenticated,
          403: forbidden,
          404: problem("Du har ingen nyckel med det id:t"),
        },
      },
    },
    async (req, reply) => {
      await revokeToken(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
