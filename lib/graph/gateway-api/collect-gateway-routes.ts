import type { GatewayRoute } from '../../mesh/gateway-api-types';
import { describeRuleFilters, describeRuleMatches } from '../../mesh/gateway-api-words';
import {
  attachedListeners,
  isGatewayParent,
  isServiceRef,
  type ParentTarget,
  parentTarget,
} from '../../mesh/resolve';
import type { RouteAddress } from '../../mesh/route-address';
import type { ObjectRef } from '../../mesh/types';
import { plainEdgeId } from '../ids';
import { list, record, text } from '../read';
import type { GraphEdge, GraphNode, GraphProblem } from '../types';
import { conditionProblems, hostnamesOf } from './collect-kube-gateways';
import type { GatewayApiIndex } from './gateway-api-index';
import { gatewayRouteId, kubeGatewayId, ruleId } from './ids';

/** One rule of a Gateway API route on the graph. */
export interface RuleSite {
  id: string;
  route: GatewayRoute;
  namespace: string;
  ref: ObjectRef;
  index: number;
  address: RouteAddress;
  /** `spec.rules[0]` */
  path: string;
  rule: Record<string, unknown>;
}

/**
 * A node per route object (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute) in the VirtualService
 * column — its hostnames, parents and what the controllers said — with a `binds` edge from
 * each Gateway it attaches to, and a node per rule (matches, filters, timeouts) beside it.
 * A route whose parent is a Service (GAMMA) is a mesh route, east-west, with no gateway.
 */
export function collectGatewayRoutes(index: GatewayApiIndex): {
  nodes: GraphNode[];
  edges: GraphEdge[];
  rules: RuleSite[];
} {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const rules: RuleSite[] = [];
  for (const route of index.routes) {
    const namespace = route.metadata.namespace ?? '';
    const name = route.metadata.name;
    const id = gatewayRouteId(route.kind, namespace, name);
    const ref: ObjectRef = { kind: route.kind, namespace, name };
    const hostnames = 'hostnames' in route.spec ? hostnamesOf(route.spec.hostnames) : [];
    const details: string[] = [];
    if (hostnames.length > 0) details.push(`hostnames: ${hostnames.join(', ')}`);
    const parents: string[] = [];
    const mesh: string[] = [];
    list(route.spec.parentRefs).forEach((value, position) => {
      const parent = parentTarget(record(value), namespace);
      if (!isGatewayParent(parent)) {
        (isServiceRef(parent) ? mesh : parents).push(parentText(parent, namespace));
        return;
      }
      const gateway = index.gatewayByName.get(`${parent.namespace}/${parent.name}`);
      if (!gateway) {
        parents.push(`${parentText(parent, namespace)} (no such Gateway here)`);
        return;
      }
      const listeners = list(gateway.spec.listeners).map(record);
      const attached = attachedListeners(
        listeners,
        parent,
        { kind: route.kind, namespace, hostnames },
        index.namespaceLabels,
      );
      if (attached.length === 0) {
        parents.push(`${parentText(parent, namespace)} (no listener takes it)`);
        return;
      }
      parents.push(parentText(parent, namespace));
      const source = kubeGatewayId(parent.namespace, parent.name);
      const edgeId = plainEdgeId('binds', source, id);
      if (edges.some((edge) => edge.id === edgeId)) return;
      edges.push({
        id: edgeId,
        source,
        target: id,
        kind: 'binds',
        ref,
        path: `spec.parentRefs[${position}]`,
        problems: [],
      });
    });
    if (parents.length > 0) details.push(`parents: ${parents.join(', ')}`);
    if (mesh.length > 0) details.push(`mesh (east-west) for ${mesh.join(', ')}`);
    if (parents.length === 0 && mesh.length === 0) details.push('no parents: attached nowhere');
    const status = statusOf(route, name);
    details.push(...status.details);
    nodes.push({
      id,
      kind: 'virtualService',
      tag: route.kind,
      namespace,
      label: name,
      details,
      ref,
      problems: status.problems,
    });

    list(route.spec.rules).forEach((value, ruleIndex) => {
      const rule = record(value);
      const site = ruleSite(route, ref, namespace, ruleIndex, rule);
      rules.push(site);
      const ruleName = text(rule.name);
      nodes.push({
        id: site.id,
        kind: 'route',
        tag: 'Rule',
        namespace,
        label: ruleName ? `rules[${ruleIndex}] ${ruleName}` : `rules[${ruleIndex}]`,
        details:
          route.kind === 'TCPRoute' || route.kind === 'TLSRoute'
            ? ['every connection', ...describeRuleFilters(rule)]
            : [describeRuleMatches(route.kind, rule.matches), ...describeRuleFilters(rule)],
        ref,
        path: site.path,
        route: site.address,
        problems: [],
      });
      edges.push({
        id: plainEdgeId('route', id, site.id),
        source: id,
        target: site.id,
        kind: 'route',
        problems: [],
      });
    });
  }
  return { nodes, edges, rules };
}

function ruleSite(
  route: GatewayRoute,
  ref: ObjectRef,
  namespace: string,
  index: number,
  rule: Record<string, unknown>,
): RuleSite {
  const address: RouteAddress = { ref, routeKind: 'rules', routeIndex: index };
  return {
    id: ruleId(route.kind, namespace, route.metadata.name, index),
    route,
    namespace,
    ref,
    index,
    address,
    path: `spec.rules[${index}]`,
    rule,
  };
}

// `edge/https:443`, `istio-system/edge`, `Service cart:8080`.
function parentText(parent: ParentTarget, namespace: string): string {
  const where = parent.namespace === namespace ? parent.name : `${parent.namespace}/${parent.name}`;
  const kind = isGatewayParent(parent) ? '' : `${parent.kind} `;
  return `${kind}${where}${parent.sectionName ? `/${parent.sectionName}` : ''}${parent.port !== undefined ? `:${parent.port}` : ''}`;
}

// What the controllers said about the route, per parent: accepted, or why not.
function statusOf(route: GatewayRoute, name: string): { details: string[]; problems: GraphProblem[] } {
  const parents = list(record(route.status).parents).map(record);
  if (parents.length === 0) return { details: ['status: no controller yet'], problems: [] };
  const details: string[] = [];
  const problems: GraphProblem[] = [];
  for (const parent of parents) {
    const target = text(record(parent.parentRef).name) ?? '?';
    const accepted = list(parent.conditions)
      .map(record)
      .find((condition) => condition.type === 'Accepted');
    details.push(
      accepted?.status === 'True'
        ? `accepted by ${target}`
        : `not accepted by ${target}${accepted ? '' : ' (no Accepted condition)'}`,
    );
    problems.push(
      ...conditionProblems(parent.conditions, `${route.kind} ${name} on ${target}`, [
        'Accepted',
        'ResolvedRefs',
      ]),
    );
  }
  return { details, problems };
}
