/**
 * The stops section of the process page (hållplatser, the joint child impact analysis per child,
 * the safety scale over time) and the forms behind it: record a consultation, the worksheet, add
 * a rating. Server-rendered; the chart is an inline SVG with a text alternative and a table.
 */

import type { ComponentChildren } from "preact";
import { FamilyNameLine, familyName, type NamedFamily } from "../../families/index.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import { one } from "../../platform/form-pages.ts";
import { CheckboxGroup, DateField, ErrorSummary, RadioGroup, SelectField, TextAreaField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert } from "../../platform/page-parts.tsx";
import { paths as processPaths } from "../paths.ts";
import { chartPoints, IMPACT_STOP_KEY, impactSections, NOTE_MAX, raters, SCORE_MAX, SCORE_MIN, SECTION_MAX } from "./model.ts";
import { paths } from "./paths.ts";
import type {
  ChildBlock,
  ChildLabel,
  ConsultationForm,
  ImpactForm,
  RatingForm,
  SafetyRating,
  StopItem,
  StopsSectionData,
} from "./service.ts";

const processHref = (id: string) => processPaths.process.href({ id });
const consultationHref = (id: string, stopKey: string, childId: string | null) =>
  paths.newConsultation.href({ id }, { hallplats: stopKey, barn: childId || undefined });
const impactHref = (id: string, childId: string) => paths.impact.href({ id, childId });
const ratingHref = (id: string, childId?: string) => paths.newRating.href({ id }, { barn: childId || undefined });

const childName = (t: Translate, child: ChildLabel) => child.name ?? t("stops.childNumber", { n: child.position });

/** The page says plainly that the record of the case is not kept here. */
export function JournalNote({ t }: { t: Translate }) {
  return (
    <div class="ds-alert sofia-field" data-color="info">
      <p class="ds-paragraph">{t("stops.journalNote")}</p>
    </div>
  );
}

function FormActions({ submit, cancelHref, cancel }: { submit: string; cancelHref: string; cancel: string }) {
  return (
    <p class="ds-paragraph sofia-actions">
      <button type="submit" class="ds-button" data-variant="primary">
        {submit}
      </button>
      <a class="ds-link" href={cancelHref}>
        {cancel}
      </a>
    </p>
  );
}

// ---------------------------------------------------------------------------------------------
// The section of the process page

const stateIcon = { held: "✓", overdue: "!", due: "○", not_yet: "–" } as const;

function StopState({ t, stop }: { t: Translate; stop: StopItem }) {
  const text =
    stop.state === "held"
      ? stop.late
        ? t("stops.state.heldLate", { days: stop.daysLate })
        : t("stops.state.held")
      : stop.state === "overdue"
        ? t("stops.state.overdue", { days: stop.daysLate })
        : t(`stops.state.${stop.state}`);
  const content = (
    <>
      <span aria-hidden="true">{stateIcon[stop.state]} </span>
      {text}
    </>
  );
  return stop.state === "overdue" || stop.late ? <strong>{content}</strong> : <span>{content}</span>;
}

function StopAction({ t, processId, stop }: { t: Translate; processId: string; stop: StopItem }) {
  if (stop.state === "held") return null;
  const who = stop.child ? childName(t, stop.child) : null;
  if (stop.key === IMPACT_STOP_KEY && stop.child) {
    return (
      <a class="ds-link" href={impactHref(processId, stop.child.id)}>
        {t("stops.action.impact", { child: who ?? "" })}
      </a>
    );
  }
  return (
    <a class="ds-link" href={consultationHref(processId, stop.key, stop.child?.id ?? null)}>
      {who ? t("stops.action.recordForChild", { stop: stop.name, child: who }) : t("stops.action.record", { stop: stop.name })}
    </a>
  );
}

