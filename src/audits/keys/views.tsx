/** The read side's views of the review keys: the list, one version's whole content, and the publish confirmation. */
import type { View } from "../../platform/http.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { scopeFor } from "../../platform/permissions.ts";
import type { DocumentSummary, DocumentVersion } from "../../platform/versioned.ts";
import { DocumentVersions, PublishConfirmPage } from "../../platform/versioned-views.tsx";
import { answerValues, type Content } from "./model.ts";
import { paths, versionHref } from "./paths.ts";

export type ReviewKeyVersion = DocumentVersion<Content>;

const draftAction = (key: string) => paths.draft.href({ key });

export const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "reviewkeys.manage");

function NewDraftForm({ view, keyRef, label }: { view: View; keyRef: string; label: string }) {
  return (
    <form method="post" action={draftAction(keyRef)} class="sofia-wm-actions">
      <CsrfField view={view} />
      <button type="submit" class="ds-button" data-variant="secondary">
        {label}
      </button>
    </form>
  );
}

export function ListPage({ view, keys, notice }: { view: View; keys: DocumentSummary[]; notice?: string }) {
  const { t } = view;
  const manage = canManage(view);
  return (
    <Layout view={view} title={t("reviewkeys.list.title")}>
      <PageHeading>{t("reviewkeys.list.title")}</PageHeading>
      <Notice text={notice} />
      <p class="ds-paragraph">{t("reviewkeys.list.intro")}</p>
      {keys.length === 0 && <p class="ds-paragraph">{t("reviewkeys.list.none")}</p>}
      {keys.map((k) => (
        <DocumentVersions
          view={view}
          document={k}
          documentRef={k.key}
          prefix="reviewkeys"
          versionHref={versionHref}
          draftAction={draftAction(k.key)}
          manage={manage}
          headingId={`rk-${k.key}`}
        />
      ))}
    </Layout>
  );
}

/** The questions × kinds of document table: a mark where the question applies, in words for screen readers. */
function QuestionTable({ view, content }: { view: View; content: Content }) {
  const { t } = view;
  return (
    <ScrollRegion labelledBy="rk-questions-caption">
      <table class="ds-table" data-border>
        <caption id="rk-questions-caption">{t("reviewkeys.questions.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" class="sofia-num">
              {t("reviewkeys.col.number")}
            </th>
            <th scope="col">{t("reviewkeys.col.question")}</th>
            {content.documentKinds.map((k) => (
              <th scope="col" class="sofia-rk-mark">
                {k.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {content.questions.map((q, i) => (
            <tr>
              <td class="sofia-num">{i + 1}</td>
              <th scope="row">{q.text}</th>
              {content.documentKinds.map((k) =>
                q.documentKinds.includes(k.key) ? (
                  <td class="sofia-rk-mark">
                    <span aria-hidden="true">✓</span>
                    <span class="sofia-sr-only">{t("reviewkeys.applies")}</span>
                  </td>
                ) : (
                  <td class="sofia-rk-mark">
                    <span aria-hidden="true">–</span>
                    <span class="sofia-sr-only">{t("reviewkeys.appliesNot")}</span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function VersionPage(props: { view: View; data: ReviewKeyVersion; notice?: string; conflict?: string }) {
  const { view, data } = props;
  const { t } = view;
  const { content } = data;
  const title = t("reviewkeys.version.title", { name: data.document.name, n: data.number });
  const href = versionHref(data.document.key, data.number);
  const manage = canManage(view);
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href()} text={t("reviewkeys.back")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={props.notice} />
      <ConflictAlert message={props.conflict} reloadHref={href} t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("reviewkeys.col.status")}</dt>
        <dd>{t(`reviewkeys.status.${data.status}`)}</dd>
        <dt>{t("reviewkeys.col.publishedAt")}</dt>
        <dd>{data.publishedAt ? formatDateTime(view.locale, data.publishedAt) : t("reviewkeys.notPublished")}</dd>
        <dt>{t("reviewkeys.version.keyName")}</dt>
        <dd>{content.name}</dd>
      </dl>
      <p class="ds-paragraph">{t(`reviewkeys.status.${data.status}.explain`)}</p>

      {manage && data.status === "draft" && (
        <div class="sofia-wm-actions">
          <a class="ds-link" href={`${href}/andra`}>
            {t("reviewkeys.draft.edit")}
          </a>
          <a class="ds-button" data-variant="primary" href={`${href}/publicera`}>
            {t("reviewkeys.draft.publish")}
          </a>
        </div>
      )}
      {manage && data.status === "published" && (
        <>
          <p class="ds-paragraph">{t("reviewkeys.version.newDraftHint")}</p>
          <NewDraftForm view={view} keyRef={data.document.key} label={t("reviewkeys.version.newDraft")} />
        </>
      )}

      <section aria-labelledby="rk-kinds-h" class="sofia-section">
        <h2 id="rk-kinds-h" class="ds-heading" data-size="sm">
          {t("reviewkeys.kinds")}
        </h2>
        <ul class="ds-list" aria-labelledby="rk-kinds-h">
          {content.documentKinds.map((k) => (
            <li>{k.label}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="rk-questions-h" class="sofia-section">
        <h2 id="rk-questions-h" class="ds-heading" data-size="sm">
          {t("reviewkeys.questions")}
        </h2>
        <p class="ds-paragraph">{t("reviewkeys.questions.intro")}</p>
        <QuestionTable view={view} content={content} />
      </section>

      <section aria-labelledby="rk-answers-h" class="sofia-section">
        <h2 id="rk-answers-h" class="ds-heading" data-size="sm">
          {t("reviewkeys.answers")}
        </h2>
        <p class="ds-paragraph" id="rk-answers-intro">
          {t("reviewkeys.answers.intro")}
        </p>
        <ul class="ds-list" aria-labelledby="rk-answers-intro">
          {answerValues.map((a) => (
            <li>{t(`reviewkeys.answer.${a}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="rk-overall-h" class="sofia-section">
        <h2 id="rk-overall-h" class="ds-heading" data-size="sm">
          {t("reviewkeys.overall")}
        </h2>
        <p class="ds-paragraph">
          <strong>{content.overall.question}</strong>
        </p>
        <p class="ds-paragraph" id="rk-overall-intro">
          {t("reviewkeys.overall.intro")}
        </p>
        <ol class="ds-list" aria-labelledby="rk-overall-intro">
          {content.overall.options.map((o) => (
            <li>{o.label}</li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

export const PublishPage = ({ view, data }: { view: View; data: ReviewKeyVersion }) => (
  <PublishConfirmPage
    view={view}
    prefix="reviewkeys"
    name={data.document.name}
    number={data.number}
    version={data.version}
    versionHref={versionHref(data.document.key, data.number)}
  />
);
