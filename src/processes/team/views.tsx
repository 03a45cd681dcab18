/** Views of the team: the assignment form (every role in one step) and the handover with its confirmation (decision 0038). */
import { familyName } from "../../families/index.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import { one } from "../../platform/form-pages.ts";
import { ErrorSummary, SelectField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConfirmForm, ConflictAlert } from "../../platform/page-parts.tsx";
import { listPaths } from "../list/index.ts";
import { assignmentRoles } from "../model.ts";
import { teamField } from "../schemas.ts";
import { FormFrame, type FormProps, ProcessDateField, processHref } from "../views.tsx";
import { paths } from "./paths.ts";
import type { AssignOptions, Candidate, HandoverPlan, HandoverPreview } from "./service.ts";

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
      <BackLink href={listPaths.list.href()} text={t("processes.list.title")} />
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
                <a class="ds-link" href={listPaths.list.href()}>
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
