import { namespaceOutbound } from '../../mesh/outbound-policy';
import type { Check } from '../check';
import { destinationsOf, namespaceOf } from '../walk';
import { meshDestinations, namespacesReached } from './mesh-routes';

/**
 * Every route and mirror destination names a host Istio knows. An external host without a
 * ServiceEntry is an error where sidecars reaching it run REGISTRY_ONLY (istiod sends the call
 * the route's cluster is never built and the policy blocks every other way out), else a warning:
 * under ALLOW_ANY calls without this route would pass through, but the route itself sends
 * to a cluster that does not exist (503; checked against istiod: tools/istioctl/outbound-oracle.test.ts).
 * Where the policy is unknown (Weir may not read the mesh config) the warning says so and
 * claims neither.
 */
export const vsDestinationHost: Check = {
  name: 'vs-destination-host',
  codes: ['VS_HOST_NOT_FOUND', 'VS_EXTERNAL_HOST_UNKNOWN', 'OUTBOUND_HOST_BLOCKED'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      const fromSidecars = new Set(meshDestinations(vs).map((site) => site.path));
      let reached: { blocked: string[]; unknown: string[]; why?: string } | undefined;
      const policies = () => {
        if (reached) return reached;
        reached = { blocked: [], unknown: [] };
        for (const namespace of namespacesReached(context, vs)) {
          const policy = namespaceOutbound(context.outbound, namespace);
          if (policy.mode === 'REGISTRY_ONLY') reached.blocked.push(namespace);
          else if (policy.mode === 'unknown') {
            reached.unknown.push(namespace);
            reached.why ??= policy.unknown;
          }
        }
        return reached;
      };
      for (const site of destinationsOf(vs)) {
        const host = site.destination.host;
        const resolved = context.resolveHost(host, namespaceOf(vs));
        if (resolved.service || resolved.serviceEntry || resolved.wildcard) continue;
        const what = site.role === 'mirror' ? 'Mirror host' : 'Destination host';
        if (resolved.clusterLocal) {
          if (!context.canJudgeService(resolved, vs, `${site.path}.host`)) continue;
          const full = resolved.fqdn === host ? '' : ` (${resolved.fqdn})`;
          emit(
            'VS_HOST_NOT_FOUND',
            vs,
            `${site.path}.host`,
            `${what} "${host}"${full} matches no Service or ServiceEntry.`,
          );
          continue;
        }
        const mesh = fromSidecars.has(site.path);
        const { blocked: namespaces, unknown, why } = mesh ? policies() : { blocked: [], unknown: [] };
        if (namespaces.length > 0) {
          emit(
            'OUTBOUND_HOST_BLOCKED',
            vs,
            `${site.path}.host`,
            `${what} "${host}" is outside the cluster and no ServiceEntry declares it: the outbound policy is REGISTRY_ONLY in ${namespaces.join(', ')}, so sidecars there block calls to it.`,
          );
          continue;
        }
        emit(
          'VS_EXTERNAL_HOST_UNKNOWN',
          vs,
          `${site.path}.host`,
          `${what} "${host}" is outside the cluster and no ServiceEntry declares it.${
            !mesh
              ? ''
              : unknown.length > 0
                ? ` The outbound policy is unknown in ${unknown.join(', ')} (${why}): under REGISTRY_ONLY sidecars there block calls to it; under ALLOW_ANY this route still applies and sends to the cluster outbound|<port>||host, which only a ServiceEntry makes, so Envoy answers 503.`
                : ' The outbound policy is ALLOW_ANY, but this route still applies: istiod sends it to the cluster outbound|<port>||host, which only a ServiceEntry makes, so Envoy answers 503.'
          }`,
        );
      }
    });
  },
};
