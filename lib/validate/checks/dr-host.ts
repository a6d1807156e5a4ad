import { isWildcardHost } from '../../mesh/resolve';
import type { Check } from '../check';
import { namespaceOf } from '../walk';

/** A DestinationRule's host is a Service or ServiceEntry host. */
export const drHost: Check = {
  name: 'dr-host',
  codes: ['DR_HOST_NOT_FOUND'],
  run(context, { each, emit }) {
    each(context.destinationRules, (dr) => {
      const host = dr.spec.host;
      // Wildcard rules (`*.local`, `*.example.com`) are mesh-wide policies, not references.
      if (typeof host !== 'string' || isWildcardHost(host)) return;
      const resolved = context.resolveHost(host, namespaceOf(dr));
      if (resolved.service || resolved.serviceEntry || !context.canJudgeService(resolved, dr, 'spec.host'))
        return;
      const full = resolved.fqdn === host ? '' : ` (${resolved.fqdn})`;
      emit('DR_HOST_NOT_FOUND', dr, 'spec.host', `Host "${host}"${full} matches no Service or ServiceEntry.`);
    });
  },
};
