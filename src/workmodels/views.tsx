/** The read side's views: the list of work models and one version's whole content. */
import type { View } from "../platform/http.ts";
import { formatDateTime, type Translate } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { DocumentVersions } from "../platform/versioned-views.tsx";
import type { MeetingType, Stop } from "./model.ts";
import { paths, versionHref } from "./paths.ts";
import type { WorkModelSummary, WorkModelVersion } from "./service.ts";

const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "workmodels.manage");

export function ListPage({ view, models, notice }: { view: View; models: WorkModelSummary[]; notice?: string }) {
  const { t } = view;
  const manage = canManage(view);
  return (
    <Layout view={view} title={t("workmodels.list.title")}>
      <PageHeading>{t("workmodels.list.title")}</PageHeading>
      <Notice text={notice} />
      <p class="ds-paragraph">{t("workmodels.list.intro")}</p>
      {models.length === 0 && <p class="ds-paragraph">{t("workmodels.list.none")}</p>}
      {models.map((m) => (
        <DocumentVersions
          view={view}
          document={m}
          documentRef={m.id}
          prefix="workmodels"
          versionHref={versionHref}
          draftAction={paths.newDraft.href({ id: m.id })}
          manage={manage}
          headingId={`wm-${m.id}`}
        />
      ))}
    </Layout>
  );
}

function participantsText(t: Translate, m: MeetingType) {
  return m.participants.map((p) => t(`workmodels.participant.${p}`)).join(", ");
}

function appliesText(t: Translate, m: MeetingType) {
  return m.scope === "child" ? t("workmodels.scope.childFrom", { age: m.minChildAge ?? 0 }) : t("workmodels.scope.family");
}

/** The event a stop's due date is counted from, in words. */
export function eventText(t: Translate, s: Stop, meetingName: (key: string) => string) {
  return s.due.event === "meeting_held"
    ? t("workmodels.due.meeting_held", { meeting: meetingName(s.due.meetingTypeKey ?? "") })
    : t(`workmodels.due.${s.due.event}`);
}

export function dueText(t: Translate, s: Stop, meetingName: (key: string) => string) {
  return t("workmodels.due.text", { days: s.due.days, event: eventText(t, s, meetingName) });
}

