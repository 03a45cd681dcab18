/** The response rate where staff see it: a part of a held meeting's page and a section of the process page. Counts only. */

import type { View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { ScrollRegion } from "../../platform/layout.tsx";
import { meetingPaths } from "../meetings/index.ts";
import type { Rate, SurveySectionData } from "./service.ts";

const meetingHref = (processId: string, meetingId: string) => meetingPaths.meeting.href({ id: processId, meetingId });

/** The surveys module's paper form of a meeting (its own route, under the meeting's page). */
export const paperHref = (processId: string, meetingId: string) => `${meetingHref(processId, meetingId)}/enkat/papper`;

export const rateText = (t: Translate, rate: Rate) => t("responses.rate.line", { responses: rate.responses, attended: rate.attended });

/** The survey part of a held meeting's page: how many answered, and the way to type in a paper form. */
export function MeetingSurveyPart({
  t,
  processId,
  meetingId,
  rate,
  canWork,
}: {
  t: Translate;
  processId: string;
  meetingId: string;
  rate: Rate;
  canWork: boolean;
}) {
  return (
    <section aria-labelledby="survey-h" class="sofia-section">
      <h2 id="survey-h" class="ds-heading" data-size="sm">
        {t("responses.meeting.title")}
      </h2>
      <p class="ds-paragraph">{rateText(t, rate)}</p>
      <p class="ds-paragraph sofia-hint" data-size="sm">
        {t("responses.anonymous")}
      </p>
      {canWork && (
        <div class="sofia-actions">
          <a class="ds-link" href={`${meetingHref(processId, meetingId)}/enkatlankar`}>
            {t("links.link")}
          </a>
          <a class="ds-link" href={paperHref(processId, meetingId)}>
            {t("responses.paper.link")}
          </a>
          <a class="ds-link" href={`${meetingHref(processId, meetingId)}/surfplatta`}>
            {t("kiosk.link")}
          </a>
        </div>
      )}
    </section>
  );
}

/** The process page's section: one line per held meeting that a survey follows, and the total per meeting type. */
export function SurveySection({ view, processId, data }: { view: View; processId: string; data: SurveySectionData }) {
  const { t } = view;
  if (data.minimal) return null;
  return (
    <section aria-labelledby="surveys-h" class="sofia-section" id="enkater">
      <h2 id="surveys-h" class="ds-heading" data-size="sm">
        {t("responses.section.title")}
      </h2>
      {data.meetings.length === 0 ? (
        <p class="ds-paragraph">{t("responses.section.none")}</p>
      ) : (
        <>
          <ul class="ds-list">
            {data.meetings.map((m) => (
              <li>
                <a class="ds-link" href={meetingHref(processId, m.meetingId)}>
                  {t("responses.section.meeting", { meeting: m.meetingTypeName, date: m.heldOn })}
                </a>
                {`: ${rateText(t, m)}`}
              </li>
            ))}
          </ul>
          <ScrollRegion labelledBy="surveys-caption">
            <table class="ds-table" data-border>
              <caption id="surveys-caption">{t("responses.section.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("responses.col.type")}</th>
                  <th scope="col">{t("responses.col.meetings")}</th>
                  <th scope="col">{t("responses.col.attended")}</th>
                  <th scope="col">{t("responses.col.responses")}</th>
                </tr>
              </thead>
              <tbody>
                {data.types.map((r) => (
                  <tr>
                    <th scope="row">{r.meetingTypeName}</th>
                    <td>{r.meetings}</td>
                    <td>{r.attended}</td>
                    <td>{r.responses}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p class="ds-paragraph sofia-hint" data-size="sm">
            {t("responses.anonymous")}
          </p>
        </>
      )}
    </section>
  );
}
