/** The survey results page: the choice of instrument and period, then counts, rates, charts and tables, suppressed. */
import { type ChartCategory, type ChartRow, StackedBarChart, Suppressed } from "../../platform/charts.tsx";
import { csvLine } from "../../platform/csv.ts";
import { ErrorSummary, SelectField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatNumber, type Locale, type Translate } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { formatMean, formatMeanChange, formatShare, type Precision } from "../../platform/precision.ts";
import { SUPPRESSED } from "../../platform/suppression.ts";
import { paths } from "./paths.ts";
import type { GroupStat, InstrumentChoice, ItemStat, PairedStat, SurveyResults, YearStat } from "./service.ts";

/** How figures are written: the reader's language and the municipality's decimals (platform/precision.ts, half up). */
interface Fmt {
  locale: Locale;
  precision: Precision;
}
const mean = (f: Fmt, m: number | null) => (m === null ? SUPPRESSED : formatMean(m, f.precision, f.locale));
const change = (f: Fmt, d: number) => formatMeanChange(d, f.precision, f.locale);
const count = (locale: Locale, n: number | null) => (n === null ? SUPPRESSED : formatNumber(locale, n));
/** A share of 0–1 as the municipality writes shares: "43 %". */
const share = (f: Fmt, s: number | null) => (s === null ? SUPPRESSED : formatShare(s * 100, f.precision, f.locale));
/** No figure to give (nobody answered on the scale), as opposed to a hidden one (..). */
const NONE = "–";
/** An item's mean and share of don't know: ".." when the item is hidden, "–" when there is nothing to compute. */
const itemMean = (f: Fmt, i: ItemStat) => (i.suppressed ? SUPPRESSED : i.mean === null ? NONE : mean(f, i.mean));
const itemShare = (f: Fmt, i: ItemStat) => (i.suppressed ? SUPPRESSED : i.dontKnowShare === null ? NONE : share(f, i.dontKnowShare));

/** A figure in a table cell: the text, or ".." read out as "too few answers to show". */
function Figure({ text, t }: { text: string; t: Translate }) {
  return text === SUPPRESSED ? <Suppressed text={t("results.suppressed")} /> : text;
}

export function groupName(t: Translate, g: Pick<GroupStat, "key" | "kind">): string {
  if (g.kind === "all") return t("results.group.all");
  if (g.kind === "role") return t(`responses.role.${g.key}`);
  return g.key === "unknown" ? t("results.group.unknown") : t("results.group.band", { band: g.key });
}

export interface ResultsForm {
  instrument: string;
  from: string;
  to: string;
}

export function ResultsPage(props: {
  view: View;
  instruments: InstrumentChoice[];
  form: ResultsForm;
  results: SurveyResults | null;
  minGroupSize: number;
  errors?: Record<string, string>;
}) {
  const { view, results } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("results.title")}>
      <PageHeading>{t("results.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("results.intro", { min: props.minGroupSize })}</p>
      {props.instruments.length === 0 ? (
        <p class="ds-paragraph">{t("results.none")}</p>
      ) : (
        <form method="get" action={paths.results.href()} class="sofia-results-form" novalidate>
          <fieldset class="ds-fieldset">
            <legend class="ds-label">{t("results.form.legend")}</legend>
            <SelectField
              name="instrument"
              label={t("results.form.instrument")}
              value={props.form.instrument}
              options={props.instruments.map((i) => ({ value: i.key, label: i.name }))}
              error={errors.instrument}
            />
            <div class="sofia-results-form__dates">
              <TextField
                name="from"
                inputMode="numeric"
                label={t("results.form.from")}
                hint={t("results.form.dateHint")}
                value={props.form.from}
                error={errors.from}
              />
              <TextField
                name="to"
                inputMode="numeric"
                label={t("results.form.to")}
                hint={t("results.form.dateHint")}
                value={props.form.to}
                error={errors.to}
              />
            </div>
            <button type="submit" class="ds-button" data-variant="primary">
              {t("results.form.submit")}
            </button>
          </fieldset>
        </form>
      )}
      {results && (
        <p class="ds-paragraph">
          <a class="ds-link" href={csvHref(props.form)} download>
            {t("results.csv.link")}
          </a>
        </p>
      )}
      {results && <Results view={view} results={results} />}
    </Layout>
  );
}

