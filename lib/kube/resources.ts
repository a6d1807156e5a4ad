import 'server-only';
import { assertObjectNames } from '../mesh/object-names';
import { DEFAULT_MESH_CONFIG_PLACE } from '../mesh/outbound-schemas';
import type { Kind, MeshConfigPlace } from '../mesh/types';

/** Where a kind lives in the API; `K`: a mesh kind, or a controller Weir watches for locks. */
export interface ResourceType<K extends string = Kind> {
  kind: K;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /**
   * An optional API (CRDs a cluster may not have): the versions Weir reads, preferred first.
   * The store asks the API server's discovery which one it serves and watches that, or,
   * when none, leaves the kind out and says so (see lib/kube/discovery.ts).
   */
  versions?: readonly string[];
  /**
   * Watched as one object only, in one namespace, by a `metadata.name` field selector (which
   * RBAC authorises against a rule's resourceNames): the mesh config ConfigMap.
   */
  only?: MeshConfigPlace;
}

const gatewayApi = (
  kind: Kind,
  plural: string,
  versions: readonly string[],
  namespaced = true,
): ResourceType => ({
  kind,
  group: 'gateway.networking.k8s.io',
  version: versions[0] as string,
  plural,
  namespaced,
  versions,
});

/** Where each kind Weir holds lives in the Kubernetes API. */
export const RESOURCE_TYPES: Record<Kind, ResourceType> = {
  Gateway: {
    kind: 'Gateway',
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'gateways',
    namespaced: true,
  },
  VirtualService: {
    kind: 'VirtualService',
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'virtualservices',
    namespaced: true,
  },
  DestinationRule: {
    kind: 'DestinationRule',
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'destinationrules',
    namespaced: true,
  },
  ServiceEntry: {
    kind: 'ServiceEntry',
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'serviceentries',
    namespaced: true,
  },
  Service: { kind: 'Service', group: '', version: 'v1', plural: 'services', namespaced: true },
  Namespace: { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  Pod: { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true },
  // Gateway API: v1 since 1.0 (GRPCRoute 1.1, ReferenceGrant 1.5, TCPRoute and TLSRoute 1.5/1.6);
  // the older versions are what earlier releases serve.
  KubernetesGateway: gatewayApi('KubernetesGateway', 'gateways', ['v1', 'v1beta1']),
  GatewayClass: gatewayApi('GatewayClass', 'gatewayclasses', ['v1', 'v1beta1'], false),
  HTTPRoute: gatewayApi('HTTPRoute', 'httproutes', ['v1', 'v1beta1']),
  GRPCRoute: gatewayApi('GRPCRoute', 'grpcroutes', ['v1', 'v1alpha2']),
  TCPRoute: gatewayApi('TCPRoute', 'tcproutes', ['v1', 'v1alpha2']),
  TLSRoute: gatewayApi('TLSRoute', 'tlsroutes', ['v1', 'v1alpha3', 'v1alpha2']),
  ReferenceGrant: gatewayApi('ReferenceGrant', 'referencegrants', ['v1', 'v1beta1']),
  Sidecar: {
    kind: 'Sidecar',
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'sidecars',
    namespaced: true,
  },
  ConfigMap: {
    kind: 'ConfigMap',
    group: '',
    version: 'v1',
    plural: 'configmaps',
    namespaced: true,
    only: DEFAULT_MESH_CONFIG_PLACE,
  },
};

/** The API path of a collection (`namespace` undefined: across all namespaces). */
export function collectionPath(type: ResourceType<string>, namespace?: string): string {
  if (namespace) assertObjectNames({ namespace });
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  return type.namespaced && namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${type.plural}`
    : `${base}/${type.plural}`;
}

/**
 * The API path of one object. Names are checked first: `..` in a namespace or name would
 * otherwise walk the URL to another resource of the API server.
 */
export function objectPath(type: ResourceType, namespace: string, name: string): string {
  assertObjectNames({ namespace: type.namespaced ? namespace : '', name });
  return `${collectionPath(type, namespace)}/${encodeURIComponent(name)}`;
}
