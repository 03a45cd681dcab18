import crypto from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import { z } from "zod";
import { onlyReferencedSchemas } from "./api-schemas.ts";
import { appRoot } from "./app-root.ts";
import type { Actor } from "./auth-types.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import { logSecurityEvent, type ServiceContext, takeRefusedInput } from "./context.ts";
import type { Database } from "./database.ts";
import { AppError, ConflictError, errorSummary, type FieldErrors, ValidationError } from "./errors.ts";
import { isLocale, type Locale, type Translate, translator } from "./i18n.ts";
import { type Action, isAction, scopeFor } from "./permissions.ts";

export type { Action };

import { countShed, observePool, setUpMetrics } from "./metrics.ts";
import { inFlightLimit, isDatabaseBusy, isDatabaseDown, limitInFlight, RETRY_AFTER_SECONDS } from "./overload.ts";
import { limitRate } from "./rate-limit.ts";
import { securityHeaders } from "./security-headers.ts";
import { type SessionStore, sessionCookieName } from "./sessions.ts";
import { UNSTORABLE_TEXT, unstorableFields } from "./storable-text.ts";

z.config(z.locales.sv());

/** What a route must declare: an action from the policy table, or that it is open. */
export type RoutePermission = Action | "public" | "authenticated";

/** One registered route, as `app.routeTable` lists it. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
  /** The route's zod body schema, when it declares one (the JSON API). */
  body: unknown;
  /** Whether Fastify validates any of its input (body, query string or path parameters) before the handler. */
  validated: boolean;
}

declare module "fastify" {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * "public": the answer may be kept by caches (static files). Any other answer to a logged-in
     * request, and every API answer, is sent with Cache-Control: no-store (security-headers.ts).
     */
    cache?: "public";
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** The survey kiosk this login session is locked to (sessions.kiosk_session_id), or null. */
    kioskSessionId: string | null;
    /**
     * A half-session after a correct password (decision 0060): the user who must still give the
     * code from their app (`mfa`) or enrol (`enrol`). `actor` stays null until then.
     */
    pendingLogin: { userId: string; stage: "mfa" | "enrol" } | null;
    csrfToken: string;
    locale: Locale;
    t: Translate;
    cspNonce: string;
    ctx: ServiceContext;
    view: View;
    /** Fields of the body or query whose text cannot be stored (storable-text.ts), for the form to show; null when none. */
    refusedInput: FieldErrors | null;
  }
  interface FastifyInstance {
    /** Routes registered without a permission; a test requires this list to be empty. */
    undeclaredRoutes: string[];
    /**
     * Every route as registered (method, pattern, declared permission, whether it has a body
     * schema): the authorization matrix and the fuzz test are generated from it (src/security/).
     */
    routeTable: RouteEntry[];
  }
  interface FastifyReply {
    /** A page: a VNode rendered now, or HTML already rendered (platform/page-template.ts). */
    page(node: VNode | string, status?: number): FastifyReply;
  }
}

/** What a page needs to render its frame; built once per request. */
export interface View {
  t: Translate;
  locale: Locale;
  actor: Actor | null;
  csrfToken: string;
  nonce: string;
  /** Current path, for the language switch and "return to" links; never carries personal data. */
  path: string;
  idleSeconds: number;
  warnSeconds: number;
}

export type App = FastifyInstance<
  import("node:http").Server,
  import("node:http").IncomingMessage,
  import("node:http").ServerResponse,
  import("fastify").FastifyBaseLogger,
  ZodTypeProvider
>;

const require = createRequire(import.meta.url);
// dist/ of the Designsystemet package: src/index.css (components) and theme/designsystemet.css.
const designsystemetDir = path.resolve(path.dirname(require.resolve("@digdir/designsystemet-css")), "..");

export const ANON_CSRF_COOKIE = "sofia_csrf";
export const LOCALE_COOKIE = "sofia_lang";

export interface HttpDeps {
  config: Config;
  database: Database;
  sessions: SessionStore;
  /** The time every request's ServiceContext carries (decision 0033). */
  clock: Clock;
  /** Where the log goes (standard output unless a test captures it). */
  logStream?: { write(line: string): void };
}

