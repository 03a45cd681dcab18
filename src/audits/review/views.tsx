/** The reviewer's pages: a round's focus families, one family with its reviewed documents, and the form of a reviewed document. */

import { one } from "../../platform/form-pages.ts";
import { ErrorSummary, RadioGroup, SelectField, TextAreaField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { answerValues, type Content, questionsFor } from "../keys/index.ts";
import { type Failure, familyName, roundPaths, type Values } from "../rounds/index.ts";
import { answerField, COMMENT_MAX } from "./model.ts";
import { paths } from "./paths.ts";
import type { DocumentFormData, FamilyPerson, FamilyReview, ReviewFamily, ReviewRound } from "./service.ts";

const reviewHref = (roundId: string) => paths.review.href({ id: roundId });
const familyHref = (roundId: string, familyId: string) => paths.family.href({ id: roundId, familyId });
const newDocumentHref = (roundId: string, familyId: string, kind?: string) =>
  paths.newDocument.href({ id: roundId, familyId }, { typ: kind });
const documentHref = (roundId: string, familyId: string, documentId: string) => paths.document.href({ id: roundId, familyId, documentId });

export const kindLabel = (content: Content, key: string) => content.documentKinds.find((k) => k.key === key)?.label ?? key;
export const ratingLabel = (content: Content, key: string | null) =>
  key === null ? "" : (content.overall.options.find((o) => o.key === key)?.label ?? key);

function Persons({ t, family }: { t: Translate; family: ReviewFamily }) {
  const id = `persons-${family.code}`;
  const role = (p: FamilyPerson) => t(p.kind === "guardian" ? "audits.review.guardian" : "audits.review.child");
  return (
    <ScrollRegion labelledBy={id}>
      <table class="ds-table" data-border data-size="sm">
        <caption id={id}>{t("audits.review.personsCaption", { family: familyName(t, family.code) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audits.review.col.role")}</th>
            <th scope="col">{t("audits.review.col.name")}</th>
            <th scope="col">{t("audits.review.col.birthDate")}</th>
          </tr>
        </thead>
        <tbody>
          {family.persons.map((p) => (
            <tr>
              <td>{role(p)}</td>
              <th scope="row">{p.name}</th>
              <td>{p.birthDate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function RoundState({ t, round }: { t: Translate; round: ReviewRound }) {
  return round.status === "open" ? null : (
    <div class="ds-alert" data-color="info">
      <p class="ds-paragraph">{t("audits.review.readOnly")}</p>
    </div>
  );
}

/** A round for its reviewer: each focus family as "Familj N" with names and birth dates. */
export function ReviewRoundPage({ view, round, families }: { view: View; round: ReviewRound; families: ReviewFamily[] }) {
  const { t } = view;
  const title = t("audits.review.title", { name: round.name });
  return (
    <Layout view={view} title={title}>
      <BackLink href={roundPaths.list.href()} text={t("audits.backToList")} />
      <PageHeading>{title}</PageHeading>
      <RoundState t={t} round={round} />
      <p class="ds-paragraph">{t("audits.keyVersion", { name: round.keyName, version: round.keyVersion })}</p>
      <p class="ds-paragraph">{t("audits.review.namesNotice")}</p>
      {families.length === 0 && <p class="ds-paragraph">{t("audits.review.noFamilies")}</p>}
      {families.map((f) => (
        <section aria-labelledby={`family-${f.code}-h`} class="sofia-section">
          <h2 id={`family-${f.code}-h`} class="ds-heading" data-size="sm">
            {familyName(t, f.code)}
          </h2>
          <Persons t={t} family={f} />
          <p class="ds-paragraph">{t("audits.review.documentCount", { count: f.documents })}</p>
          <p class="ds-paragraph">
            <a class="ds-link" href={familyHref(round.id, f.id)}>
              {t("audits.review.openFamily", { family: familyName(t, f.code) })}
            </a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

/** One focus family for its reviewer: the names, the documents reviewed, and adding one. */
export function ReviewFamilyPage({ view, data, notice }: { view: View; data: FamilyReview; notice?: string }) {
  const { t } = view;
  const { round, family, documents } = data;
  const name = familyName(t, family.code);
  const open = round.status === "open";
  return (
    <Layout view={view} title={`${name} – ${round.name}`}>
      <BackLink href={reviewHref(round.id)} text={t("audits.backToRound")} />
      <PageHeading>{name}</PageHeading>
      <Notice text={notice && t(notice)} />
      <RoundState t={t} round={round} />
      <p class="ds-paragraph">{t("audits.review.namesNotice")}</p>
      <Persons t={t} family={family} />
      <section aria-labelledby="documents-h" class="sofia-section">
        <h2 id="documents-h" class="ds-heading" data-size="sm">
          {t("audits.review.documents")}
        </h2>
        {documents.length === 0 ? (
          <p class="ds-paragraph">{t("audits.review.noDocuments")}</p>
        ) : (
          <ScrollRegion labelledBy="documents-caption">
            <table class="ds-table" data-border>
              <caption id="documents-caption">{t("audits.review.documentsCaption", { family: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audits.review.col.kind")}</th>
                  <th scope="col">{t("audits.review.col.unit")}</th>
                  <th scope="col">{t("audits.review.col.rating")}</th>
                  <th scope="col">{t("audits.review.col.reviewer")}</th>
                  <th scope="col">{t("audits.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {documents.map((d) => {
                  const label = t("audits.review.documentLabel", {
                    kind: kindLabel(round.content, d.documentKind),
                    unit: d.unitName ?? t("audits.review.noUnit"),
                  });
                  return (
                    <tr>
                      <th scope="row">{kindLabel(round.content, d.documentKind)}</th>
                      <td>{d.unitName ?? t("audits.review.noUnit")}</td>
                      <td>{ratingLabel(round.content, d.overallRating)}</td>
                      <td>{d.reviewedBy}</td>
                      <td>
                        <a
                          class="ds-link"
                          href={documentHref(round.id, family.id, d.id)}
                          aria-label={`${t(open ? "audits.review.editDocument" : "audits.review.showDocument")}: ${label}`}
                        >
                          {t(open ? "audits.review.editDocument" : "audits.review.showDocument")}
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {open && (
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="primary" href={newDocumentHref(round.id, family.id)}>
              {t("audits.review.addDocument")}
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}

/** The first step of a new reviewed document: which kind (the key's questions depend on it). Links work without JavaScript. */
export function ChooseKindPage({ view, data }: { view: View; data: DocumentFormData }) {
  const { t } = view;
  const title = t("audits.review.chooseKindTitle", { family: familyName(t, data.family.code) });
  return (
    <Layout view={view} title={title}>
      <BackLink href={familyHref(data.round.id, data.family.id)} text={familyName(t, data.family.code)} />
      <PageHeading>{title}</PageHeading>
      <p class="ds-paragraph">{t("audits.review.chooseKindIntro")}</p>
      <ul class="ds-list">
        {data.round.content.documentKinds.map((k) => (
          <li>
            <a class="ds-link" href={newDocumentHref(data.round.id, data.family.id, k.key)}>
              {k.label}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The form of a reviewed document of one kind: unit, every question of the kind, overall rating, comment. Read only in a closed round. */
export function DocumentFormPage(props: { view: View; data: DocumentFormData; kind: string; values?: Values; failure?: Failure }) {
  const { view, data, kind } = props;
  const { t } = view;
  const { round, family, document } = data;
  const content = round.content;
  const errors = props.failure?.errors ?? {};
  const values: Values = props.values ?? {
    unitId: document?.unitId ?? "",
    overallRating: document?.overallRating ?? "",
    comment: document?.comment ?? "",
    ...Object.fromEntries(Object.entries(document?.answers ?? {}).map(([q, a]) => [answerField(q), a])),
  };
  const family_ = familyName(t, family.code);
  const kindName = kindLabel(content, kind);
  const title = t(document ? "audits.review.editTitle" : "audits.review.newTitle", { family: family_, kind: kindName });
  const action = document ? documentHref(round.id, family.id, document.id) : newDocumentHref(round.id, family.id);
  const questions = questionsFor(content, kind);
  const answerOptions = answerValues.map((v) => ({ value: v, label: t(`audits.answer.${v}`) }));
  const labels = Object.fromEntries(questions.map((q) => [answerField(q.key), q.text]));
  labels.overallRating = t("audits.review.col.rating");
  labels.unitId = t("audits.review.unit");
  labels.comment = t("audits.review.comment");
  const back = familyHref(round.id, family.id);

  if (round.status !== "open" && document) {
    return (
      <Layout view={view} title={title}>
        <BackLink href={back} text={family_} />
        <PageHeading>{title}</PageHeading>
        <RoundState t={t} round={round} />
        <dl class="sofia-wm-facts">
          <dt>{t("audits.review.unit")}</dt>
          <dd>{document.unitName ?? t("audits.review.noUnit")}</dd>
          {questions.map((q) => (
            <>
              <dt>{q.text}</dt>
              <dd>{document.answers[q.key] ? t(`audits.answer.${document.answers[q.key]}`) : ""}</dd>
            </>
          ))}
          <dt>{content.overall.question}</dt>
          <dd>{ratingLabel(content, document.overallRating)}</dd>
          <dt>{t("audits.review.comment")}</dt>
          <dd>{document.comment ?? t("audits.review.noComment")}</dd>
        </dl>
      </Layout>
    );
  }

  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={back} text={family_} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} labels={labels} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          {document ? (
            <input type="hidden" name="version" value={String(document.version)} />
          ) : (
            <input type="hidden" name="documentKind" value={kind} />
          )}
          <SelectField
            name="unitId"
            label={t("audits.review.unit")}
            value={one(values.unitId)}
            options={[{ value: "", label: t("audits.review.chooseUnit") }, ...data.units.map((u) => ({ value: u.id, label: u.name }))]}
            error={errors.unitId}
          />
          <h2 class="ds-heading" data-size="xs">
            {t("audits.review.questions")}
          </h2>
          {questions.map((q) => (
            <RadioGroup
              name={answerField(q.key)}
              legend={q.text}
              value={one(values[answerField(q.key)])}
              options={answerOptions}
              error={errors[answerField(q.key)]}
            />
          ))}
          <RadioGroup
            name="overallRating"
            legend={content.overall.question}
            value={one(values.overallRating)}
            options={content.overall.options.map((o) => ({ value: o.key, label: o.label }))}
            error={errors.overallRating}
          />
          <TextAreaField
            name="comment"
            label={t("audits.review.comment")}
            hint={t("audits.review.commentHint")}
            value={one(values.comment)}
            maxLength={COMMENT_MAX}
            rows={5}
            error={errors.comment}
          />
          <p class="ds-paragraph">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("audits.review.save")}
            </button>
          </p>
        </form>
      </div>
    </Layout>
  );
}
