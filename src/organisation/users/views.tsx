/** Views of the users: the list, a new user, the one-time password link, a user's details and edits. */
import { z } from "zod";
import { roles } from "../../platform/auth-types.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import { type FormFailure, many, one } from "../../platform/form-pages.ts";
import { CheckboxGroup, ErrorSummary, SelectField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import type { Unit } from "../units/index.ts";
import { paths } from "./paths.ts";
import type { UserSignIns } from "./security.ts";
import type { User } from "./service.ts";

type Values = Record<string, string | string[]>;

export const statusFilters = { aktiva: true, inaktiva: false, alla: undefined } as const;
export const listQuery = z.object({
  enhet: z.string().optional().catch(undefined),
  roll: z.enum(roles).optional().catch(undefined),
  status: z.enum(["aktiva", "inaktiva", "alla"]).catch("aktiva").default("aktiva"),
});
export type ListQuery = z.output<typeof listQuery>;

const roleOptions = (view: View) => roles.map((r) => ({ value: r, label: view.t(`role.${r}`) }));

/** Units a user can be given: the active ones, and any inactive one the user already has (marked). */
function unitOptions(view: View, units: Unit[], current: string[] = []) {
  return units
    .filter((u) => u.active || current.includes(u.id))
    .map((u) => ({ value: u.id, label: u.active ? u.name : view.t("org.unit.inactiveLabel", { name: u.name }) }));
}

const roleNames = (view: View, list: readonly string[]) => list.map((r) => view.t(`role.${r}`)).join(", ");
const unitNames = (list: User["units"]) => list.map((u) => u.name).join(", ");

export function UsersPage(props: { view: View; users: User[]; units: Unit[]; query: ListQuery; canManage: boolean }) {
  const { view, users, query } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("org.users.title")}>
      <PageHeading>{t("org.users.title")}</PageHeading>
      {props.canManage && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={paths.newUser.href()}>
            {t("org.users.add")}
          </a>
        </p>
      )}
      <form method="get" action={paths.users.href()} class="sofia-filters" aria-label={t("org.users.filter")}>
        <SelectField
          name="enhet"
          label={t("org.users.filterUnit")}
          value={query.enhet ?? ""}
          options={[{ value: "", label: t("org.users.allUnits") }, ...props.units.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <SelectField
          name="roll"
          label={t("org.users.filterRole")}
          value={query.roll ?? ""}
          options={[{ value: "", label: t("org.users.allRoles") }, ...roleOptions(view)]}
        />
        <SelectField
          name="status"
          label={t("org.users.filterStatus")}
          value={query.status}
          options={[
            { value: "aktiva", label: t("org.users.onlyActive") },
            { value: "inaktiva", label: t("org.users.onlyInactive") },
            { value: "alla", label: t("org.users.activeAndInactive") },
          ]}
        />
        <div class="sofia-field">
          <button type="submit" class="ds-button" data-variant="secondary">
            {t("org.users.show")}
          </button>
        </div>
      </form>
      {users.length === 0 ? (
        <p class="ds-paragraph sofia-section">{t("org.users.none")}</p>
      ) : (
        <div class="sofia-table-wrap sofia-section">
          <table class="ds-table" data-border>
            <caption>{t("org.users.caption", { n: users.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("org.col.name")}</th>
                <th scope="col">{t("org.col.username")}</th>
                <th scope="col">{t("org.col.roles")}</th>
                <th scope="col">{t("org.col.units")}</th>
                <th scope="col">{t("org.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <td>
                    <a class="ds-link" href={paths.user.href({ id: u.id })}>
                      {u.displayName}
                    </a>
                  </td>
                  <td>{u.username}</td>
                  <td>{roleNames(view, u.roles)}</td>
                  <td>{unitNames(u.units)}</td>
                  <td>{t(u.active ? "org.status.active" : "org.status.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function NewUserPage(props: { view: View; units: Unit[]; values?: Values; errors?: FieldErrors }) {
  const { view } = props;
  const { t } = view;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("org.user.newTitle")}>
      <div class="sofia-narrow">
        <BackLink href={paths.users.href()} text={t("org.backToUsers")} />
        <PageHeading>{t("org.user.newTitle")}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <form method="post" action={paths.newUser.href()} novalidate>
          <CsrfField view={view} />
          <TextField
            name="username"
            label={t("org.user.username")}
            hint={t("org.user.usernameHint")}
            value={one(values.username)}
            autocomplete="off"
            spellcheck={false}
            error={errors.username}
          />
          <TextField name="displayName" label={t("org.user.displayName")} value={one(values.displayName)} error={errors.displayName} />
          <TextField
            name="email"
            type="email"
            label={t("org.user.email")}
            hint={t("org.user.emailHint")}
            value={one(values.email)}
            autocomplete="off"
            spellcheck={false}
            error={errors.email}
          />
          <CheckboxGroup
            name="roles"
            label={t("org.user.roles")}
            values={many(values.roles)}
            options={roleOptions(view)}
            error={errors.roles}
          />
          <CheckboxGroup
            name="unitIds"
            label={t("org.user.units")}
            hint={t("org.user.unitsHint")}
            values={many(values.unitIds)}
            options={unitOptions(view, props.units)}
            error={errors.unitIds}
          />
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("org.user.create")}
            </button>
            <a class="ds-link" href={paths.users.href()}>
              {t("form.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** The one-time link, shown once: after adding a user or on a password reset. */
export function PasswordLinkPage(props: { view: View; user: User; url: string; expiresAt: Date; created: boolean }) {
  const { view, user } = props;
  const { t } = view;
  const title = t(props.created ? "org.link.createdTitle" : "org.link.resetTitle");
  return (
    <Layout view={view} title={title}>
      <PageHeading>{title}</PageHeading>
      <div class="ds-alert" data-color="success" role="status">
        <p class="ds-paragraph">{t(props.created ? "org.link.created" : "org.link.reset", { name: user.displayName })}</p>
      </div>
      <section aria-labelledby="link-h" class="sofia-section">
        <h2 id="link-h" class="ds-heading" data-size="sm">
          {t("org.link.heading")}
        </h2>
        <p class="ds-paragraph">{t("org.link.instructions", { name: user.displayName })}</p>
        <p class="sofia-secret">{props.url}</p>
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("org.link.onlyOnce", { expires: formatDateTime(view.locale, props.expiresAt) })}</p>
        </div>
      </section>
      <ul class="ds-list sofia-section">
        <li>
          <a class="ds-link" href={paths.user.href({ id: user.id })}>
            {t("org.link.toUser", { name: user.displayName })}
          </a>
        </li>
        <li>
          <a class="ds-link" href={paths.users.href()}>
            {t("org.backToUsers")}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

function UserFacts({ view, user }: { view: View; user: User }) {
  const { t } = view;
  return (
    <dl class="sofia-org-facts">
      <dt>{t("org.user.username")}</dt>
      <dd>{user.username}</dd>
      <dt>{t("org.user.email")}</dt>
      <dd>{user.email ?? t("org.user.noEmail")}</dd>
      <dt>{t("org.user.roles")}</dt>
      <dd>{roleNames(view, user.roles)}</dd>
      <dt>{t("org.user.units")}</dt>
      <dd>{user.units.length > 0 ? unitNames(user.units) : t("org.user.noUnits")}</dd>
      <dt>{t("org.col.status")}</dt>
      <dd>{t(user.active ? "org.status.active" : "org.status.inactive")}</dd>
      <dt>{t("org.user.createdAt")}</dt>
      <dd>{formatDateTime(view.locale, user.createdAt)}</dd>
    </dl>
  );
}

export function UserPage(props: {
  view: View;
  user: User;
  units: Unit[];
  canManage: boolean;
  /** The user's sign-ins, for an administrator (decision 0060). */
  signIns?: UserSignIns;
  values?: Values;
  failure?: FormFailure;
  notice?: string;
}) {
  const { view, user } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const currentUnits = user.units.map((u) => u.id);
  const values = props.values ?? { displayName: user.displayName, email: user.email ?? "", roles: user.roles, unitIds: currentUnits };
  const href = paths.user.href({ id: user.id });
  const self = view.actor?.id === user.id;
  return (
    <Layout view={view} title={user.displayName}>
      <BackLink href={paths.users.href()} text={t("org.backToUsers")} />
      <PageHeading>{user.displayName}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <ConflictAlert message={props.failure?.conflict} reloadHref={href} t={t} />
      <UserFacts view={view} user={user} />

      {props.canManage && (
        <>
          <section aria-labelledby="edit-h" class="sofia-section sofia-narrow">
            <h2 id="edit-h" class="ds-heading" data-size="sm">
              {t("org.user.editHeading")}
            </h2>
            <form method="post" action={href} novalidate>
              <CsrfField view={view} />
              <input type="hidden" name="version" value={String(user.version)} />
              <TextField name="displayName" label={t("org.user.displayName")} value={one(values.displayName)} error={errors.displayName} />
              <TextField
                name="email"
                type="email"
                label={t("org.user.email")}
                hint={t("org.user.emailHint")}
                value={one(values.email)}
                autocomplete="off"
                spellcheck={false}
                error={errors.email}
              />
              <CheckboxGroup
                name="roles"
                label={t("org.user.roles")}
                values={many(values.roles)}
                options={roleOptions(view)}
                error={errors.roles}
              />
              <CheckboxGroup
                name="unitIds"
                label={t("org.user.units")}
                hint={t("org.user.unitsHint")}
                values={many(values.unitIds)}
                options={unitOptions(view, props.units, currentUnits)}
                error={errors.unitIds}
              />
              <button type="submit" class="ds-button" data-variant="primary">
                {t("org.saveChanges")}
              </button>
            </form>
          </section>

          {user.active && (
            <section aria-labelledby="password-h" class="sofia-section">
              <h2 id="password-h" class="ds-heading" data-size="sm">
                {t("org.user.passwordHeading")}
              </h2>
              <p class="ds-paragraph">{t("org.user.passwordHint")}</p>
              <form method="post" action={paths.passwordLink.href({ id: user.id })}>
                <CsrfField view={view} />
                <button type="submit" class="ds-button" data-variant="secondary">
                  {t("org.user.passwordLink")}
                </button>
              </form>
            </section>
          )}

          {props.signIns && <SignInsSection view={view} user={user} signIns={props.signIns} self={self} />}

          <section aria-labelledby="status-h" class="sofia-section">
            <h2 id="status-h" class="ds-heading" data-size="sm">
              {t("org.user.statusHeading")}
            </h2>
            <p class="ds-paragraph" id="f-active">
              {t(self ? "org.user.cannotDeactivateSelf" : user.active ? "org.user.deactivateHint" : "org.user.reactivateHint")}
            </p>
            {!self && (
              <form method="post" action={paths.userStatus.href({ id: user.id })}>
                <CsrfField view={view} />
                <input type="hidden" name="version" value={String(user.version)} />
                <input type="hidden" name="active" value={user.active ? "false" : "true"} />
                <button type="submit" class="ds-button" data-variant={user.active ? "secondary" : "primary"}>
                  {t(user.active ? "org.user.deactivate" : "org.user.reactivate")}
                </button>
              </form>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

/** An administrator's hold on the user's sign-ins: end them all, lock or unlock, reset the second factor. */
function SignInsSection({ view, user, signIns, self }: { view: View; user: User; signIns: UserSignIns; self: boolean }) {
  const { t, locale } = view;
  const action = (href: string, label: string, variant = "secondary") => (
    <form method="post" action={href} class="sofia-inline-form">
      <CsrfField view={view} />
      <button type="submit" class="ds-button" data-variant={variant}>
        {label}
      </button>
    </form>
  );
  return (
    <section aria-labelledby="signins-h" class="sofia-section">
      <h2 id="signins-h" class="ds-heading" data-size="sm">
        {t("org.user.signIns.heading")}
      </h2>
      <dl class="sofia-account-details">
        <dt>{t("org.user.signIns.account")}</dt>
        <dd>
          {signIns.lockedAt
            ? t("org.user.signIns.lockedSince", { date: formatDateTime(locale, signIns.lockedAt) })
            : t("org.user.signIns.open")}
        </dd>
        <dt>{t("org.user.signIns.mfa")}</dt>
        <dd>{t(signIns.mfaEnrolled ? "org.user.signIns.mfaOn" : "org.user.signIns.mfaOff")}</dd>
        <dt>{t("org.user.signIns.sessions")}</dt>
        <dd>{String(signIns.activeSessions)}</dd>
      </dl>
      <p class="ds-paragraph">{t("org.user.signIns.hint")}</p>
      <div class="sofia-actions">
        {signIns.activeSessions > 0 && action(paths.endSessions.href({ id: user.id }), t("org.user.signIns.end"))}
        {signIns.lockedAt
          ? action(paths.unlock.href({ id: user.id }), t("org.user.signIns.unlock"), "primary")
          : !self && action(paths.lock.href({ id: user.id }), t("org.user.signIns.lock"))}
        {signIns.mfaEnrolled && !self && action(paths.resetMfa.href({ id: user.id }), t("org.user.signIns.resetMfa"))}
      </div>
    </section>
  );
}
