// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import type { ReactNode } from 'react';
import { checkPort, checkRegex } from '@/lib/mesh/field-checks';
import type { HTTPMatchRequest, StringMatch } from '@/lib/mesh/types';
import { CheckField, NumberField, SmallButton } from './fields';
import type { FormKit } from './form-kit';
import { LabelsField, ListField } from './list-fields';
import type { Path } from './path-form';

type MatchType = keyof StringMatch;
const TYPES: MatchType[] = ['exact', 'prefix', 'regex'];

const typeOf = (m: StringMatch | undefined): MatchType =>
  m?.regex !== undefined ? 'regex' : m?.prefix !== undefined ? 'prefix' : 'exact';

/** One string match: exact, prefix or regex, and the value (a regex is checked as typed). */
export function StringMatchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: StringMatch | undefined;
  onChange: (value: StringMatch | undefined) => void;
}) {
  const type = typeOf(value);
  const text = value?.[type];
  const error = type === 'regex' ? checkRegex(text) : undefined;
  return (
    <div className="col-span-2 flex min-w-0 flex-col gap-0.5">
      <span className="text-[11px] text-slate-600">{label}</span>
      <div className="flex gap-1">
        <select
          aria-label={`${label} match type`}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          value={type}
          onChange={(e) => onChange(text === undefined ? undefined : { [e.target.value]: text })}
        >
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <input
          aria-label={`${label} value`}
          aria-invalid={error ? true : undefined}
          className="w-full min-w-0 rounded border border-slate-300 px-1.5 py-0.5 text-xs aria-[invalid=true]:border-red-500"
          value={text ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : { [type]: e.target.value })}
        />
      </div>
      {error && (
        <p role="alert" className="text-[11px] text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Headers or query parameters: name, match type, value per row. */
function StringMatchMap({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Record<string, StringMatch> | undefined;
  onChange: (value: Record<string, StringMatch> | undefined) => void;
}) {
  const rows = Object.entries(value ?? {});
  const write = (next: Array<[string, StringMatch]>) =>
    onChange(next.length > 0 ? Object.fromEntries(next) : undefined);
  return (
    <div className="col-span-2 flex flex-col gap-1">
      <span className="text-[11px] text-slate-600">{label}</span>
      {rows.map(([name, match], i) => (
        <div key={i} className="flex items-start gap-1">
          <input
            aria-label={`${label} ${i + 1} name`}
            placeholder="name"
            className="w-24 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
            value={name}
            onChange={(e) => write(rows.map((row, j) => (j === i ? [e.target.value, row[1]] : row)))}
          />
          <div className="min-w-0 flex-1">
            <StringMatchField
              label={`${label} ${i + 1}`}
              value={match}
              onChange={(m) => write(rows.map((row, j) => (j === i ? [row[0], m ?? { exact: '' }] : row)))}
            />
          </div>
          <SmallButton
            label={`Remove ${label} ${i + 1}`}
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            ×
          </SmallButton>
        </div>
      ))}
      <div>
        <SmallButton onClick={() => write([...rows, ['', { exact: '' }]])}>
          Add {label.toLowerCase()}
        </SmallButton>
      </div>
    </div>
  );
}

/** One match block: every condition in it must hold. */
export function MatchBlock({
  index,
  value,
  onChange,
}: {
  index: number;
  value: HTTPMatchRequest;
  onChange: (value: HTTPMatchRequest) => void;
}) {
  const set = <K extends keyof HTTPMatchRequest>(key: K, v: HTTPMatchRequest[K] | undefined) => {
    const { [key]: _old, ...rest } = value;
    onChange(v === undefined ? rest : { ...rest, [key]: v });
  };
  return (
    <div className="grid grid-cols-2 gap-2">
      <StringMatchField
        label={`URI (match ${index + 1})`}
        value={value.uri}
        onChange={(v) => set('uri', v)}
      />
      <StringMatchField label="Method" value={value.method} onChange={(v) => set('method', v)} />
      <StringMatchField label="Authority" value={value.authority} onChange={(v) => set('authority', v)} />
      <StringMatchField label="Scheme" value={value.scheme} onChange={(v) => set('scheme', v)} />
      <StringMatchMap label="Header" value={value.headers} onChange={(v) => set('headers', v)} />
      <StringMatchMap
        label="Query parameter"
        value={value.queryParams}
        onChange={(v) => set('queryParams', v)}
      />
      <NumberField label="Port" value={value.port} check={checkPort} onChange={(v) => set('port', v)} />
      <ListField label="Gateways" value={value.gateways} onChange={(v) => set('gateways', v)} />
      <div className="col-span-2">
        <LabelsField
          label="Source labels"
          value={value.sourceLabels}
          onChange={(v) => set('sourceLabels', v)}
        />
      </div>
      <CheckField
        label="Ignore URI case"
        value={value.ignoreUriCase}
        onChange={(v) => set('ignoreUriCase', v)}
      />
    </div>
  );
}

/**
 * The match blocks of a route, any of which may match (OR): each drawn by `render`, with
 * buttons to add and remove blocks. Shared by HTTP, TCP and TLS routes.
 */
export function MatchBlocks<M>({
  matches,
  onChange,
  render,
  empty,
  error,
}: {
  matches: M[];
  onChange: (matches: M[] | undefined) => void;
  render: (match: M, index: number, change: (next: M) => void) => ReactNode;
  /** What having no block means for this kind of route. */
  empty: string;
  /** A message on the blocks as a whole (a TLS route needs one). */
  error?: string;
}) {
  return (
    <div className="col-span-2 flex flex-col gap-2">
      {matches.length === 0 && <p className="text-[11px] text-slate-500">{empty}</p>}
      {matches.map((m, i) => (
        <div key={i} className="flex flex-col gap-1 rounded border border-slate-200 p-1.5">
          <div className="flex items-center justify-between">
            <span className="text-[11px] font-medium text-slate-700">
              Match block {i + 1}
              {i > 0 ? ' (or)' : ''}
            </span>
            <SmallButton tone="danger" onClick={() => onChange(matches.filter((_, j) => j !== i))}>
              Remove block
            </SmallButton>
          </div>
          {render(m, i, (next) => onChange(matches.map((x, j) => (j === i ? next : x))))}
        </div>
      ))}
      {error && (
        <p role="alert" className="text-[11px] text-red-700">
          {error}
        </p>
      )}
      <div>
        <SmallButton onClick={() => onChange([...matches, {} as M])}>Add match block</SmallButton>
      </div>
    </div>
  );
}

/**
 * One TCP or TLS match block, edited by path in the route's form: SNI hosts (TLS only, at
 * least one), port, destination subnets, source labels, gateways and source namespace.
 */
export function L4MatchBlock({ kit, base, tls }: { kit: FormKit; base: Path; tls: boolean }) {
  const { field } = kit;
  return (
    <div className="grid grid-cols-2 gap-2">
      {tls && (
        <div className="col-span-2">
          {field.list(
            'SNI hosts',
            [...base, 'sniHosts'],
            'the names clients ask for, e.g. shop.example.com, *.example.com',
          )}
        </div>
      )}
      {field.num('Port', [...base, 'port'])}
      {field.text('Source namespace', [...base, 'sourceNamespace'])}
      <div className="col-span-2">
        {field.list('Destination subnets', [...base, 'destinationSubnets'], 'e.g. 10.0.0.0/8, 192.168.1.7')}
      </div>
      <div className="col-span-2">{field.labels('Source labels', [...base, 'sourceLabels'])}</div>
      <div className="col-span-2">{field.list('Gateways', [...base, 'gateways'], 'mesh = the sidecars')}</div>
    </div>
  );
}