/** What a browser locked to a survey kiosk may still reach: the kiosk's own pages, static files, health, the language. */
export function kioskAllows(url: string): boolean {
  const p = url.split("?")[0] ?? "";
  return p === "/kiosk" || p.startsWith("/kiosk/") || p.startsWith("/static/") || p === "/healthz" || p === "/sprak";
}

export function isApiPath(url: string): boolean {
  return url === "/api/v1" || url.startsWith("/api/");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * The HTTP frame every capability plugs into: parsing, static files, security headers, the
 * session, CSRF, language, the permission every route declares, and the error pages.
 */
export async function createHttpServer(deps: HttpDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: 1024 * 1024,
    // A URL the router cannot take (too long a parameter, a broken escape): problem+json under /api, else the error page.
    frameworkErrors: (error, req, reply) => frameworkError(error, req, reply),
    // The HTTP parser's own refusals (headers too large, a malformed request) come before any route: problem+json.
    clientErrorHandler: clientError,
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Never log query strings, cookies, bodies or path parameters (one-time links carry secrets):
      // only the route pattern, e.g. /losenord/:token.
      serializers: {
        req: (req) => ({
          method: req.method,
          route: (req as unknown as FastifyRequest).routeOptions?.url ?? "unmatched",
          id: req.id,
        }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const undeclared: string[] = [];
  const routeTable: RouteEntry[] = [];
  app.addHook("onRoute", (route) => {
    // The static-file plugin cannot take route config: its files are public by construction.
    if (route.url.startsWith("/static/")) route.config = { ...route.config, permission: "public", cache: "public" };
    if (!route.config?.permission) undeclared.push(`${route.method} ${route.url}`);
    for (const method of [route.method].flat()) {
      const schema = route.schema;
      const validated = Boolean(schema?.body || schema?.querystring || schema?.params);
      routeTable.push({ method, url: route.url, permission: route.config?.permission, body: schema?.body, validated });
    }
  });
  app.decorate("undeclaredRoutes", undeclared);
  app.decorate("routeTable", routeTable);

  await apiReference(app);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: path.join(appRoot, "public"),
    prefix: "/static/",
    maxAge: "1h",
  });
  await app.register(fastifyStatic, {
    root: designsystemetDir,
    prefix: "/static/ds/",
    decorateReply: false,
    maxAge: "1d",
    allowedPath: (p: string) => p === "/src/index.css" || p === "/theme/designsystemet.css",
  });

  decorate(app);
  securityHeaders(app);
  setUpMetrics(app);
  const stopObservingPool = observePool(deps.database.pool);
  app.addHook("onClose", async () => stopObservingPool());
  // First of the app's own request hooks: a request beyond the bound is refused before it reads its session.
  limitInFlight(app as unknown as FastifyInstance, inFlightLimit(config.maxInFlight, deps.database), overloaded);

  identifyRequests(app, deps);
  authenticateApiTokens(app, deps);
  // Once the token is known, before the body is read: the API and the forms beyond login (decision 0057).
  limitRate(app as unknown as FastifyInstance, { database: deps.database, clock: deps.clock, limits: config.rateLimit }, tooManyRequests);
  checkPermission(app, deps);
  refuseUnstorableText(app);
  checkEveryRequest(app, deps);
  errorResponses(app);

  return app as unknown as App;
}

/** What every request and reply carries: who asks, in which language, and how a page is sent. */
function decorate(app: App) {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("kioskSessionId", null);
  app.decorateRequest("pendingLogin", null);
  app.decorateRequest("csrfToken", "");
  app.decorateRequest("locale", "sv");
  app.decorateRequest("cspNonce", "");
  app.decorateRequest("t", null as never);
  app.decorateRequest("ctx", null as never);
  app.decorateRequest("view", null as never);
  app.decorateRequest("refusedInput", null);

  app.decorateReply("page", function (this: FastifyReply, node: VNode | string, status = 200) {
    this.code(status)
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(typeof node === "string" ? node : `<!doctype html>${render(node)}`);
    return this;
  });
}

/** OpenAPI 3.1 from the zod schemas of the /api/v1 routes; pages are left out of the document. */
async function apiReference(app: App) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Sofia API",
        version: "1",
        description:
          "JSON-API för integrationer. Samma tjänster och behörigheter som webbsidorna. Autentisering med personlig åtkomstnyckel (Authorization: Bearer). Fel besvaras som application/problem+json.",
      },
      components: { securitySchemes: { accessToken: { type: "http", scheme: "bearer" } } },
      security: [{ accessToken: [] }],
    },
    // Each operation carries the permission its route declares (`x-permission`), so that the
    // reference page can tell which scope a token needs.
    transform: (args) => {
      if (!args.url.startsWith("/api/v1/")) return { schema: { ...args.schema, hide: true }, url: args.url };
      const out = jsonSchemaTransform(args);
      const permission = args.route.config?.permission;
      return out.schema?.hide || !permission ? out : { ...out, schema: { ...out.schema, "x-permission": permission } as typeof out.schema };
    },
    transformObject: (args) => onlyReferencedSchemas(jsonSchemaTransformObject(args)),
  });
}

