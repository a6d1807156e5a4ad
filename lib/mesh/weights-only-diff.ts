import { deepEqual } from './deep-equal';
import type { MeshSnapshot, ObjectKey, StoredObject, VirtualService } from './types';

const ROUTE_LISTS = ['http', 'tls', 'tcp'] as const;

/**
 * The VirtualServices whose route weights alone changed from `before` to `after` (a canary
 * step: written, pending or heard from the cluster); undefined when anything else changed, an
 * object came or went, or another field moved. Objects kept by reference count as unchanged,
 * so the cost is one comparison per object plus the changed ones.
 */
export function weightOnlyChanges(before: MeshSnapshot, after: MeshSnapshot): ObjectKey[] | undefined {
  if (!deepEqual(before.namespaces, after.namespaces)) return undefined;
  if (before.objects === after.objects) return [];
  const changed: ObjectKey[] = [];
  let count = 0;
  for (const key in after.objects) {
    count++;
    const was = before.objects[key];
    const now = after.objects[key] as StoredObject;
    if (was === now) continue;
    if (!was || !weightsAlone(was, now)) return undefined;
    changed.push(key);
  }
  return count === Object.keys(before.objects).length ? changed : undefined;
}

function weightsAlone(was: StoredObject, now: StoredObject): boolean {
  if (was.kind !== 'VirtualService' || now.kind !== 'VirtualService') return false;
  return deepEqual(withoutWeights(was), withoutWeights(now));
}

/** The object as the graph sees it apart from its weights: what a write's new version moves left out too. */
function withoutWeights(vs: VirtualService): unknown {
  const {
    resourceVersion: _version,
    generation: _generation,
    managedFields: _fields,
    ...metadata
  } = vs.metadata;
  const spec: Record<string, unknown> = { ...(vs.spec as unknown as Record<string, unknown>) };
  for (const kind of ROUTE_LISTS) {
    const routes = spec[kind];
    if (!Array.isArray(routes)) continue;
    spec[kind] = routes.map((route: unknown) => {
      if (typeof route !== 'object' || route === null) return route;
      const { route: destinations, ...rest } = route as Record<string, unknown>;
      if (!Array.isArray(destinations)) return route;
      return {
        ...rest,
        route: destinations.map((entry: unknown) => {
          if (typeof entry !== 'object' || entry === null) return entry;
          const { weight: _weight, ...destination } = entry as Record<string, unknown>;
          return destination;
        }),
      };
    });
  }
  return { ...vs, metadata, spec };
}
