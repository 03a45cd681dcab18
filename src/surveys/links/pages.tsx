/** The staff's survey links for a meeting: who answers which survey, then the printable handout (shown once). */

import type { FastifyRequest } from "fastify";
import { calendarDateInSweden } from "../../platform/dates.ts";
import { ConflictError } from "../../platform/errors.ts";
import type { App } from "../../platform/http.ts";
import { SurveyRefusedPage } from "../paper/index.ts";
import { qrSvg } from "../qr.ts";
import { paths } from "./paths.ts";
import { createLinks, linksPage } from "./service.ts";
import { HandoutPage, LinksPage } from "./views.tsx";

type Params = { Params: { id: string; meetingId: string } };

/** The full address of a link, for the QR code and to be typed in. */
export const linkUrl = (req: FastifyRequest, path: string) => `${req.protocol}://${req.host}${path}`;

export function linksPages(app: App): void {
  app.get<Params>(paths.links.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const { id, meetingId } = req.params;
    try {
      return reply.page(<LinksPage view={req.view} data={await linksPage(req.ctx, id, meetingId)} />);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      return reply.page(
        <SurveyRefusedPage
          view={req.view}
          processId={id}
          meetingId={meetingId}
          titleKey="links.refusedTitle"
          backKey="links.back"
          message={req.t(e.messageKey)}
        />,
        409,
      );
    }
  });

  app.post<Params>(paths.links.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const { id, meetingId } = req.params;
    let conflict: string;
    try {
      const { links } = await createLinks(req.ctx, id, meetingId);
      const cards = await Promise.all(
        links.map(async (l) => {
          const url = linkUrl(req, l.path);
          return {
            url,
            qr: await qrSvg(url),
            instrumentName: l.instrumentName,
            audience: l.audience,
            expiresOn: calendarDateInSweden(l.expiresAt),
          };
        }),
      );
      // The tokens are in this answer only: no copy in any cache, no referrer from it.
      reply.header("referrer-policy", "no-referrer");
      return reply.page(<HandoutPage view={req.view} processId={id} meetingId={meetingId} cards={cards} />);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      if (e.messageKey === "links.notHeld") {
        return reply.page(
          <SurveyRefusedPage
            view={req.view}
            processId={id}
            meetingId={meetingId}
            titleKey="links.refusedTitle"
            backKey="links.back"
            message={req.t(e.messageKey)}
          />,
          409,
        );
      }
      conflict = req.t(e.messageKey);
    }
    return reply.page(<LinksPage view={req.view} data={await linksPage(req.ctx, id, meetingId)} conflict={conflict} />, 409);
  });
}
