'use client';

import type { MeshOutbound, NamespaceOutbound } from '@/lib/mesh/outbound-policy';
import { meshOutbound, namespaceOutbound } from '@/lib/mesh/outbound-policy';
import type { MeshSnapshot } from '@/lib/mesh/types';

/** Each namespace's outbound policy, from the snapshot's mesh config and Sidecars. */
export function outboundByNamespace(
  snapshot: MeshSnapshot | undefined,
  namespaces: readonly string[],
): { mesh: MeshOutbound; policies: Map<string, NamespaceOutbound> } {
  const mesh = meshOutbound(Object.values(snapshot?.objects ?? {}));
  return {
    mesh,
    policies: new Map(namespaces.map((namespace) => [namespace, namespaceOutbound(mesh, namespace)])),
  };
}

const SOURCE: Record<NamespaceOutbound['source'], string> = {
  'istio-default': "Istio's default (no mesh config or Sidecar says otherwise)",
  'mesh-config': 'from the mesh config (ConfigMap istio-system/istio)',
  sidecar: 'from a Sidecar',
};

/**
 * One namespace's outbound policy: ALLOW_ANY (unknown external hosts pass, unrouted) or
 * REGISTRY_ONLY (only hosts with a Service or ServiceEntry), where it comes from, and the
 * namespace's Sidecars (with their egress hosts).
 */
export function OutboundPolicy({ policy }: { policy: NamespaceOutbound }) {
  const strict = policy.mode === 'REGISTRY_ONLY';
  const from =
    policy.source === 'sidecar' && policy.sidecar
      ? `from Sidecar ${policy.sidecar.metadata.namespace}/${policy.sidecar.metadata.name}`
      : SOURCE[policy.source];
  return (
    <div
      className="ml-5 flex flex-col gap-0.5 pb-1 text-[11px] text-slate-600"
      data-testid={`outbound-${policy.namespace}`}
    >
      <span>
        <span
          className={`rounded px-1 font-mono font-semibold ${strict ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-700'}`}
          title={
            strict
              ? 'Calls to hosts without a Service or ServiceEntry are blocked'
              : 'Calls to unknown external hosts pass through, unrouted'
          }
        >
          {policy.mode}
        </span>{' '}
        {from}
      </span>
      {policy.sidecars.map((sidecar) => {
        const hosts = (sidecar.spec.egress ?? []).flatMap((entry) => entry.hosts ?? []);
        const selector = sidecar.spec.workloadSelector?.labels;
        return (
          <span key={sidecar.metadata.name} className="font-mono">
            Sidecar {sidecar.metadata.name}
            {selector
              ? ` (${Object.entries(selector)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(',')})`
              : ''}
            : egress {hosts.length > 0 ? hosts.join(', ') : '*/*'}
          </span>
        );
      })}
    </div>
  );
}
