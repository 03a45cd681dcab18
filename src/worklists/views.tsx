/** The worklists of the start page, one block per role. */

import { caseTypeLabelKey, familyName, familyPaths, type NamedFamily } from "../families/index.ts";
import type { View } from "../platform/http.ts";
import { ScrollRegion } from "../platform/layout.tsx";
import { NumHeader } from "../platform/page-parts.tsx";
import { meetingPaths, phases, processPaths, processStatuses } from "../processes/index.ts";
import type { CaseworkerWorklist, LeaderWorklist, ManagerWorklist, Worklist } from "./service.ts";

const caseType = (view: View, n: number | null) => view.t(caseTypeLabelKey(n as 1 | 2 | 3 | null));

/** The children and the case-file number under a family's name in a table cell. */
function FamilyLine({ family, t }: { family: NamedFamily; t: View["t"] }) {
  const name = familyName(family, t);
  const text = [name.children, name.caseFile].filter((x) => x !== "").join(" · ");
  return text ? (
    <div class="sofia-family-line" data-size="sm">
      {text}
    </div>
  ) : null;
}

function Caseworker({ view, data }: { view: View; data: CaseworkerWorklist }) {
  const { t } = view;
  const toPlan = data.families.filter((f) => f.toPlan);
  return (
    <>
      <section aria-labelledby="wl-waiting-h" class="sofia-section">
        <h2 id="wl-waiting-h" class="ds-heading" data-size="sm">
          {t("worklists.waiting")}
        </h2>
        {toPlan.length === 0 && data.overdue.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.waiting.none")}</p>
        ) : (
          <ul class="ds-list">
            {data.overdue.map((o) => (
              <li>
                <a class="ds-link" href={processPaths.process.href({ id: o.processId })}>
                  {t("worklists.overdueStop", {
                    stop: o.stopName,
                    family: familyName(o.family, t).full,
                    date: o.dueOn,
                    days: o.daysOverdue,
                  })}
                </a>
              </li>
            ))}
            {toPlan.map((f) => (
              <li>
                <a class="ds-link" href={processPaths.process.href({ id: f.id })}>
                  {f.toPlanChild
                    ? t("worklists.toPlanChild", { meeting: f.toPlan ?? "", child: f.toPlanChild, family: familyName(f.family, t).name })
                    : t("worklists.toPlan", { meeting: f.toPlan ?? "", family: familyName(f.family, t).full })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="wl-meetings-h" class="sofia-section">
        <h2 id="wl-meetings-h" class="ds-heading" data-size="sm">
          {t("worklists.meetings")}
        </h2>
        {data.meetings.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.meetings.none")}</p>
        ) : (
          <ScrollRegion labelledBy="wl-meetings-h">
            <table class="ds-table" data-border>
              <caption class="ds-sr-only">{t("worklists.meetings")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("worklists.col.when")}</th>
                  <th scope="col">{t("worklists.col.meeting")}</th>
                  <th scope="col">{t("worklists.col.family")}</th>
                  <th scope="col">{t("worklists.col.place")}</th>
                </tr>
              </thead>
              <tbody>
                {data.meetings.map((m) => (
                  <tr>
                    <th scope="row">
                      {m.plannedDate}
                      {m.plannedTime ? ` ${m.plannedTime}` : ""}
                    </th>
                    <td>
                      <a class="ds-link" href={meetingPaths.meeting.href({ id: m.processId, meetingId: m.id })}>
                        {m.childName ? t("worklists.childMeeting", { meeting: m.meetingName, child: m.childName }) : m.meetingName}
                      </a>
                    </td>
                    <td>{familyName(m.family, t).full}</td>
                    <td>{m.place ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="wl-families-h" class="sofia-section">
        <h2 id="wl-families-h" class="ds-heading" data-size="sm">
          {t("worklists.families")}
        </h2>
        {data.families.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.families.none")}</p>
        ) : (
          <ScrollRegion labelledBy="wl-families-h">
            <table class="ds-table" data-border>
              <caption class="ds-sr-only">{t("worklists.families.caption", { count: data.families.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("worklists.col.family")}</th>
                  <th scope="col">{t("worklists.col.phase")}</th>
                  <th scope="col">{t("worklists.col.caseType")}</th>
                  <th scope="col">{t("worklists.col.nextMeeting")}</th>
                  <NumHeader>{t("worklists.col.overdue")}</NumHeader>
                </tr>
              </thead>
              <tbody>
                {data.families.map((f) => (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={processPaths.process.href({ id: f.id })}>
                        {familyName(f.family, t).name}
                      </a>
                      <FamilyLine family={f.family} t={t} />
                    </th>
                    <td>
                      {t(`processes.phase.${f.phase}`)}
                      {f.status === "interrupted" ? ` (${t("processes.status.interrupted").toLowerCase()})` : ""}
                    </td>
                    <td>{caseType(view, f.caseType)}</td>
                    <td>{f.nextMeeting ?? (f.toPlan ? t("worklists.notPlanned") : "")}</td>
                    <td class="sofia-num">{f.overdueStops}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}

function Manager({ view, data }: { view: View; data: ManagerWorklist }) {
  const { t } = view;
  return (
    <>
      <section aria-labelledby="wl-awaiting-h" class="sofia-section">
        <h2 id="wl-awaiting-h" class="ds-heading" data-size="sm">
          {t("worklists.awaiting")}
        </h2>
        <p class="ds-paragraph">{t("worklists.awaiting.intro")}</p>
        {data.awaiting.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.awaiting.none")}</p>
        ) : (
          <ScrollRegion labelledBy="wl-awaiting-h">
            <table class="ds-table" data-border>
              <caption class="ds-sr-only">{t("worklists.awaiting")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("worklists.col.request")}</th>
                  <th scope="col">{t("worklists.col.caseType")}</th>
                  <th scope="col">{t("worklists.col.missing")}</th>
                  <NumHeader>{t("worklists.col.waitDays")}</NumHeader>
                </tr>
              </thead>
              <tbody>
                {data.awaiting.map((a) => (
                  <tr>
                    <th scope="row">
                      <a
                        class="ds-link"
                        href={processPaths.assign.href({ id: a.id })}
                        aria-label={t("worklists.assignLabel", { family: familyName(a.family, t).name })}
                      >
                        {familyName(a.family, t).name}
                      </a>
                    </th>
                    <td>{caseType(view, a.caseType)}</td>
                    <td>{a.missing.map((m) => t(`processes.role.${m}`)).join(", ")}</td>
                    <td class="sofia-num">
                      {a.waitDays ?? ""}
                      {a.overLimit && (
                        <>
                          {" "}
                          <span class="sofia-flag" data-color="danger">
                            {t("processes.wait.over")}
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="wl-loads-h" class="sofia-section">
        <h2 id="wl-loads-h" class="ds-heading" data-size="sm">
          {t("worklists.loads")}
        </h2>
        {data.loads.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.loads.none")}</p>
        ) : (
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("worklists.loads")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("worklists.col.caseworker")}</th>
                <NumHeader>{t("worklists.col.active")}</NumHeader>
                <NumHeader>{t("worklists.col.interrupted")}</NumHeader>
                <NumHeader>{t("worklists.col.overdue")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {data.loads.map((l) => (
                <tr>
                  <th scope="row">{l.name}</th>
                  <td class="sofia-num">{l.active}</td>
                  <td class="sofia-num">{l.interrupted}</td>
                  <td class="sofia-num">{l.overdueStops}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function Leader({ view, data }: { view: View; data: LeaderWorklist }) {
  const { t } = view;
  const count = (status: string, phase: string) => data.counts.find((c) => c.status === status && c.phase === phase)?.n ?? 0;
  return (
    <>
      <section aria-labelledby="wl-phase-h" class="sofia-section">
        <h2 id="wl-phase-h" class="ds-heading" data-size="sm">
          {t("worklists.byPhase")}
        </h2>
        <p class="ds-paragraph">
          <a class="ds-link" href={familyPaths.list.href()}>
            {t("worklists.newRequests", { count: data.newRequests })}
          </a>
        </p>
        <ScrollRegion labelledBy="wl-phase-h">
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("worklists.byPhase")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("processes.list.status")}</th>
                {phases.map((p) => (
                  <NumHeader>{t(`processes.phase.${p}`)}</NumHeader>
                ))}
              </tr>
            </thead>
            <tbody>
              {processStatuses.map((s) => (
                <tr>
                  <th scope="row">{t(`processes.status.${s}`)}</th>
                  {phases.map((p) => (
                    <td class="sofia-num">
                      {count(s, p) > 0 ? (
                        <a
                          class="ds-link"
                          href={processPaths.list.href({ status: s, fas: p })}
                          aria-label={t("worklists.countLabel", {
                            count: count(s, p),
                            status: t(`processes.status.${s}`),
                            phase: t(`processes.phase.${p}`),
                          })}
                        >
                          {count(s, p)}
                        </a>
                      ) : (
                        0
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="wl-waits-h" class="sofia-section">
        <h2 id="wl-waits-h" class="ds-heading" data-size="sm">
          {t("worklists.waits")}
        </h2>
        {data.waits.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.waits.none")}</p>
        ) : (
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("worklists.waits")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("worklists.col.request")}</th>
                <th scope="col">{t("worklists.col.waitingFor")}</th>
                <NumHeader>{t("worklists.col.waitDays")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {data.waits.map((w) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={processPaths.process.href({ id: w.id })}>
                      {familyName(w.family, t).full}
                    </a>
                  </th>
                  <td>{t(`worklists.waitingFor.${w.waitingFor}`)}</td>
                  <td class="sofia-num">{w.days}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="wl-int-h" class="sofia-section">
        <h2 id="wl-int-h" class="ds-heading" data-size="sm">
          {t("worklists.interruptions")}
        </h2>
        {data.interruptions.length === 0 ? (
          <p class="ds-paragraph">{t("worklists.interruptions.none")}</p>
        ) : (
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("worklists.interruptions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("processes.col.interruptedOn")}</th>
                <th scope="col">{t("processes.col.reason")}</th>
                <th scope="col">{t("processes.col.phase")}</th>
              </tr>
            </thead>
            <tbody>
              {data.interruptions.map((i) => (
                <tr>
                  <th scope="row">
                    <a
                      class="ds-link"
                      href={processPaths.process.href({ id: i.processId })}
                      aria-label={t("worklists.interruptedLabel", { date: i.interruptedOn, family: familyName(i.family, t).full })}
                    >
                      {i.interruptedOn}
                    </a>
                  </th>
                  <td>{t(`processes.interruptReason.${i.reason}`)}</td>
                  <td>{t(`processes.phase.${i.phase}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export function WorklistSections({ view, data }: { view: View; data: Worklist }) {
  return (
    <>
      {data.caseworker && <Caseworker view={view} data={data.caseworker} />}
      {data.manager && <Manager view={view} data={data.manager} />}
      {data.leader && <Leader view={view} data={data.leader} />}
    </>
  );
}
