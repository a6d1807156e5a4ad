'use client';

import { useState } from 'react';
import type { TraceInput } from '@/lib/trace/request';

interface Props {
  initial?: TraceInput;
  gateways: string[];
  namespaces: string[];
  onTrace: (input: TraceInput) => void;
}

// A Gateway API Gateway in `gateways` is `kgw:namespace/name`; an Istio Gateway `namespace/name`.
const GATEWAY_API = 'kgw:';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const field = 'w-full rounded border border-slate-300 px-2 py-1 text-sm';

/** Where the request enters and what it is; the server checks every field again (422 names the one at fault). */
export function TraceForm({ initial, gateways, namespaces, onTrace }: Props) {
  const entry = initial?.entry;
  const [from, setFrom] = useState(
    entry?.kind === 'gateway'
      ? `${entry.namespace}/${entry.name}`
      : entry?.kind === 'kubernetes-gateway'
        ? `${GATEWAY_API}${entry.namespace}/${entry.name}`
        : entry
          ? 'mesh'
          : (gateways[0] ?? 'mesh'),
  );
  const [namespace, setNamespace] = useState(
    entry?.kind === 'mesh' ? entry.namespace : (namespaces[0] ?? 'default'),
  );
  const [labels, setLabels] = useState(
    entry?.kind === 'mesh'
      ? Object.entries(entry.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : '',
  );
  const request = initial?.request;
  const [port, setPort] = useState(String(request?.port ?? 80));
  const [method, setMethod] = useState(request?.method ?? 'GET');
  const [authority, setAuthority] = useState(request?.authority ?? '');
  const [path, setPath] = useState(request?.path ?? '/');
  const [headers, setHeaders] = useState(
    Object.entries(request?.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const gatewayApi = from.startsWith(GATEWAY_API);
    const [gatewayNamespace = '', gatewayName = ''] = (
      gatewayApi ? from.slice(GATEWAY_API.length) : from
    ).split('/');
    const parsedLabels = Object.fromEntries(
      labels
        .split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => [pair.split('=')[0]?.trim() ?? '', pair.slice(pair.indexOf('=') + 1).trim()]),
    );
    const parsedHeaders = Object.fromEntries(
      headers
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => [
          line.slice(0, line.indexOf(':') < 0 ? line.length : line.indexOf(':')).trim(),
          line.includes(':') ? line.slice(line.indexOf(':') + 1).trim() : '',
        ]),
    );
    onTrace({
      entry:
        from === 'mesh'
          ? { kind: 'mesh', namespace, ...(Object.keys(parsedLabels).length > 0 && { labels: parsedLabels }) }
          : {
              kind: gatewayApi ? 'kubernetes-gateway' : 'gateway',
              namespace: gatewayNamespace,
              name: gatewayName,
            },
      request: {
        port: Number(port),
        method,
        ...(authority && { authority }),
        path,
        ...(Object.keys(parsedHeaders).length > 0 && { headers: parsedHeaders }),
      },
    });
  };

  return (
    <form className="grid grid-cols-[5.5rem_1fr] items-center gap-x-2 gap-y-1.5 text-sm" onSubmit={submit}>
      <label htmlFor="trace-from" className="text-slate-600">
        Enters
      </label>
      <select id="trace-from" className={field} value={from} onChange={(e) => setFrom(e.target.value)}>
        {gateways.map((g) => (
          <option key={g} value={g}>
            {g.startsWith(GATEWAY_API) ? `Gateway API ${g.slice(GATEWAY_API.length)}` : `Gateway ${g}`}
          </option>
        ))}
        <option value="mesh">From inside the mesh</option>
      </select>
      {from === 'mesh' && (
        <>
          <label htmlFor="trace-namespace" className="text-slate-600">
            Namespace
          </label>
          <select
            id="trace-namespace"
            className={field}
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
          >
            {namespaces.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
          <TextRow
            id="trace-labels"
            label="Source labels"
            value={labels}
            onChange={setLabels}
            placeholder="e.g. app=web,version=v1"
          />
        </>
      )}
      <TextRow id="trace-port" label="Port" value={port} onChange={setPort} inputMode="numeric" />
      <label htmlFor="trace-method" className="text-slate-600">
        Method
      </label>
      <select id="trace-method" className={field} value={method} onChange={(e) => setMethod(e.target.value)}>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <TextRow
        id="trace-host"
        label="Host"
        value={authority}
        onChange={setAuthority}
        placeholder="e.g. shop.example.com"
      />
      <TextRow id="trace-path" label="Path" value={path} onChange={setPath} />
      <label htmlFor="trace-headers" className="self-start pt-1 text-slate-600">
        Headers
      </label>
      <textarea
        id="trace-headers"
        className={`${field} h-16 font-mono text-xs`}
        placeholder="e.g. x-beta-tester: true"
        value={headers}
        onChange={(e) => setHeaders(e.target.value)}
      />
      <div />
      <button
        type="submit"
        className="justify-self-start rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Trace
      </button>
    </form>
  );
}

/** One labelled text field of the form's grid (label in the first column, input in the second). */
function TextRow({
  id,
  label,
  value,
  onChange,
  placeholder,
  inputMode,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  inputMode?: 'numeric';
}) {
  return (
    <>
      <label htmlFor={id} className="text-slate-600">
        {label}
      </label>
      <input
        id={id}
        className={field}
        placeholder={placeholder}
        inputMode={inputMode}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