/** Who is asking, in which language, with which CSRF token; the survey kiosk's lock. */
function identifyRequests(app: App, { database, sessions }: HttpDeps) {
  app.addHook("onRequest", async (req, reply) => {
    const api = isApiPath(req.url);
    // The API answers JSON: no script to allow, no form to protect (it never reads cookies).
    if (!api) req.cspNonce = crypto.randomBytes(16).toString("base64");
    const lang = req.cookies[LOCALE_COOKIE];
    req.locale = isLocale(lang) ? lang : "sv";
    if (api && /^en\b/i.test(String(req.headers["accept-language"] ?? ""))) req.locale = "en";
    req.t = translator(req.locale);

    const secure = req.protocol === "https";
    const token = req.cookies[sessionCookieName(secure)];
    let csrf: string | undefined;
    if (token && !api) {
      const found = await sessions.resume(database.db, token);
      if (found) {
        req.actor = found.actor;
        req.sessionToken = token;
        req.kioskSessionId = found.kioskSessionId;
        if (found.stage !== "full") req.pendingLogin = { userId: found.userId, stage: found.stage };
        csrf = found.csrfToken;
      } else {
        reply.clearCookie(sessionCookieName(secure), { path: "/" });
        (req as { sessionExpired?: boolean }).sessionExpired = true;
      }
    }
    if (!csrf && !api) {
      csrf = req.cookies[ANON_CSRF_COOKIE];
      if (!csrf || !/^[A-Za-z0-9_-]{43}$/.test(csrf)) {
        csrf = crypto.randomBytes(32).toString("base64url");
        reply.setCookie(ANON_CSRF_COOKIE, csrf, { path: "/", httpOnly: true, sameSite: "lax", secure });
      }
    }
    req.csrfToken = csrf ?? "";

    // Survey kiosk lock (surveys/kiosk/service.ts): while the login session is handed to a family as a
    // kiosk, everything but the kiosk's own pages (logout too) goes back to the hand-back page,
    // and the API is refused. kiosk_session_id comes with the session row above; only an /api
    // request that carries the session cookie (which the API never reads) costs one lookup.
    if (token && !kioskAllows(req.url)) {
      const kiosk = api ? await sessions.kioskOf(database.db, token) : req.kioskSessionId;
      if (kiosk) {
        if (api) return problem(reply, 403, req.t("kiosk.locked"));
        return reply.redirect("/kiosk", 303);
      }
    }
  });
}

/**
 * The API authenticates with personal access tokens (Authorization: Bearer), never cookies.
 * A request without a valid token is refused here, before its body is validated, so that an
 * anonymous caller learns nothing from validation messages.
 */
function authenticateApiTokens(app: App, { database, sessions }: HttpDeps) {
  app.addHook("onRequest", async (req) => {
    if (!isApiPath(req.url)) return;
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      req.actor = await sessions.actorForApiToken(database.db, header.slice(7).trim());
    }
    const permission = req.routeOptions.config?.permission;
    if (!req.actor && permission && permission !== "public" && !req.is404) {
      await logSecurityEvent(
        { db: database.db, actor: null, ip: req.ip, route: req.routeOptions.url, method: req.method },
        "unauthenticated",
      );
      throw new AppError(401, "error.unauthenticated");
    }
  });
}

