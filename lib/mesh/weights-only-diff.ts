import { deepEqual } from './deep-equal';
import { GATEWAY_ROUTE_KINDS } from './gateway-api-types';
import type { MeshSnapshot, ObjectKey, StoredObject } from './types';
import { withoutWriteMarks } from './write-marks';

const ROUTE_LISTS = ['http', 'tls', 'tcp'] as const;

/**
 * The VirtualServices and Gateway API routes whose route weights alone changed from `before` to `after` (a canary
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

/** Whether `now` differs from `was` in its route weights alone (a canary step), or not at all. */
export function weightsAlone(was: StoredObject, now: StoredObject): boolean {
  if (was.kind !== now.kind || !WEIGHTED.has(was.kind)) return false;
  return deepEqual(withoutWeights(was), withoutWeights(now));
}

const WEIGHTED: ReadonlySet<string> = new Set(['VirtualService', ...GATEWAY_ROUTE_KINDS]);

/**
 * The object as the graph sees it apart from its weights (a VirtualService's route
 * destinations', a Gateway API route's backendRefs'): what a write's new version moves left out too.
 */
function withoutWeights(object: StoredObject): unknown {
  const spec: Record<string, unknown> = {
    ...((object as { spec?: object }).spec as Record<string, unknown>),
  };
  const [lists, field] =
    object.kind === 'VirtualService' ? [ROUTE_LISTS, 'route'] : [['rules'], 'backendRefs'];
  for (const kind of lists) {
    const routes = spec[kind];
    if (!Array.isArray(routes)) continue;
    spec[kind] = routes.map((route: unknown) => {
      if (typeof route !== 'object' || route === null) return route;
      const { [field]: destinations, ...rest } = route as Record<string, unknown>;
      if (!Array.isArray(destinations)) return route;
      return {
        ...rest,
        [field]: destinations.map((entry: unknown) => {
          if (typeof entry !== 'object' || entry === null) return entry;
          const { weight: _weight, ...destination } = entry as Record<string, unknown>;
          return destination;
        }),
      };
    });
  }
  return { ...withoutWriteMarks(object), spec };
}
