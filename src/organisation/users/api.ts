/** The users over the JSON API, through the same services as the pages. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { paths as authPaths } from "../../auth/index.ts";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import { roles } from "../../platform/auth-types.ts";
import type { App } from "../../platform/http.ts";
import type { SessionStore } from "../../platform/sessions.ts";
import { userCreateBody, userPatchBody } from "../schemas.ts";
import { paths } from "./paths.ts";
import * as organisation from "./service.ts";

const tags = ["Organisation"];

const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har ändrat posten) eller namnet är upptaget; ingenting ändrades"),
};
const readProblems = { 401: problems[401], 403: problems[403] };

const timestamp = z.iso.datetime();
const idParams = z.object({ id: z.string().describe("Postens id (UUID)") });

const userSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string().describe("Namn"),
    email: z.string().nullable(),
    active: z.boolean().describe("Inaktiva användare kan inte logga in"),
    roles: z.array(z.enum(roles)),
    units: z.array(z.object({ id: z.uuid(), name: z.string(), active: z.boolean() })).describe("Enheter användaren hör till"),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .describe("En användare");

const createdUserSchema = z.object({
  user: userSchema,
  passwordLink: z
    .object({
      token: z.string().describe("Engångsnyckeln; visas bara i det här svaret"),
      url: z.string().describe("Länken där användaren väljer sitt lösenord"),
      expiresAt: timestamp.describe("Länken gäller till (72 timmar)"),
    })
    .describe("Engångslänk för att välja lösenord. Ge den till användaren på ett säkert sätt; den kan inte hämtas igen."),
});

const usersQuery = z.object({
  unitId: z.string().optional().describe("Bara användare på den här enheten"),
  role: z.enum(roles).optional().describe("Bara användare med den här rollen"),
  active: z.enum(["true", "false"]).optional().describe("true: bara aktiva, false: bara inaktiva; utelämnad: alla"),
});

function userToApi(u: organisation.User): z.output<typeof userSchema> {
  return { ...u, createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString() };
}

const linkUrl = (req: FastifyRequest, token: string) => `${req.protocol}://${req.host}${authPaths.password.href({ token })}`;

export function usersApi(app: App, sessions: SessionStore): void {
  app.get(
    paths.apiUsers.pattern,
    {
      config: { permission: "users.view" },
      schema: {
        tags,
        summary: "Lista användare",
        description:
          "Användare med roller och enheter, sorterade efter namn. En enhetschef ser bara användare på sina enheter. Varje användare i svaret loggas som ett utlämnande.",
        querystring: usersQuery,
        response: { 200: z.array(userSchema), ...problems },
      },
    },
    async (req) => {
      const { unitId, role, active } = req.query;
      const users = await organisation.listUsers(req.ctx, { unitId, role, active: active === undefined ? undefined : active === "true" });
      return users.map(userToApi);
    },
  );

  app.get(
    paths.apiUser.pattern,
    {
      config: { permission: "users.view" },
      schema: {
        tags,
        summary: "Hämta en användare",
        description: "En användare med roller och enheter. Läsningen loggas.",
        params: idParams,
        response: { 200: userSchema, ...readProblems, 404: problems[404] },
      },
    },
    async (req) => userToApi(await organisation.getUser(req.ctx, req.params.id)),
  );

  app.post(
    paths.apiUsers.pattern,
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Lägg till en användare",
        description:
          "Skapar användaren och en engångslänk (giltig 72 timmar) där hen väljer sitt lösenord. Länken visas bara i det här svaret. Handläggare och enhetschefer måste höra till minst en enhet.",
        body: userCreateBody,
        response: { 201: createdUserSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { user, passwordLink } = await organisation.createUser(req.ctx, req.body);
      return reply.code(201).send({
        user: userToApi(user),
        passwordLink: { token: passwordLink.token, url: linkUrl(req, passwordLink.token), expiresAt: passwordLink.expiresAt.toISOString() },
      });
    },
  );

  app.patch(
    paths.apiUser.pattern,
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Ändra eller inaktivera en användare",
        description:
          "Ändra namn, e-post, roller eller enheter. active: false inaktiverar användaren: alla sessioner avslutas direkt och API-nycklarna återkallas. version måste vara den senast lästa.",
        params: idParams,
        body: userPatchBody,
        response: { 200: userSchema, ...problems },
      },
    },
    async (req) => userToApi(await organisation.updateUser(req.ctx, sessions, req.params.id, req.body)),
  );
}