/** Each request's service context and view, then CSRF and the permission its route declares. */
function checkEveryRequest(app: App, { database, clock, config }: HttpDeps) {
  app.addHook("preHandler", async (req) => {
    req.ctx = {
      db: database.db,
      actor: req.actor,
      ip: req.ip,
      clock,
      route: req.routeOptions.url ?? req.url.split("?")[0],
      method: req.method,
      locale: req.locale,
      input: { refused: req.refusedInput },
      userAgent: typeof req.headers["user-agent"] === "string" ? req.headers["user-agent"] : undefined,
    };
    req.view = {
      t: req.t,
      locale: req.locale,
      actor: req.actor,
      csrfToken: req.csrfToken,
      nonce: req.cspNonce,
      path: req.url.split("?")[0] ?? "/",
      idleSeconds: config.session.idleMinutes * 60,
      warnSeconds: config.session.warnBeforeMinutes * 60,
    };

    if (req.is404) return;
    // CSRF: every state-changing request from a browser carries the token of its session.
    if (!isApiPath(req.url) && !["GET", "HEAD", "OPTIONS"].includes(req.method)) {
      const body = req.body as Record<string, unknown> | undefined;
      const sent = String((body && typeof body === "object" ? body._csrf : undefined) ?? req.headers["x-csrf-token"] ?? "");
      if (!sent || !safeEqual(sent, req.csrfToken)) {
        await logSecurityEvent(req.ctx, "csrf_rejected");
        throw new AppError(403, "error.csrf");
      }
    }
  });
}

/**
 * The permission the route declares, before its body is read or validated (issue 17 item 9): a
 * forbidden write is 403 whatever it sends, and an upload is not parsed for someone who may not
 * make it. No actor: redirect to the login (pages) or 401 (API). An actor whose roles (and, for
 * an API token, whose token's scopes) lack the action: 403 and a security-log row.
 */
function checkPermission(app: App, { database }: HttpDeps) {
  app.addHook("onRequest", async (req, reply) => {
    if (req.is404) return;
    const permission = req.routeOptions.config?.permission;
    if (!permission) throw new Error(`Route ${req.method} ${req.routeOptions.url} declares no permission`);
    if (permission === "public") return;
    if (!req.actor) {
      if (isApiPath(req.url)) throw new AppError(401, "error.unauthenticated");
      // A half-session can do nothing but its second step (auth's mfa pages; the platform imports no module).
      if (req.pendingLogin) return reply.redirect(req.pendingLogin.stage === "mfa" ? "/logga-in/kod" : "/tvastegsverifiering", 303);
      const expired = (req as { sessionExpired?: boolean }).sessionExpired;
      return reply.redirect(`/logga-in${expired ? "?orsak=inaktiv" : ""}`, 303);
    }
    if (permission === "authenticated") return;
    const token = req.actor.apiToken;
    const allowed = isAction(permission) && scopeFor(req.actor.roles, permission) && (!token || token.scopes.includes(permission));
    if (!allowed) {
      const ctx = { db: database.db, actor: req.actor, ip: req.ip, route: req.routeOptions.url, method: req.method };
      await logSecurityEvent(
        ctx,
        isAction(permission) && scopeFor(req.actor.roles, permission) ? "token_scope_denied" : "permission_denied",
        permission,
      );
      throw new AppError(403, "error.forbidden");
    }
  });
}

/**
 * Text that cannot be stored (storable-text.ts), looked for once in every body and query before
 * anything validates them (issue 17 item 1). On the API it is the answer: 400 problem+json with
 * each field. A page's form shows it as its fields' errors: `handleForm` takes it first, and
 * otherwise the first `authorize` refuses it (ServiceContext.input), so that no use case runs.
 */
function refuseUnstorableText(app: App) {
  app.addHook("preValidation", async (req) => {
    const refused = { ...unstorableFields(req.query), ...unstorableFields(req.body) };
    if (Object.keys(refused).length === 0) return;
    if (isApiPath(req.url)) throw new ValidationError(refused);
    req.refusedInput = refused;
  });
}

/**
 * Not found and every error as a page or as problem+json, in the request's language. A database
 * that went away is answered 503 with Retry-After and logged once (its code, nothing of the query),
 * until an answer shows it is back (decision 0057); the pool reconnects by itself.
 */
