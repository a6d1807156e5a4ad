import {
  GATEWAY_API_GROUP,
  GATEWAY_ROUTE_KINDS,
  type GatewayRouteKind,
  type KubernetesGateway,
} from './gateway-api-types';
import type { Template } from './object-templates';
import type { MeshSnapshot, Service, SyncStatus } from './types';

/** The route kinds "New …" offers: those the cluster serves (a kind whose CRD is absent is not). */
export function creatableRouteKinds(sync: Pick<SyncStatus, 'notServed'> | undefined): GatewayRouteKind[] {
  const notServed = new Set(sync?.notServed ?? []);
  return GATEWAY_ROUTE_KINDS.filter((kind) => !notServed.has(kind));
}

/** The listener protocols each route kind attaches to (a Gateway with one is the better parent). */
const LISTENER_PROTOCOLS: Record<GatewayRouteKind, readonly string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'],
  GRPCRoute: ['HTTP', 'HTTPS'],
  TCPRoute: ['TCP'],
  TLSRoute: ['TLS'],
};

/** HTTPRoute and GRPCRoute are v1; TCPRoute and TLSRoute read as v1alpha2 on every release Weir reads. */
const API_VERSION: Record<GatewayRouteKind, string> = {
  HTTPRoute: `${GATEWAY_API_GROUP}/v1`,
  GRPCRoute: `${GATEWAY_API_GROUP}/v1`,
  TCPRoute: `${GATEWAY_API_GROUP}/v1alpha2`,
  TLSRoute: `${GATEWAY_API_GROUP}/v1alpha2`,
};

/**
 * A new Gateway API route to start from in a namespace: a parentRef to a Gateway API Gateway
 * in view (the namespace's own first, one with a listener for the kind's protocol first),
 * and one rule with one backendRef to a Service of the namespace (its first port). Without a
 * Gateway in view an HTTPRoute or GRPCRoute is parented to that Service instead (mesh
 * routing, GAMMA); a TCPRoute or TLSRoute gets no parentRef (attached to nothing until one is
 * written). Placeholders where the view has nothing to offer; the person edits it all.
 */
export function blankRouteTemplate(kind: GatewayRouteKind, namespace: string, view: MeshSnapshot): Template {
  const all = Object.values(view.objects);
  const services = all
    .filter((o): o is Service => o.kind === 'Service' && o.metadata.namespace === namespace)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const service = services[0];
  const backend = {
    name: service?.metadata.name ?? 'example',
    port: service?.spec.ports?.[0]?.port ?? 80,
  };
  const gateway = parentGateway(kind, namespace, all);
  const parentRefs = gateway
    ? [
        {
          name: gateway.metadata.name,
          ...(gateway.metadata.namespace !== namespace && { namespace: gateway.metadata.namespace }),
        },
      ]
    : kind === 'HTTPRoute' || kind === 'GRPCRoute'
      ? [{ group: '', kind: 'Service', name: backend.name, port: backend.port }]
      : [];
  return {
    apiVersion: API_VERSION[kind],
    kind,
    metadata: { name: `new-${kind.toLowerCase()}`, namespace },
    spec: {
      ...(parentRefs.length > 0 && { parentRefs }),
      ...(kind === 'TLSRoute' && { hostnames: ['example.com'] }),
      rules: [{ backendRefs: [backend] }],
    },
  };
}

function parentGateway(
  kind: GatewayRouteKind,
  namespace: string,
  all: MeshSnapshot['objects'][string][],
): KubernetesGateway | undefined {
  const protocols = LISTENER_PROTOCOLS[kind];
  const fits = (g: KubernetesGateway) => (g.spec.listeners ?? []).some((l) => protocols.includes(l.protocol));
  const gateways = all
    .filter((o): o is KubernetesGateway => o.kind === 'KubernetesGateway')
    .sort(
      (a, b) =>
        Number(b.metadata.namespace === namespace) - Number(a.metadata.namespace === namespace) ||
        Number(fits(b)) - Number(fits(a)) ||
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
    );
  return gateways[0];
}
