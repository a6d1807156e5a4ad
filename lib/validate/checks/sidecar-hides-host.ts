import { namespaceOutbound, sidecarImports } from '../../mesh/outbound-policy';
import type { Check } from '../check';
import { namespaceOf } from '../walk';
import { meshDestinations } from './mesh-routes';

/**
 * A Sidecar resource limits the hosts its workloads see (`egress.hosts`). A route the sidecars
 * of a namespace use, to a Service or ServiceEntry that namespace's Sidecar does not import,
 * never applies there: istiod builds those sidecars no cluster for the host (selectServices in
 * pilot/pkg/model/sidecar.go), so the call is blocked or passes through unrouted.
 */
export const sidecarHidesHost: Check = {
  name: 'sidecar-hides-host',
  codes: ['SIDECAR_HIDES_HOST'],
  run(context, { each, emit }) {
    if (context.outbound.sidecarsByNamespace.size === 0) return;
    each(context.virtualServices, (vs) => {
      const namespace = namespaceOf(vs);
      const policy = namespaceOutbound(context.outbound, namespace);
      const sidecar = policy.sidecar;
      if (!sidecar) return;
      for (const site of meshDestinations(vs)) {
        const resolved = context.resolveHost(site.destination.host, namespace);
        const owner = resolved.service ?? resolved.serviceEntry;
        if (!owner || resolved.wildcard) continue;
        const declaredIn = namespaceOf(owner);
        if (sidecarImports(sidecar, resolved.fqdn, declaredIn)) continue;
        const where = `${sidecar.metadata.namespace ?? ''}/${sidecar.metadata.name}`;
        emit(
          'SIDECAR_HIDES_HOST',
          vs,
          `${site.path}.host`,
          `Sidecar ${where} does not import "${resolved.fqdn}" (declared by ${owner.kind} ${declaredIn}/${owner.metadata.name}) for the workloads of ${namespace}: its sidecars there get no cluster for the host, so this route's calls fail (503)${policy.mode === 'REGISTRY_ONLY' ? ' and the policy (REGISTRY_ONLY) blocks any other way out' : policy.mode === 'unknown' ? ` (the outbound policy, unknown: ${policy.unknown}, decides whether any other way out is blocked)` : ''}. Add "${declaredIn}/${resolved.fqdn}" to its egress hosts.`,
        );
      }
    });
  },
};
