// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { checkPercent, checkPort } from '@/lib/mesh/field-checks';
import type { RouteDestination } from '@/lib/mesh/types';
import { RowProblems, useFieldProblems } from './field-problems';
import { NumberField, SmallButton, TextField } from './fields';
import { setPath } from './set-path';

/**
 * The weighted destinations of a route (HTTP, TCP or TLS): host, subset, port and weight per
 * row. Each row is edited by path, so what else it holds (an HTTP destination's headers)
 * stays as it is.
 */
export function DestinationsField<D extends RouteDestination>({
  value,
  onChange,
}: {
  value: D[] | undefined;
  onChange: (value: D[] | undefined) => void;
}) {
  const rows = value ?? [];
  const set = (path: Array<string | number>, next: unknown) => onChange(setPath(rows, path, next));
  // A refusal that names a field of a row (a subset no DestinationRule defines) is said under it.
  const { problemAt } = useFieldProblems(rows, ['route']);
  return (
    <div className="col-span-2 flex flex-col gap-1">
      {rows.length === 0 && <p className="text-[11px] text-slate-500">No destination yet.</p>}
      {rows.map((d, i) => (
        <div key={i} className="grid grid-cols-[1fr_4rem_3.5rem_3.5rem_auto] items-end gap-1">
          <TextField
            label="Host"
            value={d.destination?.host}
            check={(v) => (v ? undefined : 'a destination needs a host')}
            onChange={(v) => set([i, 'destination', 'host'], v ?? '')}
          />
          <TextField
            label="Subset"
            value={d.destination?.subset}
            onChange={(v) => set([i, 'destination', 'subset'], v)}
          />
          <NumberField
            label="Port"
            value={d.destination?.port?.number}
            check={checkPort}
            onChange={(v) => set([i, 'destination', 'port', 'number'], v)}
          />
          <NumberField
            label="Weight"
            value={d.weight}
            check={checkPercent}
            onChange={(v) => set([i, 'weight'], v)}
          />
          <SmallButton
            label={`Remove destination ${i + 1}`}
            tone="danger"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </SmallButton>
          <RowProblems
            problems={[
              ['Host', problemAt([i, 'destination', 'host'])],
              ['Subset', problemAt([i, 'destination', 'subset'])],
              ['Port', problemAt([i, 'destination', 'port', 'number'])],
              ['Weight', problemAt([i, 'weight'])],
            ]}
          />
        </div>
      ))}
      <div>
        <SmallButton
          onClick={() => onChange([...rows, { destination: { host: rows[0]?.destination.host ?? '' } } as D])}
        >
          Add destination
        </SmallButton>
      </div>
    </div>
  );
}
