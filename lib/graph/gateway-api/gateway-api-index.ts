import type { GatewayRoute, KubernetesGateway, ReferenceGrant } from '../../mesh/gateway-api-types';
import { GATEWAY_ROUTE_KINDS } from '../../mesh/gateway-api-types';
import type { MeshSnapshot } from '../../mesh/types';
import { labels, record } from '../read';

const WANTED = new Set<unknown>(['Namespace', 'KubernetesGateway', 'ReferenceGrant', ...GATEWAY_ROUTE_KINDS]);

/** The Gateway API objects of a snapshot, in key order, with the lookups the stages need. */
export interface GatewayApiIndex {
  gateways: KubernetesGateway[];
  /** `namespace/name` → Gateway. */
  gatewayByName: ReadonlyMap<string, KubernetesGateway>;
  routes: GatewayRoute[];
  grants: ReferenceGrant[];
  /** A namespace's labels (for allowedRoutes selectors); undefined when Weir holds no Namespace object for it. */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
}

/**
 * Sorts out a snapshot's Gateway API objects, skipping anything without a name and giving a
 * missing or malformed `spec` an empty one, so later stages read fields without guarding.
 */
export function indexGatewayApi(snapshot: MeshSnapshot): GatewayApiIndex {
  const gateways: KubernetesGateway[] = [];
  const routes: GatewayRoute[] = [];
  const grants: ReferenceGrant[] = [];
  const namespaceLabels = new Map<string, Record<string, string>>();
  // Only these kinds are sorted (into key order): a mesh of VirtualServices pays one pass.
  const objects = Object.entries(record(record(snapshot).objects))
    .filter(([, value]) => WANTED.has(record(value).kind))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, value] of objects) {
    const object = record(value);
    const metadata = record(object.metadata);
    if (typeof metadata.name !== 'string' || metadata.name === '') continue;
    const clean = {
      ...object,
      metadata: {
        ...metadata,
        name: metadata.name,
        namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
        labels: labels(metadata.labels),
      },
      spec: record(object.spec),
    };
    if (object.kind === 'Namespace') namespaceLabels.set(metadata.name, clean.metadata.labels);
    else if (object.kind === 'KubernetesGateway') gateways.push(clean as unknown as KubernetesGateway);
    else if (object.kind === 'ReferenceGrant') grants.push(clean as unknown as ReferenceGrant);
    else if ((GATEWAY_ROUTE_KINDS as readonly unknown[]).includes(object.kind))
      routes.push(clean as unknown as GatewayRoute);
  }
  return {
    gateways,
    gatewayByName: new Map(gateways.map((g) => [`${g.metadata.namespace ?? ''}/${g.metadata.name}`, g])),
    routes,
    grants,
    namespaceLabels: (namespace) => namespaceLabels.get(namespace),
  };
}
