/** The pages of the audit rounds: the landing list, the form of a new or changed round, and a round for the one who manages it. */

import { many, one } from "../../platform/form-pages.ts";
import { CheckboxGroup, ErrorSummary, SelectField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDateTime, formatNumber, type Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { scopeFor } from "../../platform/permissions.ts";
import { processHref } from "../../processes/index.ts";
import { keyPaths } from "../keys/index.ts";
import { resultsPaths } from "../results/index.ts";
import { reviewPaths } from "../review/index.ts";
import { paths } from "./paths.ts";
import type { Landing, RoundDetail, RoundOptions } from "./service.ts";
import type { Person, ProcessReference } from "./store.ts";

const ROUNDS_HREF = paths.list.href();
const KEYS_HREF = keyPaths.list.href();
const roundHref = (id: string) => paths.round.href({ id });
const reviewHref = (id: string) => reviewPaths.review.href({ id });
const resultsHref = (id: string) => resultsPaths.results.href({ id });

export type Values = Record<string, string | string[]>;
export interface Failure {
  status: number;
  errors: Record<string, string>;
  conflict?: string;
}

export const familyName = (t: Translate, code: number) => t("audits.family", { code });

export function processLabel(t: Translate, p: ProcessReference): string {
  return t("audits.rounds.processOption", {
    date: p.requestDate,
    status: t(`processes.status.${p.status}`),
    child: p.childCaseworker ?? t("audits.rounds.notAssigned"),
    adult: p.adultCaseworker ?? t("audits.rounds.notAssigned"),
  });
}

const reviewerLabel = (t: Translate, p: Person) =>
  t("audits.rounds.reviewerOption", { name: p.name, units: p.units.length > 0 ? p.units.join(", ") : t("audits.rounds.noUnit") });

export function RoundsPage({ view, landing, notice }: { view: View; landing: Landing; notice?: string }) {
  const { t, locale } = view;
  const showKeys = view.actor ? scopeFor(view.actor.roles, "reviewkeys.view") !== null : false;
  return (
    <Layout view={view} title={t("audits.title")}>
      <PageHeading>{t("audits.title")}</PageHeading>
      <Notice text={notice && t(notice)} />
      <p class="ds-paragraph">{t("audits.intro")}</p>
      <p class="ds-paragraph">{t("audits.youMay")}</p>
      <ul class="ds-list">
        {landing.canManage && <li>{t("audits.may.manage")}</li>}
        {landing.canReview && <li>{t("audits.may.review")}</li>}
        {landing.canResults && <li>{t("audits.may.results")}</li>}
      </ul>
      <p class="ds-paragraph sofia-actions">
        {landing.canManage && (
          <a class="ds-button" data-variant="primary" href={paths.newRound.href()}>
            {t("audits.new")}
          </a>
        )}{" "}
        {showKeys && (
          <a class="ds-link" href={KEYS_HREF}>
            {t("audits.keysLink")}
          </a>
        )}
      </p>
      {landing.rounds.length === 0 ? (
        <p class="ds-paragraph">{t(landing.canManage || landing.canResults ? "audits.none" : "audits.noneReviewer")}</p>
      ) : (
        <ScrollRegion labelledBy="rounds-caption">
          <table class="ds-table" data-border>
            <caption id="rounds-caption">{t("audits.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audits.col.name")}</th>
                <th scope="col">{t("audits.col.key")}</th>
                <th scope="col">{t("audits.col.status")}</th>
                <th scope="col" class="sofia-num">
                  {t("audits.col.families")}
                </th>
                <th scope="col" class="sofia-num">
                  {t("audits.col.documents")}
                </th>
                <th scope="col">{t("audits.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {landing.rounds.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td>{t("audits.keyVersion", { name: r.keyName, version: r.keyVersion })}</td>
                  <td>{t(`audits.status.${r.status}`)}</td>
                  <td class="sofia-num">{formatNumber(locale, r.families)}</td>
                  <td class="sofia-num">{formatNumber(locale, r.documents)}</td>
                  <td>
                    <ul class="ds-list sofia-actions-cell">
                      {landing.canManage && (
                        <li>
                          <a class="ds-link" href={roundHref(r.id)} aria-label={t("audits.action.manageLabel", { name: r.name })}>
                            {t("audits.action.manage")}
                          </a>
                        </li>
                      )}
                      {landing.canReview && r.isReviewer && (
                        <li>
                          <a class="ds-link" href={reviewHref(r.id)} aria-label={t("audits.action.reviewLabel", { name: r.name })}>
                            {t("audits.action.review")}
                          </a>
                        </li>
                      )}
                      {landing.canResults && (
                        <li>
                          <a class="ds-link" href={resultsHref(r.id)} aria-label={t("audits.action.resultsLabel", { name: r.name })}>
                            {t("audits.action.results")}
                          </a>
                        </li>
                      )}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

/** The form of a new round, or (with `detail`) of an open round's name, reviewers and focus families. */
export function RoundFormPage(props: { view: View; options: RoundOptions; detail?: RoundDetail; values?: Values; failure?: Failure }) {
  const { view, options, detail } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values: Values = props.values ?? {
    name: detail?.name ?? "",
    reviewKey: options.keys[0]?.key ?? "",
    reviewerIds: detail?.reviewerList.map((r) => r.id) ?? [],
    processIds: detail?.familyList.map((f) => f.processId) ?? [],
  };
  const title = detail ? t("audits.rounds.editTitle", { name: detail.name }) : t("audits.rounds.newTitle");
  const action = detail ? paths.editRound.href({ id: detail.id }) : paths.newRound.href();
  const codeOf = new Map((detail?.familyList ?? []).map((f) => [f.processId, f.code]));
  // The round's own families first, by code, then the others as the process list orders them.
  const processes = [...(detail?.familyList ?? []), ...options.processes.filter((p) => !codeOf.has(p.processId))] as ProcessReference[];
  const processOptions = processes.map((p) => {
    const code = codeOf.get(p.processId);
    const label = processLabel(t, p);
    return {
      value: p.processId,
      label: code === undefined ? label : t("audits.rounds.familyOption", { family: familyName(t, code), process: label }),
    };
  });
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={detail ? roundHref(detail.id) : ROUNDS_HREF} text={t(detail ? "audits.backToRound" : "audits.backToList")} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        {!detail && options.keys.length === 0 ? (
          <p class="ds-paragraph">{t("audits.rounds.noKeys")}</p>
        ) : (
          <form method="post" action={action} novalidate>
            <CsrfField view={view} />
            {detail && <input type="hidden" name="version" value={String(detail.version)} />}
            <TextField
              name="name"
              label={t("audits.rounds.name")}
              hint={t("audits.rounds.nameHint")}
              value={one(values.name)}
              error={errors.name}
            />
            {detail ? (
              <p class="ds-paragraph">
                {t("audits.rounds.reviewKey")}: {t("audits.keyVersion", { name: detail.keyName, version: detail.keyVersion })}
              </p>
            ) : (
              <SelectField
                name="reviewKey"
                label={t("audits.rounds.reviewKey")}
                hint={t("audits.rounds.reviewKeyHint")}
                value={one(values.reviewKey)}
                options={[
                  { value: "", label: t("audits.rounds.chooseKey") },
                  ...options.keys.map((k) => ({ value: k.key, label: t("audits.keyVersion", { name: k.name, version: k.versionNumber }) })),
                ]}
                error={errors.reviewKey}
              />
            )}
            <CheckboxGroup
              name="reviewerIds"
              label={t("audits.rounds.reviewers")}
              hint={t("audits.rounds.reviewersHint")}
              values={many(values.reviewerIds)}
              options={options.reviewers.map((p) => ({ value: p.id, label: reviewerLabel(t, p) }))}
              error={errors.reviewerIds}
            />
            <CheckboxGroup
              name="processIds"
              label={t("audits.rounds.families")}
              hint={t("audits.rounds.familiesHint")}
              values={many(values.processIds)}
              options={processOptions}
              error={errors.processIds}
            />
            <p class="ds-paragraph">
              <button type="submit" class="ds-button" data-variant="primary">
                {t(detail ? "audits.rounds.save" : "audits.rounds.create")}
              </button>
            </p>
          </form>
        )}
      </div>
    </Layout>
  );
}

/** A round for the one who manages it: the key, reviewers, focus families by code with their processes, close. */
export function RoundPage({ view, detail, notice, failure }: { view: View; detail: RoundDetail; notice?: string; failure?: Failure }) {
  const { t, locale } = view;
  const open = detail.status === "open";
  return (
    <Layout view={view} title={detail.name}>
      <BackLink href={ROUNDS_HREF} text={t("audits.backToList")} />
      <PageHeading>{detail.name}</PageHeading>
      <Notice text={notice && t(notice)} />
      <ConflictAlert message={failure?.conflict} reloadHref={roundHref(detail.id)} t={t} />
      {!open && <p class="ds-paragraph">{t("audits.rounds.closedNotice")}</p>}
      <section aria-labelledby="facts-h" class="sofia-section">
        <h2 id="facts-h" class="ds-heading" data-size="sm">
          {t("audits.rounds.facts")}
        </h2>
        <dl class="sofia-wm-facts">
          <dt>{t("audits.col.key")}</dt>
          <dd>{t("audits.keyVersion", { name: detail.keyName, version: detail.keyVersion })}</dd>
          <dt>{t("audits.col.status")}</dt>
          <dd>{t(`audits.status.${detail.status}`)}</dd>
          <dt>{t("audits.rounds.created")}</dt>
          <dd>{formatDateTime(locale, detail.createdAt)}</dd>
          {detail.closedAt && (
            <>
              <dt>{t("audits.rounds.closedAt")}</dt>
              <dd>{formatDateTime(locale, detail.closedAt)}</dd>
            </>
          )}
          <dt>{t("audits.col.documents")}</dt>
          <dd>{formatNumber(locale, detail.documents)}</dd>
        </dl>
        <p class="ds-paragraph sofia-actions">
          {open && (
            <a class="ds-link" href={paths.editRound.href({ id: detail.id })}>
              {t("audits.rounds.edit")}
            </a>
          )}{" "}
          {detail.isReviewer && (
            <a class="ds-link" href={reviewHref(detail.id)} aria-label={t("audits.action.reviewLabel", { name: detail.name })}>
              {t("audits.action.review")}
            </a>
          )}{" "}
          <a class="ds-link" href={resultsHref(detail.id)} aria-label={t("audits.action.resultsLabel", { name: detail.name })}>
            {t("audits.action.results")}
          </a>
        </p>
      </section>
      <section aria-labelledby="reviewers-h" class="sofia-section">
        <h2 id="reviewers-h" class="ds-heading" data-size="sm">
          {t("audits.rounds.reviewerList")}
        </h2>
        {detail.reviewerList.length === 0 ? (
          <p class="ds-paragraph">{t("audits.rounds.noReviewers")}</p>
        ) : (
          <ul class="ds-list">
            {detail.reviewerList.map((p) => (
              <li>{reviewerLabel(t, p)}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="families-h" class="sofia-section">
        <h2 id="families-h" class="ds-heading" data-size="sm">
          {t("audits.rounds.familyList")}
        </h2>
        <ScrollRegion labelledBy="families-caption">
          <table class="ds-table" data-border>
            <caption id="families-caption">{t("audits.rounds.familyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audits.rounds.col.family")}</th>
                <th scope="col">{t("audits.rounds.col.request")}</th>
                <th scope="col">{t("audits.rounds.col.status")}</th>
                <th scope="col">{t("audits.rounds.col.childCaseworker")}</th>
                <th scope="col">{t("audits.rounds.col.adultCaseworker")}</th>
                <th scope="col" class="sofia-num">
                  {t("audits.rounds.col.documents")}
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.familyList.map((f) => (
                <tr>
                  <th scope="row">{familyName(t, f.code)}</th>
                  <td>
                    <a
                      class="ds-link"
                      href={processHref(f.processId)}
                      aria-label={t("audits.rounds.openProcess", { family: familyName(t, f.code) })}
                    >
                      {f.requestDate}
                    </a>
                  </td>
                  <td>{t(`processes.status.${f.status}`)}</td>
                  <td>{f.childCaseworker ?? t("audits.rounds.notAssigned")}</td>
                  <td>{f.adultCaseworker ?? t("audits.rounds.notAssigned")}</td>
                  <td class="sofia-num">{formatNumber(locale, f.documents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      {open && (
        <section aria-labelledby="close-h" class="sofia-section">
          <h2 id="close-h" class="ds-heading" data-size="sm">
            {t("audits.rounds.close")}
          </h2>
          <p class="ds-paragraph">{t("audits.rounds.closeHint")}</p>
          <form method="post" action={paths.closeRound.href({ id: detail.id })}>
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(detail.version)} />
            <button type="submit" class="ds-button" data-variant="secondary">
              {t("audits.rounds.close")}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
