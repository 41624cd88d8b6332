import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FieldErrors } from "~/lib/forms";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n";

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
}

function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <span className="error" id={`${name}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its error, wired for screen readers. */
export function TextField({ name, label, errors, hint, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const key = errors?.[name];
  const error = key ? t(key) : undefined;
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <input
        id={name}
        name={name}
        type="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, errors, hint, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const t = useT();
  const key = errors?.[name];
  const error = key ? t(key) : undefined;
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <textarea
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  options,
  placeholder,
  ...rest
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const t = useT();
  const key = errors?.[name];
  const error = key ? t(key) : undefined;
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <select
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The summary at the top of a failed form, plus any form-level error. */
export function FormErrors({ errors }: { errors?: FieldErrors }) {
  const t = useT();
  if (!errors || Object.keys(errors).length === 0) return null;
  const formError = errors._form;
  return (
    <div className="alert alert-error" role="alert">
      {formError ? t(formError) : t("errors.form")}
    </div>
  );
}

export function Alert({ kind, children }: { kind: "error" | "success" | "info" | "warn"; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export function EmptyState({ message }: { message: MessageKey }) {
  const t = useT();
  return <p className="empty">{t(message)}</p>;
}

/**
 * A new password and its confirmation (reset, account, invitation): min 10
 * characters, browser password managers told it is a new one.
 */
export function NewPasswordFields({
  name,
  confirmName,
  label,
  confirmLabel,
  hint,
  errors,
}: {
  name: string;
  confirmName: string;
  label: string;
  confirmLabel: string;
  hint?: string;
  errors?: FieldErrors;
}) {
  return (
    <>
      <TextField name={name} type="password" label={label} hint={hint} autoComplete="new-password" errors={errors} required minLength={10} />
      <TextField name={confirmName} type="password" label={confirmLabel} autoComplete="new-password" errors={errors} required />
    </>
  );
}
