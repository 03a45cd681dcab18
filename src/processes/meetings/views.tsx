/** The meeting pages: plan a meeting, and one meeting with the forms its status allows. */

import type { ComponentChildren } from "preact";
import { FamilyNameLine, familyName } from "../../families/index.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import { many, one } from "../../platform/form-pages.ts";
import {
  Checkbox,
  CheckboxGroup,
  DateField,
  ErrorSummary,
  fieldId,
  SelectField,
  TextAreaField,
  TextField,
  TimeField,
} from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import type { Locale, Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConfirmForm, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import type { MeetingType } from "../../workmodels/index.ts";
import { paths as processPaths } from "../paths.ts";
import { MeetingSurveyPart } from "../survey-rates/index.ts";
import { cancelOutcomes, cancelReasons, childViewsAnswers, safetyPlanFields, summaryFields, TEXT_MAX } from "./model.ts";
import { paths } from "./paths.ts";
import type { MeetingDetail, Participant, PlanOptions, StaffOption } from "./service.ts";

export type FormValues = Record<string, string | string[]>;

const processPageHref = (processId: string) => processPaths.process.href({ id: processId });
const newMeetingHref = (processId: string, typeKey: string, childId: string | null) =>
  paths.newMeeting.href({ id: processId }, { typ: typeKey, barn: childId || undefined });

/** The form on the meeting page that a failed post came from, with what was typed. */
export type MeetingForm = "plan" | "consent" | "hold" | "cancel" | "record";
export interface FailedForm {
  form: MeetingForm;
  values: FormValues;
  errors: FieldErrors;
  conflict?: string;
}

const TextArea = (props: { name: string; label: string; hint?: string; value: string; error?: string }) => (
  <TextAreaField rows={3} maxLength={TEXT_MAX} {...props} />
);

const staffLabel = (t: Translate, s: StaffOption) => `${s.name} (${s.roles.map((r) => t(`meetings.role.${r}`)).join(", ")})`;
const familyLabel = (t: Translate, p: { name: string; kind: string }) => `${p.name} (${t(`meetings.kind.${p.kind}`)})`;
const titleOf = (type: MeetingType, child: { name: string } | null) => (child ? `${type.name} – ${child.name}` : type.name);

function Submit({ label }: { label: string }) {
  return (
    <p class="ds-paragraph sofia-actions">
      <button type="submit" class="ds-button" data-variant="primary">
        {label}
      </button>
    </p>
  );
}

/** Date, time, length, place and who is invited: the plan form's fields, on the plan page and in the edit form. */
function PlanFields({
  t,
  locale,
  options,
  values,
  errors,
}: {
  t: Translate;
  locale: Locale;
  options: Pick<PlanOptions, "family" | "staff">;
  values: FormValues;
  errors: FieldErrors;
}) {
  return (
    <>
      <DateField
        t={t}
        locale={locale}
        name="plannedDate"
        label={t("meetings.field.plannedDate")}
        value={one(values.plannedDate)}
        required
        error={errors.plannedDate}
      />
      <TimeField
        t={t}
        locale={locale}
        name="plannedTime"
        label={t("meetings.field.plannedTime")}
        value={one(values.plannedTime)}
        required
        error={errors.plannedTime}
      />
      <TextField
        name="durationMinutes"
        label={t("meetings.field.duration")}
        hint={t("meetings.field.durationHint")}
        value={one(values.durationMinutes)}
        inputMode="numeric"
        required
        error={errors.durationMinutes}
      />
      <TextField
        name="place"
        label={t("meetings.field.place")}
        hint={t("meetings.field.placeHint")}
        value={one(values.place)}
        required
        error={errors.place}
      />
      {options.family.length > 0 && (
        <CheckboxGroup
          name="invitedPersonIds"
          label={t("meetings.field.invitedFamily")}
          values={many(values.invitedPersonIds)}
          options={options.family.map((p) => ({ value: p.id, label: familyLabel(t, p) }))}
          error={errors.invitedPersonIds}
        />
      )}
      {options.staff.length > 0 ? (
        <CheckboxGroup
          name="invitedUserIds"
          label={t("meetings.field.invitedStaff")}
          values={many(values.invitedUserIds)}
          options={options.staff.map((s) => ({ value: s.userId, label: staffLabel(t, s) }))}
          error={errors.invitedUserIds}
        />
      ) : (
        <p class="ds-paragraph" id={fieldId("invitedUserIds")}>
          {t("meetings.plan.noStaff")}
          {errors.invitedUserIds && <span class="sofia-fam-note">{errors.invitedUserIds}</span>}
        </p>
      )}
    </>
  );
}

interface PlanProps {
  view: View;
  processId: string;
  /** Null when the meeting type or child in the address is not one of this process. */
  options: PlanOptions | null;
  values: FormValues;
  errors?: FieldErrors;
  conflict?: string;
}

export function PlanPage({ view, processId, options, values, errors = {}, conflict }: PlanProps) {
  const { t } = view;
  const name = options ? familyName(options.named, t).name : null;
  const title = options
    ? `${t("meetings.plan.title", { meeting: titleOf(options.type, options.child) })} – ${name}`
    : t("meetings.plan.titleUnknown");
  return (
    <Layout view={view} title={title}>
      <BackLink
        href={processPageHref(processId)}
        text={name ? t("meetings.backToFamily", { family: name }) : t("meetings.backToProcess")}
      />
      <PageHeading>{title}</PageHeading>
      {options && <FamilyNameLine family={options.named} t={t} />}
      <ConflictAlert message={conflict} reloadHref={processPageHref(processId)} t={t} />
      <ErrorSummary errors={errors} t={t} />
      {!options ? (
        <>
          {["meetingTypeKey", "childId"].map(
            (field) =>
              errors[field] && (
                <p class="ds-paragraph" id={fieldId(field)}>
                  {errors[field]}
                </p>
              ),
          )}
          <p class="ds-paragraph">
            <a class="ds-link" href={processPageHref(processId)}>
              {t("meetings.plan.chooseFromSeries")}
            </a>
          </p>
        </>
      ) : (
        <>
          <p class="ds-paragraph">{options.type.purpose}</p>
          <p class="ds-paragraph">{t("meetings.plan.intro", { date: options.earliest })}</p>
          <form method="post" action={newMeetingHref(processId, options.type.key, options.child?.id ?? null)} novalidate>
            <CsrfField view={view} />
            <PlanFields t={t} locale={view.locale} options={options} values={values} errors={errors} />
            <p class="ds-paragraph sofia-actions">
              <button type="submit" class="ds-button" data-variant="primary">
                {t("meetings.plan.submit")}
              </button>
              <a class="ds-link" href={processPageHref(processId)}>
                {t("meetings.cancelLink")}
              </a>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The meeting page

interface MeetingProps {
  view: View;
  data: MeetingDetail;
  notice?: string;
  /** How the case type changed when the meeting was held, in words. */
  change?: string;
  failed?: FailedForm;
  today: string;
}

function attendanceText(t: Translate, p: Participant): string {
  if (p.attended === null) return "–";
  return t(p.attended ? "meetings.yes" : "meetings.no");
}

function Participants({ t, data }: { t: Translate; data: MeetingDetail }) {
  if (data.participants.length === 0) return <p class="ds-paragraph">{t("meetings.participants.none")}</p>;
  // In a scroll region of its own, so that a narrow screen scrolls the table, not the page (WCAG 1.4.10).
  return (
    <ScrollRegion labelledBy="invited-h">
      <table class="ds-table" data-border aria-labelledby="invited-h">
        <thead>
          <tr>
            <th scope="col">{t("meetings.col.name")}</th>
            <th scope="col">{t("meetings.col.role")}</th>
            <th scope="col">{t("meetings.col.invited")}</th>
            <th scope="col">{t("meetings.col.attended")}</th>
          </tr>
        </thead>
        <tbody>
          {data.participants.map((p) => (
            <tr>
              <th scope="row">{p.name}</th>
              <td>
                {p.kind === "staff"
                  ? p.roles.map((r) => t(`meetings.role.${r}`)).join(", ") || t("meetings.kind.staff")
                  : t(`meetings.kind.${p.kind}`)}
              </td>
              <td>{t(p.invited ? "meetings.yes" : "meetings.no")}</td>
              <td>{attendanceText(t, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The record fields shared by the hold form and the edit of a held meeting's record. */
function RecordFields({ t, data, values, errors }: { t: Translate; data: MeetingDetail; values: FormValues; errors: FieldErrors }) {
  const type = data.type;
  return (
    <>
      {type.checklist.length > 0 && (
        <CheckboxGroup
          name="checklistDone"
          label={t("meetings.field.checklist")}
          hint={t("meetings.field.checklistHint")}
          values={many(values.checklistDone)}
          options={type.checklist.map((item, i) => ({ value: String(i), label: item }))}
          error={errors.checklistDone}
        />
      )}
      <fieldset class="ds-fieldset sofia-wm-fieldset">
        <legend class="ds-label">{t("meetings.summary.legend")}</legend>
        <p class="ds-paragraph sofia-hint" data-size="sm">
          {t("meetings.summary.hint", { max: TEXT_MAX })}
        </p>
        {summaryFields.map((f) => (
          <TextArea
            name={`summary.${f}`}
            label={t(`meetings.summary.${f}`)}
            value={one(values[`summary.${f}`])}
            error={errors[`summary.${f}`]}
          />
        ))}
      </fieldset>
      {type.scope === "child" && (
        <fieldset class="ds-fieldset sofia-wm-fieldset">
          <legend class="ds-label">{t("meetings.child.legend")}</legend>
          <TextArea
            name="childTold"
            label={t("meetings.child.told")}
            hint={t("meetings.child.toldHint")}
            value={one(values.childTold)}
            error={errors.childTold}
          />
          <SelectField
            name="childViews"
            label={t("meetings.child.views")}
            hint={t("meetings.child.viewsHint")}
            value={one(values.childViews)}
            options={[
              { value: "", label: t("meetings.choose") },
              ...childViewsAnswers.map((a) => ({ value: a, label: t(`meetings.childViews.${a}`) })),
            ]}
            error={errors.childViews}
          />
        </fieldset>
      )}
      {type.requiresSafetyPlan && (
        <fieldset class="ds-fieldset sofia-wm-fieldset">
          <legend class="ds-label">{t("meetings.safetyPlan.legend")}</legend>
          <p class="ds-paragraph sofia-hint" data-size="sm">
            {t("meetings.safetyPlan.hint")}
          </p>
          {safetyPlanFields.map((f) => (
            <TextArea
              name={`safetyPlan.${f}`}
              label={t(`meetings.safetyPlan.${f}`)}
              value={one(values[`safetyPlan.${f}`])}
              error={errors[`safetyPlan.${f}`]}
            />
          ))}
          <SelectField
            name="safetyPlan.agreedWithFamily"
            label={t("meetings.safetyPlan.agreedWithFamily")}
            value={one(values["safetyPlan.agreedWithFamily"])}
            options={[
              { value: "", label: t("meetings.choose") },
              { value: "yes", label: t("meetings.yes") },
              { value: "no", label: t("meetings.no") },
            ]}
            error={errors["safetyPlan.agreedWithFamily"]}
          />
        </fieldset>
      )}
    </>
  );
}

/** One part of a held meeting's record, in a box of its own. */
function RecordBlock({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="sofia-fam-block">
      <h3 class="ds-heading" data-size="xs">
        {title}
      </h3>
      {children}
    </div>
  );
}

function Record({ t, data }: { t: Translate; data: MeetingDetail }) {
  const plan = data.safetyPlan;
  return (
    <>
      {data.type.checklist.length > 0 && (
        <RecordBlock title={t("meetings.field.checklist")}>
          <ul class="ds-list">
            {data.type.checklist.map((item, i) => (
              <li>
                {data.checklistDone.includes(i) ? t("meetings.checklist.done") : t("meetings.checklist.notDone")}: {item}
              </li>
            ))}
          </ul>
        </RecordBlock>
      )}
      <RecordBlock title={t("meetings.summary.legend")}>
        <dl class="sofia-fam-facts">
          {summaryFields.map((f) => (
            <>
              <dt>{t(`meetings.summary.${f}`)}</dt>
              <dd class="sofia-fam-reason">{data.summary?.[f] || "–"}</dd>
            </>
          ))}
        </dl>
      </RecordBlock>
      {data.type.scope === "child" && (
        <RecordBlock title={t("meetings.child.legend")}>
          <dl class="sofia-fam-facts">
            <dt>{t("meetings.child.told")}</dt>
            <dd class="sofia-fam-reason">{data.childTold || "–"}</dd>
            <dt>{t("meetings.child.views")}</dt>
            <dd>{data.childViews ? t(`meetings.childViews.${data.childViews}`) : "–"}</dd>
          </dl>
        </RecordBlock>
      )}
      {data.type.requiresSafetyPlan && (
        <RecordBlock title={t("meetings.safetyPlan.legend")}>
          {plan ? (
            <dl class="sofia-fam-facts">
              {safetyPlanFields.map((f) => (
                <>
                  <dt>{t(`meetings.safetyPlan.${f}`)}</dt>
                  <dd class="sofia-fam-reason">{String(plan[f] ?? "") || "–"}</dd>
                </>
              ))}
              <dt>{t("meetings.safetyPlan.agreedWithFamily")}</dt>
              <dd>{t(plan.agreedWithFamily === true ? "meetings.yes" : "meetings.no")}</dd>
            </dl>
          ) : (
            <p class="ds-paragraph">{t("meetings.safetyPlan.none")}</p>
          )}
        </RecordBlock>
      )}
    </>
  );
}

/** The values a form starts with when nothing was posted. */
export function recordValues(data: MeetingDetail): FormValues {
  const values: FormValues = { checklistDone: data.checklistDone.map(String) };
  for (const f of summaryFields) values[`summary.${f}`] = data.summary?.[f] ?? "";
  values.childTold = data.childTold ?? "";
  values.childViews = data.childViews ?? "";
  const plan = data.safetyPlan;
  for (const f of safetyPlanFields) values[`safetyPlan.${f}`] = String(plan?.[f] ?? "");
  values["safetyPlan.agreedWithFamily"] = plan ? (plan.agreedWithFamily === true ? "yes" : "no") : "";
  return values;
}

function planValues(data: MeetingDetail): FormValues {
  return {
    plannedDate: data.plannedDate ?? "",
    plannedTime: data.plannedTime ?? "",
    durationMinutes: String(data.durationMinutes),
    place: data.place ?? "",
    invitedPersonIds: data.participants.flatMap((p) => (p.personId && p.invited ? [p.personId] : [])),
    invitedUserIds: data.participants.flatMap((p) => (p.userId && p.invited ? [p.userId] : [])),
  };
}

function holdValues(data: MeetingDetail, today: string): FormValues {
  const planned = data.plannedDate;
  return {
    heldOn: planned && planned <= today ? planned : today,
    attendedPersonIds: data.participants.flatMap((p) => (p.personId ? [p.personId] : [])),
    attendedUserIds: data.participants.flatMap((p) => (p.userId ? [p.userId] : [])),
    ...recordValues(data),
  };
}

export function MeetingPage({ view, data, notice, change, failed, today }: MeetingProps) {
  const { t } = view;
  const name = familyName(data.named, t).name;
  const title = `${titleOf(data.type, data.child)} – ${name}`;
  const at = { id: data.processId, meetingId: data.id };
  const href = paths.meeting.href(at);
  const form = (name: MeetingForm) => (failed?.form === name ? failed : undefined);
  const errorsOf = (name: MeetingForm) => form(name)?.errors ?? {};
  const planned = data.status === "planned";
  const isChild = data.type.scope === "child";
  const invitedFamily = data.participants.filter((p) => p.personId !== null);
  const invitedStaff = data.participants.filter((p) => p.userId !== null);
  const leaderInvited = data.leader !== null && invitedStaff.some((p) => p.userId === data.leader?.userId);
  const notApplied = data.guardians.filter((g) => !g.applied);
  const hold = form("hold")?.values ?? holdValues(data, today);
  const holdErrors = errorsOf("hold");
  const consentValues = form("consent")?.values ?? {
    consent: data.consent ?? "",
    consentBy: data.consentBy.map((g) => g.id),
    consentOn: data.consentOn ?? today,
  };
  const consentErrors = errorsOf("consent");
  // The hold form names a missing consent on the consent form's field.
  const consentFieldErrors = { ...consentErrors, ...(holdErrors.consent ? { consent: holdErrors.consent } : {}) };
  const cancelValues = form("cancel")?.values ?? { outcome: "", reason: "", reasonText: "" };
  const cancelErrors = errorsOf("cancel");
  const planEdit = form("plan")?.values ?? planValues(data);
  const recordEdit = form("record")?.values ?? recordValues(data);
  const version = String(data.version);

  return (
    <Layout view={view} title={title}>
      <BackLink href={processPageHref(data.processId)} text={t("meetings.backToFamily", { family: name })} />
      <PageHeading>{title}</PageHeading>
      <FamilyNameLine family={data.named} t={t} />
      <Notice text={notice} />
      {change && (
        <div class="ds-alert" data-color="info" role="status">
          <p class="ds-paragraph">{change}</p>
        </div>
      )}
      <ConflictAlert message={failed?.conflict} reloadHref={href} t={t} />
      {failed && <ErrorSummary errors={failed.form === "hold" ? holdErrors : failed.errors} t={t} />}

      <dl class="sofia-wm-facts">
        <dt>{t("meetings.field.status")}</dt>
        <dd>{t(`meetings.status.${data.status}`)}</dd>
        <dt>{t("meetings.field.when")}</dt>
        <dd>
          {data.plannedDate && data.plannedTime
            ? t("meetings.when", { date: data.plannedDate, time: data.plannedTime, minutes: data.durationMinutes })
            : (data.plannedDate ?? "–")}
        </dd>
        <dt>{t("meetings.field.place")}</dt>
        <dd>{data.place || "–"}</dd>
        {data.heldOn && (
          <>
            <dt>{t("meetings.field.heldOn")}</dt>
            <dd>{data.heldOn}</dd>
          </>
        )}
        {data.outcomeReason && (
          <>
            <dt>{t("meetings.field.outcomeReason")}</dt>
            <dd>
              {t(`meetings.reason.${data.outcomeReason}`)}
              {data.outcomeText ? `: ${data.outcomeText}` : ""}
            </dd>
          </>
        )}
      </dl>

      <div class="ds-alert" data-color="info">
        <p class="ds-paragraph">{t("meetings.journalNote")}</p>
      </div>

      <section aria-labelledby="purpose-h" class="sofia-section">
        <h2 id="purpose-h" class="ds-heading" data-size="sm">
          {t("meetings.purpose")}
        </h2>
        <p class="ds-paragraph">{data.type.purpose}</p>
      </section>

      <section aria-labelledby="invited-h" class="sofia-section">
        <h2 id="invited-h" class="ds-heading" data-size="sm">
          {t("meetings.participants.title")}
        </h2>
        <Participants t={t} data={data} />
        {planned && (
          <>
            <div class="sofia-actions">
              <a class="ds-link" href={paths.calendar.href(at)} download>
                {t("meetings.calendar.link")}
              </a>
            </div>
            <p class="ds-paragraph sofia-hint" data-size="sm">
              {t("meetings.calendar.hint")}
            </p>
          </>
        )}
      </section>

      {isChild && (
        <section aria-labelledby="consent-h" class="sofia-section">
          <h2 id="consent-h" class="ds-heading" data-size="sm">
            {t("meetings.consent.title")}
          </h2>
          <p class="ds-paragraph">{t("meetings.consent.intro")}</p>
          <p class="ds-paragraph">
            {data.consent
              ? t(`meetings.consent.recorded.${data.consent}`, {
                  by: data.consentBy.map((g) => g.name).join(", "),
                  date: data.consentOn ?? "",
                })
              : t("meetings.consent.none")}
          </p>
          {planned && data.canWork && (
            <form method="post" action={paths.consent.href(at)} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="version" value={version} />
              <SelectField
                name="consent"
                label={t("meetings.consent.field")}
                value={one(consentValues.consent)}
                options={[
                  { value: "", label: t("meetings.choose") },
                  { value: "given", label: t("meetings.consent.given") },
                  { value: "refused", label: t("meetings.consent.refused") },
                ]}
                hint={t("meetings.consent.refusedHint")}
                error={consentFieldErrors.consent}
              />
              <CheckboxGroup
                name="consentBy"
                label={t("meetings.consent.by")}
                values={many(consentValues.consentBy)}
                options={data.guardians.map((g) => ({ value: g.id, label: g.name }))}
                error={consentErrors.consentBy}
              />
              <DateField
                t={t}
                locale={view.locale}
                name="consentOn"
                label={t("meetings.consent.on")}
                value={one(consentValues.consentOn)}
                error={consentErrors.consentOn}
              />
              <Submit label={t("meetings.consent.submit")} />
            </form>
          )}
        </section>
      )}

      {planned && data.canWork && (
        <section aria-labelledby="hold-h" class="sofia-section">
          <h2 id="hold-h" class="ds-heading" data-size="sm">
            {t("meetings.hold.title")}
          </h2>
          {isChild && data.consent !== "given" ? (
            <p class="ds-paragraph">{t("meetings.hold.consentFirst")}</p>
          ) : (
            <form method="post" action={paths.hold.href(at)} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="version" value={version} />
              <DateField
                t={t}
                locale={view.locale}
                name="heldOn"
                label={t("meetings.field.heldOn")}
                hint={t("meetings.hold.dateHint", { date: data.earliest })}
                value={one(hold.heldOn)}
                required
                error={holdErrors.heldOn}
              />
              {invitedFamily.length > 0 && (
                <CheckboxGroup
                  name="attendedPersonIds"
                  label={t("meetings.hold.attendedFamily")}
                  values={many(hold.attendedPersonIds)}
                  options={invitedFamily.map((p) => ({ value: p.personId ?? "", label: familyLabel(t, p) }))}
                  error={holdErrors.attendedPersonIds}
                />
              )}
              {invitedStaff.length > 0 && (
                <CheckboxGroup
                  name="attendedUserIds"
                  label={t("meetings.hold.attendedStaff")}
                  values={many(hold.attendedUserIds)}
                  options={invitedStaff.map((p) => ({
                    value: p.userId ?? "",
                    label: p.roles.length > 0 ? `${p.name} (${p.roles.map((r) => t(`meetings.role.${r}`)).join(", ")})` : p.name,
                  }))}
                  error={holdErrors.attendedUserIds}
                />
              )}
              {data.leader && !leaderInvited && (
                <div class="sofia-field">
                  <Checkbox
                    name="leaderPresent"
                    label={t("meetings.hold.leaderPresent", { name: data.leader.name })}
                    checked={one(hold.leaderPresent) === "on"}
                  />
                </div>
              )}
              <RecordFields t={t} data={data} values={hold} errors={holdErrors} />
              {data.guardians.length > 0 && data.type.participants.includes("family") && (
                <fieldset class="ds-fieldset sofia-wm-fieldset">
                  <legend class="ds-label">{t("meetings.applied.legend")}</legend>
                  <p class="ds-paragraph sofia-hint" data-size="sm">
                    {t("meetings.applied.hint")}
                  </p>
                  {notApplied.length > 0 && (
                    <CheckboxGroup
                      name="appliedGuardianIds"
                      label={t("meetings.applied.label")}
                      values={many(hold.appliedGuardianIds)}
                      options={notApplied.map((g) => ({ value: g.id, label: t("meetings.applied.option", { name: g.name }) }))}
                      error={holdErrors.appliedGuardianIds}
                    />
                  )}
                  {data.guardians
                    .filter((g) => g.applied)
                    .map((g) => (
                      <p class="ds-paragraph">{t("meetings.applied.already", { name: g.name })}</p>
                    ))}
                </fieldset>
              )}
              <Submit label={t("meetings.hold.submit")} />
            </form>
          )}
        </section>
      )}

      {planned && data.canWork && (
        <section aria-labelledby="edit-plan-h" class="sofia-section">
          <h2 id="edit-plan-h" class="ds-heading" data-size="sm">
            {t("meetings.edit.planTitle")}
          </h2>
          <details open={failed?.form === "plan"}>
            <summary>{t("meetings.edit.planSummary")}</summary>
            <form method="post" action={paths.edit.href(at)} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="part" value="plan" />
              <PlanFields
                t={t}
                locale={view.locale}
                options={{ family: data.familyOptions, staff: data.staff }}
                values={planEdit}
                errors={errorsOf("plan")}
              />
              <Submit label={t("meetings.edit.planSubmit")} />
            </form>
          </details>
        </section>
      )}

      {planned && data.canWork && (
        <section aria-labelledby="cancel-h" class="sofia-section">
          <h2 id="cancel-h" class="ds-heading" data-size="sm">
            {t("meetings.cancel.title")}
          </h2>
          <details open={failed?.form === "cancel"}>
            <summary>{t("meetings.cancel.summary")}</summary>
            <form method="post" action={paths.cancel.href(at)} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="version" value={version} />
              <SelectField
                name="outcome"
                label={t("meetings.cancel.outcome")}
                value={one(cancelValues.outcome)}
                options={[
                  { value: "", label: t("meetings.choose") },
                  ...cancelOutcomes.map((o) => ({ value: o, label: t(`meetings.status.${o}`) })),
                ]}
                error={cancelErrors.outcome}
              />
              <SelectField
                name="reason"
                label={t("meetings.cancel.reason")}
                value={one(cancelValues.reason)}
                options={[
                  { value: "", label: t("meetings.choose") },
                  ...cancelReasons.map((r) => ({ value: r, label: t(`meetings.reason.${r}`) })),
                ]}
                error={cancelErrors.reason}
              />
              <TextArea
                name="reasonText"
                label={t("meetings.cancel.reasonText")}
                hint={t("meetings.cancel.reasonTextHint")}
                value={one(cancelValues.reasonText)}
                error={cancelErrors.reasonText}
              />
              <p class="ds-paragraph sofia-actions">
                <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">
                  {t("meetings.cancel.continue")}
                </button>
              </p>
            </form>
          </details>
        </section>
      )}

      {data.status === "held" && (
        <section aria-labelledby="record-h" class="sofia-section">
          <h2 id="record-h" class="ds-heading" data-size="sm">
            {t("meetings.record.title")}
          </h2>
          <Record t={t} data={data} />
          {data.canWork && (
            <details open={failed?.form === "record"}>
              <summary>{t("meetings.edit.recordSummary")}</summary>
              <form method="post" action={paths.edit.href(at)} novalidate>
                <CsrfField view={view} />
                <input type="hidden" name="version" value={version} />
                <input type="hidden" name="part" value="record" />
                <RecordFields t={t} data={data} values={recordEdit} errors={errorsOf("record")} />
                <Submit label={t("meetings.edit.recordSubmit")} />
              </form>
            </details>
          )}
        </section>
      )}

      {data.surveyRate && (
        <MeetingSurveyPart t={t} processId={data.processId} meetingId={data.id} rate={data.surveyRate} canWork={data.canWork} />
      )}
    </Layout>
  );
}

/** The cancellation's confirmation step: what will be recorded (it cannot be undone), then the real submit. */
export function CancelConfirmPage({ view, data, values }: { view: View; data: MeetingDetail; values: FormValues }) {
  const { t } = view;
  const meeting = titleOf(data.type, data.child);
  const title = t("meetings.cancel.confirmTitle", { meeting });
  const back = paths.meeting.href({ id: data.processId, meetingId: data.id });
  const outcome = one(values.outcome) === "not_attended" ? "not_attended" : "cancelled";
  const reason = one(values.reason);
  return (
    <Layout view={view} title={title}>
      <BackLink href={back} text={meeting} />
      <PageHeading>{title}</PageHeading>
      <ConfirmForm
        action={paths.cancel.href({ id: data.processId, meetingId: data.id })}
        csrfToken={view.csrfToken}
        values={values}
        submit={t(`meetings.cancel.confirmSubmit.${outcome}`)}
        cancelHref={back}
        cancelText={t("meetings.cancelLink")}
      >
        <p class="ds-paragraph">
          <strong>
            {t(`meetings.cancel.confirmWhat.${outcome}`, {
              meeting,
              date: data.plannedDate ?? t("meetings.cancel.noDate"),
              reason: (cancelReasons as readonly string[]).includes(reason) ? t(`meetings.reason.${reason}`) : reason,
            })}
          </strong>
        </p>
        <p class="ds-paragraph">{t("meetings.cancel.confirmInvited", { count: data.participants.length })}</p>
        <p class="ds-paragraph">{t("meetings.cancel.confirmFinal")}</p>
      </ConfirmForm>
    </Layout>
  );
}
