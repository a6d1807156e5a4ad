import { type RouteAddress, routePath } from '../mesh/route-address';
import type { RouteKind } from '../mesh/types';
import type { VirtualServiceSite } from './collect-virtual-services';
import { describeFeatures, describeMatch } from './describe-route';
import { plainEdgeId, routeId } from './ids';
import { list, record, text } from './read';
import type { GraphEdge, GraphNode } from './types';

/** The route kinds in the order Weir draws them. */
export const ROUTE_ORDER: readonly RouteKind[] = ['http', 'tls', 'tcp'];

/** One route of a VirtualService on the graph. */
export interface RouteSite {
  id: string;
  site: VirtualServiceSite;
  kind: RouteKind;
  index: number;
  address: RouteAddress;
  /** `spec.http[0]` */
  path: string;
  /** The route as written (an empty object when it is not an object at all). */
  route: Record<string, unknown>;
  node: GraphNode;
}

/** A node per http, tls and tcp route, each linked from its VirtualService. */
export function collectRoutes(sites: readonly VirtualServiceSite[]): {
  routes: RouteSite[];
  edges: GraphEdge[];
} {
  const routes: RouteSite[] = [];
  const edges: GraphEdge[] = [];
  for (const site of sites) {
    for (const kind of ROUTE_ORDER) {
      list(site.vs.spec[kind]).forEach((value, index) => {
        const route = record(value);
        const id = routeId(site.namespace, site.name, kind, index);
        const address: RouteAddress = { ref: site.ref, routeKind: kind, routeIndex: index };
        const path = routePath(address);
        const name = text(route.name);
        const details = [
          describeMatch(kind, route.match),
          ...(kind === 'http' ? describeFeatures(route) : []),
        ];
        routes.push({
          id,
          site,
          kind,
          index,
          address,
          path,
          route,
          node: {
            id,
            kind: 'route',
            namespace: site.namespace,
            label: name ? `${kind}[${index}] ${name}` : `${kind}[${index}]`,
            details,
            ref: site.ref,
            path,
            route: address,
            problems: [],
          },
        });
        edges.push({
          id: plainEdgeId('route', site.id, id),
          source: site.id,
          target: id,
          kind: 'route',
          problems: [],
        });
      });
    }
  }
  return { routes, edges };
}
