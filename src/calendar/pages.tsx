/**
 * The own calendar settings (/konto/kalender: the personal feed's address, the daily reminder, what
 * leaves Sofia and what does not) and the feed itself (/kalender/<secret>.ics, public by its secret,
 * rate-limited, 404 when revoked).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, NotFoundError } from "../platform/errors.ts";
import { decodeForm } from "../platform/form-decode.ts";
import { formFailure } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { FEED_RATE, RateLimiter, remindersInput, secretOfFile } from "./model.ts";
import { paths } from "./paths.ts";
import { baseUrlOf, calendarSettings, createFeed, feedCalendar, feedUrl, revokeFeed, setReminders } from "./service.ts";
import { SettingsView } from "./views.tsx";

/** No copy anywhere and no referrer: the address carries the feed's secret. */
async function secretPage(_req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header("cache-control", "no-store");
  reply.header("referrer-policy", "no-referrer");
}

class TooManyRequestsError extends AppError {
  constructor() {
    super(429, "error.tooManyRequests");
  }
}

export function calendarPages(app: App, deps: ModuleDeps): void {
  const own = { config: { permission: "account.manage_own" as const } };
  const limiter = new RateLimiter(FEED_RATE.limit, FEED_RATE.windowMs);
  const base = (req: FastifyRequest) => (deps.config.publicUrl ? baseUrlOf(deps.config) : `${req.protocol}://${req.host}`);

  app.get(paths.settings.pattern, own, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const notice = q.aterkallad ? "calendar.feed.revokedNotice" : q.sparad ? "calendar.reminders.savedNotice" : undefined;
    return reply.page(<SettingsView view={req.view} data={await calendarSettings(req.ctx)} notice={notice} />);
  });

  // The address is in this one answer only: rendered, not redirected, and never cached.
  app.post(paths.createFeed.pattern, own, async (req, reply) => {
    const { secret } = await createFeed(req.ctx);
    reply.header("referrer-policy", "no-referrer");
    return reply.page(<SettingsView view={req.view} data={await calendarSettings(req.ctx)} newFeedUrl={feedUrl(base(req), secret)} />, 201);
  });

  app.post(paths.revokeFeed.pattern, own, async (req, reply) => {
    await revokeFeed(req.ctx);
    return reply.redirect(paths.settings.href({ aterkallad: 1 }), 303);
  });

  app.post(paths.reminders.pattern, own, async (req, reply) => {
    try {
      await setReminders(req.ctx, decodeForm(remindersInput, req.body));
    } catch (e) {
      const failure = formFailure(e, req.t);
      return reply.page(<SettingsView view={req.view} data={await calendarSettings(req.ctx)} errors={failure.errors} />, failure.status);
    }
    return reply.redirect(paths.settings.href({ sparad: 1 }), 303);
  });

  app.get<{ Params: { file: string } }>(
    paths.feed.pattern,
    { config: { permission: "public" }, onRequest: secretPage },
    async (req, reply) => {
      const wait = limiter.hit(req.ip, Date.now());
      if (wait > 0) {
        reply.header("retry-after", String(wait));
        throw new TooManyRequestsError();
      }
      const secret = secretOfFile(req.params.file);
      if (!secret) throw new NotFoundError();
      const body = await feedCalendar(req.ctx.db, secret, req.ctx.clock.today(), req.ctx.clock.now(), base(req));
      if (body === null) throw new NotFoundError();
      return reply.type("text/calendar; charset=utf-8").header("content-disposition", 'inline; filename="sofia.ics"').send(body);
    },
  );
}