function Results({ view, results }: { view: View; results: SurveyResults }) {
  const { t, locale } = view;
  const content = results.instrument.content;
  const all = results.groups[0];
  const apart = results.groups.slice(1);
  const maxValue = Math.max(...content.scale.options.map((o) => o.value));
  return (
    <>
      <h2 class="ds-heading sofia-section" data-size="md" id="results-h">
        {t("results.heading", { name: results.instrument.name, from: results.period.from, to: results.period.to })}
      </h2>
      <p class="ds-paragraph sofia-hint" data-size="sm">
        {t("results.version", { n: results.instrument.version })} {t("results.meanHint", { max: maxValue })}
      </p>

      <section aria-labelledby="count-h" class="sofia-section">
        <h3 id="count-h" class="ds-heading" data-size="sm">
          {t("results.count.heading")}
        </h3>
        <dl class="sofia-wm-facts">
          <dt>{t("results.count.responses")}</dt>
          <dd>
            <Figure text={count(locale, all?.n ?? 0)} t={t} />
          </dd>
        </dl>
        <RateTable view={view} results={results} />
      </section>

      {all && <GroupSection view={view} results={results} group={all} headingLevel={3} />}
      {apart.length > 0 && (
        <section aria-labelledby="apart-h" class="sofia-section">
          <h3 id="apart-h" class="ds-heading" data-size="sm">
            {t("results.group.apart")}
          </h3>
          {apart.map((g) => (
            <GroupSection view={view} results={results} group={g} headingLevel={4} />
          ))}
        </section>
      )}
      {results.paired && <PairedSection view={view} paired={results.paired} precision={results.precision} />}
      {results.years && <YearsSection view={view} years={results.years} precision={results.precision} />}
    </>
  );
}