function errorResponses(app: App) {
  let databaseDown = false;
  app.addHook("onResponse", async (req, reply) => {
    if (databaseDown && reply.statusCode < 500 && !neverCounted(req.url)) {
      databaseDown = false;
      req.log.info("database reachable again");
    }
  });
  app.setNotFoundHandler(async (req, reply) => {
    const t = req.t ?? translator("sv");
    if (isApiPath(req.url)) return problem(reply, 404, t("error.notFound"));
    return reply.page(await errorPage(req, 404), 404);
  });

  app.setErrorHandler(async (thrown: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    const t = req.t ?? translator("sv");
    const api = isApiPath(req.url);
    if (isDatabaseBusy(thrown)) {
      countShed("database");
      return overloaded(req, reply);
    }
    // Text that cannot be stored, which no form or use case took (a query that failed on it): the field error it is.
    const refused = thrown instanceof AppError || thrown.validation ? null : (takeRefusedInput(req.ctx) ?? req.refusedInput);
    const error = refused ? new ValidationError(refused) : thrown;
    if (isDatabaseDown(error)) {
      if (!databaseDown) {
        databaseDown = true;
        req.log.error(
          { code: (error as { code?: string }).code ?? (error.cause as { code?: string } | undefined)?.code },
          "database unreachable",
        );
      }
      return databaseUnreachable(req, reply);
    }
    if (error instanceof ValidationError) {
      const unstorable = Object.values(error.fieldErrors).includes(UNSTORABLE_TEXT);
      return api
        ? problem(reply, 400, t("error.validation"), fieldErrorList(error.fieldErrors, t))
        : reply.page(await errorPage(req, 400, { title: t("error.validation"), ...(unstorable ? { text: t(UNSTORABLE_TEXT) } : {}) }), 400);
    }
    if (error instanceof AppError) {
      const message = t(error.messageKey, error.params);
      // A duplicate belongs to a field: say which, as for any other field error.
      const fields = error instanceof ConflictError && error.field ? [{ field: error.field, message }] : undefined;
      if (api) return problem(reply, error.status, message, fields);
      if (error.status === 401) return reply.redirect("/logga-in", 303);
      const content =
        error.messageKey === "error.csrf"
          ? { title: t("error.csrf.title"), text: message }
          : error.messageKey.startsWith("error.") && error.status === 403
            ? {}
            : { title: message };
      return reply.page(await errorPage(req, error.status, content), error.status);
    }
    if (error.validation && Array.isArray(error.validation)) {
      // fastify-type-provider-zod puts the path in instancePath ("/roles/0") and its message in
      // message: a catalog key when the schema names one, else zod's own (Swedish) text, which t() keeps.
      const context = (error as { validationContext?: string }).validationContext ?? "body";
      const fields: Array<{ field: string; message: string }> = [];
      for (const v of error.validation as Array<{ instancePath?: string; message?: string }>) {
        const field = (v.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".") || context;
        if (!fields.some((f) => f.field === field)) fields.push({ field, message: v.message ? t(v.message) : t("error.validation") });
      }
      return api ? problem(reply, 400, t("error.validation"), fields) : reply.page(await errorPage(req, 400), 400);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const key =
        error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
          ? "error.tooLarge"
          : error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
            ? "error.unsupportedMediaType"
            : error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError
              ? "error.malformedJson"
              : "error.badRequest";
      return api ? problem(reply, status, t(key)) : reply.page(await errorPage(req, status, { title: t(key) }), status);
    }
    // Never the error itself: a query's message carries its parameters (issue 17 item 2). The
    // reference is the request's id, which the answer shows (the page's error code, `instance`).
    req.log.error({ ref: req.id, error: errorSummary(error) }, "unhandled error");
    return api
      ? problem(reply, 500, t("error.server.text", { ref: req.id }), undefined, `urn:uuid:${req.id}`)
      : reply.page(await errorPage(req, 500), 500);
  });
}

/**
 * 503 with Retry-After (platform/overload.ts): problem+json under /api, else the error page. It may
 * run before the request was identified, so it reads the language cookie itself and no session.
 */
async function overloaded(req: FastifyRequest, reply: FastifyReply) {
  ensureTranslator(req);
  if (!req.cspNonce) req.cspNonce = crypto.randomBytes(16).toString("base64");
  reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  const t = req.t;
  if (isApiPath(req.url)) return problem(reply, 503, t("error.overloaded.api", { seconds: RETRY_AFTER_SECONDS }));
  return reply.page(
    await errorPage(req, 503, { title: t("error.overloaded"), text: t("error.overloaded.text", { seconds: RETRY_AFTER_SECONDS }) }),
    503,
  );
}

