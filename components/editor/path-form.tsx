'use client';

import { useState } from 'react';
import { useFieldProblems } from './field-problems';
import { NumberField, TextField } from './fields';
import { getPath, setPath } from './set-path';

export type Path = ReadonlyArray<string | number>;
type Check = (value: unknown) => string | undefined;

/**
 * A form over one object edited by field paths: the value, a setter by path, and text and
 * number fields bound to a path — the same for every form, so each form only lays them out.
 * A field also says why the API server (or Weir's rules) refused the value it holds.
 */
export function usePathForm<T>(initial: T) {
  const [value, setValue] = useState<T>(initial);
  const { problemAt } = useFieldProblems(value);
  const at = (path: Path) => getPath(value, path);
  const set = (path: Path, next: unknown) => setValue((v) => setPath(v, path, next));
  /** Drops item `index` of the list at `path`. */
  const removeAt = (path: Path, index: number) =>
    setValue((v) =>
      setPath(
        v,
        path,
        ((getPath(v, path) as unknown[] | undefined) ?? []).filter((_, j) => j !== index),
      ),
    );
  /**
   * The check for a field at `path`: its own check first, then the refusal of the value it
   * holds. For fields a form lays out itself (`<TextField check={checked(path, checkPort)}>`).
   */
  const checked = <V,>(path: Path, check?: (value: V) => string | undefined) => {
    const problem = problemAt(path);
    return (v: V) => check?.(v) ?? problem;
  };
  const text = (label: string, path: Path, check?: Check, hint?: string) => (
    <TextField
      label={label}
      hint={hint}
      value={at(path) as string | undefined}
      check={checked(path, check)}
      onChange={(v) => set(path, v)}
    />
  );
  const num = (label: string, path: Path, check?: Check) => (
    <NumberField
      label={label}
      value={at(path) as number | undefined}
      check={checked(path, check)}
      onChange={(v) => set(path, v)}
    />
  );
  return { value, setValue, at, set, removeAt, checked, text, num };
}
