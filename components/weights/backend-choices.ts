import { placeOfDestinationNode } from '@/lib/graph/ids';
import type { GraphNode } from '@/lib/graph/types';
import { backendIdentity } from '@/lib/mesh/changes/backend-rule';
import {
  type BackendRef,
  GATEWAY_ROUTE_KINDS,
  type GatewayRoute,
  type ReferenceGrant,
} from '@/lib/mesh/gateway-api-types';
import { objectKey } from '@/lib/mesh/object-key';
import { backendTarget, referenceGranted } from '@/lib/mesh/resolve/gateway-api';
import type { RouteAddress } from '@/lib/mesh/route-address';
import { backendDestination } from '@/lib/mesh/route-destinations';
import type { Destination, MeshSnapshot, ServiceEntry } from '@/lib/mesh/types';
import { destinationName } from './labels';

// The Gateway API side of adding a destination: what a rule of an HTTPRoute, GRPCRoute,
// TCPRoute or TLSRoute can send to next, as backendRefs. destination-choices.ts dispatches.

/** A backendRef to add (its weight the change's to write), with the destination it reads as. */
export interface BackendChoice {
  label: string;
  destination: Destination;
  backendRef: Omit<BackendRef, 'weight'>;
}

const ISTIO_GROUP = 'networking.istio.io';

interface Rule {
  namespace: string;
  /** The route's kind: what a ReferenceGrant in another namespace must let refer to a Service there. */
  kind: string;
  existing: Set<string>;
  grants: ReferenceGrant[];
}

function ruleOf(snapshot: MeshSnapshot, target: RouteAddress): Rule | undefined {
  const object = snapshot.objects[objectKey(target.ref)];
  if (!object || !(GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind)) return undefined;
  const route = object as GatewayRoute;
  const rule = route.spec.rules?.[target.routeIndex];
  if (target.routeKind !== 'rules' || !rule) return undefined;
  const namespace = route.metadata.namespace ?? target.ref.namespace;
  const grants = Object.values(snapshot.objects).filter(
    (o): o is ReferenceGrant => o.kind === 'ReferenceGrant',
  );
  return {
    namespace,
    kind: route.kind,
    existing: new Set((rule.backendRefs ?? []).map((b) => backendIdentity(b, namespace))),
    grants,
  };
}

/**
 * Whether the route may refer to the backend: one in another namespace needs a ReferenceGrant
 * there (the server refuses it otherwise, GWAPI_REFERENCE_NOT_PERMITTED), so it is not offered.
 */
function permitted(backendRef: Omit<BackendRef, 'weight'>, rule: Rule): boolean {
  const { group, kind, namespace, name } = backendTarget({ ...backendRef }, rule.namespace);
  return referenceGranted(
    rule.grants,
    { kind: rule.kind, namespace: rule.namespace },
    { group, kind, namespace, name },
  );
}

function choiceOf(backendRef: Omit<BackendRef, 'weight'>, rule: Rule): BackendChoice {
  const destination = backendDestination(backendRef, rule.namespace);
  const name = destinationName({ host: destination.host, port: destination.port?.number });
  return { label: backendRef.kind === 'Hostname' ? `${name} (host)` : name, destination, backendRef };
}

const serviceRef = (name: string, namespace: string, port: number, rule: Rule) => ({
  name,
  ...(namespace !== rule.namespace && { namespace }),
  port,
});

const hostnameRef = (host: string, port: number) => ({
  group: ISTIO_GROUP,
  kind: 'Hostname',
  name: host,
  port,
});

/**
 * What a rule could send to next: each port of each Service Weir sees (the route's own
 * namespace first), then each port of each ServiceEntry host, as an Istio `Hostname` backend.
 * Backends the rule has are left out, and Services in another namespace no ReferenceGrant
 * lets the route refer to.
 */
