'use client';

import { type ReactNode, useEffect, useId, useState } from 'react';

const INPUT =
  'w-full min-w-0 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-900 placeholder:text-slate-400 aria-[invalid=true]:border-red-500';

interface FieldProps {
  label: string;
  /** A message shown under the field when what was typed does not check out. */
  error?: string;
  hint?: string;
}

function Field({ label, error, hint, id, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <label htmlFor={id} className="text-[11px] text-slate-600">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-[11px] text-red-700">
          {error}
        </p>
      ) : (
        hint && <p className="text-[11px] text-slate-500">{hint}</p>
      )}
    </div>
  );
}

/** A text box; an empty box means the field is left out. */
export function TextField({
  label,
  value,
  onChange,
  check,
  hint,
  placeholder,
}: FieldProps & {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  check?: (value: string | undefined) => string | undefined;
  placeholder?: string;
}) {
  const id = useId();
  const error = check?.(value || undefined);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        className={INPUT}
        value={value ?? ''}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
    </Field>
  );
}

/** A number box: what is typed stays as typed; the field gets a number or nothing. */
export function NumberField({
  label,
  value,
  onChange,
  check,
  hint,
  placeholder,
}: FieldProps & {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  check?: (value: number | undefined) => string | undefined;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText((shown) =>
      Number(shown) === value || (shown === '' && value === undefined) ? shown : String(value ?? ''),
    );
  }, [value]);
  const parsed = text.trim() === '' ? undefined : Number(text);
  const error =
    parsed !== undefined && Number.isNaN(parsed)
      ? `${JSON.stringify(text)} is not a number`
      : check?.(parsed);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        inputMode="decimal"
        className={INPUT}
        value={text}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const next = event.target.value.trim() === '' ? undefined : Number(event.target.value);
          onChange(next);
        }}
      />
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  hint,
}: FieldProps & { value: T | undefined; options: readonly T[]; onChange: (value: T | undefined) => void }) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint}>
      <select
        id={id}
        className={INPUT}
        value={value ?? ''}
        onChange={(event) => onChange((event.target.value || undefined) as T | undefined)}
      >
        <option value="">(not set)</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  onChange: (value: boolean | undefined) => void;
}) {
  return (
    <label className="flex items-center gap-1.5 text-[11px] text-slate-700">
      <input
        type="checkbox"
        checked={value ?? false}
        onChange={(e) => onChange(e.target.checked || undefined)}
      />
      {label}
    </label>
  );
}

/** A collapsible group of fields; open when it already holds something. */
export function Section({
  title,
  filled,
  children,
}: {
  title: string;
  filled?: boolean;
  children: ReactNode;
}) {
  return (
    <details open={filled} className="group rounded border border-slate-200">
      <summary className="cursor-pointer select-none px-2 py-1 text-[11px] font-medium uppercase tracking-wide text-slate-600">
        {title}
        {filled && <span className="ml-1 text-sky-700 normal-case">· set</span>}
      </summary>
      <div className="grid grid-cols-2 gap-2 px-2 pt-1 pb-2">{children}</div>
    </details>
  );
}

export function SmallButton({
  children,
  onClick,
  disabled,
  label,
  tone = 'plain',
}: {
  children: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  label?: string;
  tone?: 'plain' | 'primary' | 'danger';
}) {
  const tones = {
    plain: 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
    primary: 'border-sky-700 bg-sky-700 text-white hover:bg-sky-800',
    danger: 'border-red-300 bg-white text-red-700 hover:bg-red-50',
  };
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={`rounded border px-2 py-0.5 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50 ${tones[tone]}`}
    >
      {children}
    </button>
  );
}

/**
 * A box whose text is parsed into a value (a list, labels): the text stays as typed (a
 * trailing comma is kept while typing) and follows the value only when it changes elsewhere.
 */
export function ParsedField<T>({
  label,
  value,
  format,
  parse,
  onChange,
  check,
  parseError,
  hint,
  placeholder,
}: FieldProps & {
  value: T | undefined;
  format: (value: T | undefined) => string;
  parse: (text: string) => T | undefined;
  /** Why the text does not read; while it does not, the value is left as it was. */
  parseError?: (text: string) => string | undefined;
  onChange: (value: T | undefined) => void;
  check?: (value: T | undefined) => string | undefined;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState(() => format(value));
  const formatted = format(value);
  useEffect(() => {
    setText((shown) => (format(parse(shown)) === formatted ? shown : formatted));
  }, [formatted, format, parse]);
  const error = parseError?.(text) ?? check?.(parse(text));
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        className={INPUT}
        value={text}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (!parseError?.(event.target.value)) onChange(parse(event.target.value));
        }}
      />
    </Field>
  );
}

/**
 * A part of a form opened on demand (a subset's or a port's own traffic policy): its fields
 * exist only while it is open, so the same field names at other levels stay unambiguous.
 */
export function Disclosure({
  label,
  summary,
  initiallyOpen = false,
  children,
}: {
  label: string;
  /** A few words on what is set inside, shown while closed. */
  summary?: string;
  initiallyOpen?: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <fieldset aria-label={label} className="col-span-full min-w-0 rounded border border-slate-200">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-baseline gap-1 px-2 py-1 text-left text-[11px] font-medium text-slate-700 hover:bg-slate-50"
      >
        <span aria-hidden className="w-2 text-slate-500">
          {open ? '▾' : '▸'}
        </span>
        {label}
        {summary && <span className="min-w-0 truncate font-normal text-slate-500">· {summary}</span>}
      </button>
      {open && <div className="flex flex-col gap-2 px-2 pb-2">{children}</div>}
    </fieldset>
  );
}
