/** The placements pages: placed children, a child, the placement forms, the forums, a forum's agenda and decision form. */
import type { FieldErrors } from "../platform/errors.ts";
import { many, one } from "../platform/form-pages.ts";
import {
  Checkbox,
  CheckboxGroup,
  DateField,
  ErrorSummary,
  inFieldOrder,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDay, formatNumber } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice, NumHeader } from "../platform/page-parts.tsx";
import { processPaths } from "../processes/index.ts";
import { DECISION_MAX, endDestinations, legalBases, PLAN_MAX, placementKinds } from "./model.ts";
import { paths } from "./paths.ts";
import type * as service from "./service.ts";

export type Values = Record<string, string | string[]>;
export interface Failure {
  status: number;
  errors: FieldErrors;
  conflict?: string;
}

const kindOptions = (t: View["t"]) => [
  { value: "", label: t("placements.form.chooseKind") },
  ...placementKinds.map((k) => ({ value: k, label: t(`placements.kind.${k}`) })),
];

function Missing({ view }: { view: View }) {
  return <span class="sofia-hint">{view.t("placements.notGiven")}</span>;
}

// ---- The list of placed children ----

export function ChildListPage({ view, list, notice }: { view: View; list: service.ChildList; notice?: string }) {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t("placements.list.title")}>
      <PageHeading>{t("placements.list.title")}</PageHeading>
      <Notice text={notice && t(notice)} />
      <p class="ds-paragraph">{t("placements.list.intro")}</p>
      <p class="ds-paragraph sofia-actions">
        {list.canWrite && (
          <a class="ds-button" data-variant="primary" href={paths.newChild.href()}>
            {t("placements.list.new")}
          </a>
        )}
        <a class="ds-link" href={paths.forums.href()}>
          {t("placements.forums.title")}
        </a>
      </p>
      {list.children.length === 0 ? (
        <p class="ds-paragraph">{t("placements.list.none")}</p>
      ) : (
        <ScrollRegion labelledBy="children-caption">
          <table class="ds-table" data-border id="children-table">
            <caption id="children-caption">{t("placements.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("placements.col.child")}</th>
                <th scope="col">{t("placements.col.born")}</th>
                <th scope="col">{t("placements.col.unit")}</th>
                <th scope="col">{t("placements.col.kind")}</th>
                <th scope="col">{t("placements.col.since")}</th>
                <NumHeader>{t("placements.col.days")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {list.children.map((c) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={paths.child.href({ id: c.id })}>
                      {c.name}
                    </a>
                    {c.requestPersonId && <span class="sofia-hint"> {t("placements.sofiaFamily")}</span>}
                  </th>
                  <td>{c.maskedIdentityNumber ?? formatDay(locale, c.birthDate)}</td>
                  <td>{c.unitName}</td>
                  <td>{c.current ? t(`placements.kind.${c.current.kind}`) : t("placements.list.notPlaced")}</td>
                  <td>{c.current ? formatDay(locale, c.current.startDate) : "–"}</td>
                  <td class="sofia-num">{c.daysPlaced === null ? "–" : formatNumber(locale, c.daysPlaced)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

// ---- Placement fields, shared by the forms ----

function PlacementFields({ view, values, errors }: { view: View; values: Values; errors: FieldErrors }) {
  const { t, locale } = view;
  return (
    <>
      <SelectField name="kind" label={t("placements.form.kind")} value={one(values.kind)} options={kindOptions(t)} error={errors.kind} />
      <RadioGroup
        name="legalBasis"
        legend={t("placements.form.legalBasis")}
        value={one(values.legalBasis)}
        options={legalBases.map((b) => ({ value: b, label: t(`placements.legalBasis.${b}`) }))}
        error={errors.legalBasis}
      />
      <DateField
        t={t}
        locale={locale}
        name="startDate"
        label={t("placements.form.startDate")}
        value={one(values.startDate)}
        error={errors.startDate}
      />
      <DateField
        t={t}
        locale={locale}
        name="plannedEndDate"
        label={t("placements.form.plannedEndDate")}
        hint={t("placements.form.optional")}
        value={one(values.plannedEndDate)}
        error={errors.plannedEndDate}
      />
      <TextAreaField
        name="returnHomePlan"
        label={t("placements.form.returnHomePlan")}
        hint={t("placements.form.returnHomePlanHint")}
        value={one(values.returnHomePlan)}
        rows={4}
        maxLength={PLAN_MAX}
        error={errors.returnHomePlan}
      />
    </>
  );
}

function Actions({ view, submit, back }: { view: View; submit: string; back: string }) {
  return (
    <div class="sofia-actions">
      <button type="submit" class="ds-button" data-variant="primary">
        {submit}
      </button>
      <a class="ds-link" href={back}>
        {view.t("form.cancel")}
      </a>
    </div>
  );
}

// ---- A new placed child ----

export function ChildFormPage(props: { view: View; data: service.ChildFormData; values?: Values; failure?: Failure }) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.failure?.errors ?? {};
  const sofia = data.sofiaChild;
  const values = props.values ?? { unitId: sofia?.unitId ?? (data.units.length === 1 ? (data.units[0]?.id ?? "") : "") };
  const action = paths.newChild.href();
  const form = (
    <form method="post" action={action} novalidate>
      <CsrfField view={view} />
      {sofia ? (
        <input type="hidden" name="requestPersonId" value={sofia.id} />
      ) : (
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{t("placements.childForm.child")}</legend>
          <TextField name="name" label={t("placements.form.name")} value={one(values.name)} error={errors.name} autocomplete="off" />
          <TextField
            name="identityNumber"
            label={t("placements.form.identityNumber")}
            hint={t("placements.form.identityNumberHint")}
            value={one(values.identityNumber)}
            error={errors.identityNumber}
            autocomplete="off"
            inputMode="numeric"
          />
          <DateField
            t={t}
            locale={locale}
            name="birthDate"
            label={t("placements.form.birthDate")}
            hint={t("placements.form.birthDateHint")}
            value={one(values.birthDate)}
            error={errors.birthDate}
          />
        </fieldset>
      )}
      <SelectField
        name="unitId"
        label={t("placements.form.unit")}
        value={one(values.unitId)}
        options={[{ value: "", label: t("placements.form.chooseUnit") }, ...data.units.map((u) => ({ value: u.id, label: u.name }))]}
        error={errors.unitId}
      />
      <SelectField
        name="caseworkerId"
        label={t("placements.form.caseworker")}
        value={one(values.caseworkerId)}
        options={[{ value: "", label: t("placements.form.notAssigned") }, ...data.staff.map((s) => ({ value: s.id, label: s.name }))]}
        error={errors.caseworkerId}
      />
      <fieldset class="ds-fieldset">
        <legend class="ds-label">{t("placements.childForm.placement")}</legend>
        <PlacementFields view={view} values={values} errors={errors} />
      </fieldset>
      <Actions view={view} submit={t("placements.form.create")} back={paths.list.href()} />
    </form>
  );
  return (
    <Layout view={view} title={t("placements.childForm.title")}>
      <div class="sofia-narrow">
        <BackLink href={paths.list.href()} text={t("placements.backToList")} />
        <PageHeading>{sofia ? t("placements.childForm.titleFor", { name: sofia.name }) : t("placements.childForm.title")}</PageHeading>
        <ErrorSummary errors={inFieldOrder(errors, form)} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <p class="ds-paragraph">{t(sofia ? "placements.childForm.introSofia" : "placements.childForm.intro")}</p>
        {form}
      </div>
    </Layout>
  );
}

// ---- One child ----

function PlacementsTable({
  view,
  placements,
  canWrite,
  caption,
}: {
  view: View;
  placements: service.PlacementRow[];
  canWrite: boolean;
  caption: string;
}) {
  const { t, locale } = view;
  const id = `placements-caption-${placements[0]?.placedChildId ?? "none"}`;
  return (
    <ScrollRegion labelledBy={id}>
      <table class="ds-table" data-border>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("placements.col.kind")}</th>
            <th scope="col">{t("placements.col.legalBasis")}</th>
            <th scope="col">{t("placements.col.start")}</th>
            <th scope="col">{t("placements.col.plannedEnd")}</th>
            <th scope="col">{t("placements.col.end")}</th>
            <th scope="col">{t("placements.col.plan")}</th>
            {canWrite && <th scope="col">{t("placements.col.change")}</th>}
          </tr>
        </thead>
        <tbody>
          {placements.map((p) => (
            <tr>
              <td>{t(`placements.kind.${p.kind}`)}</td>
              <td>{t(`placements.legalBasis.${p.legalBasis}`)}</td>
              <td>{formatDay(locale, p.startDate)}</td>
              <td>{p.plannedEndDate ? formatDay(locale, p.plannedEndDate) : "–"}</td>
              <td>
                {p.endDate
                  ? t("placements.endedTo", {
                      date: formatDay(locale, p.endDate),
                      destination: t(`placements.destination.${p.endDestination ?? "home"}`),
                    })
                  : t("placements.ongoing")}
              </td>
              <td>{p.returnHomePlan ?? <Missing view={view} />}</td>
              {canWrite && (
                <td>
                  <a class="ds-link" href={paths.editPlacement.href({ id: p.id })}>
                    {t("placements.edit")}
                  </a>
                  {!p.endDate && (
                    <>
                      {" · "}
                      <a class="ds-link" href={paths.endPlacement.href({ id: p.id })}>
                        {t("placements.end")}
                      </a>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ActionsTable({
  view,
  review,
  id,
  from,
  canWrite,
}: {
  view: View;
  review: service.ReviewView;
  id: string;
  /** The page the table is on, which a step marked done goes back to (and shows a failure on). */
  from: { forum: string } | { barn: string };
  canWrite: boolean;
}) {
  const { t, locale } = view;
  return (
    <ScrollRegion labelledBy={id}>
      <table class="ds-table" data-border>
        <caption id={id}>{t("placements.actions.caption", { date: formatDay(locale, review.forumDate) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("placements.actions.for")}</th>
            <th scope="col">{t("placements.actions.what")}</th>
            <th scope="col">{t("placements.actions.responsible")}</th>
            <th scope="col">{t("placements.actions.due")}</th>
            <th scope="col">{t("placements.actions.status")}</th>
          </tr>
        </thead>
        <tbody>
          {review.actions.map((a) => (
            <tr>
              <td>
                {a.subject === "child"
                  ? t("placements.actions.child")
                  : (a.guardianName ?? a.parentLabel ?? t("placements.actions.parent"))}
              </td>
              <td>
                {a.action}
                {a.support && <div class="sofia-hint">{t("placements.actions.supportIs", { support: a.support })}</div>}
              </td>
              <td>{a.responsibleName}</td>
              <td>{formatDay(locale, a.dueDate)}</td>
              <td>
                <strong>{t(`placements.status.${a.status}`)}</strong>
                {a.doneOn && ` ${formatDay(locale, a.doneOn)}`}
                {canWrite && a.status !== "done" && (
                  <form method="post" action={paths.actionDone.href({ id: a.id }, from)} class="sofia-inline-form">
                    <CsrfField view={view} />
                    <input type="hidden" name="version" value={String(a.version)} />
                    <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                      {t("placements.actions.markDone")}
                      <span class="ds-sr-only"> {`: ${a.action}`}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function ChildPage({ view, data, notice, failure }: { view: View; data: service.ChildPage; notice?: string; failure?: Failure }) {
  const { t, locale } = view;
  const c = data.child;
  return (
    <Layout view={view} title={c.name}>
      <BackLink href={paths.list.href()} text={t("placements.backToList")} />
      <PageHeading>{c.name}</PageHeading>
      <Notice text={notice && t(notice)} />
      <ErrorSummary errors={failure?.errors ?? {}} t={t} />
      <ConflictAlert message={failure?.conflict} reloadHref={paths.child.href({ id: c.id })} t={t} />
      <dl class="sofia-wm-facts" id="child-facts">
        <dt>{t("placements.col.born")}</dt>
        <dd>{c.maskedIdentityNumber ?? formatDay(locale, c.birthDate)}</dd>
        <dt>{t("placements.col.unit")}</dt>
        <dd>{c.unitName}</dd>
        <dt>{t("placements.col.caseworker")}</dt>
        <dd>{c.caseworkerName ?? t("placements.form.notAssigned")}</dd>
        <dt>{t("placements.col.sofia")}</dt>
        <dd>
          {c.processId ? (
            <a class="ds-link" href={processPaths.process.href({ id: c.processId })}>
              {t("placements.child.toFamily")}
            </a>
          ) : (
            t("placements.child.noProcess")
          )}
        </dd>
        <dt>{t("placements.col.days")}</dt>
        <dd>{c.daysPlaced === null ? t("placements.list.notPlaced") : formatNumber(locale, c.daysPlaced)}</dd>
      </dl>
      <section aria-labelledby="placements-h" class="sofia-section">
        <h2 id="placements-h" class="ds-heading" data-size="sm">
          {t("placements.child.placements")}
        </h2>
        {data.canWrite && (
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="secondary" href={paths.newPlacement.href({ id: c.id })}>
              {t("placements.child.newPlacement")}
            </a>
          </p>
        )}
        {data.placements.length === 0 ? (
          <p class="ds-paragraph">{t("placements.child.none")}</p>
        ) : (
          <PlacementsTable
            view={view}
            placements={data.placements}
            canWrite={data.canWrite}
            caption={t("placements.child.placementsOf", { name: c.name })}
          />
        )}
      </section>
      <section aria-labelledby="reviews-h" class="sofia-section">
        <h2 id="reviews-h" class="ds-heading" data-size="sm">
          {t("placements.child.reviews")}
        </h2>
        {data.reviews.length === 0 ? (
          <p class="ds-paragraph">{t("placements.child.noReviews")}</p>
        ) : (
          data.reviews.map((r) => (
            <div class="sofia-section">
              <h3 class="ds-heading" data-size="xs">
                <a class="ds-link" href={paths.forum.href({ id: r.forumId })}>
                  {t("placements.forum.of", { date: formatDay(locale, r.forumDate) })}
                </a>
              </h3>
              <p class="ds-paragraph">{r.decision}</p>
              {r.actions.length > 0 && (
                <ActionsTable view={view} review={r} id={`review-${r.id}`} from={{ barn: c.id }} canWrite={data.canWrite} />
              )}
            </div>
          ))
        )}
      </section>
    </Layout>
  );
}

// ---- A placement's forms ----

export function placementValues(p: service.PlacementRow): Values {
  return {
    kind: p.kind,
    legalBasis: p.legalBasis,
    startDate: p.startDate,
    plannedEndDate: p.plannedEndDate ?? "",
    returnHomePlan: p.returnHomePlan ?? "",
  };
}

export function PlacementFormPage(props: {
  view: View;
  child: service.ChildSummary;
  placement?: service.PlacementRow;
  values?: Values;
  failure?: Failure;
}) {
  const { view, child, placement } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? (placement ? placementValues(placement) : {});
  const title = placement
    ? t("placements.placementForm.editTitle", { name: child.name })
    : t("placements.placementForm.newTitle", { name: child.name });
  const action = placement ? paths.editPlacement.href({ id: placement.id }) : paths.newPlacement.href({ id: child.id });
  const back = paths.child.href({ id: child.id });
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={back} text={t("placements.backToChild")} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          {placement && <input type="hidden" name="version" value={String(placement.version)} />}
          <PlacementFields view={view} values={values} errors={errors} />
          <Actions view={view} submit={t(placement ? "placements.form.save" : "placements.form.create")} back={back} />
        </form>
      </div>
    </Layout>
  );
}

export function EndPlacementPage(props: { view: View; data: service.PlacementPage; values?: Values; failure?: Failure }) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? {};
  const title = t("placements.endForm.title", { name: data.child.name });
  const action = paths.endPlacement.href({ id: data.placement.id });
  const back = paths.child.href({ id: data.child.id });
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={back} text={t("placements.backToChild")} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <p class="ds-paragraph">
          {t("placements.endForm.intro", {
            kind: t(`placements.kind.${data.placement.kind}`),
            start: formatDay(locale, data.placement.startDate),
          })}
        </p>
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          <input type="hidden" name="version" value={String(data.placement.version)} />
          <DateField
            t={t}
            locale={locale}
            name="endDate"
            label={t("placements.form.endDate")}
            value={one(values.endDate)}
            error={errors.endDate}
          />
          <RadioGroup
            name="endDestination"
            legend={t("placements.form.endDestination")}
            value={one(values.endDestination)}
            options={endDestinations.map((d) => ({ value: d, label: t(`placements.destination.${d}`) }))}
            error={errors.endDestination}
          />
          <Actions view={view} submit={t("placements.endForm.submit")} back={back} />
        </form>
      </div>
    </Layout>
  );
}

// ---- Forums ----

export function ForumListPage({ view, list, notice }: { view: View; list: service.ForumList; notice?: string }) {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t("placements.forums.title")}>
      <BackLink href={paths.list.href()} text={t("placements.backToList")} />
      <PageHeading>{t("placements.forums.title")}</PageHeading>
      <Notice text={notice && t(notice)} />
      <p class="ds-paragraph">{t("placements.forums.intro")}</p>
      {list.canWrite && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={paths.newForum.href()}>
            {t("placements.forums.new")}
          </a>
        </p>
      )}
      {list.forums.length === 0 ? (
        <p class="ds-paragraph">{t("placements.forums.none")}</p>
      ) : (
        <ScrollRegion labelledBy="forums-caption">
          <table class="ds-table" data-border id="forums-table">
            <caption id="forums-caption">{t("placements.forums.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("placements.col.date")}</th>
                <th scope="col">{t("placements.col.unit")}</th>
                <th scope="col">{t("placements.col.convener")}</th>
                <th scope="col">{t("placements.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.forums.map((f) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={paths.forum.href({ id: f.id })}>
                      {formatDay(locale, f.forumDate)}
                    </a>
                  </th>
                  <td>{f.unitName}</td>
                  <td>{f.convenerName}</td>
                  <td>{t(f.heldAt ? "placements.forum.held" : "placements.forum.planned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function ForumFormPage(props: { view: View; data: service.ForumFormData; values?: Values; failure?: Failure }) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? { unitId: data.units.length === 1 ? (data.units[0]?.id ?? "") : "" };
  const action = paths.newForum.href();
  return (
    <Layout view={view} title={t("placements.forumForm.title")}>
      <div class="sofia-narrow">
        <BackLink href={paths.forums.href()} text={t("placements.backToForums")} />
        <PageHeading>{t("placements.forumForm.title")}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          <SelectField
            name="unitId"
            label={t("placements.form.unit")}
            value={one(values.unitId)}
            options={[{ value: "", label: t("placements.form.chooseUnit") }, ...data.units.map((u) => ({ value: u.id, label: u.name }))]}
            error={errors.unitId}
          />
          <DateField
            t={t}
            locale={locale}
            name="forumDate"
            label={t("placements.form.forumDate")}
            value={one(values.forumDate)}
            error={errors.forumDate}
          />
          <SelectField
            name="convenedBy"
            label={t("placements.form.convener")}
            value={one(values.convenedBy)}
            options={[{ value: "", label: t("placements.form.unitManager") }, ...data.staff.map((s) => ({ value: s.id, label: s.name }))]}
            error={errors.convenedBy}
          />
          <Actions view={view} submit={t("placements.forumForm.submit")} back={paths.forums.href()} />
        </form>
      </div>
    </Layout>
  );
}

function AgendaItemView({
  view,
  item,
  forum,
  canWrite,
}: {
  view: View;
  item: service.AgendaItem;
  forum: service.ForumRow;
  canWrite: boolean;
}) {
  const { t, locale } = view;
  const c = item.child;
  const p = item.placement;
  const h = `child-${c.id}`;
  return (
    <section aria-labelledby={h} class="sofia-section sofia-agenda-item">
      <h3 id={h} class="ds-heading" data-size="xs">
        <a class="ds-link" href={paths.child.href({ id: c.id })}>
          {c.name}
        </a>
      </h3>
      <dl class="sofia-wm-facts">
        <dt>{t("placements.col.kind")}</dt>
        <dd>{`${t(`placements.kind.${p.kind}`)}, ${t(`placements.legalBasis.${p.legalBasis}`)}`}</dd>
        <dt>{t("placements.col.start")}</dt>
        <dd>{formatDay(locale, p.startDate)}</dd>
        <dt>{t("placements.col.days")}</dt>
        <dd>{formatNumber(locale, item.daysPlaced)}</dd>
        <dt>{t("placements.col.plannedEnd")}</dt>
        <dd>{p.plannedEndDate ? formatDay(locale, p.plannedEndDate) : <Missing view={view} />}</dd>
        <dt>{t("placements.col.plan")}</dt>
        <dd>{p.returnHomePlan ?? <Missing view={view} />}</dd>
        <dt>{t("placements.col.parents")}</dt>
        <dd>
          {item.parents.length === 0
            ? t("placements.agenda.parentsNotInSofia")
            : item.parents
                .map((g) => (g.substanceProblem ? t("placements.agenda.parentWithProblem", { name: g.name }) : g.name))
                .join(", ")}
        </dd>
      </dl>
      <h4 class="ds-heading" data-size="2xs">
        {t("placements.agenda.lastTime")}
      </h4>
      {item.previous ? (
        <>
          <p class="ds-paragraph">{item.previous.decision}</p>
          {item.previous.actions.length > 0 && (
            <ActionsTable view={view} review={item.previous} id={`prev-${c.id}`} from={{ forum: forum.id }} canWrite={canWrite} />
          )}
        </>
      ) : (
        <p class="ds-paragraph">{t("placements.agenda.firstTime")}</p>
      )}
      <h4 class="ds-heading" data-size="2xs">
        {t("placements.agenda.thisTime")}
      </h4>
      {item.review ? (
        <>
          <p class="ds-paragraph">{item.review.decision}</p>
          {item.review.actions.length > 0 && (
            <ActionsTable view={view} review={item.review} id={`now-${c.id}`} from={{ forum: forum.id }} canWrite={canWrite} />
          )}
        </>
      ) : canWrite ? (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={paths.review.href({ id: forum.id, childId: c.id })}>
            {t("placements.agenda.record")}
            <span class="ds-sr-only">{`: ${c.name}`}</span>
          </a>
        </p>
      ) : (
        <p class="ds-paragraph">{t("placements.agenda.noDecision")}</p>
      )}
    </section>
  );
}

export function ForumPage(props: { view: View; data: service.ForumPage; notice?: string; values?: Values; failure?: Failure }) {
  const { view, data } = props;
  const { t, locale } = view;
  const f = data.forum;
  const errors = props.failure?.errors ?? {};
  const title = t("placements.forum.of", { date: formatDay(locale, f.forumDate) });
  const attending = props.values?.attendeeIds !== undefined ? many(props.values.attendeeIds) : data.attendees.map((a) => a.id);
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.forums.href()} text={t("placements.backToForums")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={paths.forum.href({ id: f.id })} t={t} />
      <dl class="sofia-wm-facts" id="forum-facts">
        <dt>{t("placements.col.unit")}</dt>
        <dd>{f.unitName}</dd>
        <dt>{t("placements.col.convener")}</dt>
        <dd>{f.convenerName}</dd>
        <dt>{t("placements.col.status")}</dt>
        <dd>{t(f.heldAt ? "placements.forum.held" : "placements.forum.planned")}</dd>
        <dt>{t("placements.col.attendees")}</dt>
        <dd>{data.attendees.length === 0 ? t("placements.forum.noAttendees") : data.attendees.map((a) => a.name).join(", ")}</dd>
      </dl>
      {data.canWrite && (
        <div class="sofia-section sofia-forum-forms">
          <form method="post" action={paths.forumAttendance.href({ id: f.id })} novalidate>
            <CsrfField view={view} />
            <input type="hidden" name="version" value={String(f.version)} />
            <CheckboxGroup
              name="attendeeIds"
              label={t("placements.forum.attendance")}
              values={attending}
              options={data.staff.map((s) => ({ value: s.id, label: s.name }))}
              error={errors.attendeeIds}
            />
            <button type="submit" class="ds-button" data-variant="secondary">
              {t("placements.forum.saveAttendance")}
            </button>
          </form>
          {!f.heldAt && (
            <form method="post" action={paths.forumHeld.href({ id: f.id })} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="version" value={String(f.version)} />
              <Checkbox name="held" label={t("placements.forum.heldConfirm")} checked={false} error={errors.held} />
              <button type="submit" class="ds-button" data-variant="secondary">
                {t("placements.forum.markHeld")}
              </button>
            </form>
          )}
        </div>
      )}
      <section aria-labelledby="agenda-h" class="sofia-section">
        <h2 id="agenda-h" class="ds-heading" data-size="sm">
          {t("placements.agenda.title")}
        </h2>
        <p class="ds-paragraph">{t("placements.agenda.intro", { date: formatDay(locale, f.forumDate), n: data.items.length })}</p>
        {data.items.map((item) => (
          <AgendaItemView view={view} item={item} forum={f} canWrite={data.canWrite} />
        ))}
      </section>
    </Layout>
  );
}

// ---- The decision form ----

export function reviewRows(
  item: service.AgendaItem,
): Array<{ subject: "child" | "parent"; guardianId?: string; legend: string | null; guardianName?: string; problem?: boolean }> {
  const rows: Array<{ subject: "child" | "parent"; guardianId?: string; legend: string | null; guardianName?: string; problem?: boolean }> =
    [{ subject: "child", legend: null }];
  if (item.parents.length > 0) {
    for (const g of item.parents)
      rows.push({ subject: "parent", guardianId: g.id ?? undefined, legend: null, guardianName: g.name, problem: g.substanceProblem });
  } else {
    rows.push({ subject: "parent", legend: null }, { subject: "parent", legend: null });
  }
  return rows;
}

export function ReviewFormPage(props: {
  view: View;
  page: service.ForumPage;
  item: service.AgendaItem;
  values?: Values;
  failure?: Failure;
}) {
  const { view, page, item } = props;
  const { t, locale } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? {};
  const c = item.child;
  const title = t("placements.review.title", { name: c.name });
  const action = paths.review.href({ id: page.forum.id, childId: c.id });
  const back = paths.forum.href({ id: page.forum.id });
  const staff = [
    { value: "", label: t("placements.review.chooseResponsible") },
    ...page.staff.map((s) => ({ value: s.id, label: s.name })),
  ];
  const rows = reviewRows(item);
  let parentNo = 0;
  const form = (
    <form method="post" action={action} novalidate>
      <CsrfField view={view} />
      <input type="hidden" name="placedChildId" value={c.id} />
      <TextAreaField
        name="decision"
        label={t("placements.review.decision")}
        hint={t("placements.review.decisionHint")}
        value={one(values.decision)}
        rows={3}
        maxLength={DECISION_MAX}
        error={errors.decision}
      />
      {rows.map((r, i) => {
        const at = (f: string) => `actions.${i}.${f}`;
        if (r.subject === "parent" && !r.guardianId) parentNo++;
        const legend =
          r.subject === "child"
            ? t("placements.review.forChild", { name: c.name })
            : r.guardianName
              ? t("placements.review.forGuardian", { name: r.guardianName })
              : t("placements.review.forParent", { n: parentNo });
        return (
          <fieldset class="ds-fieldset sofia-section">
            <legend class="ds-label">{legend}</legend>
            <input type="hidden" name={at("subject")} value={r.subject} />
            {r.guardianId && <input type="hidden" name={at("guardianId")} value={r.guardianId} />}
            {r.subject === "parent" && !r.guardianId && (
              <TextField
                name={at("parentLabel")}
                label={t("placements.review.parentLabel")}
                hint={t("placements.review.parentLabelHint")}
                value={one(values[at("parentLabel")])}
                error={errors[at("parentLabel")] ?? errors[at("guardianId")]}
              />
            )}
            <TextAreaField
              name={at("action")}
              label={t("placements.review.action")}
              value={one(values[at("action")])}
              rows={2}
              error={errors[at("action")]}
            />
            {r.subject === "parent" && (
              <TextField
                name={at("support")}
                label={t("placements.review.support")}
                hint={t(r.problem ? "placements.review.supportHintProblem" : "placements.review.supportHint")}
                value={one(values[at("support")])}
                error={errors[at("support")]}
              />
            )}
            <SelectField
              name={at("responsibleId")}
              label={t("placements.review.responsible")}
              value={one(values[at("responsibleId")])}
              options={staff}
              error={errors[at("responsibleId")]}
            />
            <DateField
              t={t}
              locale={locale}
              name={at("dueDate")}
              label={t("placements.review.dueDate")}
              value={one(values[at("dueDate")])}
              error={errors[at("dueDate")]}
            />
          </fieldset>
        );
      })}
      <Actions view={view} submit={t("placements.review.submit")} back={back} />
    </form>
  );
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={back} text={t("placements.backToForum")} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={inFieldOrder(errors, form)} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <p class="ds-paragraph">
          {t("placements.review.intro", {
            date: formatDay(locale, page.forum.forumDate),
            kind: t(`placements.kind.${item.placement.kind}`),
            days: formatNumber(locale, item.daysPlaced),
          })}
        </p>
        {item.previous && (
          <p class="ds-paragraph">
            <strong>{t("placements.agenda.lastTime")}: </strong>
            {item.previous.decision}
          </p>
        )}
        {form}
      </div>
    </Layout>
  );
}

// ---- The family page's section ----

export function FamilyPlacementsSection({ view, data }: { view: View; data: service.FamilyPlacements }) {
  const { t } = view;
  return (
    <section aria-labelledby="placements-section-h" class="sofia-section">
      <h2 id="placements-section-h" class="ds-heading" data-size="sm">
        {t("placements.section.title")}
      </h2>
      {data.children.map((c) => (
        <div class="sofia-section">
          <h3 class="ds-heading" data-size="xs">
            {c.placedChildId ? (
              <a class="ds-link" href={paths.child.href({ id: c.placedChildId })}>
                {c.name}
              </a>
            ) : (
              c.name
            )}
          </h3>
          {c.placements.length === 0 ? (
            <p class="ds-paragraph">{t("placements.section.none")}</p>
          ) : (
            <PlacementsTable
              view={view}
              placements={c.placements}
              canWrite={false}
              caption={t("placements.child.placementsOf", { name: c.name })}
            />
          )}
          {data.canWrite && (
            <p class="ds-paragraph">
              <a
                class="ds-link"
                href={c.placedChildId ? paths.newPlacement.href({ id: c.placedChildId }) : paths.newChild.href({ barn: c.requestPersonId })}
              >
                {t("placements.section.register")}
                <span class="ds-sr-only">{`: ${c.name}`}</span>
              </a>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
