import type { Check } from '../check';
import { destinationPort, destinationsOf, namespaceOf } from '../walk';

/** A destination names a port when its host has several, and only ports the host has. */
export const vsDestinationPort: Check = {
  name: 'vs-destination-port',
  codes: ['VS_PORT_REQUIRED', 'VS_PORT_NOT_FOUND'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      for (const site of destinationsOf(vs)) {
        const resolved = context.resolveHost(site.destination.host, namespaceOf(vs));
        const ports = context.hostPorts(resolved);
        if (ports.length === 0) continue;
        const port = destinationPort(site.destination);
        if (port === undefined) {
          if (ports.length > 1) {
            emit(
              'VS_PORT_REQUIRED',
              vs,
              `${site.path}.port`,
              `Host "${site.destination.host}" exposes ports ${ports.join(', ')}; the destination must name one.`,
            );
          }
        } else if (!ports.includes(port)) {
          emit(
            'VS_PORT_NOT_FOUND',
            vs,
            `${site.path}.port.number`,
            `Host "${site.destination.host}" has no port ${port} (it exposes ${ports.join(', ')}).`,
          );
        }
      }
    });
  },
};
