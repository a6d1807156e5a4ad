// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import type { BackendRef } from '@/lib/mesh/gateway-api-types';
import { NumberField, SmallButton, TextField } from './fields';
import { setPath } from './set-path';

const INPUT =
  'w-full min-w-0 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-900 placeholder:text-slate-400';

interface NameValue {
  name: string;
  value: string;
  type?: string;
}

/** The messages found under a row (`headers[1]…`), said under it across its width. */
function RowErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul role="alert" className="col-span-full text-[11px] text-red-700">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/**
 * Name/value rows, the Gateway API's way of listing headers and query parameters (matched,
 * set or added): name, match type when `types` are offered, value. `errorsOf(i)` gives the
 * messages of row i.
 */
export function NameValueRows({
  label,
  value,
  types,
  onChange,
  errorsOf,
}: {
  label: string;
  value: NameValue[] | undefined;
  types?: readonly string[];
  onChange: (value: NameValue[] | undefined) => void;
  errorsOf: (index: number) => string[];
}) {
  const rows = value ?? [];
  const write = (next: NameValue[]) => onChange(next.length > 0 ? next : undefined);
  const edit = (i: number, key: keyof NameValue, v: string) =>
    write(rows.map((row, j) => (j === i ? { ...row, [key]: v } : row)));
  return (
    <div className="col-span-2 flex flex-col gap-1">
      <span className="text-[11px] text-slate-600">{label}</span>
      {rows.map((row, i) => (
        <div
          key={i}
          className={`grid items-start gap-1 ${types ? 'grid-cols-[1fr_6.5rem_1fr_auto]' : 'grid-cols-[1fr_1fr_auto]'}`}
        >
          <input
            aria-label={`${label} ${i + 1} name`}
            placeholder="name"
            className={INPUT}
            value={row.name ?? ''}
            onChange={(e) => edit(i, 'name', e.target.value)}
          />
          {types && (
            <select
              aria-label={`${label} ${i + 1} match type`}
              className={INPUT}
              value={row.type ?? types[0]}
              onChange={(e) => edit(i, 'type', e.target.value)}
            >
              {types.map((t) => (
                <option key={t} value={t}>
                  {t === 'RegularExpression' ? 'regex' : t}
                </option>
              ))}
            </select>
          )}
          <input
            aria-label={`${label} ${i + 1} value`}
            placeholder="value"
            className={INPUT}
            value={row.value ?? ''}
            onChange={(e) => edit(i, 'value', e.target.value)}
          />
          <SmallButton
            label={`Remove ${label} ${i + 1}`}
            tone="danger"
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            ×
          </SmallButton>
          <RowErrors messages={errorsOf(i)} />
        </div>
      ))}
      <div>
        <SmallButton onClick={() => write([...rows, { name: '', value: '' }])}>
          Add {label.toLowerCase()}
        </SmallButton>
      </div>
    </div>
  );
}

/**
 * A rule's backendRefs: name, namespace (empty: the route's), port and relative weight per
 * row. Edited by path, so a backend's own filters stay as they are.
 */
export function BackendRefRows({
  value,
  onChange,
  errorsOf,
  label = 'Backend',
  weighted = true,
}: {
  value: BackendRef[] | undefined;
  onChange: (value: BackendRef[] | undefined) => void;
  errorsOf: (index: number) => string[];
  label?: string;
  weighted?: boolean;
}) {
  const rows = value ?? [];
  const set = (path: Array<string | number>, next: unknown) => onChange(setPath(rows, path, next));
  return (
    <div className="col-span-2 flex flex-col gap-1">
      {rows.length === 0 && <p className="text-[11px] text-slate-500">No backend: requests get 500.</p>}
      {rows.map((ref, i) => (
        <div key={i} className="grid grid-cols-[1fr_5.5rem_4rem_4rem_auto] items-end gap-1">
          <TextField
            label={`${label} ${i + 1}`}
            value={ref.name}
            onChange={(v) => set([i, 'name'], v ?? '')}
          />
          <TextField
            label="Namespace"
            value={ref.namespace}
            placeholder="same"
            onChange={(v) => set([i, 'namespace'], v)}
          />
          <NumberField label="Port" value={ref.port} onChange={(v) => set([i, 'port'], v)} />
          {weighted ? (
            <NumberField
              label="Weight"
              value={ref.weight}
              placeholder="1"
              onChange={(v) => set([i, 'weight'], v)}
            />
          ) : (
            <span />
          )}
          <SmallButton
            label={`Remove ${label.toLowerCase()} ${i + 1}`}
            tone="danger"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </SmallButton>
          <RowErrors messages={errorsOf(i)} />
        </div>
      ))}
      {weighted && (
        <div>
          <SmallButton onClick={() => onChange([...rows, { name: '', port: rows[0]?.port } as BackendRef])}>
            Add backend
          </SmallButton>
        </div>
      )}
    </div>
  );
}
