/** The family page (a process) and its small forms: interrupt, resume, show an identity number (the team's form frames too). */
import type { ComponentChildren } from "preact";
import { ContactFacts, caseTypeLabelKey, FamilyNameLine, familyName, familyPaths } from "../families/index.ts";
import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { DateField, ErrorSummary, SelectField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConfirmForm, ConflictAlert, Notice } from "../platform/page-parts.tsx";
import { meetingPaths } from "./meetings/index.ts";
import { assignmentRoles, interruptReasons, type SeriesStep } from "./model.ts";
import { paths } from "./paths.ts";
import type { PersonSummary, ProcessPage } from "./service.ts";
import { teamPaths } from "./team/index.ts";
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
          <a class="ds-button" data-variant="secondary" href={teamPaths.assign.href({ id: data.id })}>
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
      {data.breakGlassUntil && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">
            {t("processes.breakGlass.active", {
              until: new Intl.DateTimeFormat(view.locale === "en" ? "en-GB" : "sv-SE", {
                timeZone: "Europe/Stockholm",
                timeStyle: "short",
              }).format(new Date(data.breakGlassUntil)),
            })}
          </p>
        </div>
      )}
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

export interface FormProps {
  view: View;
  data: ProcessPage;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  conflict?: string;
}

export function FormFrame({
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
export function ProcessDateField({
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
