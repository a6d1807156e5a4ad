import { selectorText } from '../../mesh/resolve';
import type { Check } from '../check';
import type { ValidationContext } from '../context';
import { list, record } from '../walk';

/** A Gateway selects gateway pods, and a Service in front of them exposes each server port. */
export const gwWorkload: Check = {
  name: 'gw-workload',
  codes: ['GW_SELECTOR_NO_PODS', 'GW_PORT_NOT_ON_SERVICE'],
  run(context, { each, emit }) {
    // Without any pod Weir knows nothing about workloads (a folder of manifests, say).
    if (context.pods.length === 0) return;
    const portsBySelector = new Map<string, ReadonlySet<number> | undefined>();
    each(context.gateways, (gateway) => {
      const selector = (gateway.spec.selector ?? {}) as Record<string, string>;
      const text = selectorText(selector);
      if (!portsBySelector.has(text)) portsBySelector.set(text, exposedPorts(context, selector));
      const ports = portsBySelector.get(text);
      if (!ports) {
        emit(
          'GW_SELECTOR_NO_PODS',
          gateway,
          'spec.selector',
          `No pod matches the selector ${text || '(empty)'}.`,
        );
        return;
      }
      list(gateway.spec.servers).forEach((server, index) => {
        const number = record(record(server).port).number;
        if (typeof number !== 'number' || ports.has(number)) return;
        const exposed =
          ports.size === 0
            ? 'no Service selects the gateway pods'
            : `they expose ${[...ports].sort((a, b) => a - b).join(', ')}`;
        emit(
          'GW_PORT_NOT_ON_SERVICE',
          gateway,
          `spec.servers[${index}].port`,
          `Port ${number} is not exposed by a Service of the gateway pods (${text}): ${exposed}.`,
        );
      });
    });
  },
};

// Istio maps a server port equal to a Service port onto its targetPort, so either counts.
// Undefined when the selector matches no pod.
function exposedPorts(
  context: ValidationContext,
  selector: Record<string, string>,
): ReadonlySet<number> | undefined {
  const pods = context.podsSelectedBy(selector);
  if (pods.length === 0) return undefined;
  const ports = new Set<number>();
  const seen = new Set<object>();
  for (const pod of pods) {
    for (const service of context.servicesSelecting(pod)) {
      if (seen.has(service)) continue;
      seen.add(service);
      for (const port of list(service.spec.ports)) {
        if (port.protocol !== undefined && port.protocol !== 'TCP') continue;
        ports.add(port.port);
        if (typeof port.targetPort === 'number') ports.add(port.targetPort);
      }
    }
  }
  return ports;
}
