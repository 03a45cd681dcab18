/** The results page of an audit round: documents per kind, answers per question, overall ratings and comments, suppressed; and its CSV. */
import { formatShare, Suppressed } from "../../platform/charts.tsx";
import { csvLine } from "../../platform/csv.ts";
import type { View } from "../../platform/http.ts";
import { formatNumber, type Locale, type Translate } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink } from "../../platform/page-parts.tsx";
import { SUPPRESSED } from "../../platform/suppression.ts";
import { answerValues } from "../keys/index.ts";
import { roundPaths } from "../rounds/index.ts";
import type { KindStat, QuestionStat } from "./model.ts";
import { paths } from "./paths.ts";
import type { RoundResults } from "./service.ts";

const NONE = "–";
const count = (locale: Locale, n: number | null) => (n === null ? SUPPRESSED : formatNumber(locale, n));
const share = (locale: Locale, q: QuestionStat, s: number | null) =>
  q.suppressed ? SUPPRESSED : s === null ? NONE : formatShare(locale, s);

/** "Ja i 4 av 5" (and "delvis i 1"), or why there is no sentence. */
export function questionSentence(t: Translate, q: QuestionStat): string {
  if (q.suppressed || !q.counts || q.applicable === null) return SUPPRESSED;
  if (q.applicable === 0) return t("audits.results.notApplicable");
  const params = { yes: q.counts.yes, applicable: q.applicable, partly: q.counts.partly };
  return t(q.counts.partly > 0 ? "audits.results.sentencePartly" : "audits.results.sentence", params);
}

function Figure({ text, t }: { text: string; t: Translate }) {
  return text === SUPPRESSED ? <Suppressed text={t("audits.results.suppressed")} /> : text;
}

function KindSection({ view, kind, min }: { view: View; kind: KindStat; min: number }) {
  const { t, locale } = view;
  const id = `kind-${kind.key}`;
  return (
    <section aria-labelledby={`${id}-h`} class="sofia-section">
      <h2 id={`${id}-h`} class="ds-heading" data-size="sm">
        {t("audits.results.kindHeading", { kind: kind.label, n: count(locale, kind.n) })}
      </h2>
      {kind.suppressed ? (
        <p class="ds-paragraph">{t("audits.results.kindSuppressed", { min })}</p>
      ) : kind.n === 0 ? (
        <p class="ds-paragraph">{t("audits.results.none")}</p>
      ) : (
        <>
          <ScrollRegion labelledBy={`${id}-q`}>
            <table class="ds-table" data-border data-size="sm">
              <caption id={`${id}-q`}>{t("audits.results.questionsCaption", { kind: kind.label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audits.results.col.question")}</th>
                  {answerValues.map((v) => (
                    <th scope="col" class="sofia-num">
                      {t(`audits.answer.${v}`)}
                    </th>
                  ))}
                  <th scope="col" class="sofia-num">
                    {t("audits.results.col.yesShare")}
                  </th>
                  <th scope="col" class="sofia-num">
                    {t("audits.results.col.partlyShare")}
                  </th>
                  <th scope="col">{t("audits.results.col.summary")}</th>
                </tr>
              </thead>
              <tbody>
                {kind.questions.map((q) => (
                  <tr>
                    <th scope="row">{q.text}</th>
                    {answerValues.map((v) => (
                      <td class="sofia-num">
                        <Figure text={count(locale, q.counts ? q.counts[v] : null)} t={t} />
                      </td>
                    ))}
                    <td class="sofia-num">
                      <Figure text={share(locale, q, q.yesShare)} t={t} />
                    </td>
                    <td class="sofia-num">
                      <Figure text={share(locale, q, q.partlyShare)} t={t} />
                    </td>
                    <td>{questionSentence(t, q)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p class="ds-paragraph sofia-hint" data-size="sm">
            {t("audits.results.shareHint")}
          </p>
          <ScrollRegion labelledBy={`${id}-r`}>
            <table class="ds-table" data-border data-size="sm">
              <caption id={`${id}-r`}>{t("audits.results.ratingsCaption", { kind: kind.label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audits.results.col.rating")}</th>
                  <th scope="col" class="sofia-num">
                    {t("audits.results.col.n")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {kind.ratings.map((r) => (
                  <tr>
                    <th scope="row">{r.label}</th>
                    <td class="sofia-num">
                      <Figure text={count(locale, r.n)} t={t} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h3 class="ds-heading" data-size="xs">
            {t("audits.results.comments", { kind: kind.label })}
          </h3>
          {kind.comments.length === 0 ? (
            <p class="ds-paragraph">{t("audits.results.noComments")}</p>
          ) : (
            <ul class="ds-list">
              {kind.comments.map((c) => (
                <li>{c}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function ResultsPage({ view, results }: { view: View; results: RoundResults }) {
  const { t, locale } = view;
  const title = t("audits.results.title", { name: results.round.name });
  return (
    <Layout view={view} title={title}>
      <BackLink href={roundPaths.list.href()} text={t("audits.backToList")} />
      <PageHeading>{title}</PageHeading>
      <p class="ds-paragraph">
        {t("audits.results.facts", {
          key: t("audits.keyVersion", { name: results.round.keyName, version: results.round.keyVersion }),
          families: results.round.families,
          status: t(`audits.status.${results.round.status}`),
        })}
      </p>
      <p class="ds-paragraph">{t("audits.results.intro", { min: results.minGroupSize })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={paths.csv.href({ id: results.round.id })} download>
          {t("audits.results.csv")}
        </a>
      </p>
      <ScrollRegion labelledBy="overview-caption">
        <table class="ds-table" data-border data-size="sm">
          <caption id="overview-caption">{t("audits.results.overview")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audits.results.col.kind")}</th>
              <th scope="col" class="sofia-num">
                {t("audits.results.col.n")}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.kinds.map((k) => (
              <tr>
                <th scope="row">{k.label}</th>
                <td class="sofia-num">
                  <Figure text={count(locale, k.n)} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("audits.results.total")}</th>
              <td class="sofia-num">
                <Figure text={count(locale, results.total)} t={t} />
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      {results.kinds.map((k) => (
        <KindSection view={view} kind={k} min={results.minGroupSize} />
      ))}
    </Layout>
  );
}

/** The counts table as CSV (semicolons, BOM for Excel): per kind and question, then the overall ratings. No comments. */
export function resultsCsv(t: Translate, locale: Locale, results: RoundResults): string {
  const lines = [
    csvLine([t("audits.results.title", { name: results.round.name })]),
    csvLine([]),
    csvLine([
      t("audits.results.csv.kind"),
      t("audits.results.col.n"),
      t("audits.results.col.question"),
      ...answerValues.map((v) => t(`audits.answer.${v}`)),
      t("audits.results.col.yesShare"),
      t("audits.results.col.partlyShare"),
    ]),
  ];
  for (const k of results.kinds) {
    for (const q of k.questions) {
      lines.push(
        csvLine([
          k.label,
          count(locale, k.n),
          q.text,
          ...answerValues.map((v) => count(locale, q.counts ? q.counts[v] : null)),
          share(locale, q, q.yesShare),
          share(locale, q, q.partlyShare),
        ]),
      );
    }
  }
  lines.push(csvLine([t("audits.results.total"), count(locale, results.total)]));
  lines.push(csvLine([]), csvLine([t("audits.results.csv.kind"), t("audits.results.csv.rating"), t("audits.results.csv.count")]));
  for (const k of results.kinds) for (const r of k.ratings) lines.push(csvLine([k.label, r.label, count(locale, r.n)]));
  return `\uFEFF${lines.join("")}`;
}
