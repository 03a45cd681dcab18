import type { ComponentChildren } from "preact";
import { fieldId } from "./forms.tsx";
import type { Translate } from "./i18n.ts";

/** A success message after a redirect (e.g. "Enheten är sparad"); nothing when there is none. */
export function Notice({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <div class="ds-alert" data-color="success" role="status">
      <p class="ds-paragraph">{text}</p>
    </div>
  );
}

/** A stale edit was refused: say so and offer a reload. The error summary links here as `_form`. */
export function ConflictAlert({ message, reloadHref, t }: { message?: string; reloadHref: string; t: Translate }) {
  if (!message) return null;
  return (
    <div class="ds-alert" data-color="danger" role="alert" id={fieldId("_form")}>
      <p class="ds-paragraph">{message}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={reloadHref}>
          {t("form.reload")}
        </a>
      </p>
    </div>
  );
}

/** "Back to …" above a page's heading. */
export function BackLink({ href, text }: { href: string; text: string }) {
  return (
    <p class="ds-paragraph sofia-back">
      <a class="ds-link" href={href}>
        {text}
      </a>
    </p>
  );
}

/** A column header of a number column (right-aligned, tabular figures). */
export function NumHeader({ children }: { children: ComponentChildren }) {
  return (
    <th scope="col" class="sofia-num">
      {children}
    </th>
  );
}

/**
 * The confirmation step of a destructive form (decision 0038), without JavaScript: what will
 * happen (`children`), the posted values carried as hidden fields with `confirmed=yes`, the danger
 * button that does it and the cancel link, which stays a link.
 */
export function ConfirmForm({
  action,
  csrfToken,
  values,
  submit,
  cancelHref,
  cancelText,
  danger = true,
  children,
}: {
  action: string;
  csrfToken: string;
  values: Record<string, string | string[]>;
  submit: string;
  cancelHref: string;
  cancelText: string;
  /** A danger button (the default) for what cannot be undone; a primary one for a change that can. */
  danger?: boolean;
  children: ComponentChildren;
}) {
  const hidden = Object.entries(values).flatMap(([name, v]) =>
    name === "_csrf" || name === "confirmed" ? [] : (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })),
  );
  return (
    <form method="post" action={action} class="sofia-confirm">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="confirmed" value="yes" />
      {hidden.map((h) => (
        <input type="hidden" name={h.name} value={h.value} />
      ))}
      <div class="ds-alert" data-color={danger ? "warning" : "info"}>
        {children}
      </div>
      <p class="ds-paragraph sofia-actions">
        <button type="submit" class="ds-button" data-variant="primary" data-color={danger ? "danger" : undefined}>
          {submit}
        </button>{" "}
        <a class="ds-link" href={cancelHref}>
          {cancelText}
        </a>
      </p>
    </form>
  );
}
