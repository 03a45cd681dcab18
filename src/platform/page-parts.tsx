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