function RateTable({ view, results }: { view: View; results: SurveyResults }) {
  const { t, locale } = view;
  const f: Fmt = { locale, precision: results.precision };
  if (results.rates.length === 0) {
    // An annual survey follows no meeting: there is no meeting rate to speak of.
    return results.instrument.content.timing.includes("annual") ? null : <p class="ds-paragraph">{t("results.rate.none")}</p>;
  }
  const total = results.rateTotal;
  return (
    <ScrollRegion labelledBy="rate-caption">
      <table class="ds-table" data-border data-size="sm">
        <caption id="rate-caption">{t("results.rate.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.rate.type")}</th>
            <th scope="col">{t("results.rate.meetings")}</th>
            <th scope="col">{t("results.rate.invited")}</th>
            <th scope="col">{t("results.rate.responses")}</th>
            <th scope="col">{t("results.rate.rate")}</th>
          </tr>
        </thead>
        <tbody>
          {results.rates.map((r) => (
            <tr>
              <th scope="row">{r.meetingTypeName}</th>
              <td class="sofia-num">{formatNumber(locale, r.meetings)}</td>
              <td class="sofia-num">
                <Figure text={count(locale, r.invited)} t={t} />
              </td>
              <td class="sofia-num">
                <Figure text={count(locale, r.responses)} t={t} />
              </td>
              <td class="sofia-num">
                <Figure text={share(f, r.rate)} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("results.rate.total")}</th>
            <td class="sofia-num">
              {formatNumber(
                locale,
                results.rates.reduce((s, r) => s + r.meetings, 0),
              )}
            </td>
            <td class="sofia-num">
              <Figure text={count(locale, total.invited)} t={t} />
            </td>
            <td class="sofia-num">
              <Figure text={count(locale, total.responses)} t={t} />
            </td>
            <td class="sofia-num">
              <Figure text={share(f, total.rate)} t={t} />
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

function GroupSection(props: { view: View; results: SurveyResults; group: GroupStat; headingLevel: 3 | 4 }) {
  const { view, results, group } = props;
  const { t, locale } = view;
  const f: Fmt = { locale, precision: results.precision };
  const name = groupName(t, group);
  const id = `g-${group.kind}-${group.key.replace(/[^a-z0-9]/gi, "")}`;
  const Heading = props.headingLevel === 3 ? "h3" : "h4";
  const dontKnow = results.instrument.content.scale.allowDontKnow;
  const categories: ChartCategory[] = [
    ...results.scaleLabels.map((label) => ({ label })),
    ...(dontKnow ? [{ label: t("results.dontKnow"), neutral: true }] : []),
  ];
  const rows: ChartRow[] = group.items.map((item) => ({
    label: item.text,
    counts: item.counts && (dontKnow ? [...item.counts, item.dontKnow ?? 0] : item.counts),
    extra: [count(locale, item.answered), itemMean(f, item), ...(dontKnow ? [itemShare(f, item)] : [])],
  }));
  return (
    <section aria-labelledby={`${id}-h`} class="sofia-section sofia-results-group">
      <Heading id={`${id}-h`} class="ds-heading" data-size="xs">
        {t("results.group.heading", { group: name, n: count(locale, group.n) })}
      </Heading>
      {group.suppressed && <p class="ds-paragraph">{t("results.suppressedGroup", { min: results.minGroupSize })}</p>}
      <StackedBarChart
        id={id}
        title={t("results.chart.title", { group: name })}
        description={t("results.chart.desc")}
        caption={t("results.chart.caption", { group: name })}
        rowHeader={t("results.col.item")}
        categories={categories}
        rows={rows}
        extraHeaders={[t("results.col.answered"), t("results.col.mean"), ...(dontKnow ? [t("results.col.dontKnowShare")] : [])]}
        suppressedText={t("results.suppressed")}
        legendTitle={t("results.chart.legend")}
        locale={locale}
        precision={f.precision}
      />
    </section>
  );
}

function PairedSection({ view, paired, precision }: { view: View; paired: PairedStat; precision: Precision }) {
  const { t, locale } = view;
  const f: Fmt = { locale, precision };
  return (
    <section aria-labelledby="paired-h" class="sofia-section">
      <h3 id="paired-h" class="ds-heading" data-size="sm">
        {t("results.paired.heading")}
      </h3>
      <p class="ds-paragraph">{t("results.paired.intro", { n: count(locale, paired.pairs) })}</p>
      <ScrollRegion labelledBy="paired-caption">
        <table class="ds-table" data-border data-size="sm">
          <caption id="paired-caption">{t("results.paired.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.col.item")}</th>
              <th scope="col">{t("results.paired.before")}</th>
              <th scope="col">{t("results.paired.after")}</th>
              <th scope="col">{t("results.paired.change")}</th>
            </tr>
          </thead>
          <tbody>
            {paired.items.map((i) => (
              <tr>
                <th scope="row">{i.text}</th>
                <td class="sofia-num">
                  <Figure text={mean(f, i.before)} t={t} />
                </td>
                <td class="sofia-num">
                  <Figure text={mean(f, i.after)} t={t} />
                </td>
                <td class="sofia-num">
                  <Figure text={i.before === null || i.after === null ? SUPPRESSED : change(f, i.after - i.before)} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function YearsSection({ view, years, precision }: { view: View; years: YearStat[]; precision: Precision }) {
  const { t, locale } = view;
  const f: Fmt = { locale, precision };
  const items = years[0]?.items ?? [];
  return (
    <section aria-labelledby="years-h" class="sofia-section">
      <h3 id="years-h" class="ds-heading" data-size="sm">
        {t("results.years.heading")}
      </h3>
      <p class="ds-paragraph">{t("results.years.intro")}</p>
      {years.length === 0 ? (
        <p class="ds-paragraph">{t("results.years.none")}</p>
      ) : (
        <ScrollRegion labelledBy="years-caption">
          <table class="ds-table" data-border data-size="sm">
            <caption id="years-caption">{t("results.years.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("results.col.item")}</th>
                {years.map((y) => (
                  <th scope="col">{String(y.year)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("results.years.n")}</th>
                {years.map((y) => (
                  <td class="sofia-num">
                    <Figure text={count(locale, y.n)} t={t} />
                  </td>
                ))}
              </tr>
              {items.map((item, i) => (
                <tr>
                  <th scope="row">{item.text}</th>
                  {years.map((y) => (
                    <td class="sofia-num">
                      <Figure text={mean(f, y.items[i]?.mean ?? null)} t={t} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- CSV for Swedish Excel

/** The results' tables as one CSV (BOM, semicolons): hidden figures are "..", as on the page. */
export function resultsCsv(t: Translate, locale: Locale, results: SurveyResults): string {
  const f: Fmt = { locale, precision: results.precision };
  const dontKnow = results.instrument.content.scale.allowDontKnow;
  const lines: string[] = [
    csvLine([t("results.heading", { name: results.instrument.name, from: results.period.from, to: results.period.to })]),
    csvLine([]),
    csvLine([
      t("results.csv.group"),
      t("results.col.item"),
      ...results.scaleLabels,
      ...(dontKnow ? [t("results.dontKnow")] : []),
      t("results.col.answered"),
      t("results.col.mean"),
      ...(dontKnow ? [t("results.col.dontKnowShare")] : []),
    ]),
  ];
  for (const g of results.groups) {
    for (const i of g.items) {
      const counts = i.counts ? i.counts.map((n) => formatNumber(locale, n)) : results.scaleLabels.map(() => SUPPRESSED);
      lines.push(
        csvLine([
          `${groupName(t, g)} (${count(locale, g.n)})`,
          i.text,
          ...counts,
          ...(dontKnow ? [count(locale, i.dontKnow)] : []),
          count(locale, i.answered),
          itemMean(f, i),
          ...(dontKnow ? [itemShare(f, i)] : []),
        ]),
      );
    }
  }
  lines.push(csvLine([]));
  lines.push(
    csvLine([
      t("results.rate.type"),
      t("results.rate.meetings"),
      t("results.rate.invited"),
      t("results.rate.responses"),
      t("results.rate.rate"),
    ]),
  );
  for (const r of results.rates) {
    lines.push(
      csvLine([
        r.meetingTypeName,
        formatNumber(locale, r.meetings),
        count(locale, r.invited),
        count(locale, r.responses),
        share(f, r.rate),
      ]),
    );
  }
  if (results.paired) {
    lines.push(csvLine([]), csvLine([t("results.paired.heading"), count(locale, results.paired.pairs)]));
    lines.push(csvLine([t("results.col.item"), t("results.paired.before"), t("results.paired.after")]));
    for (const i of results.paired.items) lines.push(csvLine([i.text, mean(f, i.before), mean(f, i.after)]));
  }
  if (results.years) {
    lines.push(csvLine([]), csvLine([t("results.years.heading"), ...results.years.map((y) => String(y.year))]));
    lines.push(csvLine([t("results.years.n"), ...results.years.map((y) => count(locale, y.n))]));
    const items = results.years[0]?.items ?? [];
    items.forEach((item, i) => {
      lines.push(csvLine([item.text, ...(results.years ?? []).map((y) => mean(f, y.items[i]?.mean ?? null))]));
    });
  }
  return `\uFEFF${lines.join("")}`;
}

/** The address of the CSV of the results shown: the same query. */
export const csvHref = (form: ResultsForm) => paths.csv.href({ instrument: form.instrument, from: form.from, to: form.to });
