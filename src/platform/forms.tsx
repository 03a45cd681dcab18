import type { ComponentChildren } from "preact";
import { readDate, readTime, spokenDate } from "./date-input.ts";
import type { FieldErrors } from "./errors.ts";
import type { Locale, Translate } from "./i18n.ts";

/** Field errors whose values are catalog keys, in the user's language; `rename` maps a service's field to the form's. */
export function translateErrors(errors: FieldErrors, t: Translate, rename: (field: string) => string = (f) => f): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [rename(field), t(key)]));
}

/** GOV.UK-style error summary: focused first, each message links to its field. */
export function ErrorSummary({ errors, t, labels }: { errors: FieldErrors; t: Translate; labels?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="ds-error-summary" data-error-summary tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="ds-heading" data-size="xs">
        {t("error.summaryTitle")}
      </h2>
      <ul class="ds-list">
        {entries.map(([field, message]) => (
          <li>
            <a class="ds-link" href={`#${fieldId(field)}`}>
              {labels?.[field] ? `${labels[field]}: ${message}` : message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The names of the fields in a form's tree of elements, in the order they are shown (read from each element's `name`). */
export function fieldNames(node: ComponentChildren): string[] {
  const names: string[] = [];
  const walk = (n: ComponentChildren): void => {
    if (Array.isArray(n)) for (const child of n) walk(child);
    else if (n && typeof n === "object" && "props" in n) {
      const props = n.props as { name?: unknown; children?: ComponentChildren };
      if (typeof props.name === "string" && !names.includes(props.name)) names.push(props.name);
      walk(props.children);
    }
  };
  walk(node);
  return names;
}

/** A form's errors in the order of its fields (GOV.UK: the summary follows the page); errors of fields it does not show come last. */
export function inFieldOrder(errors: FieldErrors, form: ComponentChildren): FieldErrors {
  const order = fieldNames(form);
  const rank = (field: string) => {
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
}

function FieldFrame({ name, label, error, hint, children }: FieldProps & { children: ComponentChildren }) {
  const id = fieldId(name);
  return (
    <div class="ds-field sofia-field">
      <label class="ds-label" for={id}>
        {label}
      </label>
      {hint && (
        <div class="ds-paragraph sofia-hint" data-size="sm" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {children}
      {error && (
        <div class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

function describedBy(name: string, error?: string, hint?: string) {
  const id = fieldId(name);
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string | null;
    type?: string;
    autocomplete?: string;
    required?: boolean;
    inputMode?: string;
    spellcheck?: boolean;
    /** Where the page puts the cursor (the field of a block just added); used once per page. */
    autofocus?: boolean;
  },
) {
  const { name, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <input
        class="ds-input"
        id={fieldId(name)}
        name={name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autoComplete={props.autocomplete}
        required={props.required}
        inputMode={props.inputMode as never}
        spellcheck={props.spellcheck}
        autofocus={props.autofocus}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, error, hint)}
      />
    </FieldFrame>
  );
}

/** What a date or time field needs to speak to the user. */
interface Speaks {
  t: Translate;
  locale: Locale;
}

/**
 * A date typed as Swedes type it (decision 0041): "2026-12-20", "20/12 2026" or "20 dec 2026". The
 * hint gives the examples; a posted date that was read says what Sofia understood ("söndag 20
 * december 2026"), and one that could not be read repeats what was typed in its error. Where
 * JavaScript runs, `app.js` adds a button that opens the browser's own date picker.
 */
export function DateField(props: FieldProps & Speaks & { value?: string | null; required?: boolean }) {
  const { t, locale } = props;
  const typed = (props.value ?? "").trim();
  const read = typed ? readDate(typed) : null;
  return (
    <TypedField
      {...props}
      hint={[props.hint, t("form.date.examples")].filter(Boolean).join(" ")}
      understood={read && read !== typed ? t("form.understood", { value: spokenDate(read, locale) }) : undefined}
      unread={typed && !read ? typed : undefined}
      picker={{ value: read ?? "", label: t("form.date.pick") }}
    />
  );
}

/** A time of day typed as Swedes type it: "9", "9.00", "9:00" or "0930", stored as "HH:MM". */
export function TimeField(props: FieldProps & Speaks & { value?: string | null; required?: boolean }) {
  const { t } = props;
  const typed = (props.value ?? "").trim();
  const read = typed ? readTime(typed) : null;
  return (
    <TypedField
      {...props}
      hint={[props.hint, t("form.time.examples")].filter(Boolean).join(" ")}
      understood={
        read && read !== typed ? t("form.understood", { value: t("form.time.spoken", { time: read.replace(":", ".") }) }) : undefined
      }
      unread={typed && !read ? typed : undefined}
    />
  );
}

function TypedField(
  props: FieldProps &
    Speaks & { value?: string | null; required?: boolean; understood?: string; unread?: string; picker?: { value: string; label: string } },
) {
  const { name, error, hint, t } = props;
  const id = fieldId(name);
  const shownError = error && props.unread ? `${t("form.typed", { value: props.unread })} ${error}` : error;
  return (
    <FieldFrame {...props} error={shownError}>
      <input
        class="ds-input sofia-typed-input"
        id={id}
        name={name}
        type="text"
        value={props.value ?? ""}
        autoComplete="off"
        spellcheck={false}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={
          [describedBy(name, shownError, hint), props.understood && !error ? `${id}-understood` : ""].filter(Boolean).join(" ") || undefined
        }
        data-date-picker={props.picker ? props.picker.label : undefined}
        data-date-value={props.picker?.value || undefined}
      />
      {props.understood && !error && (
        <div class="ds-paragraph sofia-understood" data-size="sm" id={`${id}-understood`}>
          {props.understood}
        </div>
      )}
    </FieldFrame>
  );
}

/** A file to upload (the form needs enctype="multipart/form-data"). */
export function FileField(props: FieldProps & { accept: string }) {
  const { name, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <input
        class="ds-input"
        type="file"
        id={fieldId(name)}
        name={name}
        accept={props.accept}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, error, hint)}
      />
    </FieldFrame>
  );
}

/** What a spreadsheet upload accepts: CSV (or text) and XLSX. */
export const SPREADSHEET_ACCEPT = ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function TextAreaField(props: FieldProps & { value?: string | null; rows?: number; maxLength?: number; required?: boolean }) {
  const { name, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        class="ds-input"
        id={fieldId(name)}
        name={name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, error, hint)}
      >
        {props.value ?? ""}
      </textarea>
    </FieldFrame>
  );
}

/** One checkbox with its label after it (sent as "on" when ticked). */
export function Checkbox({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string }) {
  const id = fieldId(name);
  return (
    <div class="ds-field sofia-checkbox">
      <input
        class="ds-input"
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label class="ds-label" data-weight="regular" for={id}>
        {label}
      </label>
      {error && (
        <div class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function SelectField(props: FieldProps & { value?: string; options: Array<{ value: string; label: string }>; required?: boolean }) {
  const { name, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <select
        class="ds-input"
        id={fieldId(name)}
        name={name}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, error, hint)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Radio buttons in a fieldset; the legend is the label, the first button takes the field id. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  hint?: string;
  error?: string;
}) {
  const id = fieldId(props.name);
  return (
    <fieldset class="ds-fieldset sofia-field" aria-describedby={describedBy(props.name, props.error, props.hint)}>
      <legend class="ds-label">{props.legend}</legend>
      {props.hint && (
        <div class="ds-paragraph sofia-hint" data-size="sm" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div class="ds-field sofia-checkbox">
            <input
              class="ds-input"
              type="radio"
              id={optionId}
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              aria-invalid={props.error ? "true" : undefined}
            />
            <label class="ds-label" data-weight="regular" for={optionId}>
              {o.label}
            </label>
          </div>
        );
      })}
      {props.error && (
        <div class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {props.error}
        </div>
      )}
    </fieldset>
  );
}

/** A group of checkboxes in a fieldset; the legend is the label, the first box takes the field id. */
export function CheckboxGroup(props: FieldProps & { values: string[]; options: Array<{ value: string; label: string }> }) {
  const { name, label, error, hint } = props;
  const id = fieldId(name);
  return (
    <fieldset class="ds-fieldset sofia-field" aria-describedby={describedBy(name, error, hint)}>
      <legend class="ds-label">{label}</legend>
      {hint && (
        <div class="ds-paragraph sofia-hint" data-size="sm" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {props.options.map((o, i) => (
        <div class="ds-field sofia-checkbox">
          <input
            class="ds-input"
            type="checkbox"
            id={i === 0 ? id : `${id}-${i}`}
            name={name}
            value={o.value}
            checked={props.values.includes(o.value)}
            aria-invalid={error ? "true" : undefined}
          />
          <label class="ds-label" data-weight="regular" for={i === 0 ? id : `${id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
      {error && (
        <div class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {error}
        </div>
      )}
    </fieldset>
  );
}