function StopsTable({ t, processId, stops, canWork }: { t: Translate; processId: string; stops: StopItem[]; canWork: boolean }) {
  return (
    <ScrollRegion labelledBy="stops-caption">
      <table class="ds-table" data-border>
        <caption id="stops-caption">{t("stops.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stops.col.stop")}</th>
            <th scope="col">{t("stops.col.for")}</th>
            <th scope="col">{t("stops.col.due")}</th>
            <th scope="col">{t("stops.col.held")}</th>
            <th scope="col">{t("stops.col.state")}</th>
            {canWork && <th scope="col">{t("stops.col.action")}</th>}
          </tr>
        </thead>
        <tbody>
          {stops.map((s) => (
            <tr>
              <th scope="row">{s.name}</th>
              <td>{s.child ? childName(t, s.child) : t("stops.wholeFamily")}</td>
              <td class="sofia-nowrap">{s.dueOn ?? t(`stops.dueAfter.${s.dueEvent}`)}</td>
              <td class="sofia-nowrap">{s.heldOn ?? t("stops.notHeld")}</td>
              <td>
                <StopState t={t} stop={s} />
              </td>
              {canWork && (
                <td>
                  <StopAction t={t} processId={processId} stop={s} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ImpactTable({ t, processId, children, canWork }: { t: Translate; processId: string; children: ChildBlock[]; canWork: boolean }) {
  return (
    <ScrollRegion labelledBy="impact-caption">
      <table class="ds-table" data-border>
        <caption id="impact-caption">{t("stops.impact.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stops.col.child")}</th>
            <th scope="col">{t("stops.impact.madeOn")}</th>
            <th scope="col">{t("stops.impact.jointCol")}</th>
            <th scope="col">{t("stops.impact.section.bestInterest")}</th>
            {canWork && <th scope="col">{t("stops.col.action")}</th>}
          </tr>
        </thead>
        <tbody>
          {children.map(({ child, analysis }) => (
            <tr>
              <th scope="row">{childName(t, child)}</th>
              <td class="sofia-nowrap">{analysis ? analysis.madeOn : t("stops.impact.notMade")}</td>
              <td>{analysis ? t(analysis.joint ? "stops.yes" : "stops.no") : t("stops.notHeld")}</td>
              <td>{analysis?.sections.bestInterest ?? t("stops.notHeld")}</td>
              {canWork && (
                <td>
                  <a class="ds-link" href={impactHref(processId, child.id)}>
                    {t(analysis ? "stops.action.impactEdit" : "stops.action.impact", { child: childName(t, child) })}
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const CHART = { width: 360, height: 120, margin: 10, left: 24 } as const;

/** A small line of the ratings over time: an image with a text alternative; the table beside it has every value. */
export function SafetyChart({ t, name, ratings, id }: { t: Translate; name: string; ratings: SafetyRating[]; id: string }) {
  const points = chartPoints(ratings, CHART.width - CHART.left, CHART.height, CHART.margin).map((p) => ({ x: p.x + CHART.left, y: p.y }));
  const described = ratings.map((r) => t("stops.safety.point", { score: r.score, date: r.ratedOn })).join(", ");
  const label = t("stops.safety.chartLabel", { child: name, values: described });
  const yOf = (score: number) => CHART.margin + (CHART.height - 2 * CHART.margin) * (1 - score / SCORE_MAX);
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      width={CHART.width}
      height={CHART.height}
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      class="sofia-safety-chart"
    >
      <title id={`${id}-title`}>{label}</title>
      {[SCORE_MIN, 5, SCORE_MAX].map((s) => (
        <>
          <line x1={CHART.left} x2={CHART.width - CHART.margin} y1={yOf(s)} y2={yOf(s)} stroke="#c4c9d0" stroke-width="1" />
          <text x={CHART.left - 4} y={yOf(s) + 4} text-anchor="end" font-size="11" fill="#3b4552">
            {String(s)}
          </text>
        </>
      ))}
      {points.length > 1 && (
        <polyline
          points={points.map((p) => `${p.x},${p.y}`).join(" ")}
          fill="none"
          stroke="#0b6b68"
          stroke-width="2"
          stroke-linejoin="round"
        />
      )}
      {points.map((p) => (
        <circle cx={p.x} cy={p.y} r="3.5" fill="#053533" />
      ))}
    </svg>
  );
}

function SafetyBlock({ t, processId, block, canWork }: { t: Translate; processId: string; block: ChildBlock; canWork: boolean }) {
  const name = childName(t, block.child);
  const id = `safety-${block.child.id}`;
  return (
    <div class="sofia-section">
      <h4 class="ds-heading" data-size="xs" id={`${id}-h`}>
        {name}
      </h4>
      {block.ratings.length === 0 ? (
        <p class="ds-paragraph">{t("stops.safety.none")}</p>
      ) : (
        <>
          <SafetyChart t={t} name={name} ratings={block.ratings} id={`${id}-chart`} />
          <ScrollRegion labelledBy={`${id}-caption`}>
            <table class="ds-table" data-border>
              <caption id={`${id}-caption`}>{t("stops.safety.caption", { child: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("stops.safety.ratedOn")}</th>
                  <th scope="col">{t("stops.safety.ratedBy")}</th>
                  <th scope="col" class="sofia-num">
                    {t("stops.safety.score")}
                  </th>
                  <th scope="col">{t("stops.safety.note")}</th>
                </tr>
              </thead>
              <tbody>
                {block.ratings.map((r) => (
                  <tr>
                    <td class="sofia-nowrap">{r.ratedOn}</td>
                    <td>{t(`stops.rater.${r.ratedBy}`)}</td>
                    <td class="sofia-num">{r.score}</td>
                    <td>{r.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      {canWork && (
        <div class="sofia-actions">
          <a class="ds-link" href={ratingHref(processId, block.child.id)}>
            {t("stops.safety.addFor", { child: name })}
          </a>
        </div>
      )}
    </div>
  );
}

/** The process page's section: stops with due dates and state, the analyses per child, the safety scale. */
export function StopsSection({
  view,
  processId,
  data,
  canWork,
}: {
  view: View;
  processId: string;
  data: StopsSectionData;
  canWork: boolean;
}) {
  const { t } = view;
  const work = canWork && !data.minimal;
  return (
    <section aria-labelledby="stops-h" class="sofia-section" id="hallplatser">
      <h2 id="stops-h" class="ds-heading" data-size="sm">
        {t("stops.section.title")}
      </h2>
      {data.stops.length === 0 ? (
        <p class="ds-paragraph">{t("stops.section.noStops")}</p>
      ) : (
        <StopsTable t={t} processId={processId} stops={data.stops} canWork={work} />
      )}
      {!data.minimal && data.children.length > 0 && (
        <>
          <h3 class="ds-heading sofia-section" data-size="xs" id="impact-h">
            {t("stops.impact.title")}
          </h3>
          <p class="ds-paragraph">{t("stops.impact.intro")}</p>
          <ImpactTable t={t} processId={processId} children={data.children} canWork={work} />
          <h3 class="ds-heading sofia-section" data-size="xs" id="safety-h">
            {t("stops.safety.title")}
          </h3>
          <p class="ds-paragraph">{t("stops.safety.intro")}</p>
          {data.children.map((block) => (
            <SafetyBlock t={t} processId={processId} block={block} canWork={work} />
          ))}
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The forms

interface FormProps<D> {
  view: View;
  data: D;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  conflict?: string;
}

function Frame({
  view,
  title,
  processId,
  family,
  children,
}: {
  view: View;
  title: string;
  processId: string;
  family: NamedFamily;
  children: ComponentChildren;
}) {
  const name = familyName(family, view.t).name;
  return (
    <Layout view={view} title={`${title} – ${name}`}>
      <BackLink href={processHref(processId)} text={view.t("stops.back", { family: name })} />
      <PageHeading>{title}</PageHeading>
      <FamilyNameLine family={family} t={view.t} full />
      {children}
    </Layout>
  );
}

export function ConsultationPage({ view, data, values, errors = {}, conflict }: FormProps<ConsultationForm>) {
  const { t } = view;
  const title = data.child
    ? t("stops.consultation.titleChild", { stop: data.stop.name, child: data.child.name })
    : t("stops.consultation.title", { stop: data.stop.name });
  const ticks = Array.isArray(values.checklist) ? values.checklist : values.checklist ? [values.checklist] : [];
  return (
    <Frame view={view} title={title} processId={data.processId} family={data.family}>
      <ConflictAlert message={conflict} reloadHref={processHref(data.processId)} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{data.stop.purpose}</p>
      {data.held && !conflict ? (
        <div class="ds-alert" data-color="info" role="status">
          <p class="ds-paragraph">{t("stops.consultation.heldAlready", { date: data.held.heldOn })}</p>
        </div>
      ) : (
        <>
          <JournalNote t={t} />
          <form method="post" action={consultationHref(data.processId, data.stop.key, data.child?.id ?? null)} novalidate>
            <CsrfField view={view} />
            <DateField
              t={t}
              locale={view.locale}
              required
              name="heldOn"
              label={t("stops.consultation.heldOn")}
              hint={t("stops.date.hint", { date: data.requestDate })}
              value={one(values.heldOn)}
              error={errors.heldOn}
            />
            {data.stop.checklist.length > 0 && (
              <CheckboxGroup
                name="checklist"
                label={t("stops.consultation.checklist")}
                hint={t("stops.consultation.checklistHint")}
                values={ticks}
                options={data.stop.checklist.map((item, i) => ({ value: String(i), label: item }))}
                error={errors.checklist}
              />
            )}
            <TextAreaField
              name="note"
              label={t("stops.consultation.note")}
              hint={t("stops.note.hint", { max: NOTE_MAX })}
              value={one(values.note)}
              maxLength={NOTE_MAX}
              rows={3}
              error={errors.note}
            />
            <FormActions submit={t("stops.consultation.submit")} cancelHref={processHref(data.processId)} cancel={t("stops.cancel")} />
          </form>
        </>
      )}
    </Frame>
  );
}

export function ImpactPage({ view, data, values, errors = {}, conflict }: FormProps<ImpactForm>) {
  const { t } = view;
  const title = t("stops.impact.pageTitle", { child: data.child.name });
  const v = (name: string) => one(values[name]);
  return (
    <Frame view={view} title={title} processId={data.processId} family={data.family}>
      <ConflictAlert message={conflict} reloadHref={impactHref(data.processId, data.child.id)} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("stops.impact.pageIntro")}</p>
      {data.countsAsStop && <p class="ds-paragraph">{t("stops.impact.countsAsStop")}</p>}
      {data.analysis && (
        <p class="ds-paragraph">{t("stops.impact.lastSaved", { date: data.analysis.madeOn, name: data.analysis.recordedByName })}</p>
      )}
      <JournalNote t={t} />
      <dl class="sofia-wm-facts">
        <dt>{t("stops.impact.childCaseworker")}</dt>
        <dd>{data.childCaseworker ?? t("stops.impact.noneAssigned")}</dd>
        <dt>{t("stops.impact.adultCaseworker")}</dt>
        <dd>{data.adultCaseworker ?? t("stops.impact.noneAssigned")}</dd>
      </dl>
      <form method="post" action={impactHref(data.processId, data.child.id)} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={v("version")} />
        <DateField
          t={t}
          locale={view.locale}
          required
          name="madeOn"
          label={t("stops.impact.madeOn")}
          hint={t("stops.date.hint", { date: data.requestDate })}
          value={v("madeOn")}
          error={errors.madeOn}
        />
        <RadioGroup
          name="joint"
          legend={t("stops.impact.joint")}
          hint={t("stops.impact.jointHint")}
          value={v("joint")}
          options={[
            { value: "yes", label: t("stops.impact.jointYes") },
            { value: "no", label: t("stops.impact.jointNo") },
          ]}
          error={errors.joint}
        />
        {impactSections.map((s) => (
          <TextAreaField
            name={`sections.${s}`}
            label={t(`stops.impact.section.${s}`)}
            hint={t(`stops.impact.hint.${s}`)}
            value={v(`sections.${s}`)}
            maxLength={SECTION_MAX}
            rows={5}
            error={errors[`sections.${s}`]}
          />
        ))}
        <FormActions submit={t("stops.impact.submit")} cancelHref={processHref(data.processId)} cancel={t("stops.cancel")} />
      </form>
    </Frame>
  );
}

export function RatingPage({ view, data, values, errors = {} }: FormProps<RatingForm>) {
  const { t } = view;
  const title = t("stops.safety.pageTitle");
  const v = (name: string) => one(values[name]);
  return (
    <Frame view={view} title={title} processId={data.processId} family={data.family}>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("stops.safety.intro")}</p>
      <form method="post" action={ratingHref(data.processId)} novalidate>
        <CsrfField view={view} />
        <SelectField
          name="childId"
          label={t("stops.col.child")}
          value={v("childId")}
          required
          options={[{ value: "", label: t("stops.safety.chooseChild") }, ...data.children.map((c) => ({ value: c.id, label: c.name }))]}
          error={errors.childId}
        />
        <DateField
          t={t}
          locale={view.locale}
          required
          name="ratedOn"
          label={t("stops.safety.ratedOn")}
          hint={t("stops.date.hint", { date: data.requestDate })}
          value={v("ratedOn")}
          error={errors.ratedOn}
        />
        <SelectField
          name="ratedBy"
          label={t("stops.safety.ratedBy")}
          value={v("ratedBy")}
          required
          options={[
            { value: "", label: t("stops.safety.chooseRater") },
            ...raters.map((r) => ({ value: r, label: t(`stops.rater.${r}`) })),
          ]}
          error={errors.ratedBy}
        />
        <SelectField
          name="score"
          label={t("stops.safety.score")}
          hint={t("stops.safety.scoreHint")}
          value={v("score")}
          required
          options={[
            { value: "", label: t("stops.safety.chooseScore") },
            ...Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => ({
              value: String(i + SCORE_MIN),
              label: String(i + SCORE_MIN),
            })),
          ]}
          error={errors.score}
        />
        <TextAreaField
          name="note"
          label={t("stops.safety.note")}
          hint={t("stops.note.hint", { max: NOTE_MAX })}
          value={v("note")}
          maxLength={NOTE_MAX}
          rows={3}
          error={errors.note}
        />
        <FormActions submit={t("stops.safety.submit")} cancelHref={processHref(data.processId)} cancel={t("stops.cancel")} />
      </form>
    </Frame>
  );
}
