import type { MeshSnapshot } from '../../mesh/types';
import { weightEdgeId } from '../ids';
import type { MeshGraph } from '../types';
import { isGatewayRoute } from './corpus-snapshot';
import { gatewayRouteId, kubeGatewayId } from './ids';

/**
 * What a graph of Gateway API objects must show, as a list of what it does not (empty: all
 * there): a node per Gateway and route, and for every backendRef a weight edge carrying its
 * share — the weight over the rule's sum (a missing weight is 1) in whole percent, the shares
 * of a rule adding up to 100 — and whether the weight was written.
 */
export function missingFromGraph(snapshot: MeshSnapshot, graph: MeshGraph): string[] {
  const nodes = new Set(graph.nodes.map((node) => node.id));
  const edges = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const missing: string[] = [];
  for (const object of Object.values(snapshot.objects)) {
    if (object.kind === 'Invalid') {
      missing.push(`${object.ofKind} ${object.metadata.name} unreadable: ${object.reason}`);
      continue;
    }
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name;
    if (object.kind === 'KubernetesGateway' && !nodes.has(kubeGatewayId(namespace, name)))
      missing.push(`Gateway ${name}`);
    if (!isGatewayRoute(object)) continue;
    if (!nodes.has(gatewayRouteId(object.kind, namespace, name))) missing.push(`${object.kind} ${name}`);
    (object.spec.rules ?? []).forEach((rule, ruleIndex) => {
      const backends = rule.backendRefs ?? [];
      const written = backends.map((backend) => backend.weight ?? 1);
      const total = written.reduce((a, b) => a + b, 0);
      let sum = 0;
      backends.forEach((backend, i) => {
        const ref = { kind: object.kind, namespace, name };
        const id = weightEdgeId({ ref, routeKind: 'rules', routeIndex: ruleIndex, destinationIndex: i });
        const edge = edges.get(id);
        const share = edge?.weight?.weight;
        if (edge?.kind !== 'weight' || share === undefined) {
          missing.push(`${id}: no weight edge`);
          return;
        }
        const exact = total > 0 ? ((written[i] ?? 0) * 100) / total : 0;
        if (Math.abs(share - exact) >= 1) missing.push(`${id}: share ${share}%, not ${exact}%`);
        if (edge.weight?.explicit !== (backend.weight !== undefined)) missing.push(`${id}: explicit wrong`);
        sum += share;
      });
      if (backends.length > 0 && total > 0 && sum !== 100)
        missing.push(`${name} rules[${ruleIndex}]: shares add up to ${sum}`);
    });
  }
  return missing;
}
