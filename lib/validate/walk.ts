import { MESH_GATEWAY } from '../mesh/resolve';
import type { Destination, MeshObject, ObjectRef, RouteKind, VirtualService } from '../mesh/types';

/** The array, or an empty one when the field is missing or (in hand-written input) not an array. */
export function list<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** A record, or an empty one when the field is missing or not an object. */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function refOf(object: MeshObject): ObjectRef {
  return { kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}

export function namespaceOf(object: MeshObject): string {
  return object.metadata.namespace ?? '';
}

/** One route of a VirtualService, whatever its protocol. */
export interface RouteSite {
  kind: RouteKind;
  index: number;
  /** `spec.http[0]` */
  path: string;
  name?: string;
  /** The match conditions as written (HTTP, TLS or L4 attributes). */
  matches: readonly Record<string, unknown>[];
  /** The weighted destinations. */
  destinations: readonly { destination?: Destination; weight?: number }[];
}

/** Every http, tls and tcp route of a VirtualService, in that order. */
export function routesOf(vs: VirtualService): RouteSite[] {
  const sites: RouteSite[] = [];
  for (const kind of ['http', 'tls', 'tcp'] as const) {
    list<unknown>(vs.spec[kind]).forEach((value, index) => {
      const route = record(value);
      sites.push({
        kind,
        index,
        path: `spec.${kind}[${index}]`,
        ...(typeof route.name === 'string' && { name: route.name }),
        matches: list(route.match as Record<string, unknown>[] | undefined).map(record),
        destinations: list(route.route as { destination?: Destination; weight?: number }[] | undefined).map(
          record,
        ),
      });
    });
  }
  return sites;
}

/** A place in a VirtualService where a destination is named. */
export interface DestinationSite {
  destination: Destination;
  /** Path of the destination object: `spec.http[0].route[1].destination`, `spec.http[0].mirror`. */
  path: string;
  role: 'route' | 'mirror';
}

/** Every destination a VirtualService names: route destinations, `mirror` and `mirrors`. */
export function destinationsOf(vs: VirtualService): DestinationSite[] {
  const sites: DestinationSite[] = [];
  for (const route of routesOf(vs)) {
    route.destinations.forEach((entry, index) => {
      const destination = record(entry.destination);
      if (typeof destination.host === 'string') {
        sites.push({
          destination: destination as unknown as Destination,
          path: `${route.path}.route[${index}].destination`,
          role: 'route',
        });
      }
    });
  }
  list(vs.spec.http).forEach((value, index) => {
    const http = record(value);
    const mirror = record(http.mirror);
    if (typeof mirror.host === 'string') {
      sites.push({
        destination: mirror as unknown as Destination,
        path: `spec.http[${index}].mirror`,
        role: 'mirror',
      });
    }
    list(http.mirrors as unknown[] | undefined).forEach((policy, mirrorIndex) => {
      const destination = record(record(policy).destination);
      if (typeof destination.host === 'string') {
        sites.push({
          destination: destination as unknown as Destination,
          path: `spec.http[${index}].mirrors[${mirrorIndex}].destination`,
          role: 'mirror',
        });
      }
    });
  });
  return sites;
}

/** The port number a destination names, if any. */
export function destinationPort(destination: Destination): number | undefined {
  const port = record(destination.port).number;
  return typeof port === 'number' ? port : undefined;
}

/** A VirtualService applies to sidecars when it names no gateway or names `mesh`. */
export function isMeshBound(vs: VirtualService): boolean {
  const gateways = list(vs.spec.gateways);
  return gateways.length === 0 || gateways.includes(MESH_GATEWAY);
}
