/** The family page (a process) and its small forms: assign, interrupt, resume, show an identity number. */
import type { ComponentChildren } from "preact";
import { ContactFacts, caseTypeLabelKey, FamilyNameLine, familyName, familyPaths } from "../families/index.ts";
import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { DateField, ErrorSummary, SelectField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConfirmForm, ConflictAlert, Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { listHref, oneOf, SortHeader as PlatformSortHeader, pageNumber, type SortOrder, sortQuery } from "../platform/sortable-list.tsx";
import { meetingPaths } from "./meetings/index.ts";
import { assignmentRoles, interruptReasons, type Phase, type ProcessStatus, phases, processStatuses, type SeriesStep } from "./model.ts";
import { paths } from "./paths.ts";
import { teamField } from "./schemas.ts";
import type {
  AssignOptions,
  Candidate,
  HandoverPlan,
  HandoverPreview,
  ListChoices,
  ListFilter,
  ListSort,
  PersonSummary,
  ProcessList,
  ProcessPage,
  SearchHit,
} from "./service.ts";
import { TimelineLinks } from "./timeline/index.ts";

/** Links other modules build to a process and to one of its meetings, from the paths tables. */
export const processHref = (id: string) => paths.process.href({ id });
export const meetingHref = (processId: string, meetingId: string) => meetingPaths.meeting.href({ id: processId, meetingId });
const planHref = (processId: string, step: SeriesStep) =>
  meetingPaths.newMeeting.href({ id: processId }, { typ: step.type.key, barn: step.child?.id });

/** Sections other parts of the process add to the family page (consultation stops, further support). */
export type ExtraSections = ComponentChildren;

function Facts({ view, data }: { view: View; data: ProcessPage }) {
  const { t } = view;
  const row = (label: string, value: string | null) =>
    value === null ? null : (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    );
  return (
    <section aria-labelledby="facts-h" class="sofia-section">
      <h2 id="facts-h" class="ds-heading" data-size="sm">
        {t("processes.facts")}
      </h2>
      <dl class="sofia-wm-facts">
        {row(t("processes.statusLabel"), t(`processes.status.${data.status}`))}
        {row(t("processes.phaseLabel"), t(`processes.phase.${data.phase}`))}
        {row(t("processes.workModel"), t("processes.workModelVersion", data.workModel))}
        {row(t("processes.caseType"), t(caseTypeLabelKey(data.caseType as 1 | 2 | 3 | null)))}
        {row(t("processes.requestDate"), data.requestDate)}
        {row(t("processes.meetingDate"), data.meetingDate)}
        {row(t("processes.startedOn"), data.startedOn)}
        {row(t("processes.halfwayOn"), data.halfwayOn)}
        {row(t("processes.completedOn"), data.completedOn)}
      </dl>
      <p class="ds-paragraph" data-size="sm">
        {t("processes.phaseDerived")}
      </p>
    </section>
  );
}

function personDetails(view: View, p: PersonSummary): string {
  const { t } = view;
  if (p.kind === "child") return t("processes.person.child");
  const parts = [t("processes.person.guardian")];
  if (p.gender) parts.push(t(`processes.person.gender.${p.gender}`));
  if (p.substanceProblem) parts.push(t(`processes.person.substance.${p.substanceProblem}`));
  if (p.attitude) parts.push(t(`processes.person.attitude.${p.attitude}`));
  if (p.applied) parts.push(t("processes.person.applied"));
  return parts.join(", ");
}

function Family({ view, data }: { view: View; data: ProcessPage }) {
  const { t } = view;
  if (data.minimal) {
    return (
      <section aria-labelledby="family-h" class="sofia-section">
        <h2 id="family-h" class="ds-heading" data-size="sm">
          {t("processes.minimal.title")}
        </h2>
        <p class="ds-paragraph">{t("processes.minimal.text")}</p>
        <dl class="sofia-fam-facts">
          <dt>{t("processes.minimal.children")}</dt>
          <dd>{t("processes.minimal.childAges", { count: data.childAges.length, ages: data.childAges.join(", ") })}</dd>
        </dl>
      </section>
    );
  }
  return (
    <section aria-labelledby="family-h" class="sofia-section">
      <h2 id="family-h" class="ds-heading" data-size="sm">
        {t("processes.family")}
      </h2>
      <ScrollRegion labelledBy="family-h">
        <table class="ds-table" data-border>
          <caption class="ds-sr-only">{t("processes.family.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("processes.col.name")}</th>
              <th scope="col">{t("processes.col.identity")}</th>
              <th scope="col">{t("processes.col.age")}</th>
              <th scope="col">{t("processes.col.about")}</th>
              <th scope="col">{t("processes.col.unit")}</th>
            </tr>
          </thead>
          <tbody>
            {data.persons.map((p) => (
              <tr>
                <th scope="row">{p.name}</th>
                <td>
                  {p.maskedIdentityNumber ?? t("processes.person.noNumber", { date: p.birthDate })}
                  {p.maskedIdentityNumber && data.canWork && (
                    <>
                      {" "}
                      <a
                        class="ds-link"
                        href={paths.reveal.href({ id: data.id, personId: p.id })}
                        aria-label={t("processes.person.revealLabel", { name: p.name })}
                      >
                        {t("processes.person.reveal")}
                      </a>
                    </>
                  )}
                </td>
                <td>{t("processes.person.years", { age: p.ageToday })}</td>
                <td>{personDetails(view, p)}</td>
                <td>{p.unitName ?? t("processes.person.noUnit")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {data.contact && <ContactFacts view={view} contact={data.contact} />}
      <p class="ds-paragraph">
        <a class="ds-link" href={familyPaths.request.href({ id: data.requestId })}>
          {t("processes.back")}
        </a>
      </p>
    </section>
  );
}

function Assignments({ view, data }: { view: View; data: ProcessPage }) {
  const { t } = view;
  return (
    <section aria-labelledby="assign-h" class="sofia-section">
      <h2 id="assign-h" class="ds-heading" data-size="sm">
        {t("processes.assignments")}
      </h2>
      <table class="ds-table" data-border>
        <caption class="ds-sr-only">{t("processes.assignments.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("processes.col.role")}</th>
            <th scope="col">{t("processes.col.person")}</th>
            <th scope="col">{t("processes.col.since")}</th>
          </tr>
        </thead>
        <tbody>
          {assignmentRoles.map((role) => {
            const a = data.current[role];
            return (
              <tr>
                <th scope="row">{t(`processes.role.${role}`)}</th>
                <td>{a ? a.userName : t("processes.notAssigned")}</td>
                <td>{a?.assignedOn ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.canAssign && data.status === "active" && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={paths.assign.href({ id: data.id })}>
            {t("processes.assign.link")}
          </a>
        </p>
      )}
    </section>
  );
}

function Waits({ view, data }: { view: View; data: ProcessPage }) {
  const { t } = view;
  return (
    <section aria-labelledby="waits-h" class="sofia-section">
      <h2 id="waits-h" class="ds-heading" data-size="sm">
        {t("processes.waits")}
      </h2>
      <p class="ds-paragraph">{t("processes.waits.caption", { limit: data.waitLimitDays })}</p>
      <ScrollRegion labelledBy="waits-h">
        <table class="ds-table" data-border>
          <caption class="ds-sr-only">{t("processes.waits")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("processes.col.step")}</th>
              <th scope="col">{t("processes.col.from")}</th>
              <th scope="col">{t("processes.col.to")}</th>
              <th scope="col" class="sofia-num">
                {t("processes.col.days")}
              </th>
              <th scope="col">{t("processes.col.state")}</th>
            </tr>
          </thead>
          <tbody>
            {data.waits.map((w) => (
              <tr>
                <th scope="row">{t(`processes.wait.${w.step}`)}</th>
                <td>{w.from}</td>
                <td>{w.to ?? t(w.ongoing ? "processes.wait.ongoing" : "processes.wait.stopped")}</td>
                <td class="sofia-num">{w.days}</td>
                <td>
                  {w.overLimit ? (
                    <span class="sofia-flag" data-color="danger">
                      {t("processes.wait.over")}
                    </span>
                  ) : (
                    t("processes.wait.within")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function stepState(view: View, step: SeriesStep): string {
  const { t } = view;
  const held = step.meetings.find((m) => m.status === "held");
  if (held) return t("processes.series.held", { date: held.heldOn ?? "" });
  const planned = step.meetings.find((m) => m.status === "planned");
  if (planned)
    return planned.plannedDate ? t("processes.series.planned", { date: planned.plannedDate }) : t("processes.series.plannedNoDate");
  if (step.meetings.length > 0) return t("processes.series.cancelled");
  return t("processes.series.notPlanned");
}

function Series({ view, data }: { view: View; data: ProcessPage }) {
  const { t } = view;
  if (data.minimal) return null;
  const name = (s: SeriesStep) => (s.child ? t("processes.series.forChild", { meeting: s.type.name, child: s.child.name }) : s.type.name);
  return (
    <section aria-labelledby="series-h" class="sofia-section">
      <h2 id="series-h" class="ds-heading" data-size="sm">
        {t("processes.series")}
      </h2>
      {data.series.length === 0 ? (
        <p class="ds-paragraph">{t("processes.series.none")}</p>
      ) : (
        <ScrollRegion labelledBy="series-h">
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("processes.series.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("processes.col.meeting")}</th>
                <th scope="col">{t("processes.col.state")}</th>
                <th scope="col">
                  <span class="ds-sr-only">{t("processes.series.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.series.map((s) => {
                const isNext = data.next === s;
                const current =
                  s.meetings.find((m) => m.status === "held") ?? s.meetings.find((m) => m.status === "planned") ?? s.meetings.at(-1);
                const state = stepState(view, s);
                return (
                  <tr aria-current={isNext ? "step" : undefined}>
                    <th scope="row">
                      {name(s)}
                      {isNext && (
                        <>
                          {" "}
                          <span class="sofia-flag" data-color="info">
                            {t("processes.series.next")}
                          </span>
                        </>
                      )}
                    </th>
                    <td>{state}</td>
                    <td class="sofia-actions-cell">
                      {current && (
                        <a
                          class="ds-link"
                          href={meetingHref(data.id, current.id)}
                          aria-label={t("processes.series.openLabel", { meeting: name(s), state })}
                        >
                          {t("processes.series.open")}
                        </a>
                      )}
                      {data.canWork && data.status === "active" && !s.held && !s.planned && (
                        <>
                          {current ? " " : ""}
                          <a class="ds-link" href={planHref(data.id, s)} aria-label={t("processes.series.planLabel", { meeting: name(s) })}>
                            {t("processes.series.plan")}
                          </a>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Interruptions({ view, data }: { view: View; data: ProcessPage }) {
  const { t } = view;
  return (
    <section aria-labelledby="interrupt-h" class="sofia-section">
      <h2 id="interrupt-h" class="ds-heading" data-size="sm">
        {t("processes.interruptions")}
      </h2>
      {data.interruptions.length === 0 && <p class="ds-paragraph">{t("processes.interruptions.none")}</p>}
      {data.interruptions.length > 0 && (
        <table class="ds-table" data-border>
          <caption class="ds-sr-only">{t("processes.interruptions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("processes.col.interruptedOn")}</th>
              <th scope="col">{t("processes.col.reason")}</th>
              <th scope="col">{t("processes.col.phase")}</th>
              <th scope="col">{t("processes.col.resumedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {data.interruptions.map((i) => (
              <tr>
                <th scope="row">{i.interruptedOn}</th>
                <td>
                  {t(`processes.interruptReason.${i.reason}`)}
                  {i.reasonText ? `: ${i.reasonText}` : ""}
                </td>
                <td>{t(`processes.phase.${i.phase}`)}</td>
                <td>{i.resumedOn ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.canWork && data.status === "active" && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" data-color="danger" href={paths.interrupt.href({ id: data.id })}>
            {t("processes.interrupt.link")}
          </a>
        </p>
      )}
      {data.canWork && data.status === "interrupted" && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={paths.resume.href({ id: data.id })}>
            {t("processes.resume.link")}
          </a>
        </p>
      )}
    </section>
  );
}

export function ProcessPageView({ view, data, notice, extra }: { view: View; data: ProcessPage; notice?: string; extra?: ExtraSections }) {
  const { t } = view;
  const name = familyName(data.family, t);
  const open = data.interruptions.find((i) => i.resumedOn === null);
  return (
    <Layout view={view} title={t("processes.pageTitle", { family: name.full })}>
      <PageHeading>{name.name}</PageHeading>
      <FamilyNameLine family={data.family} t={t} />
      <Notice text={notice} />
      <TimelineLinks view={view} processId={data.id} minimal={data.minimal} />
      {open && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">
            {t("processes.interrupted.alert", { date: open.interruptedOn, reason: t(`processes.interruptReason.${open.reason}`) })}
          </p>
        </div>
      )}
      <Facts view={view} data={data} />
      <Family view={view} data={data} />
      <Assignments view={view} data={data} />
      <Waits view={view} data={data} />
      <Series view={view} data={data} />
      {extra}
      <Interruptions view={view} data={data} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Forms

interface FormProps {
  view: View;
  data: ProcessPage;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  conflict?: string;
}

function FormFrame({
  view,
  data,
  title,
  intro,
  action,
  conflict,
  errors,
  children,
  submit,
}: FormProps & {
  title: string;
  intro: string;
  action: string;
  children: ComponentChildren;
  submit: string;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={title}>
      <BackLink href={processHref(data.id)} text={t("processes.backTo", { family: familyName(data.family, t).name })} />
      <PageHeading>{title}</PageHeading>
      <ConflictAlert message={conflict} reloadHref={action} t={t} />
      <ErrorSummary errors={errors ?? {}} t={t} />
      <p class="ds-paragraph">{intro}</p>
      <form method="post" action={action} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={String(data.version)} />
        {children}
        <p class="ds-paragraph sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {submit}
          </button>{" "}
          <a class="ds-link" href={processHref(data.id)}>
            {t("processes.cancel")}
          </a>
        </p>
      </form>
    </Layout>
  );
}

/** A required date field of the process's small forms. */
function ProcessDateField({
  view,
  name,
  label,
  values,
  errors,
}: {
  view: View;
  name: string;
  label: string;
  values: Record<string, string | string[]>;
  errors: FieldErrors;
}) {
  return (
    <DateField t={view.t} locale={view.locale} name={name} label={view.t(label)} value={one(values[name])} required error={errors[name]} />
  );
}

/** An option of a role's select: the name and how many ongoing families the person has ("Karin Ek (6 pågående)"). */
const candidateLabel = (t: View["t"], c: Candidate) => t("processes.team.option", { name: c.name, count: c.ongoing });

/**
 * Assignment in one step (decision 0038): one select per role, each listing only the people of
 * that role and unit kind with their load; the current person is chosen. A role the reader does
 * not assign (the process leader, for a unit manager) is shown as text.
 */
export function AssignPage(props: FormProps & { options: AssignOptions }) {
  const { view, data, values, errors = {}, options } = props;
  const { t } = view;
  return (
    <FormFrame
      {...props}
      title={t("processes.assign.title", { family: familyName(data.family, t).full })}
      intro={t("processes.team.intro")}
      action={paths.assign.href({ id: data.id })}
      submit={t("processes.assign.submit")}
    >
      {assignmentRoles.map((role) => {
        const field = teamField[role];
        const current = data.current[role];
        if (!options.roles.includes(role)) {
          return (
            <p class="ds-paragraph">
              {t(`processes.role.${role}`)}: {current?.userName ?? t("processes.notAssigned")}. {t("processes.team.notYours")}
            </p>
          );
        }
        const candidates = options.candidates[role];
        const choices: Array<{ value: string; label: string }> = [];
        if (!current) choices.push({ value: "", label: t("processes.team.none") });
        else if (!candidates.some((c) => c.id === current.userId))
          choices.push({ value: current.userId, label: t("processes.team.currentElsewhere", { name: current.userName }) });
        for (const c of candidates)
          choices.push({
            value: c.id,
            label: c.id === current?.userId ? t("processes.team.current", { label: candidateLabel(t, c) }) : candidateLabel(t, c),
          });
        return (
          <SelectField
            name={field}
            label={t(`processes.role.${role}`)}
            hint={t(`processes.team.hint.${role}`)}
            value={values[field] === undefined ? (current?.userId ?? "") : one(values[field])}
            options={choices}
            error={errors[field]}
          />
        );
      })}
      <ProcessDateField view={view} name="assignedOn" label="processes.assign.assignedOn" values={values} errors={errors} />
    </FormFrame>
  );
}

/** The interruption's confirmation step: what will happen, then the real submit (a danger button). */
export function InterruptConfirmPage({
  view,
  data,
  values,
  plannedMeetings,
}: {
  view: View;
  data: ProcessPage;
  values: Record<string, string | string[]>;
  plannedMeetings: number;
}) {
  const { t } = view;
  const title = t("processes.interrupt.confirmTitle", { date: data.requestDate });
  const reason = one(values.reason);
  return (
    <Layout view={view} title={title}>
      <BackLink href={processHref(data.id)} text={t("processes.title")} />
      <PageHeading>{title}</PageHeading>
      <ConfirmForm
        action={paths.interrupt.href({ id: data.id })}
        csrfToken={view.csrfToken}
        values={values}
        submit={t("processes.interrupt.submit")}
        cancelHref={processHref(data.id)}
        cancelText={t("processes.cancel")}
      >
        <p class="ds-paragraph">
          {t("processes.interrupt.confirmWhat", {
            date: one(values.interruptedOn),
            reason: (interruptReasons as readonly string[]).includes(reason) ? t(`processes.interruptReason.${reason}`) : reason,
          })}
        </p>
        <p class="ds-paragraph">
          <strong>
            {plannedMeetings === 0
              ? t("processes.interrupt.noMeetings")
              : plannedMeetings === 1
                ? t("processes.interrupt.oneMeeting")
                : t("processes.interrupt.meetings", { count: plannedMeetings })}
          </strong>
        </p>
        <p class="ds-paragraph">{t("processes.interrupt.canResume")}</p>
      </ConfirmForm>
    </Layout>
  );
}

export function InterruptPage(props: FormProps) {
  const { view, data, values, errors = {} } = props;
  const { t } = view;
  return (
    <FormFrame
      {...props}
      title={t("processes.interrupt.title", { family: familyName(data.family, t).full })}
      intro={t("processes.interrupt.intro")}
      action={paths.interrupt.href({ id: data.id })}
      submit={t("processes.interrupt.continue")}
    >
      <ProcessDateField view={view} name="interruptedOn" label="processes.interrupt.date" values={values} errors={errors} />
      <SelectField
        name="reason"
        label={t("processes.interrupt.reason")}
        value={one(values.reason)}
        required
        options={[
          { value: "", label: t("processes.assign.choose") },
          ...interruptReasons.map((r) => ({ value: r, label: t(`processes.interruptReason.${r}`) })),
        ]}
        error={errors.reason}
      />
      <TextField
        name="reasonText"
        label={t("processes.interrupt.reasonText")}
        hint={t("processes.interrupt.reasonTextHint")}
        value={one(values.reasonText)}
        error={errors.reasonText}
      />
    </FormFrame>
  );
}

export function ResumePage(props: FormProps) {
  const { view, data, values, errors = {} } = props;
  const { t } = view;
  return (
    <FormFrame
      {...props}
      title={t("processes.resume.title", { family: familyName(data.family, t).full })}
      intro={t("processes.resume.intro")}
      action={paths.resume.href({ id: data.id })}
      submit={t("processes.resume.submit")}
    >
      <ProcessDateField view={view} name="resumedOn" label="processes.resume.date" values={values} errors={errors} />
    </FormFrame>
  );
}

export function RevealPage(props: FormProps & { person: PersonSummary; shown?: string }) {
  const { view, data, values, errors = {}, person, shown } = props;
  const { t } = view;
  const action = paths.reveal.href({ id: data.id, personId: person.id });
  if (shown) {
    return (
      <Layout view={view} title={t("processes.reveal.title")}>
        <BackLink href={processHref(data.id)} text={t("processes.backTo", { family: familyName(data.family, t).name })} />
        <PageHeading>{t("processes.reveal.title")}</PageHeading>
        <dl class="sofia-fam-facts">
          <dt>{t("processes.reveal.shown", { name: person.name })}</dt>
          <dd class="sofia-identity">{shown}</dd>
        </dl>
      </Layout>
    );
  }
  return (
    <FormFrame
      {...props}
      title={t("processes.reveal.title")}
      intro={t("processes.reveal.intro")}
      action={action}
      submit={t("processes.reveal.submit")}
    >
      <p class="ds-paragraph">
        {person.name}: {person.maskedIdentityNumber}
      </p>
      <TextField
        name="reason"
        label={t("processes.reveal.reason")}
        hint={t("processes.reveal.reasonHint")}
        value={one(values.reason)}
        required
        error={errors.reason}
      />
    </FormFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Handover: a person's ongoing families to colleagues (decision 0038)

const roleCandidates = (t: View["t"], cs: Candidate[], fromId: string, empty: string) => [
  { value: "", label: empty },
  ...cs.filter((c) => c.id !== fromId).map((c) => ({ value: c.id, label: candidateLabel(t, c) })),
];

export function HandoverPage({
  view,
  preview,
  values,
  errors = {},
  conflict,
  today,
}: {
  view: View;
  preview: HandoverPreview;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  conflict?: string;
  today: string;
}) {
  const { t } = view;
  const { from, families } = preview;
  const rolesShown = preview.roles.filter((role) => families.some((f) => f.role === role));
  const action = paths.handover.href();
  return (
    <Layout view={view} title={t("processes.handover.title")}>
      <BackLink href={paths.list.href()} text={t("processes.list.title")} />
      <PageHeading>{t("processes.handover.title")}</PageHeading>
      <ConflictAlert message={conflict} reloadHref={from ? paths.handover.href({ fran: from.id }) : action} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("processes.handover.intro")}</p>
      <form method="get" action={action} class="sofia-filters">
        <SelectField
          name="fran"
          label={t("processes.handover.from")}
          hint={t("processes.handover.fromHint")}
          value={from?.id ?? ""}
          options={[
            { value: "", label: t("processes.assign.choose") },
            ...preview.people.map((p) => ({ value: p.id, label: candidateLabel(t, p) })),
          ]}
        />
        <p class="ds-paragraph">
          <button type="submit" class="ds-button" data-variant="secondary">
            {t("processes.handover.show")}
          </button>
        </p>
      </form>
      {from && (
        <section aria-labelledby="handover-h" class="sofia-section">
          <h2 id="handover-h" class="ds-heading" data-size="sm">
            {t("processes.handover.families", { name: from.name, count: families.length })}
          </h2>
          {families.length === 0 ? (
            <p class="ds-paragraph">{t("processes.handover.none")}</p>
          ) : (
            <form method="post" action={action} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="fromUserId" value={from.id} />
              <p class="ds-paragraph">{t("processes.handover.howTo")}</p>
              {rolesShown.map((role) => (
                <SelectField
                  name={`all.${role}`}
                  label={t(`processes.handover.all.${role}`)}
                  hint={t(`processes.team.hint.${role}`)}
                  value={one(values[`all.${role}`])}
                  options={roleCandidates(t, preview.candidates[role], from.id, t("processes.handover.perFamily"))}
                  error={errors[`all.${role}`]}
                />
              ))}
              <ScrollRegion labelledBy="handover-h">
                <table class="ds-table" data-border>
                  <caption class="ds-sr-only">{t("processes.handover.caption", { name: from.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("processes.requestDate")}</th>
                      <th scope="col">{t("processes.handover.to")}</th>
                      <th scope="col">{t("processes.col.role")}</th>
                      <th scope="col">{t("processes.statusLabel")}</th>
                      <th scope="col">{t("processes.col.since")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {families.map((f, i) => (
                      <tr>
                        <th scope="row">
                          <a
                            class="ds-link"
                            href={processHref(f.processId)}
                            aria-label={t("processes.handover.openLabel", { date: f.requestDate })}
                          >
                            {f.requestDate}
                          </a>
                          <input type="hidden" name={`families.${i}.processId`} value={f.processId} />
                          <input type="hidden" name={`families.${i}.role`} value={f.role} />
                          <input type="hidden" name={`families.${i}.version`} value={String(f.version)} />
                        </th>
                        <td>
                          <SelectField
                            name={`families.${i}.toUserId`}
                            label={t("processes.handover.toLabel", { date: f.requestDate, role: t(`processes.role.${f.role}`) })}
                            value={one(values[`families.${i}.toUserId`])}
                            options={roleCandidates(t, preview.candidates[f.role], from.id, t("processes.handover.asAll"))}
                            error={errors[`families.${i}.toUserId`]}
                          />
                        </td>
                        <td>{t(`processes.role.${f.role}`)}</td>
                        <td>{`${t(`processes.status.${f.status}`)}, ${t(`processes.phase.${f.phase}`)}`}</td>
                        <td>{f.assignedOn}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <ProcessDateField
                view={view}
                name="assignedOn"
                label="processes.assign.assignedOn"
                values={values.assignedOn === undefined ? { assignedOn: today } : values}
                errors={errors}
              />
              <p class="ds-paragraph sofia-actions">
                <button type="submit" class="ds-button" data-variant="primary">
                  {t("processes.handover.review")}
                </button>{" "}
                <a class="ds-link" href={paths.list.href()}>
                  {t("processes.cancel")}
                </a>
              </p>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}

/** The handover's confirmation step: who takes over which family, then the real submit. */
export function HandoverConfirmPage({ view, plan, values }: { view: View; plan: HandoverPlan; values: Record<string, string | string[]> }) {
  const { t } = view;
  const title = t("processes.handover.confirmTitle");
  const back = paths.handover.href({ fran: plan.from.id });
  return (
    <Layout view={view} title={title}>
      <BackLink href={back} text={t("processes.handover.title")} />
      <PageHeading>{title}</PageHeading>
      <ConfirmForm
        action={paths.handover.href()}
        csrfToken={view.csrfToken}
        values={values}
        submit={t("processes.handover.submit")}
        cancelHref={back}
        cancelText={t("processes.cancel")}
        danger={false}
      >
        <p class="ds-paragraph">
          <strong>
            {t("processes.handover.summary", { count: plan.moves.length, name: plan.from.name, date: one(values.assignedOn) })}
          </strong>
        </p>
        {plan.staying > 0 && <p class="ds-paragraph">{t("processes.handover.staying", { count: plan.staying })}</p>}
      </ConfirmForm>
      <ScrollRegion labelledBy="moves-caption">
        <table class="ds-table" data-border>
          <caption id="moves-caption">{t("processes.handover.movesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("processes.requestDate")}</th>
              <th scope="col">{t("processes.handover.to")}</th>
              <th scope="col">{t("processes.col.role")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.moves.map((m) => (
              <tr>
                <th scope="row">{m.family.requestDate}</th>
                <td>{candidateLabel(t, m.to)}</td>
                <td>{t(`processes.role.${m.family.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The list of processes and the search

/** The list's query in the URL (no personal data: ids of staff and units, choices and a page number). */
export interface ListQuery {
  status: string;
  fas: string;
  handlaggare: string;
  enhet: string;
  vantan: string;
  sortera: string;
  ordning: SortOrder;
  sida: number;
}

const sortKeys: Record<string, ListSort> = { datum: "date", namn: "name", handlaggare: "caseworker", fas: "phase", vantan: "wait" };
/** Newest request first by default; a header sorts ascending first, the date descending first. */
const sortDefaults = { key: "datum", descendingFirst: ["datum"] };

/** The list's query from the URL; anything unknown is left out. */
export function listQuery(q: Record<string, string | undefined>): ListQuery {
  const id = (v: string | undefined) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : "");
  return {
    status: oneOf(processStatuses, q.status),
    fas: oneOf(phases, q.fas),
    handlaggare: id(q.handlaggare),
    enhet: id(q.enhet),
    vantan: q.vantan === "over" ? "over" : "",
    ...sortQuery(q, Object.keys(sortKeys)),
    sida: pageNumber(q.sida),
  };
}

export function listFilter(q: ListQuery): ListFilter {
  return {
    status: (q.status || null) as ProcessStatus | null,
    phase: (q.fas || null) as Phase | null,
    caseworkerId: q.handlaggare || null,
    unitId: q.enhet || null,
    overLimit: q.vantan === "over",
    sort: sortKeys[q.sortera] ?? "date",
    ...(q.ordning !== "" && { descending: q.ordning === "fallande" }),
    page: q.sida,
  };
}

const hrefOf = (q: ListQuery, change: Partial<ListQuery>) => listHref(paths.list.href, q, change);

/** A column header that sorts the list (the platform's, with this list's defaults). */
function SortHeader({ t, q, sortKey, label }: { t: View["t"]; q: ListQuery; sortKey: string; label: string }) {
  return <PlatformSortHeader t={t} q={q} defaults={sortDefaults} sortKey={sortKey} label={label} href={paths.list.href} />;
}

export function ListPage({
  view,
  list,
  query: q,
  choices,
  notice,
}: {
  view: View;
  list: ProcessList;
  query: ListQuery;
  choices: ListChoices;
  notice?: string;
}) {
  const { t } = view;
  const canAssign = view.actor !== null && scopeFor(view.actor.roles, "processes.assign") !== null;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const all = { value: "", label: t("processes.list.all") };
  return (
    <Layout view={view} title={t("processes.list.title")}>
      <PageHeading>{t("processes.list.title")}</PageHeading>
      <Notice text={notice} />
      {canAssign && (
        <p class="ds-paragraph">
          <a class="ds-link" href={paths.handover.href()}>
            {t("processes.handover.link")}
          </a>
        </p>
      )}
      <form method="get" action={paths.list.href()} class="sofia-filters">
        <SelectField
          name="status"
          label={t("processes.list.status")}
          value={q.status}
          options={[all, ...processStatuses.map((s) => ({ value: s, label: t(`processes.status.${s}`) }))]}
        />
        <SelectField
          name="fas"
          label={t("processes.list.phase")}
          value={q.fas}
          options={[all, ...phases.map((p) => ({ value: p, label: t(`processes.phase.${p}`) }))]}
        />
        <SelectField
          name="handlaggare"
          label={t("processes.list.caseworker")}
          value={q.handlaggare}
          options={[all, ...choices.staff.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField
          name="enhet"
          label={t("processes.list.unit")}
          value={q.enhet}
          options={[all, ...choices.units.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <SelectField
          name="vantan"
          label={t("processes.list.wait")}
          value={q.vantan}
          options={[all, { value: "over", label: t("processes.list.waitOver") }]}
        />
        {q.sortera && <input type="hidden" name="sortera" value={q.sortera} />}
        {q.ordning && <input type="hidden" name="ordning" value={q.ordning} />}
        <p class="ds-paragraph">
          <button type="submit" class="ds-button" data-variant="secondary">
            {t("processes.list.filter")}
          </button>
        </p>
      </form>
      {list.items.length === 0 ? (
        <p class="ds-paragraph">{t("processes.list.empty")}</p>
      ) : (
        <ScrollRegion labelledBy="list-caption">
          <table class="ds-table" data-border>
            <caption id="list-caption">{t("processes.list.count", { count: list.total })}</caption>
            <thead>
              <tr>
                <SortHeader t={t} q={q} sortKey="namn" label={t("processes.list.family")} />
                <SortHeader t={t} q={q} sortKey="datum" label={t("processes.requestDate")} />
                <th scope="col">{t("processes.statusLabel")}</th>
                <SortHeader t={t} q={q} sortKey="fas" label={t("processes.phaseLabel")} />
                <th scope="col">{t("processes.caseType")}</th>
                <SortHeader t={t} q={q} sortKey="handlaggare" label={t("processes.role.child_caseworker")} />
                <th scope="col">{t("processes.role.adult_caseworker")}</th>
                <SortHeader t={t} q={q} sortKey="vantan" label={t("processes.list.longestWait")} />
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => {
                const name = p.family ? familyName(p.family, t) : null;
                return (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={processHref(p.id)}>
                        {name?.name ?? p.requestDate}
                      </a>
                      {name && (name.children || name.caseFile) && (
                        <div class="sofia-family-line" data-size="sm">
                          {[name.children, name.caseFile].filter((x) => x !== "").join(" · ")}
                        </div>
                      )}
                    </th>
                    <td>{p.requestDate}</td>
                    <td>{t(`processes.status.${p.status}`)}</td>
                    <td>{t(`processes.phase.${p.phase}`)}</td>
                    <td>{t(caseTypeLabelKey(p.caseType as 1 | 2 | 3 | null))}</td>
                    <td>{p.childCaseworker ?? t("processes.notAssigned")}</td>
                    <td>{p.adultCaseworker ?? t("processes.notAssigned")}</td>
                    <td>
                      {p.longestWait
                        ? `${t(`processes.wait.${p.longestWait.step}`)}: ${t(p.longestWait.overLimit ? "processes.list.flagged" : "processes.list.days", { days: p.longestWait.days })}`
                        : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {pages > 1 && (
        <nav aria-label={t("processes.list.pages")} class="sofia-pagination">
          <p class="ds-paragraph">
            {list.page > 1 && (
              <a class="ds-link" href={hrefOf(q, { sida: list.page - 1 })}>
                {t("processes.list.previous")}
              </a>
            )}{" "}
            {t("processes.list.pageOf", { page: list.page, pages })}{" "}
            {list.page < pages && (
              <a class="ds-link" href={hrefOf(q, { sida: list.page + 1 })}>
                {t("processes.list.next")}
              </a>
            )}
          </p>
        </nav>
      )}
    </Layout>
  );
}

export function SearchPage({ view, query, hits, error }: { view: View; query: string; hits: SearchHit[] | null; error?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("processes.search.title")}>
      <PageHeading>{t("processes.search.title")}</PageHeading>
      <ErrorSummary errors={error ? { q: error } : {}} t={t} />
      <p class="ds-paragraph">{t("processes.search.intro")}</p>
      {/* POST: a name or an identity number never goes into a URL. */}
      <form method="post" action={paths.search.href()} novalidate>
        <CsrfField view={view} />
        <TextField
          name="q"
          label={t("processes.search.label")}
          hint={t("processes.search.hint")}
          value={query}
          error={error}
          autocomplete="off"
        />
        <p class="ds-paragraph">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("processes.search.submit")}
          </button>
        </p>
      </form>
      {hits !== null && (
        <section aria-labelledby="hits-h" class="sofia-section">
          <h2 id="hits-h" class="ds-heading" data-size="sm">
            {t("processes.search.hits", { count: hits.length })}
          </h2>
          {hits.length === 0 ? (
            <p class="ds-paragraph">{t("processes.search.none")}</p>
          ) : (
            <ScrollRegion labelledBy="hits-h">
              <table class="ds-table" data-border>
                <caption class="ds-sr-only">{t("processes.search.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("processes.col.name")}</th>
                    <th scope="col">{t("processes.col.identity")}</th>
                    <th scope="col">{t("processes.col.about")}</th>
                    <th scope="col">{t("processes.requestDate")}</th>
                    <th scope="col">{t("processes.statusLabel")}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((h) => (
                    <tr>
                      <th scope="row">
                        <a class="ds-link" href={h.processId ? processHref(h.processId) : familyPaths.request.href({ id: h.requestId })}>
                          {h.name}
                        </a>
                      </th>
                      <td>{h.maskedIdentityNumber ?? t("processes.person.noNumber", { date: h.birthDate })}</td>
                      <td>{t(`processes.person.${h.kind}`)}</td>
                      <td>{h.requestDate}</td>
                      <td>
                        {h.status
                          ? `${t(`processes.status.${h.status}`)}, ${t(`processes.phase.${h.phase}`)}`
                          : t("processes.search.noProcess")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      )}
    </Layout>
  );
}
