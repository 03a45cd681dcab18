/**
 * The family's timeline (printable as a one-page family summary) and the next meeting's agenda
 * (printable too), and the links to both on the family page. Print styles: sofia.css, "The
 * family's timeline and the agenda".
 */
import { caseTypeLabelKey, familyName } from "../../families/index.ts";
import type { View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, NumHeader } from "../../platform/page-parts.tsx";
import { meetingPaths, type outcomeReasons } from "../meetings/index.ts";
import { type AssignmentRole, assignmentRoles, type InterruptReason } from "../model.ts";
import { paths as processPaths } from "../paths.ts";
import type { SupportKind } from "../support/index.ts";
import type { PersonLabel, TimelineEvent } from "./model.ts";
import { paths } from "./paths.ts";
import type { AgendaData, TimelineData } from "./service.ts";

type OutcomeReason = (typeof outcomeReasons)[number];

/** The family page's links to the timeline and (when the reader sees names) the next meeting's agenda. */
export function TimelineLinks({ view, processId, minimal }: { view: View; processId: string; minimal: boolean }) {
  const { t } = view;
  return (
    <nav aria-label={t("timeline.links")} class="sofia-timeline-links">
      <ul class="sofia-link-row">
        <li>
          <a class="ds-link" href={paths.timeline.href({ id: processId })}>
            {t("timeline.link")}
          </a>
        </li>
        {!minimal && (
          <li>
            <a class="ds-link" href={paths.agenda.href({ id: processId })}>
              {t("timeline.agendaLink")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export const personText = (t: Translate, p: PersonLabel): string =>
  p.name ?? t(p.kind === "child" ? "timeline.child" : "timeline.guardian", { n: p.position });

function meetingReason(t: Translate, reason: string): string {
  if (reason === "process_interrupted") return t("timeline.reason.processInterrupted");
  return t(`meetings.reason.${reason as OutcomeReason}`);
}

function supportKindText(t: Translate, e: TimelineEvent): string {
  if (e.supportKind === "other" && e.supportKindText) return e.supportKindText;
  return t(`support.kind.${(e.supportKind ?? "other") as SupportKind}`);
}

/** What happened, in one line. */
export function eventTitle(t: Translate, e: TimelineEvent): string {
  switch (e.kind) {
    case "assignment":
      return t("timeline.event.assignment", { role: t(`processes.role.${(e.role ?? "child_caseworker") as AssignmentRole}`) });
    case "meeting":
      return t(`timeline.event.meeting.${e.status ?? "planned"}`, { meeting: e.meetingTypeName ?? "" });
    case "consent":
      return t(`timeline.event.consent.${e.consent ?? "given"}`);
    case "consultation":
      return t("timeline.event.consultation", { stop: e.stopName ?? "" });
    case "safety_rating":
      return t("timeline.event.safety_rating", { score: e.score ?? 0 });
    case "support":
      return t(`timeline.event.support.${e.supportStep ?? "applied"}`, { kind: supportKindText(t, e) });
    case "phase":
      return t(`timeline.event.phase.${e.phase ?? "started"}`);
    default:
      return t(`timeline.event.${e.kind}`);
  }
}

/** The details of an event: who it was about, why, the counts. */
export function eventDetails(t: Translate, e: TimelineEvent): string[] {
  const details: string[] = [];
  if (e.person) details.push(personText(t, e.person));
  switch (e.kind) {
    case "assignment":
      if (e.staffName) details.push(e.staffName);
      details.push(e.waitDays === null ? t("timeline.detail.replacement") : t("timeline.detail.wait", { days: e.waitDays }));
      break;
    case "meeting":
      if (e.reason) details.push(meetingReason(t, e.reason));
      if (e.survey) details.push(t("timeline.detail.survey", e.survey));
      break;
    case "consent":
      details.push(t("timeline.detail.forMeeting", { meeting: e.meetingTypeName ?? "" }));
      break;
    case "consultation":
      if (!e.person) details.push(t("timeline.detail.wholeFamily"));
      break;
    case "impact_analysis":
      details.push(t(e.joint ? "timeline.detail.joint" : "timeline.detail.notJoint"));
      break;
    case "safety_rating":
      details.push(t("timeline.detail.ratedBy", { who: t(`stops.rater.${e.ratedBy ?? "child"}`) }));
      break;
    case "interruption":
      if (e.reason) details.push(t(`processes.interruptReason.${e.reason as InterruptReason}`));
      if (e.reasonText) details.push(e.reasonText);
      break;
    default:
      break;
  }
  return details;
}

function Summary({ view, data }: { view: View; data: TimelineData }) {
  const { t } = view;
  return (
    <section aria-labelledby="summary-h" class="sofia-section">
      <h2 id="summary-h" class="ds-heading" data-size="sm">
        {t("timeline.summary")}
      </h2>
      <dl class="sofia-wm-facts sofia-summary-facts">
        <dt>{t("processes.statusLabel")}</dt>
        <dd>{t(`processes.status.${data.status}`)}</dd>
        <dt>{t("processes.phaseLabel")}</dt>
        <dd>{t(`processes.phase.${data.phase}`)}</dd>
        <dt>{t("processes.workModel")}</dt>
        <dd>{t("processes.workModelVersion", data.workModel)}</dd>
        <dt>{t("processes.caseType")}</dt>
        <dd>{t(caseTypeLabelKey(data.caseType as 1 | 2 | 3 | null))}</dd>
      </dl>
      <div class="sofia-summary-grid">
        <div>
          <h3 id="family-h" class="ds-heading" data-size="xs">
            {t("timeline.family")}
          </h3>
          <table class="ds-table" data-border data-size="sm">
            <caption class="ds-sr-only">{t("timeline.family.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("timeline.col.member")}</th>
                <NumHeader>{t("timeline.col.age")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {data.family.map((m) => (
                <tr>
                  <th scope="row">
                    {personText(t, m.label)}
                    {m.label.name !== null && (
                      <span class="sofia-muted">
                        {" "}
                        ({t(m.label.kind === "child" ? "agenda.participant.child" : "agenda.participant.guardian")})
                      </span>
                    )}
                  </th>
                  <td class="sofia-num">{t("processes.person.years", { age: m.age })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3 id="staff-h" class="ds-heading" data-size="xs">
            {t("timeline.staff")}
          </h3>
          <table class="ds-table" data-border data-size="sm">
            <caption class="ds-sr-only">{t("timeline.staff.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("timeline.col.role")}</th>
                <th scope="col">{t("timeline.col.person")}</th>
              </tr>
            </thead>
            <tbody>
              {assignmentRoles.map((role) => (
                <tr>
                  <th scope="row">{t(`processes.role.${role}`)}</th>
                  <td>{data.current[role]?.userName ?? t("processes.notAssigned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3 id="waits-h" class="ds-heading" data-size="xs">
            {t("timeline.waits")}
          </h3>
          <table class="ds-table" data-border data-size="sm">
            <caption class="ds-sr-only">{t("timeline.waits.caption", { limit: data.waitLimitDays })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("timeline.col.step")}</th>
                <NumHeader>{t("timeline.col.days")}</NumHeader>
                <th scope="col">{t("timeline.col.state")}</th>
              </tr>
            </thead>
            <tbody>
              {data.waits.map((w) => (
                <tr>
                  <th scope="row">{t(`processes.wait.${w.step}`)}</th>
                  <td class="sofia-num">{w.days}</td>
                  <td>
                    {w.ongoing ? `${t("processes.wait.ongoing")}, ` : ""}
                    {t(w.overLimit ? "processes.wait.over" : "processes.wait.within")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function Events({ view, data }: { view: View; data: TimelineData }) {
  const { t } = view;
  return (
    <section aria-labelledby="events-h" class="sofia-section">
      <h2 id="events-h" class="ds-heading" data-size="sm">
        {t("timeline.events")}
      </h2>
      <ScrollRegion labelledBy="events-h">
        <table class="ds-table sofia-timeline" data-border data-size="sm">
          <caption class="ds-sr-only">{t("timeline.events.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("timeline.col.date")}</th>
              <th scope="col">{t("timeline.col.event")}</th>
              <th scope="col">{t("timeline.col.details")}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => {
              const title = eventTitle(t, e);
              return (
                <tr data-kind={e.kind}>
                  <td class="sofia-nowrap">{e.on}</td>
                  <th scope="row">
                    {e.meetingId && e.kind === "meeting" ? (
                      <a class="ds-link" href={meetingPaths.meeting.href({ id: data.id, meetingId: e.meetingId })}>
                        {title}
                      </a>
                    ) : (
                      title
                    )}
                  </th>
                  <td>{eventDetails(t, e).join(". ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export function TimelinePage({ view, data }: { view: View; data: TimelineData }) {
  const { t } = view;
  const title = t("timeline.pageTitle", { family: familyName(data.namedFamily, t).full });
  return (
    <Layout view={view} title={title}>
      <div class="sofia-printable">
        <BackLink href={processPaths.process.href({ id: data.id })} text={t("timeline.back")} />
        <PageHeading>{title}</PageHeading>
        <p class="ds-paragraph sofia-screen-only">{t("timeline.printHint")}</p>
        {data.minimal && (
          <div class="ds-alert" data-color="info">
            <p class="ds-paragraph">{t("timeline.minimal")}</p>
          </div>
        )}
        <Summary view={view} data={data} />
        <Events view={view} data={data} />
        {!data.minimal && (
          <p class="ds-paragraph sofia-section">
            {data.next
              ? t("timeline.next", {
                  meeting: data.next.meetingTypeName,
                  date: data.next.plannedTime ? `${data.next.plannedDate} ${data.next.plannedTime}` : data.next.plannedDate,
                })
              : t("timeline.noNext")}{" "}
            {data.next && (
              <a class="ds-link sofia-screen-only" href={paths.agenda.href({ id: data.id })}>
                {t("timeline.agendaLink")}
              </a>
            )}
          </p>
        )}
      </div>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The agenda

function whenText(t: Translate, m: NonNullable<AgendaData["meeting"]>): string {
  const date = m.plannedDate ?? "";
  return m.plannedTime
    ? t("agenda.whenValue", { date, time: m.plannedTime, minutes: m.durationMinutes })
    : t("agenda.whenDate", { date, minutes: m.durationMinutes });
}

function AgendaMeeting({ view, data, meeting }: { view: View; data: AgendaData; meeting: NonNullable<AgendaData["meeting"]> }) {
  const { t } = view;
  return (
    <>
      <section aria-labelledby="meeting-h" class="sofia-section">
        <h2 id="meeting-h" class="ds-heading" data-size="sm">
          {t("agenda.meeting")}
        </h2>
        <dl class="sofia-wm-facts">
          <dt>{t("agenda.when")}</dt>
          <dd>{whenText(t, meeting)}</dd>
          <dt>{t("agenda.place")}</dt>
          <dd>{meeting.place ?? t("agenda.empty")}</dd>
          {meeting.child && (
            <>
              <dt>{t("agenda.child")}</dt>
              <dd>{personText(t, meeting.child)}</dd>
            </>
          )}
          <dt>{t("agenda.purpose")}</dt>
          <dd>{meeting.purpose}</dd>
        </dl>
        <p class="ds-paragraph sofia-screen-only">
          <a class="ds-link" href={meetingPaths.meeting.href({ id: data.processId, meetingId: meeting.id })}>
            {t("agenda.openMeeting")}
          </a>
        </p>
      </section>
      <section aria-labelledby="participants-h" class="sofia-section">
        <h2 id="participants-h" class="ds-heading" data-size="sm">
          {t("agenda.participants")}
        </h2>
        {meeting.participants.length === 0 ? (
          <p class="ds-paragraph">{t("agenda.participants.none")}</p>
        ) : (
          <ul class="ds-list">
            {meeting.participants.map((p) => (
              <li>
                {p.name} (
                {p.kind === "staff" && p.roles.length > 0
                  ? p.roles.map((r) => t(`processes.role.${r}`).toLowerCase()).join(", ")
                  : t(`agenda.participant.${p.kind}`)}
                )
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="checklist-h" class="sofia-section">
        <h2 id="checklist-h" class="ds-heading" data-size="sm">
          {t("agenda.checklist")}
        </h2>
        {meeting.checklist.length === 0 ? (
          <p class="ds-paragraph">{t("agenda.checklist.none")}</p>
        ) : (
          <ol class="ds-list sofia-agenda-checklist">
            {meeting.checklist.map((item) => (
              <li>{item}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

export function AgendaPage({ view, data }: { view: View; data: AgendaData }) {
  const { t } = view;
  const family = familyName(data.namedFamily, t).full;
  const title = data.meeting ? t("agenda.pageTitle", { meeting: data.meeting.typeName, family }) : t("agenda.pageTitleNone", { family });
  return (
    <Layout view={view} title={title}>
      <div class="sofia-printable">
        <BackLink href={processPaths.process.href({ id: data.processId })} text={t("timeline.back")} />
        <PageHeading>{title}</PageHeading>
        {data.meeting ? (
          <>
            <p class="ds-paragraph sofia-screen-only">{t("timeline.printHint")}</p>
            <AgendaMeeting view={view} data={data} meeting={data.meeting} />
          </>
        ) : (
          <p class="ds-paragraph">{t("agenda.none")}</p>
        )}
        <section aria-labelledby="stops-h" class="sofia-section">
          <h2 id="stops-h" class="ds-heading" data-size="sm">
            {t("agenda.stops")}
          </h2>
          {data.openStops.length === 0 ? (
            <p class="ds-paragraph">{t("agenda.stops.none")}</p>
          ) : (
            <ul class="ds-list">
              {data.openStops.map((s) => (
                <li>
                  {s.name}
                  {s.child ? `, ${personText(t, s.child)}` : ""}:{" "}
                  {s.dueOn ? t(s.overdue ? "agenda.stop.overdue" : "agenda.stop.due", { date: s.dueOn }) : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="last-h" class="sofia-section">
          <h2 id="last-h" class="ds-heading" data-size="sm">
            {t("agenda.lastTime")}
          </h2>
          {data.lastTime ? (
            <>
              <p class="ds-paragraph">
                {t("agenda.lastTime.from", { meeting: data.lastTime.meetingTypeName, date: data.lastTime.heldOn })}
              </p>
              <dl class="sofia-wm-facts">
                <dt>{t("agenda.agreed")}</dt>
                <dd class="sofia-pre">{data.lastTime.agreed || t("agenda.empty")}</dd>
                <dt>{t("agenda.nextSteps")}</dt>
                <dd class="sofia-pre">{data.lastTime.nextSteps || t("agenda.empty")}</dd>
              </dl>
            </>
          ) : (
            <p class="ds-paragraph">{t("agenda.lastTime.none")}</p>
          )}
        </section>
        {data.meeting && (
          <section aria-labelledby="notes-h" class="sofia-section sofia-print-only">
            <h2 id="notes-h" class="ds-heading" data-size="sm">
              {t("agenda.notes")}
            </h2>
            <div class="sofia-agenda-notes" />
          </section>
        )}
      </div>
    </Layout>
  );
}
