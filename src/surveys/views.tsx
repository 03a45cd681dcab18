/** The read side's views: the list of survey instruments and one version as a respondent reads it. */
import type { View } from "../platform/http.ts";
import { formatDateTime, isLocale, translator } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { DocumentVersions } from "../platform/versioned-views.tsx";
import { paths as campaignPaths } from "./campaigns/index.ts";
import { dirOf, htmlLang, isRespondentLanguage, respondentWords } from "./languages.ts";
import { type MeetingNames, shownLanguage, textIn } from "./model.ts";
import { paths, versionHref } from "./paths.ts";
import { paths as resultPaths } from "./results/index.ts";
import type { Confirmation, InstrumentSummary, InstrumentVersion } from "./service.ts";

const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "surveys.manage");

export function ListPage({ view, instruments, notice }: { view: View; instruments: InstrumentSummary[]; notice?: string }) {
  const { t } = view;
  const manage = canManage(view);
  return (
    <Layout view={view} title={t("surveys.list.title")}>
      <PageHeading>{t("surveys.list.title")}</PageHeading>
      <Notice text={notice} />
      <p class="ds-paragraph">{t("surveys.list.intro")}</p>
      {view.actor && scopeFor(view.actor.roles, "surveys.results") && (
        <p class="ds-paragraph">
          <a class="ds-link" href={resultPaths.results.href()}>
            {t("results.link")}
          </a>
        </p>
      )}
      {view.actor && scopeFor(view.actor.roles, "surveys.campaigns") && (
        <p class="ds-paragraph">
          <a class="ds-link" href={campaignPaths.list.href()}>
            {t("campaigns.link")}
          </a>
        </p>
      )}
      {instruments.length === 0 && <p class="ds-paragraph">{t("surveys.list.none")}</p>}
      {instruments.map((m) => (
        <DocumentVersions
          view={view}
          document={m}
          documentRef={m.key}
          prefix="surveys"
          versionHref={versionHref}
          draftAction={paths.newDraft.href({ key: m.key })}
          manage={manage}
          headingId={`si-${m.key}`}
        />
      ))}
    </Layout>
  );
}