export function backendChoices(snapshot: MeshSnapshot, target: RouteAddress): BackendChoice[] {
  const rule = ruleOf(snapshot, target);
  if (!rule) return [];
  const services: BackendChoice[] = [];
  const hosts: BackendChoice[] = [];
  for (const object of Object.values(snapshot.objects)) {
    if (object.kind === 'Service') {
      const namespace = object.metadata.namespace ?? '';
      for (const { port } of object.spec.ports ?? []) {
        services.push(choiceOf(serviceRef(object.metadata.name, namespace, port, rule), rule));
      }
    } else if (object.kind === 'ServiceEntry') {
      for (const host of object.spec.hosts ?? []) {
        if (host.startsWith('*')) continue;
        for (const { number } of object.spec.ports ?? [])
          hosts.push(choiceOf(hostnameRef(host, number), rule));
      }
    }
  }
  const own = (c: BackendChoice) => (c.backendRef.namespace ? 1 : 0);
  services.sort((a, b) => own(a) - own(b) || a.label.localeCompare(b.label));
  hosts.sort((a, b) => a.label.localeCompare(b.label));
  // Each backend once: a Service with 53/TCP and 53/UDP, a host in two ServiceEntries.
  const seen = new Set(rule.existing);
  return [...services, ...hosts].filter((c) => {
    const id = backendIdentity(c.backendRef, rule.namespace);
    if (seen.has(id) || !permitted(c.backendRef, rule)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The backendRef a graph node stands for, for this rule: a destination node of a Service (its
 * port, or the Service's only one) or of a ServiceEntry host (an Istio `Hostname` backend), or
 * a ServiceEntry node with one host and one port. Undefined for anything else — a subset (the
 * Gateway API has none), a wildcard, a Service with several ports and none on the node.
 */
export function backendOfNode(
  snapshot: MeshSnapshot,
  target: RouteAddress,
  node: Pick<GraphNode, 'id' | 'kind' | 'ref'>,
): BackendChoice | undefined {
  const rule = ruleOf(snapshot, target);
  if (!rule || !node.ref) return undefined;
  const owner = snapshot.objects[objectKey(node.ref)];
  const place = node.kind === 'destination' ? placeOfDestinationNode(node.id) : undefined;
  if (place) {
    if (place.subset || !place.host || place.host.startsWith('*')) return undefined;
    if (owner?.kind === 'Service') {
      const port = place.port ?? onlyOne((owner.spec.ports ?? []).map((p) => p.port));
      const namespace = owner.metadata.namespace ?? '';
      if (port === undefined) return undefined;
      const backendRef = serviceRef(owner.metadata.name, namespace, port, rule);
      return permitted(backendRef, rule) ? choiceOf(backendRef, rule) : undefined;
    }
    if (owner?.kind === 'ServiceEntry') {
      const port = place.port ?? onlyOne(entryPorts(owner));
      return port === undefined ? undefined : choiceOf(hostnameRef(place.host, port), rule);
    }
    return undefined;
  }
  if (node.kind === 'serviceEntry' && owner?.kind === 'ServiceEntry') {
    const host = onlyOne(owner.spec.hosts ?? []);
    const port = onlyOne(entryPorts(owner));
    if (!host || host.startsWith('*') || port === undefined) return undefined;
    return choiceOf(hostnameRef(host, port), rule);
  }
  return undefined;
}

/** Whether the rule already sends to this backend (however its namespace is written). */
export function ruleHasBackend(
  snapshot: MeshSnapshot,
  target: RouteAddress,
  backendRef: Omit<BackendRef, 'weight'>,
): boolean {
  const rule = ruleOf(snapshot, target);
  return rule ? rule.existing.has(backendIdentity(backendRef, rule.namespace)) : false;
}

const entryPorts = (entry: ServiceEntry) => (entry.spec.ports ?? []).map((p) => p.number);

function onlyOne<T>(values: readonly T[]): T | undefined {
  return values.length === 1 ? values[0] : undefined;
}
