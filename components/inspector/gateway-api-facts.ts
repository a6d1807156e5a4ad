import type { GatewayApiObject } from '@/lib/mesh/gateway-api-types';
import type { Fact } from './object-facts';

/** The facts a person looks for first in a Gateway API object. */
export function gatewayApiFacts(object: GatewayApiObject): Fact[] {
  switch (object.kind) {
    case 'KubernetesGateway':
      return [
        ['Class', object.spec.gatewayClassName ?? '—'],
        ...(object.spec.listeners ?? []).map(
          (listener): Fact => [
            `${listener.name}: ${listener.protocol} ${listener.port}`,
            `${listener.hostname ?? '*'}${listener.tls?.mode ? ` (TLS ${listener.tls.mode})` : ''}`,
          ],
        ),
      ];
    case 'GatewayClass':
      return [['Controller', object.spec.controllerName ?? '—']];
    case 'ReferenceGrant':
      return [
        [
          'From',
          (object.spec.from ?? []).map((from) => `${from.kind} in ${from.namespace}`).join(', ') || '—',
        ],
        [
          'To',
          (object.spec.to ?? []).map((to) => (to.name ? `${to.kind} ${to.name}` : to.kind)).join(', ') || '—',
        ],
      ];
    default:
      return [
        ['Parents', (object.spec.parentRefs ?? []).map((ref) => ref.name).join(', ') || '—'],
        ['Hostnames', ('hostnames' in object.spec && object.spec.hostnames?.join(', ')) || '—'],
        ['Rules', String(object.spec.rules?.length ?? 0)],
      ];
  }
}
