import { DEFAULT_ROOT_NAMESPACE } from '@/lib/mesh/outbound-schemas';
import type { MeshConfigMap, StoredObject } from '@/lib/mesh/types';
import { gatewayApiFacts } from './gateway-api-facts';

/** A label and what it says about an object, for the summary above its YAML. */
export type Fact = [label: string, value: string];

function labels(map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length > 0 ? entries.map(([key, value]) => `${key}=${value}`).join(', ') : '—';
}

/**
 * istiod merges the ConfigMap onto DefaultMeshConfig, whose RootNamespace is istio-system
 * (pkg/config/mesh/mesh.go): naming none means that, not the ConfigMap's own namespace. Only
 * an unreadable one leaves the root unknown; Weir then assumes where it lives (meshOutbound).
 */
function rootNamespaceOf(object: MeshConfigMap): string {
  if (object.spec.error)
    return `${object.metadata.namespace ?? DEFAULT_ROOT_NAMESPACE} (assumed: the mesh config cannot be read)`;
  return object.spec.rootNamespace ?? `${DEFAULT_ROOT_NAMESPACE} (Istio default)`;
}

/** The facts a person looks for first in an object of each kind. */
export function objectFacts(object: StoredObject): Fact[] {
  switch (object.kind) {
    case 'VirtualService': {
      const { hosts, gateways, http, tcp, tls, exportTo } = object.spec;
      const routes = [
        ['http', http],
        ['tcp', tcp],
        ['tls', tls],
      ] as const;
      return [
        ['Hosts', hosts?.join(', ') || '—'],
        ['Gateways', gateways?.length ? gateways.join(', ') : 'mesh (internal only)'],
        [
          'Routes',
          routes
            .filter(([, list]) => list?.length)
            .map(([kind, list]) => `${list?.length} ${kind}`)
            .join(', ') || 'none',
        ],
        ...(exportTo ? [['Exported to', exportTo.join(', ')] as Fact] : []),
      ];
    }
    case 'DestinationRule':
      return [
        ['Host', object.spec.host],
        ...(object.spec.subsets ?? []).map(
          (subset): Fact => [`Subset ${subset.name}`, labels(subset.labels)],
        ),
        ...(object.spec.trafficPolicy?.tls?.mode
          ? [['TLS', object.spec.trafficPolicy.tls.mode] as Fact]
          : []),
      ];
    case 'Gateway':
      return [
        ['Selector', labels(object.spec.selector)],
        ...(object.spec.servers ?? []).map(
          (server): Fact => [
            `${server.port.protocol} ${server.port.number}`,
            `${server.hosts.join(', ')}${server.tls?.mode ? ` (TLS ${server.tls.mode})` : server.tls?.httpsRedirect ? ' (redirects to HTTPS)' : ''}`,
          ],
        ),
      ];
    case 'ServiceEntry':
      return [
        ['Hosts', object.spec.hosts?.join(', ') || '—'],
        ['Location', object.spec.location ?? '—'],
      ];
    case 'Service':
      return [
        ['Selector', labels(object.spec.selector)],
        [
          'Ports',
          object.spec.ports?.map((port) => `${port.name ? `${port.name} ` : ''}${port.port}`).join(', ') ||
            '—',
        ],
      ];
    case 'Pod':
      return [
        ['Ready', object.status.ready ? 'yes' : 'no'],
        ['Phase', object.status.phase ?? '—'],
        ['Labels', labels(object.metadata.labels)],
      ];
    case 'Namespace':
      return [['Labels', labels(object.metadata.labels)]];
    case 'Sidecar':
      return [
        [
          'Workloads',
          object.spec.workloadSelector ? labels(object.spec.workloadSelector.labels) : 'the whole namespace',
        ],
        ['Egress hosts', object.spec.egress?.flatMap((entry) => entry.hosts ?? []).join(', ') || '—'],
        ['Outbound policy', object.spec.outboundTrafficPolicy?.mode ?? 'from the mesh config'],
      ];
    case 'ConfigMap':
      return [
        ['Outbound policy', object.spec.outboundTrafficPolicy?.mode ?? 'ALLOW_ANY (Istio default)'],
        ['Root namespace', rootNamespaceOf(object)],
        ...(object.spec.error ? [['Unreadable', object.spec.error] as Fact] : []),
      ];
    case 'Invalid':
      return [
        ['Claimed kind', `${object.ofKind} (${object.apiVersion})`],
        ['Why it is not drawn', object.reason],
      ];
    default:
      return gatewayApiFacts(object);
  }
}