function Checklist({ items, t, id }: { items: string[]; t: Translate; id: string }) {
  return (
    <>
      <h4 id={id} class="ds-heading" data-size="2xs">
        {t("workmodels.checklist")}
      </h4>
      {items.length === 0 ? (
        <p class="ds-paragraph">{t("workmodels.checklist.none")}</p>
      ) : (
        <ul class="ds-list" aria-labelledby={id}>
          {items.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function VersionPage(props: { view: View; data: WorkModelVersion; notice?: string; conflict?: string }) {
  const { view, data } = props;
  const { t } = view;
  const { meetingTypes, stops } = data.content;
  const title = t("workmodels.version.title", { name: data.document.name, n: data.number });
  const meetingName = (key: string) => meetingTypes.find((m) => m.key === key)?.name ?? key;
  const ids = { id: data.document.id, n: data.number };
  const href = paths.version.href(ids);
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href()} text={t("workmodels.back")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={props.notice} />
      <ConflictAlert message={props.conflict} reloadHref={href} t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("workmodels.col.status")}</dt>
        <dd>{t(`workmodels.status.${data.status}`)}</dd>
        <dt>{t("workmodels.col.publishedAt")}</dt>
        <dd>{data.publishedAt ? formatDateTime(view.locale, data.publishedAt) : t("workmodels.notPublished")}</dd>
      </dl>
      <p class="ds-paragraph">{t(`workmodels.status.${data.status}.explain`)}</p>

      {data.status === "draft" && canManage(view) && (
        <div class="sofia-wm-actions">
          <p class="ds-paragraph">
            <a class="ds-link" href={paths.editVersion.href(ids)}>
              {t("workmodels.draft.edit")}
            </a>
          </p>
          <form method="post" action={paths.publishVersion.href(ids)}>
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(data.version)} />
            <button type="submit" class="ds-button" data-variant="primary">
              {t("workmodels.draft.publish")}
            </button>
          </form>
        </div>
      )}

      <section aria-labelledby="meetings-h" class="sofia-section">
        <h2 id="meetings-h" class="ds-heading" data-size="sm">
          {t("workmodels.meetings")}
        </h2>
        {meetingTypes.length === 0 ? (
          <p class="ds-paragraph">{t("workmodels.meetings.none")}</p>
        ) : (
          <>
            <table class="ds-table" data-border>
              <caption>{t("workmodels.meetings.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workmodels.col.order")}</th>
                  <th scope="col">{t("workmodels.col.meeting")}</th>
                  <th scope="col">{t("workmodels.col.participants")}</th>
                  <th scope="col">{t("workmodels.col.applies")}</th>
                  <th scope="col">{t("workmodels.col.progress")}</th>
                  <th scope="col">{t("workmodels.col.surveys")}</th>
                </tr>
              </thead>
              <tbody>
                {meetingTypes.map((m, i) => (
                  <tr>
                    <td class="sofia-num">{i + 1}</td>
                    <th scope="row">
                      <a class="ds-link" href={`#mt-${m.key}`}>
                        {m.name}
                      </a>
                    </th>
                    <td>{participantsText(t, m)}</td>
                    <td>{appliesText(t, m)}</td>
                    <td>{m.marksProgress ? t(`workmodels.progress.${m.marksProgress}`) : "–"}</td>
                    <td>{m.surveys.length > 0 ? m.surveys.join(", ") : t("workmodels.surveys.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ol class="sofia-wm-items">
              {meetingTypes.map((m, i) => (
                <li>
                  <article aria-labelledby={`mt-${m.key}`} class="ds-card sofia-wm-card">
                    <h3 id={`mt-${m.key}`} class="ds-heading" data-size="xs">
                      {`${i + 1}. ${m.name}`}
                    </h3>
                    <p class="ds-paragraph">{m.purpose}</p>
                    <dl class="sofia-wm-facts">
                      <dt>{t("workmodels.col.participants")}</dt>
                      <dd>{participantsText(t, m)}</dd>
                      <dt>{t("workmodels.col.applies")}</dt>
                      <dd>{appliesText(t, m)}</dd>
                      {m.marksProgress && (
                        <>
                          <dt>{t("workmodels.col.progress")}</dt>
                          <dd>{t(`workmodels.progress.${m.marksProgress}`)}</dd>
                        </>
                      )}
                    </dl>
                    <Checklist items={m.checklist} t={t} id={`mt-${m.key}-cl`} />
                  </article>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="stops-h" class="sofia-section">
        <h2 id="stops-h" class="ds-heading" data-size="sm">
          {t("workmodels.stops")}
        </h2>
        {stops.length === 0 ? (
          <p class="ds-paragraph">{t("workmodels.stops.none")}</p>
        ) : (
          <>
            <table class="ds-table" data-border>
              <caption>{t("workmodels.stops.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workmodels.col.stop")}</th>
                  <th scope="col">{t("workmodels.col.applies")}</th>
                  <th scope="col">{t("workmodels.col.due")}</th>
                </tr>
              </thead>
              <tbody>
                {stops.map((s) => (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={`#stop-${s.key}`}>
                        {s.name}
                      </a>
                    </th>
                    <td>{t(`workmodels.stopScope.${s.scope}`)}</td>
                    <td>{dueText(t, s, meetingName)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul class="sofia-wm-items">
              {stops.map((s) => (
                <li>
                  <article aria-labelledby={`stop-${s.key}`} class="ds-card sofia-wm-card">
                    <h3 id={`stop-${s.key}`} class="ds-heading" data-size="xs">
                      {s.name}
                    </h3>
                    <p class="ds-paragraph">{s.purpose}</p>
                    <dl class="sofia-wm-facts">
                      <dt>{t("workmodels.col.applies")}</dt>
                      <dd>{t(`workmodels.stopScope.${s.scope}`)}</dd>
                      <dt>{t("workmodels.col.due")}</dt>
                      <dd>{dueText(t, s, meetingName)}</dd>
                    </dl>
                    <Checklist items={s.checklist} t={t} id={`stop-${s.key}-cl`} />
                  </article>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Layout>
  );
}
