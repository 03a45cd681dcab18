import type { ComponentChildren } from "preact";
import type { FieldErrors } from "./errors.ts";
import type { Translate } from "./i18n.ts";

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
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, error, hint)}
      />
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
