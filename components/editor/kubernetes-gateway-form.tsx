// biome-ignore-all lint/suspicious/noArrayIndexKey: listeners edited in place have no identity but their place
'use client';

import { kubernetesGatewayFieldErrors } from '@/lib/mesh/gateway-api-field-errors';
import type { KubernetesGateway, KubernetesGatewaySpec, Listener } from '@/lib/mesh/gateway-api-types';
import { type CertRef, certsError, certsText, parseCerts } from './certificate-refs-text';
import { ParsedField, SmallButton } from './fields';
import { type FormPartProps, PreviewButton, useCheckedForm } from './form-kit';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'] as const;
const TLS_MODES = ['Terminate', 'Passthrough'] as const;
const FROM = ['Same', 'All', 'Selector'] as const;

// `HTTPRoute, GRPCRoute` ⇄ allowedRoutes.kinds.
const kindsText = (kinds: Array<{ kind: string }> | undefined) => (kinds ?? []).map((k) => k.kind).join(', ');
const parseKinds = (text: string) => {
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((kind) => ({ kind }));
  return kinds.length > 0 ? kinds : undefined;
};

/** One listener: where it listens, what it serves, the TLS it ends or passes, and which routes may attach. */
function ListenerFields({ kit, base, index, onRemove }: FormPartProps) {
  const { at, set, field, error } = kit;
  const listener = at(base) as Listener | undefined;
  const protocol = listener?.protocol;
  const tlsProtocol = protocol === 'HTTPS' || protocol === 'TLS' || listener?.tls !== undefined;
  const from = listener?.allowedRoutes?.namespaces?.from;
  return (
    <fieldset
      aria-label={`Listener ${index + 1}`}
      className="grid grid-cols-3 gap-1.5 rounded border border-slate-200 p-1.5"
    >
      {field.text('Name', [...base, 'name'])}
      {field.num('Port', [...base, 'port'])}
      {field.select('Protocol', [...base, 'protocol'], PROTOCOLS)}
      <div className="col-span-3">
        {field.text('Hostname', [...base, 'hostname'], 'e.g. *.example.com; empty: any')}
      </div>
      {tlsProtocol && (
        <>
          {field.select('TLS mode', [...base, 'tls', 'mode'], TLS_MODES)}
          <div className="col-span-2">
            <ParsedField
              label="Certificates"
              hint="Secret: name or namespace/name; other kinds: Kind.group:namespace/name"
              value={at([...base, 'tls', 'certificateRefs']) as CertRef[] | undefined}
              format={certsText}
              parse={parseCerts}
              parseError={certsError}
              check={() => error([...base, 'tls', 'certificateRefs']) ?? error([...base, 'tls'])}
              onChange={(v) => set([...base, 'tls', 'certificateRefs'], v)}
            />
          </div>
        </>
      )}
      {field.select('Routes from', [...base, 'allowedRoutes', 'namespaces', 'from'], FROM, 'default Same')}
      <div className="col-span-2">
        <ParsedField
          label="Route kinds"
          hint="empty: what the protocol takes"
          value={at([...base, 'allowedRoutes', 'kinds']) as Array<{ kind: string }> | undefined}
          format={kindsText}
          parse={parseKinds}
          check={() => error([...base, 'allowedRoutes', 'kinds'])}
          onChange={(v) => set([...base, 'allowedRoutes', 'kinds'], v)}
        />
      </div>
      {from === 'Selector' && (
        <div className="col-span-3">
          {field.labels('Namespace labels', [
            ...base,
            'allowedRoutes',
            'namespaces',
            'selector',
            'matchLabels',
          ])}
        </div>
      )}
      <div className="col-span-3 flex justify-end">
        <SmallButton tone="danger" onClick={onRemove}>
          Remove listener
        </SmallButton>
      </div>
    </fieldset>
  );
}

/** A Gateway API Gateway: its class and its listeners (sent as SetSpec; addresses and the rest stay). */
export function KubernetesGatewayForm({
  gateway,
  onPreview,
}: {
  gateway: KubernetesGateway;
  onPreview: (spec: KubernetesGatewaySpec) => void;
}) {
  const kit = useCheckedForm<KubernetesGatewaySpec>(gateway.spec, kubernetesGatewayFieldErrors);
  const { value: spec, set, removeAt, errors, field } = kit;
  const listeners = spec.listeners ?? [];
  return (
    <form
      aria-label={`Gateway ${gateway.metadata.name}`}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(spec);
      }}
    >
      {field.text('Gateway class', ['gatewayClassName'])}
      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Listeners</h3>
      {listeners.map((_, i) => (
        <ListenerFields
          key={i}
          kit={kit}
          base={['listeners', i]}
          index={i}
          onRemove={() => removeAt(['listeners'], i)}
        />
      ))}
      <div>
        <SmallButton
          onClick={() =>
            set(
              ['listeners'],
              [...listeners, { name: `http-${listeners.length}`, port: 80, protocol: 'HTTP' }],
            )
          }
        >
          Add listener
        </SmallButton>
      </div>
      <PreviewButton errors={errors} />
    </form>
  );
}
