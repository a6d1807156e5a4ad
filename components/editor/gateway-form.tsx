// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { checkPort } from '@/lib/mesh/field-checks';
import { specFieldErrors } from '@/lib/mesh/field-errors';
import type { Gateway, GatewayServer, GatewaySpec, MeshSnapshot } from '@/lib/mesh/types';
import { CheckField, NumberField, SelectField, SmallButton, TextField } from './fields';
import { LabelsField, ListField } from './list-fields';
import { usePathForm } from './path-form';
import { podsSelected, podsWords } from './pods';

const PROTOCOLS = ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'MONGO'] as const;
const TLS_MODES = [
  'SIMPLE',
  'MUTUAL',
  'PASSTHROUGH',
  'ISTIO_MUTUAL',
  'AUTO_PASSTHROUGH',
  'OPTIONAL_MUTUAL',
] as const;

/** Selector (with the gateway pods it selects) and servers: port, protocol, hosts, TLS. */
export function GatewayForm({
  gateway,
  view,
  onPreview,
}: {
  gateway: Gateway;
  view: MeshSnapshot;
  onPreview: (spec: GatewaySpec) => void;
}) {
  const { value: spec, setValue: setSpec, set, removeAt } = usePathForm<GatewaySpec>(gateway.spec);
  const servers = spec.servers ?? [];
  const errors = specFieldErrors(spec);
  return (
    <form
      aria-label="Gateway"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(spec);
      }}
    >
      <LabelsField label="Selector" value={spec.selector} onChange={(v) => set(['selector'], v)} />
      <span data-testid="gateway-pods" className="-mt-1 text-[11px] text-slate-500">
        {podsWords(podsSelected(view, spec.selector))}
      </span>
      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Servers</h3>
      {servers.map((server, i) => (
        <fieldset
          key={i}
          aria-label={`Server ${i + 1}`}
          className="grid grid-cols-3 gap-1.5 rounded border border-slate-200 p-1.5"
        >
          <NumberField
            label="Port"
            value={server.port?.number}
            check={checkPort}
            onChange={(v) => set(['servers', i, 'port', 'number'], v)}
          />
          <SelectField
            label="Protocol"
            value={server.port?.protocol as (typeof PROTOCOLS)[number]}
            options={PROTOCOLS}
            onChange={(v) => set(['servers', i, 'port', 'protocol'], v)}
          />
          <TextField
            label="Port name"
            value={server.port?.name}
            onChange={(v) => set(['servers', i, 'port', 'name'], v)}
          />
          <div className="col-span-3">
            <ListField
              label="Hosts"
              value={server.hosts}
              check={(v) => (v && v.length > 0 ? undefined : 'a server needs at least one host')}
              onChange={(v) => set(['servers', i, 'hosts'], v ?? [])}
            />
          </div>
          <SelectField
            label="TLS mode"
            value={server.tls?.mode}
            options={TLS_MODES}
            onChange={(v) => set(['servers', i, 'tls', 'mode'], v)}
          />
          <TextField
            label="Credential name"
            value={server.tls?.credentialName}
            onChange={(v) => set(['servers', i, 'tls', 'credentialName'], v)}
          />
          <div className="flex flex-col justify-end gap-1">
            <CheckField
              label="Redirect to HTTPS"
              value={server.tls?.httpsRedirect}
              onChange={(v) => set(['servers', i, 'tls', 'httpsRedirect'], v)}
            />
            <SmallButton tone="danger" onClick={() => removeAt(['servers'], i)}>
              Remove server
            </SmallButton>
          </div>
        </fieldset>
      ))}
      <div>
        <SmallButton
          onClick={() =>
            setSpec((s) => ({
              ...s,
              servers: [
                ...servers,
                {
                  port: { number: 443, protocol: 'HTTPS', name: `https-${servers.length}` },
                  hosts: [],
                } as GatewayServer,
              ],
            }))
          }
        >
          Add server
        </SmallButton>
      </div>
      {errors.length > 0 && <p className="text-[11px] text-red-700">Fix the fields marked in red first.</p>}
      <div>
        <button
          type="submit"
          disabled={errors.length > 0}
          className="rounded border border-sky-700 bg-sky-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Preview
        </button>
      </div>
    </form>
  );
}
