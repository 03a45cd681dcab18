import type { View } from "./http.ts";
import { Layout, PageHeading } from "./layout.tsx";

const defaults: Record<number, [title: string, text?: string]> = {
  401: ["error.unauthenticated"],
  403: ["error.forbidden", "error.forbidden.text"],
  404: ["error.notFound", "error.notFound.text"],
  500: ["error.server", "error.server.text"],
};

/** Friendly error pages: a plain explanation in the user's language, never a stack trace. */
export function ErrorPage(props: { view: View; status: number; title?: string; text?: string; requestId: string }) {
  const { view, status, requestId } = props;
  const { t } = view;
  const [titleKey, textKey] = defaults[Math.min(status, 500)] ?? ["error.badRequest"];
  const title = props.title ?? t(titleKey);
  const text = props.text ?? (textKey ? t(textKey, { ref: requestId }) : undefined);
  return (
    <Layout view={view} title={title}>
      <PageHeading>{title}</PageHeading>
      {text && <p class="ds-paragraph">{text}</p>}
      <p class="ds-paragraph">
        <a class="ds-link" href={view.actor ? "/start" : "/"}>
          {t("error.backToStart")}
        </a>
      </p>
    </Layout>
  );
}
