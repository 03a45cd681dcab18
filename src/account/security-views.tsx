/** The account page's sections of two-step verification and "Mina inloggningar" (decision 0060). */
import { paths as authPaths, type MfaStatus } from "../auth/index.ts";
import type { View } from "../platform/http.ts";
import { formatDateTime } from "../platform/i18n.ts";
import { CsrfField } from "../platform/layout.tsx";
import { paths } from "./paths.ts";
import type { MySession } from "./sessions.ts";

export interface AccountSecurity {
  mfa: MfaStatus;
  sessions: MySession[];
}

export function MfaSection({ view, mfa }: { view: View; mfa: MfaStatus }) {
  const { t, locale } = view;
  return (
    <section aria-labelledby="mfa-h" class="sofia-section">
      <h2 id="mfa-h" class="ds-heading" data-size="sm">
        {t("account.mfa.title")}
      </h2>
      {mfa.enrolled && mfa.enrolledAt ? (
        <>
          <p class="ds-paragraph">{t("account.mfa.on", { date: formatDateTime(locale, mfa.enrolledAt) })}</p>
          <p class="ds-paragraph">{t("account.mfa.recoveryLeft", { count: mfa.recoveryCodesLeft })}</p>
        </>
      ) : (
        <>
          <p class="ds-paragraph">{t(mfa.required ? "account.mfa.offRequired" : "account.mfa.off")}</p>
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="secondary" href={authPaths.mfaEnrol.href()}>
              {t("account.mfa.enrol")}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

export function SessionsSection({ view, sessions }: { view: View; sessions: MySession[] }) {
  const { t, locale } = view;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-h" class="sofia-section">
      <h2 id="sessions-h" class="ds-heading" data-size="sm">
        {t("account.sessions.title")}
      </h2>
      <p class="ds-paragraph">{t("account.sessions.intro")}</p>
      <div class="sofia-table-wrap">
        <table class="ds-table" data-border>
          <caption>{t("account.sessions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("account.sessions.col.device")}</th>
              <th scope="col">{t("account.sessions.col.started")}</th>
              <th scope="col">{t("account.sessions.col.lastSeen")}</th>
              <th scope="col">{t("account.sessions.col.address")}</th>
              <th scope="col">{t("account.col.action")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.device ?? t("account.sessions.unknownDevice")}</th>
                <td>{formatDateTime(locale, s.createdAt)}</td>
                <td>{formatDateTime(locale, s.lastSeenAt)}</td>
                <td>{s.ip ?? "–"}</td>
                <td>
                  {s.current ? (
                    <strong>{t("account.sessions.current")}</strong>
                  ) : (
                    <form method="post" action={paths.endSession.href({ id: s.id })} class="sofia-inline-form">
                      <CsrfField view={view} />
                      <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                        {t("account.sessions.end")}
                        <span class="ds-sr-only">
                          {" "}
                          {t("account.sessions.endWhich", {
                            device: s.device ?? t("account.sessions.unknownDevice"),
                            date: formatDateTime(locale, s.createdAt),
                          })}
                        </span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others > 0 && (
        <form method="post" action={paths.endOtherSessions.href()}>
          <CsrfField view={view} />
          <button type="submit" class="ds-button" data-variant="secondary">
            {t("account.sessions.endOthers")}
          </button>
        </form>
      )}
    </section>
  );
}
