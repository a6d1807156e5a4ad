'use client';

import { errorAt, type FieldError, pathText } from '@/lib/mesh/field-errors';
import { CheckField, SelectField } from './fields';
import { LabelsField, ListField } from './list-fields';
import { type Path, usePathForm } from './path-form';

/**
 * A path form whose fields each show the error found at their own path in the whole draft
 * (`errorsOf`), so a rule between fields (a TLS mode that needs a certificate) is told beside
 * the field to fill, and the form knows when nothing may be sent.
 */
export function useCheckedForm<T>(initial: T, errorsOf: (value: T) => FieldError[]) {
  const form = usePathForm<T>(initial);
  const errors = errorsOf(form.value);
  const error = (path: Path) => errorAt(errors, pathText(path));
  const text = (label: string, path: Path, hint?: string) => form.text(label, path, () => error(path), hint);
  const num = (label: string, path: Path) => form.num(label, path, () => error(path));
  const list = (label: string, path: Path, hint?: string) => (
    <ListField
      label={label}
      hint={hint}
      value={form.at(path) as string[] | undefined}
      check={form.checked(path, () => error(path))}
      onChange={(v) => form.set(path, v)}
    />
  );
  const labels = (label: string, path: Path, hint?: string) => (
    <LabelsField
      label={label}
      hint={hint}
      value={form.at(path) as Record<string, string> | undefined}
      onChange={(v) => form.set(path, v)}
    />
  );
  const select = <O extends string>(label: string, path: Path, options: readonly O[], hint?: string) => (
    <SelectField
      label={label}
      hint={hint}
      value={form.at(path) as O | undefined}
      options={options}
      onChange={(v) => form.set(path, v)}
    />
  );
  const check = (label: string, path: Path) => (
    <CheckField
      label={label}
      value={form.at(path) as boolean | undefined}
      onChange={(v) => form.set(path, v)}
    />
  );
  const field = { text, num, list, labels, select, check };
  return { ...form, errors, error, field };
}

/** What a part of a form (one traffic policy, one server) needs of the form it is in, whatever its type. */
export type FormKit = Pick<
  ReturnType<typeof useCheckedForm<unknown>>,
  'at' | 'set' | 'removeAt' | 'error' | 'field'
>;

/** What a repeated part of a form (a Gateway server, a listener) gets: the kit, its path, its place, and how to remove it. */
export interface FormPartProps {
  kit: FormKit;
  base: Path;
  index: number;
  onRemove: () => void;
}

/**
 * Where a new route goes among its list's routes (0 = tried first): `positions` are the labels
 * of the places it can take.
 */
export function PositionField({
  positions,
  value,
  onChange,
}: {
  positions: readonly string[];
  value: number;
  onChange: (index: number) => void;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-[11px] text-slate-600">
      Position
      <select
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-900"
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {positions.map((label, i) => (
          <option key={label} value={i}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The Preview button of a form, held back (with a word why) while a field does not check out. */
export function PreviewButton({ errors }: { errors: readonly FieldError[] }) {
  return (
    <>
      {errors.length > 0 && (
        <div role="status" className="text-[11px] text-red-700">
          Fix {errors.length === 1 ? 'this field' : `these ${errors.length} fields`} first:
          <ul className="list-disc pl-4">
            {errors.map((e) => (
              <li key={`${e.path} ${e.message}`}>
                <span className="font-mono">{e.path}</span>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <button
          type="submit"
          disabled={errors.length > 0}
          className="rounded border border-sky-700 bg-sky-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Preview
        </button>
      </div>
    </>
  );
}
