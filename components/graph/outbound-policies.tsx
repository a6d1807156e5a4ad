'use client';

import type { MeshOutbound, NamespaceOutbound } from '@/lib/mesh/outbound-policy';
import { meshOutbound, namespaceOutbound } from '@/lib/mesh/outbound-policy';
import type { MeshSnapshot } from '@/lib/mesh/types';

/** Each namespace's outbound policy, from the snapshot's mesh config and Sidecars. */
export function outboundByNamespace(
  snapshot: MeshSnapshot | undefined,
  namespaces: readonly string[],
): { mesh: MeshOutbound; policies: Map<string, NamespaceOutbound> } {
  const mesh = meshOutbound(Object.values(snapshot?.objects ?? {}), snapshot?.sync.meshConfig);
  return {
    mesh,
    policies: new Map(namespaces.map((namespace) => [namespace, namespaceOutbound(mesh, namespace)])),
  };
}

function sourceText(policy: NamespaceOutbound): string {
  switch (policy.source) {
    case 'sidecar':
      return policy.sidecar
        ? `from Sidecar ${policy.sidecar.metadata.namespace}/${policy.sidecar.metadata.name}`
        : 'from a Sidecar';
    case 'mesh-config':
      return `from the mesh config (ConfigMap ${policy.meshConfigName})`;
    case 'unknown':
      return `(${policy.unknown ?? `the mesh config ${policy.meshConfigName} is not known`})`;
    default:
      return "Istio's default (no mesh config or Sidecar says otherwise)";
  }
}

const TITLE: Record<NamespaceOutbound['mode'], string> = {
  REGISTRY_ONLY: 'Calls to hosts without a Service or ServiceEntry are blocked',
  ALLOW_ANY: 'Calls to unknown external hosts pass through, unrouted',
  unknown:
    'The mesh config sets it and Weir does not know the mesh config: calls to unknown hosts are blocked (REGISTRY_ONLY) or pass through (ALLOW_ANY)',
};

/**
 * One namespace's outbound policy: ALLOW_ANY (unknown external hosts pass, unrouted) or
 * REGISTRY_ONLY (only hosts with a Service or ServiceEntry), where it comes from, and the
 * namespace's Sidecars (with their egress hosts).
 */
export function OutboundPolicy({ policy }: { policy: NamespaceOutbound }) {
  const from = sourceText(policy);
  const tone =
    policy.mode === 'REGISTRY_ONLY'
      ? 'bg-amber-100 text-amber-900'
      : policy.mode === 'unknown'
        ? 'border border-dashed border-slate-400 text-slate-600 italic'
        : 'bg-slate-100 text-slate-700';
  return (
    <div
      className="ml-5 flex flex-col gap-0.5 pb-1 text-[11px] text-slate-600"
      data-testid={`outbound-${policy.namespace}`}
    >
      <span>
        <span className={`rounded px-1 font-mono font-semibold ${tone}`} title={TITLE[policy.mode]}>
          {policy.mode}
        </span>{' '}
        {from}
      </span>
      {policy.rootAssumed && (
        <span
          className="italic"
          data-testid={`root-assumed-${policy.namespace}`}
          title="Istio's root namespace holds the Sidecar every namespace without its own takes as its default. The mesh config names it, and Weir does not know the mesh config: it assumes the namespace the mesh config is read in, as Istio's installers set it"
        >
          root namespace assumed: {policy.rootAssumed} (the mesh config names it and is not known)
        </span>
      )}
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
