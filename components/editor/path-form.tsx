'use client';

import { useState } from 'react';
import { NumberField, TextField } from './fields';
import { getPath, setPath } from './set-path';

export type Path = ReadonlyArray<string | number>;
type Check = (value: unknown) => string | undefined;

/**
 * A form over one object edited by field paths: the value, a setter by path, and text and
 * number fields bound to a path — the same for every form, so each form only lays them out.
 */
export function usePathForm<T>(initial: T) {
  const [value, setValue] = useState<T>(initial);
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
  const text = (label: string, path: Path, check?: Check, hint?: string) => (
    <TextField
      label={label}
      hint={hint}
      value={at(path) as string | undefined}
      check={check}
      onChange={(v) => set(path, v)}
    />
  );
  const num = (label: string, path: Path, check?: Check) => (
    <NumberField
      label={label}
      value={at(path) as number | undefined}
      check={check}
      onChange={(v) => set(path, v)}
    />
  );
  return { value, setValue, at, set, removeAt, text, num };
}
