'use client';

import { specFieldErrors } from '@/lib/mesh/field-errors';
import type { Gateway, GatewayServer, GatewaySpec, MeshSnapshot } from '@/lib/mesh/types';
import { SmallButton } from './fields';
import { PreviewButton, useCheckedForm } from './form-kit';
import { GatewayServerFields } from './gateway-server-fields';
import { LabelsField } from './list-fields';
import { podsSelected, podsWords } from './pods';

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
  const kit = useCheckedForm<GatewaySpec>(gateway.spec, specFieldErrors);
  const { value: spec, setValue: setSpec, set, removeAt, errors } = kit;
  const servers = spec.servers ?? [];
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
      {servers.map((_, i) => (
        <GatewayServerFields
          // biome-ignore lint/suspicious/noArrayIndexKey: servers edited in place have no identity but their place
          key={i}
          kit={kit}
          base={['servers', i]}
          index={i}
          onRemove={() => removeAt(['servers'], i)}
        />
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
      <PreviewButton errors={errors} />
    </form>
  );
}
