import 'server-only';
import { assertObjectNames } from '../mesh/object-names';
import type { Kind } from '../mesh/types';

export interface ResourceType {
  kind: Kind;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

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
};

/** The API path of a collection (`namespace` undefined: across all namespaces). */
export function collectionPath(type: ResourceType, namespace?: string): string {
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
