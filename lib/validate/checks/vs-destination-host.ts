import type { Check } from '../check';
import { destinationsOf, namespaceOf } from '../walk';

/** Every route and mirror destination names a host Istio knows. */
export const vsDestinationHost: Check = {
  name: 'vs-destination-host',
  codes: ['VS_HOST_NOT_FOUND', 'VS_EXTERNAL_HOST_UNKNOWN'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
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
        } else {
          emit(
            'VS_EXTERNAL_HOST_UNKNOWN',
            vs,
            `${site.path}.host`,
            `${what} "${host}" is outside the cluster and no ServiceEntry declares it.`,
          );
        }
      }
    });
  },
};
