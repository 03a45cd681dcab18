/** Pages for users: the list, adding a user, a user's details and edits, deactivation, password links. */
import type { FastifyRequest } from "fastify";
import { paths as authPaths } from "../../auth/index.ts";
import { type FormFailure, handleForm, listField, noticeFrom } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { scopeFor } from "../../platform/permissions.ts";
import type { SessionStore } from "../../platform/sessions.ts";
import { userCreateBody, userPatchBody } from "../schemas.ts";
import { listUnits } from "../units/index.ts";
import { paths } from "./paths.ts";
import { endUserSessions, resetUserMfa, setUserLocked, userSignIns } from "./security.ts";
import * as organisation from "./service.ts";
import { listQuery, NewUserPage, PasswordLinkPage, statusFilters, UserPage, UsersPage } from "./views.tsx";

type Values = Record<string, string | string[]>;

const notices: Record<string, string> = {
  sparad: "org.notice.saved",
  inaktiverad: "org.notice.userDeactivated",
  aktiverad: "org.notice.userReactivated",
  "inloggningar-avslutade": "org.notice.userSessionsEnded",
  last: "org.notice.userLocked",
  upplast: "org.notice.userUnlocked",
  "tvasteg-aterstalld": "org.notice.userMfaReset",
};

/**
 * The edit form shows every field, though the API's PATCH body changes only what it is sent: a name
 * emptied or a checkbox group left with nothing ticked is refused or saved, not read as "no change".
 */
const editFields = ["displayName", "roles", "unitIds"];

/** The full one-time link, on this server's own address as the browser reached it. */
const linkUrl = (req: FastifyRequest, token: string) => `${req.protocol}://${req.host}${authPaths.password.href({ token })}`;

export function userPages(app: App, sessions: SessionStore): void {
  const canManage = (req: FastifyRequest) => Boolean(req.actor && scopeFor(req.actor.roles, "users.manage"));

  async function showUser(req: FastifyRequest, id: string, extra: { values?: Values; failure?: FormFailure; notice?: string } = {}) {
    const user = await organisation.getUser(req.ctx, id);
    const manage = canManage(req);
    const units = manage ? await listUnits(req.ctx) : [];
    const signIns = manage ? await userSignIns(req.ctx, user.id) : undefined;
    return <UserPage view={req.view} user={user} units={units} canManage={manage} signIns={signIns} {...extra} />;
  }

  app.get(paths.users.pattern, { config: { permission: "users.view" } }, async (req, reply) => {
    const query = listQuery.parse(req.query ?? {});
    const users = await organisation.listUsers(req.ctx, {
      unitId: query.enhet || undefined,
      role: query.roll,
      active: statusFilters[query.status],
    });
    const units = await listUnits(req.ctx);
    return reply.page(<UsersPage view={req.view} users={users} units={units} query={query} canManage={canManage(req)} />);
  });

  app.get(paths.newUser.pattern, { config: { permission: "users.manage" } }, async (req, reply) => {
    const units = await listUnits(req.ctx);
    return reply.page(<NewUserPage view={req.view} units={units} />);
  });

  // The one-time link is in this one answer only: rendered (201), not redirected.
  app.post(paths.newUser.pattern, { config: { permission: "users.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: userCreateBody,
      run: (input) => organisation.createUser(req.ctx, input),
      answer: ({ user, passwordLink }) =>
        reply.page(
          <PasswordLinkPage
            view={req.view}
            user={user}
            url={linkUrl(req, passwordLink.token)}
            expiresAt={passwordLink.expiresAt}
            created
          />,
          201,
        ),
      render: async ({ values, errors }) => (
        <NewUserPage view={req.view} units={await listUnits(req.ctx)} values={values} errors={errors} />
      ),
      rename: listField,
      conflict: "field",
    }),
  );

  app.get<{ Params: { id: string } }>(paths.user.pattern, { config: { permission: "users.view" } }, async (req, reply) =>
    reply.page(await showUser(req, req.params.id, { notice: noticeFrom(req.query, notices) })),
  );

  app.post<{ Params: { id: string } }>(paths.user.pattern, { config: { permission: "users.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: userPatchBody,
      decode: { shown: editFields },
      run: (input) => organisation.updateUser(req.ctx, sessions, req.params.id, input),
      redirect: (user) => paths.user.href({ id: user.id }, { klart: "sparad" }),
      render: ({ values, ...failure }) => showUser(req, req.params.id, { values, failure }),
      rename: listField,
      conflict: "field",
    }),
  );

  app.post<{ Params: { id: string } }>(paths.userStatus.pattern, { config: { permission: "users.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: userPatchBody,
      run: (input) => organisation.updateUser(req.ctx, sessions, req.params.id, input),
      redirect: (user) => paths.user.href({ id: user.id }, { klart: user.active ? "aktiverad" : "inaktiverad" }),
      render: (failure) => showUser(req, req.params.id, { failure }),
      rename: listField,
      conflict: "field",
    }),
  );

  app.post<{ Params: { id: string } }>(paths.passwordLink.pattern, { config: { permission: "users.manage" } }, async (req, reply) => {
    const link = await organisation.resetPassword(req.ctx, req.params.id);
    return reply.page(
      <PasswordLinkPage view={req.view} user={link.user} url={linkUrl(req, link.token)} expiresAt={link.expiresAt} created={false} />,
    );
  });

  // An administrator's hold on a user's sign-ins (decision 0060); each answers 303 back to the user page.
  const signInAction = (
    route: { pattern: string },
    run: (req: FastifyRequest<{ Params: { id: string } }>) => Promise<unknown>,
    done: string,
  ) =>
    app.post<{ Params: { id: string } }>(route.pattern, { config: { permission: "users.manage" } }, async (req, reply) => {
      await run(req);
      return reply.redirect(paths.user.href({ id: req.params.id }, { klart: done }), 303);
    });
  signInAction(paths.endSessions, (req) => endUserSessions(req.ctx, sessions, req.params.id), "inloggningar-avslutade");
  signInAction(paths.lock, (req) => setUserLocked(req.ctx, sessions, req.params.id, true), "last");
  signInAction(paths.unlock, (req) => setUserLocked(req.ctx, sessions, req.params.id, false), "upplast");
  signInAction(paths.resetMfa, (req) => resetUserMfa(req.ctx, req.params.id), "tvasteg-aterstalld");
}
