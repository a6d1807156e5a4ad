import { destinationKey } from '../../mesh/destination-key';
import type { Check } from '../check';
import { destinationPort, namespaceOf, record, routesOf } from '../walk';

/** No route names the same destination twice. */
export const vsDuplicateDestination: Check = {
  name: 'vs-duplicate-destination',
  codes: ['VS_DUPLICATE_DESTINATION'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      for (const route of routesOf(vs)) {
        const seen = new Map<string, number>();
        route.destinations.forEach((entry, index) => {
          const destination = record(entry.destination);
          if (typeof destination.host !== 'string') return;
          const host = context.resolveHost(destination.host, namespaceOf(vs)).fqdn;
          const subset = typeof destination.subset === 'string' ? destination.subset : '';
          const port = destinationPort(entry.destination ?? { host: '' }) ?? '';
          const key = destinationKey({ host, subset, port: port === '' ? undefined : port });
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, index);
            return;
          }
          const what = [destination.host, subset && `subset ${subset}`, port && `port ${port}`]
            .filter(Boolean)
            .join(' ');
          emit(
            'VS_DUPLICATE_DESTINATION',
            vs,
            `${route.path}.route[${index}].destination`,
            `Destination ${what} already appears as route[${first}] of this route.`,
          );
        });
      }
    });
  },
};
