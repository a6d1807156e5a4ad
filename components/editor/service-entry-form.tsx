'use client';

import { specFieldErrors } from '@/lib/mesh/field-errors';
import type { ServiceEntrySpec } from '@/lib/mesh/types';
import { SmallButton } from './fields';
import { PreviewButton, useCheckedForm } from './form-kit';
import { PROTOCOLS } from './gateway-server-fields';

const LOCATIONS = ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const;
const RESOLUTIONS = ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN'] as const;

const RESOLUTION_HINTS: Record<(typeof RESOLUTIONS)[number], string> = {
  NONE: 'the caller’s destination address is used as is (the default): no endpoints',
  STATIC: 'the endpoints’ IP addresses below',
  DNS: 'the hosts (or the endpoints’ names) looked up by DNS, each address an endpoint',
  DNS_ROUND_ROBIN: 'the first address DNS answers; one endpoint at most',
};

/**
 * A ServiceEntry's fields: the hosts it adds to the mesh's registry, their ports and
 * protocols, how the sidecars find the addresses (resolution), whether it is outside the mesh
 * (location), where it is served (endpoints, or the workloads a selector picks) and which
 * namespaces see it (exportTo). Every field is checked as typed; the dry run checks the rest.
 */
export function ServiceEntryForm({
  spec: initial,
  name,
  onPreview,
}: {
  spec: ServiceEntrySpec;
  /** A new entry's name field (absent when editing one: a name cannot change). */
  name?: { value: string; onChange: (value: string) => void };
  onPreview: (spec: ServiceEntrySpec) => void;
}) {
  const kit = useCheckedForm<ServiceEntrySpec>(initial, specFieldErrors);
  const { value: spec, setValue, removeAt, field, errors } = kit;
  const ports = spec.ports ?? [];
  const endpoints = spec.endpoints ?? [];
  const resolution = spec.resolution as (typeof RESOLUTIONS)[number] | undefined;
  const nameError =
    name && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name.value) ? 'a lower-case DNS label' : undefined;
  return (
    <form
      aria-label="ServiceEntry"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(spec);
      }}
    >
      {name && (
        <label className="flex flex-col gap-0.5 text-[11px] text-slate-600">
          Name
          <input
            className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-900"
            value={name.value}
            aria-invalid={nameError ? true : undefined}
            onChange={(e) => name.onChange(e.target.value)}
          />
          {nameError && <span className="text-red-700">{nameError}</span>}
        </label>
      )}
      {field.list('Hosts', ['hosts'], 'api.example.com, *.example.com')}
      {field.list('Addresses', ['addresses'], 'virtual IPs or CIDRs (optional)')}
      <div className="grid grid-cols-2 gap-1.5">
        {field.select('Location', ['location'], LOCATIONS)}
        {field.select('Resolution', ['resolution'], RESOLUTIONS, resolution && RESOLUTION_HINTS[resolution])}
      </div>

      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Ports</h3>
      {ports.map((_, i) => (
        <fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: ports edited in place have no identity but their place
          key={i}
          aria-label={`Port ${i + 1}`}
          className="grid grid-cols-2 gap-1.5 rounded border border-slate-200 p-1.5"
        >
          {field.num('Port', ['ports', i, 'number'])}
          {field.select('Protocol', ['ports', i, 'protocol'], PROTOCOLS)}
          {field.text('Port name', ['ports', i, 'name'])}
          {field.num('Target port', ['ports', i, 'targetPort'])}
          <div className="col-span-2 flex justify-end">
            <SmallButton tone="danger" onClick={() => removeAt(['ports'], i)}>
              Remove port
            </SmallButton>
          </div>
        </fieldset>
      ))}
      <div>
        <SmallButton
          onClick={() =>
            setValue((s) => ({
              ...s,
              ports: [...(s.ports ?? []), { number: 443, protocol: 'TLS', name: `tls-${ports.length}` }],
            }))
          }
        >
          Add port
        </SmallButton>
      </div>

      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Endpoints</h3>
      {endpoints.map((_, i) => (
        <fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: endpoints edited in place have no identity but their place
          key={i}
          aria-label={`Endpoint ${i + 1}`}
          className="grid grid-cols-2 gap-1.5 rounded border border-slate-200 p-1.5"
        >
          {field.text('Address', ['endpoints', i, 'address'], 'an IP, a DNS name or unix://')}
          {field.num('Weight', ['endpoints', i, 'weight'])}
          {field.text('Network', ['endpoints', i, 'network'])}
          {field.text('Locality', ['endpoints', i, 'locality'], 'region/zone/subzone')}
          <div className="col-span-2">{field.labels('Labels', ['endpoints', i, 'labels'])}</div>
          <div className="col-span-2 flex justify-end">
            <SmallButton tone="danger" onClick={() => removeAt(['endpoints'], i)}>
              Remove endpoint
            </SmallButton>
          </div>
        </fieldset>
      ))}
      <div>
        <SmallButton
          onClick={() => setValue((s) => ({ ...s, endpoints: [...(s.endpoints ?? []), { address: '' }] }))}
        >
          Add endpoint
        </SmallButton>
      </div>
      {field.labels(
        'Workload selector',
        ['workloadSelector', 'labels'],
        'in-mesh workloads serving the hosts, instead of endpoints',
      )}
      {field.list('Export to', ['exportTo'], '. (this namespace), * (all), or namespace names')}
      <PreviewButton
        errors={nameError ? [...errors, { path: 'metadata.name', message: nameError }] : errors}
      />
    </form>
  );
}
