import { keyOf } from '../mesh/object-key';
import type {
  DestinationRule,
  Gateway,
  InvalidObject,
  MeshConfigSource,
  MeshSnapshot,
  ObjectKey,
  Pod,
  Service,
  ServiceEntry,
  StoredObject,
  VirtualService,
} from '../mesh/types';
import { labels, record, strings } from './read';

/** The objects of a snapshot by kind, each list in key order, with the lookups the stages need. */
export interface MeshIndex {
  gateways: Gateway[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  services: Service[];
  serviceEntries: ServiceEntry[];
  pods: Pod[];
  /** Unreadable objects, each with the key the snapshot holds it under. */
  invalid: { key: ObjectKey; object: InvalidObject }[];
  /** Every namespace Weir has heard of: Namespace objects and the namespaces objects live in. */
  namespaces: ReadonlySet<string>;
  /** `namespace/name` → object. */
  gatewayByName: ReadonlyMap<string, Gateway>;
  virtualServiceByName: ReadonlyMap<string, VirtualService>;
  /** `name.namespace.svc.cluster.local` → Service. */
  serviceByFqdn: ReadonlyMap<string, Service>;
  /** A host as a ServiceEntry lists it (lower case) → the first ServiceEntry listing it. */
  serviceEntryByHost: ReadonlyMap<string, ServiceEntry>;
  podsByNamespace: ReadonlyMap<string, Pod[]>;
  /** Sidecars and the mesh config: what the outbound policy is read from (meshOutbound). */
  outboundPolicy: StoredObject[];
  /** Where the mesh config is read, and whether it is known (the snapshot's sync status). */
  meshConfig?: MeshConfigSource;
}

/** Namespace of an object ('' for cluster-scoped or missing). */
export function namespaceOf(object: { metadata: { namespace?: string } }): string {
  return typeof object.metadata.namespace === 'string' ? object.metadata.namespace : '';
}

/**
 * Sorts a snapshot's objects by kind, skipping anything without a name and giving a missing or
 * malformed `spec` an empty one, so later stages read fields without guarding the object itself.
 */
export function indexSnapshot(snapshot: MeshSnapshot): MeshIndex {
  const index: MeshIndex = {
    gateways: [],
    virtualServices: [],
    destinationRules: [],
    services: [],
    serviceEntries: [],
    pods: [],
    invalid: [],
    namespaces: new Set(),
    gatewayByName: new Map(),
    virtualServiceByName: new Map(),
    serviceByFqdn: new Map(),
    serviceEntryByHost: new Map(),
    podsByNamespace: new Map(),
    outboundPolicy: [],
    ...meshConfigOf(snapshot),
  };
  const namespaces = index.namespaces as Set<string>;
  // Each object with the key the store holds it under: unique by construction, where a key
  // recomputed from a malformed invalid object (no string kind) could name two objects alike.
  const entries = Object.entries(record(record(snapshot).objects))
    .map(([key, value]) => ({ key: key as ObjectKey, object: sanitize(value) }))
    .filter((entry): entry is { key: ObjectKey; object: StoredObject } => entry.object !== undefined)
    .sort((a, b) => compare(keyOf(a.object), keyOf(b.object)) || compare(a.key, b.key));

  for (const { key, object } of entries) {
    const namespace = namespaceOf(object);
    if (namespace) namespaces.add(namespace);
    const name = `${namespace}/${object.metadata.name}`;
    switch (object.kind) {
      case 'Gateway':
        index.gateways.push(object);
        (index.gatewayByName as Map<string, Gateway>).set(name, object);
        break;
      case 'VirtualService':
        index.virtualServices.push(object);
        (index.virtualServiceByName as Map<string, VirtualService>).set(name, object);
        break;
      case 'DestinationRule':
        index.destinationRules.push(object);
        break;
      case 'ServiceEntry': {
        index.serviceEntries.push(object);
        const byHost = index.serviceEntryByHost as Map<string, ServiceEntry>;
        for (const host of strings(object.spec.hosts)) {
          if (!byHost.has(host.toLowerCase())) byHost.set(host.toLowerCase(), object);
        }
        break;
      }
      case 'Service':
        index.services.push(object);
        (index.serviceByFqdn as Map<string, Service>).set(
          `${object.metadata.name}.${namespace}.svc.cluster.local`.toLowerCase(),
          object,
        );
        break;
      case 'Pod': {
        index.pods.push(object);
        const byNamespace = index.podsByNamespace as Map<string, Pod[]>;
        byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), object]);
        break;
      }
      case 'Namespace':
        namespaces.add(object.metadata.name);
        break;
      case 'Invalid':
        index.invalid.push({ key, object });
        break;
      case 'Sidecar':
      case 'ConfigMap':
        index.outboundPolicy.push(object);
        break;
    }
  }
  return index;
}

// The sync status's mesh config source, when it is of the right shape (a snapshot from outside).
function meshConfigOf(snapshot: MeshSnapshot): { meshConfig?: MeshConfigSource } {
  const source = record(record(record(snapshot).sync).meshConfig);
  if (typeof source.namespace !== 'string' || typeof source.name !== 'string') return {};
  return {
    meshConfig: {
      namespace: source.namespace,
      name: source.name,
      ...(typeof source.unknown === 'string' && { unknown: source.unknown }),
    },
  };
}

function sanitize(value: unknown): StoredObject | undefined {
  const object = record(value);
  const metadata = record(object.metadata);
  if (typeof object.kind !== 'string' || typeof metadata.name !== 'string' || metadata.name === '')
    return undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const cleanMetadata = { ...metadata, name: metadata.name, namespace, labels: labels(metadata.labels) };
  if (object.kind === 'Invalid') {
    return {
      ...(object as unknown as InvalidObject),
      ofKind: typeof object.ofKind === 'string' ? object.ofKind : 'Unknown',
      apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : '',
      reason: typeof object.reason === 'string' ? object.reason : '',
      metadata: cleanMetadata,
    };
  }
  const spec = record(object.spec);
  if (object.kind === 'Pod') {
    const status = record(object.status);
    return {
      ...(object as unknown as Pod),
      metadata: cleanMetadata,
      spec,
      status: { ...status, ready: status.ready === true },
    };
  }
  return { ...(object as unknown as StoredObject), metadata: cleanMetadata, spec } as StoredObject;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
