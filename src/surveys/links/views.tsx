/**
 * The staff's page of survey links for a meeting (who answers which survey, by name) and the
 * printable handout it answers with: one card per respondent with the survey's name, "Förälder"
 * or "Barn", the QR code and the address written out. The handout never names a person.
 */

import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert } from "../../platform/page-parts.tsx";
import { meetingHref } from "../../processes/index.ts";
import { paths } from "./paths.ts";
import type { LinksPageData } from "./service.ts";

const audienceKey = (audience: string) => (audience === "child" ? "links.audience.child" : "links.audience.parent");

export function LinksPage({ view, data, conflict }: { view: View; data: LinksPageData; conflict?: string }) {
  const { t } = view;
  const title = t("links.title", { meeting: data.meetingTypeName });
  return (
    <Layout view={view} title={title}>
      <BackLink href={meetingHref(data.processId, data.meetingId)} text={t("links.back")} />
      <PageHeading>{title}</PageHeading>
      <ConflictAlert message={conflict} reloadHref={paths.links.href({ id: data.processId, meetingId: data.meetingId })} t={t} />
      <p class="ds-paragraph">{t("links.intro")}</p>
      <p class="ds-paragraph sofia-hint" data-size="sm">
        {t("responses.anonymous")}
      </p>
      {data.respondents.length === 0 ? (
        <p class="ds-paragraph">{t("links.none")}</p>
      ) : (
        <>
          <ScrollRegion labelledBy="links-caption">
            <table class="ds-table" data-border>
              <caption id="links-caption">{t("links.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("links.col.name")}</th>
                  <th scope="col">{t("links.col.role")}</th>
                  <th scope="col">{t("links.col.survey")}</th>
                </tr>
              </thead>
              <tbody>
                {data.respondents.map((r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    <td>{r.ageBand ? `${t(`responses.role.${r.role}`)} (${r.ageBand})` : t(`responses.role.${r.role}`)}</td>
                    <td>{r.instrumentName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <form method="post" action={paths.links.href({ id: data.processId, meetingId: data.meetingId })} class="sofia-actions">
            <CsrfField view={view} />
            <button type="submit" class="ds-button" data-variant="primary">
              {t("links.create")}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

export interface HandoutCard {
  url: string;
  /** The QR code's SVG markup (from qrSvg: our own generated markup, no user input). */
  qr: string;
  instrumentName: string;
  audience: string;
  expiresOn: string;
}

/** The handout: shown once, right after the links were made; printing shows the cards only. */
export function HandoutPage({
  view,
  processId,
  meetingId,
  cards,
}: {
  view: View;
  processId: string;
  meetingId: string;
  cards: HandoutCard[];
}) {
  const { t } = view;
  const title = t("links.handout.title");
  return (
    <Layout view={view} title={title}>
      <div class="sofia-handout__screen">
        <BackLink href={meetingHref(processId, meetingId)} text={t("links.back")} />
      </div>
      <PageHeading>{title}</PageHeading>
      <div class="ds-alert sofia-handout__screen" data-color="success" role="status">
        <p class="ds-paragraph">{t("links.created", { n: cards.length })}</p>
      </div>
      <ul class="sofia-handout">
        {cards.map((c, i) => (
          <li class="sofia-handout__card">
            <h2 class="ds-heading" data-size="sm" id={`card-${i}`}>
              {c.instrumentName}
            </h2>
            <p class="sofia-handout__audience">{t(audienceKey(c.audience))}</p>
            <div class="sofia-handout__qr" role="img" aria-label={t("links.handout.qr")} dangerouslySetInnerHTML={{ __html: c.qr }} />
            <p class="ds-paragraph">{t("links.handout.card")}</p>
            <p class="ds-paragraph sofia-handout__url">
              <code>{c.url}</code>
            </p>
            <p class="ds-paragraph" data-size="sm">
              {t("links.handout.expires", { date: c.expiresOn })}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