/** Requests that never touch the database: they say nothing about whether it is back. */
const neverCounted = (url: string) => url.startsWith("/static/") || url === "/metrics";

/** 503 with Retry-After while the database is gone: problem+json under /api, else the error page. */
async function databaseUnreachable(req: FastifyRequest, reply: FastifyReply) {
  const t = req.t ?? translator("sv");
  if (!req.cspNonce) req.cspNonce = crypto.randomBytes(16).toString("base64");
  reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  if (isApiPath(req.url)) return problem(reply, 503, t("error.databaseDown.api", { seconds: RETRY_AFTER_SECONDS }));
  return reply.page(
    await errorPage(req, 503, { title: t("error.databaseDown"), text: t("error.databaseDown.text", { seconds: RETRY_AFTER_SECONDS }) }),
    503,
  );
}

/** 429 with Retry-After (set by platform/rate-limit.ts): problem+json under /api, else the error page, in the request's language. */
async function tooManyRequests(req: FastifyRequest, reply: FastifyReply, seconds: number) {
  const t = req.t ?? translator("sv");
  if (isApiPath(req.url)) return problem(reply, 429, t("error.rateLimited.api", { seconds }));
  return reply.page(await errorPage(req, 429, { title: t("error.rateLimited"), text: t("error.rateLimited.text", { seconds }) }), 429);
}

function fieldErrorList(fields: Record<string, string>, t: Translate) {
  return Object.entries(fields).map(([field, message]) => ({ field, message: t(message) }));
}

export function problem(
  reply: FastifyReply,
  status: number,
  title: string,
  errors?: Array<{ field: string; message: string }>,
  /** The error's reference (RFC 9457 `instance`), e.g. the request id of an unexpected error. */
  instance?: string,
) {
  return reply
    .code(status)
    .header("content-type", "application/problem+json; charset=utf-8")
    .header("cache-control", "no-store")
    .send(JSON.stringify({ type: "about:blank", title, status, ...(instance ? { instance } : {}), ...(errors ? { errors } : {}) }));
}

/** The language of a request the hooks have not seen (a framework error, an overload): its cookie, or Accept-Language on the API. */
function ensureTranslator(req: FastifyRequest) {
  if (!req.t) {
    const lang = req.cookies?.[LOCALE_COOKIE] ?? /(?:^|;\s*)sofia_lang=([a-z]{2})/.exec(String(req.headers.cookie ?? ""))?.[1];
    req.locale = isLocale(lang) ? lang : "sv";
    if (isApiPath(req.url) && /^en\b/i.test(String(req.headers["accept-language"] ?? ""))) req.locale = "en";
    req.t = translator(req.locale);
  }
}

/**
 * A URL the router refuses before any route or hook (issue 17 item 9): a parameter longer than the
 * router takes (414) or a broken percent-escape (400). problem+json under /api, else the error page.
 * The URL itself is never logged or echoed.
 */
async function frameworkError(error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  ensureTranslator(req);
  if (!req.cspNonce) req.cspNonce = crypto.randomBytes(16).toString("base64");
  const [status, key] = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? [414, "error.uriTooLong"] : [400, "error.badUrl"];
  if (isApiPath(req.url)) return problem(reply, status, req.t(key));
  return reply.page(await errorPage(req, status, { title: req.t(key) }), status);
}

/**
 * The HTTP parser's refusals (a request or its headers too large, a malformed request): answered on
 * the socket as problem+json, in Swedish (no route, language or session is known yet).
 */
function clientError(error: Error & { code?: string }, socket: import("node:stream").Duplex) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const t = translator("sv");
  const title = status === 431 ? t("error.tooLarge") : status === 408 ? t("error.badRequest") : t("error.badRequest");
  const body = JSON.stringify({ type: "about:blank", title, status });
  const reason = status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
  );
}

async function errorPage(req: FastifyRequest, status: number, content: { title?: string; text?: string } = {}): Promise<VNode> {
  const { ErrorPage } = await import("./error-page.tsx");
  const view: View = req.view ?? {
    t: req.t ?? translator("sv"),
    locale: req.locale ?? "sv",
    actor: req.actor ?? null,
    csrfToken: req.csrfToken ?? "",
    nonce: req.cspNonce ?? "",
    path: "/",
    idleSeconds: 1800,
    warnSeconds: 300,
  };
  return ErrorPage({ view, status, ...content, requestId: req.id });
}