export function VersionPage(props: {
  view: View;
  data: InstrumentVersion;
  meetingNames: MeetingNames;
  confirmations: Confirmation[];
  lang?: string;
  notice?: string;
  conflict?: string;
}) {
  const { view, data } = props;
  const { t } = view;
  const { content } = data;
  const lang = shownLanguage(content, props.lang);
  // The staff's words in Swedish and English; the respondents' in the family's other languages.
  const dontKnow = isLocale(lang)
    ? translator(lang)("surveys.dontKnow")
    : isRespondentLanguage(lang)
      ? respondentWords(lang)["answer.dontKnow"]
      : t("surveys.dontKnow");
  const title = t("surveys.version.title", { name: data.document.name, n: data.number });
  const at = { key: data.document.key, n: data.number };
  const href = paths.version.href(at);
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href()} text={t("surveys.back")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={props.notice} />
      <ConflictAlert message={props.conflict} reloadHref={href} t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("surveys.col.status")}</dt>
        <dd>{t(`surveys.status.${data.status}`)}</dd>
        <dt>{t("surveys.col.publishedAt")}</dt>
        <dd>{data.publishedAt ? formatDateTime(view.locale, data.publishedAt) : t("surveys.notPublished")}</dd>
        <dt>{t("surveys.col.audience")}</dt>
        <dd>{t(`surveys.audience.${content.audience}`)}</dd>
        <dt>{t("surveys.col.timing")}</dt>
        <dd>{content.timing.map((x) => t(`surveys.timing.${x}`)).join(", ")}</dd>
        <dt>{t("surveys.col.follows")}</dt>
        <dd>
          {content.follows.length === 0
            ? t("surveys.follows.none")
            : content.follows.map((f) => t("surveys.follows.item", props.meetingNames(f))).join(", ")}
        </dd>
        <dt>{t("surveys.col.scale")}</dt>
        <dd>{t(`surveys.scale.${content.scale.kind}`)}</dd>
        <dt>{t("surveys.col.origin")}</dt>
        <dd>{content.local ? t("surveys.local.yes") : t("surveys.local.no")}</dd>
        <dt>{t("surveys.col.languages")}</dt>
        <dd>{content.languages.map((l) => t(`surveys.language.${l}`)).join(", ")}</dd>
      </dl>
      <p class="ds-paragraph">{t(`surveys.status.${data.status}.explain`)}</p>
      <Translations view={view} data={data} confirmations={props.confirmations} />

      {data.status === "draft" && canManage(view) && (
        <div class="sofia-wm-actions">
          <p class="ds-paragraph">
            <a class="ds-link" href={paths.editVersion.href(at)}>
              {t("surveys.draft.edit")}
            </a>
          </p>
          <form method="post" action={paths.publishVersion.href(at)}>
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(data.version)} />
            <button type="submit" class="ds-button" data-variant="primary">
              {t("surveys.draft.publish")}
            </button>
          </form>
        </div>
      )}

      <section aria-labelledby="preview-h" class="sofia-section">
        <h2 id="preview-h" class="ds-heading" data-size="sm">
          {t("surveys.preview.title")}
        </h2>
        {content.languages.length > 1 && (
          <nav aria-label={t("surveys.preview.languages")}>
            <p class="ds-paragraph">
              {`${t("surveys.preview.languages")}: `}
              {content.languages.map((l, i) => (
                <>
                  {i > 0 && " | "}
                  {l === lang ? (
                    <strong aria-current="true">{t(`surveys.language.${l}`)}</strong>
                  ) : (
                    <a class="ds-link" href={paths.version.href(at, { sprak: l })}>
                      {t(`surveys.language.${l}`)}
                    </a>
                  )}
                </>
              ))}
            </p>
          </nav>
        )}
        <div lang={htmlLang(lang)} dir={dirOf(lang)} class="ds-card sofia-wm-card">
          <h3 class="ds-heading" data-size="xs">
            {textIn(content.name, lang)}
          </h3>
          <ol class="sofia-wm-items">
            {content.items.map((item) => (
              <li>
                <p class="ds-paragraph">
                  <strong>{textIn(item.texts, lang)}</strong>
                </p>
                <ul class="ds-list">
                  {content.scale.options.map((o) => (
                    <li>{`${o.value} – ${textIn(o.labels, lang)}`}</li>
                  ))}
                  {content.scale.allowDontKnow && <li>{dontKnow}</li>}
                </ul>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </Layout>
  );
}

/**
 * The version's languages marked for a native speaker's review, each with whether and by whom it
 * has been confirmed; an administrator confirms one at a time (decision 0042).
 */
function Translations({ view, data, confirmations }: { view: View; data: InstrumentVersion; confirmations: Confirmation[] }) {
  const { t } = view;
  const review = data.content.review ?? [];
  if (review.length === 0) return null;
  const manage = canManage(view);
  const action = paths.confirmTranslation.href({ key: data.document.key, n: data.number });
  return (
    <section aria-labelledby="translations-h" class="sofia-section" id="language">
      <h2 id="translations-h" class="ds-heading" data-size="sm">
        {t("surveys.translation.title")}
      </h2>
      <p class="ds-paragraph">{t("surveys.translation.intro")}</p>
      <table class="ds-table sofia-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("surveys.translation.col.language")}</th>
            <th scope="col">{t("surveys.translation.col.status")}</th>
            {manage && <th scope="col">{t("surveys.translation.col.action")}</th>}
          </tr>
        </thead>
        <tbody>
          {review.map((lang) => {
            const done = confirmations.find((c) => c.language === lang);
            const name = t(`surveys.language.${lang}`);
            return (
              <tr>
                <th scope="row">{name}</th>
                <td>
                  {done
                    ? t("surveys.translation.confirmed", {
                        name: done.confirmedByName,
                        date: formatDateTime(view.locale, done.confirmedAt),
                      })
                    : t("surveys.translation.needsReview")}
                </td>
                {manage && (
                  <td>
                    {!done && (
                      <form method="post" action={action} class="sofia-inline-form">
                        <CsrfField view={view} />
                        <input type="hidden" name="language" value={lang} />
                        <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                          {t("surveys.translation.confirm", { language: name })}
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
