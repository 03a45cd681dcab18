/**
 * The part every list of versioned documents shares (decision 0024): per document its versions with
 * status and dates, and for those who may manage it the way to its draft. Texts come from the
 * kind's catalog under its prefix (`${prefix}.list.versionsOf`, `${prefix}.status.draft`, …).
 */
import type { View } from "./http.ts";
import { formatDateTime } from "./i18n.ts";
import { CsrfField, Layout, PageHeading } from "./layout.tsx";
import { BackLink } from "./page-parts.tsx";
import type { DocumentSummary } from "./versioned.ts";

export function DocumentVersions(props: {
  view: View;
  document: DocumentSummary;
  /** How URLs name the document: its id or its key. */
  documentRef: string;
  /** The kind's message prefix, e.g. "reviewkeys". */
  prefix: string;
  versionHref: (ref: string, number: number) => string;
  draftAction: string;
  manage: boolean;
  /** The id of the section's heading. */
  headingId: string;
}) {
  const { view, document: d, documentRef: ref, prefix } = props;
  const { t } = view;
  const draft = d.versions.find((v) => v.status === "draft");
  return (
    <section aria-labelledby={props.headingId} class="sofia-section">
      <h2 id={props.headingId} class="ds-heading" data-size="sm">
        {d.name}
      </h2>
      <table class="ds-table" data-border>
        <caption>{t(`${prefix}.list.versionsOf`, { name: d.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`${prefix}.col.version`)}</th>
            <th scope="col">{t(`${prefix}.col.status`)}</th>
            <th scope="col">{t(`${prefix}.col.publishedAt`)}</th>
            <th scope="col">{t(`${prefix}.col.updatedAt`)}</th>
          </tr>
        </thead>
        <tbody>
          {[...d.versions].reverse().map((v) => (
            <tr>
              <th scope="row">
                <a class="ds-link" href={props.versionHref(ref, v.number)}>
                  {t(`${prefix}.versionN`, { n: v.number })}
                </a>
              </th>
              <td>{t(`${prefix}.status.${v.status}`)}</td>
              <td>{v.publishedAt ? formatDateTime(view.locale, v.publishedAt) : t(`${prefix}.notPublished`)}</td>
              <td>{formatDateTime(view.locale, v.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.manage &&
        (draft ? (
          <p class="ds-paragraph">
            <a class="ds-link" href={`${props.versionHref(ref, draft.number)}/andra`}>
              {t(`${prefix}.list.continueDraft`, { n: draft.number })}
            </a>
          </p>
        ) : (
          <form method="post" action={props.draftAction} class="sofia-wm-actions">
            <CsrfField view={view} />
            <button type="submit" class="ds-button" data-variant="secondary">
              {t(`${prefix}.list.newDraft`, { name: d.name })}
            </button>
          </form>
        ))}
    </section>
  );
}

/**
 * Publishing cannot be undone: a draft's publish button leads here, and only this form publishes.
 * Texts from the kind's catalog: `${prefix}.publish.title|explain|final|confirm|cancel`, `${prefix}.edit.back`.
 */
export function PublishConfirmPage(props: {
  view: View;
  prefix: string;
  name: string;
  number: number;
  version: number;
  versionHref: string;
}) {
  const { view, prefix, versionHref: href } = props;
  const { t } = view;
  const title = t(`${prefix}.publish.title`, { name: props.name, n: props.number });
  return (
    <Layout view={view} title={title}>
      <BackLink href={href} text={t(`${prefix}.edit.back`)} />
      <PageHeading>{title}</PageHeading>
      <p class="ds-paragraph">{t(`${prefix}.publish.explain`)}</p>
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">{t(`${prefix}.publish.final`)}</p>
      </div>
      <form method="post" action={`${href}/publicera`} class="sofia-wm-actions">
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(props.version)} />
        <button type="submit" class="ds-button" data-variant="primary">
          {t(`${prefix}.publish.confirm`)}
        </button>
        <a class="ds-link" href={href}>
          {t(`${prefix}.publish.cancel`)}
        </a>
      </form>
    </Layout>
  );
}
