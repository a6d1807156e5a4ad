import { boundGateways, MESH_GATEWAY, routeGateways } from '../../mesh/resolve';
import type { VirtualService } from '../../mesh/types';
import type { ValidationContext } from '../context';
import { type DestinationSite, destinationsOf, list, namespaceOf, routesOf } from '../walk';

/**
 * The destinations of a VirtualService that sidecars use: those of routes that apply at `mesh`
 * (mirrors with their route). A route only for Gateways is a gateway's business.
 */
export function meshDestinations(vs: VirtualService): DestinationSite[] {
  const bound = boundGateways(vs);
  if (!bound.has(MESH_GATEWAY)) return [];
  const namespace = namespaceOf(vs);
  const atMesh = new Set(
    routesOf(vs)
      .filter((route) => routeGateways({ match: route.matches }, bound, namespace).has(MESH_GATEWAY))
      .map((route) => route.path),
  );
  return destinationsOf(vs).filter((site) => {
    const route = /^spec\.(http|tls|tcp)\[\d+\]/.exec(site.path)?.[0];
    return route !== undefined && atMesh.has(route);
  });
}

/** The namespaces whose sidecars a VirtualService reaches: its exportTo (`.`, `*`, names), all when unset. */
export function namespacesReached(context: ValidationContext, vs: VirtualService): string[] {
  const own = namespaceOf(vs);
  const exportTo = list(vs.spec.exportTo).filter((entry): entry is string => typeof entry === 'string');
  const all = [...context.knownNamespaces].sort();
  if (exportTo.length === 0 || exportTo.includes('*')) return all;
  return [...new Set(exportTo.map((entry) => (entry === '.' ? own : entry)))].filter((ns) => ns !== '~');
}
