import type { BackendRef, GatewayRoute, ParentReference } from './gateway-api-types';

/**
 * What deleting a Gateway API route does to traffic: its parents stop routing its hostnames
 * (a Gateway answers 404 for them, or another route takes them; a Service parent falls back
 * to plain Kubernetes routing), and each rule's backends lose what it sent them.
 */
export function routeDeletionImpact(route: GatewayRoute): string[] {
  const namespace = route.metadata.namespace ?? '';
  const parents = (route.spec.parentRefs ?? []).map((p) => describeParent(p, namespace));
  const hostnames = 'hostnames' in route.spec ? (route.spec.hostnames ?? []) : [];
  const lines = [
    parents.length
      ? `${parents.join(', ')} no longer route${parents.length === 1 ? 's' : ''}${hostnames.length ? ` ${hostnames.join(', ')}` : ''} through it; ${route.kind === 'TCPRoute' || route.kind === 'TLSRoute' ? 'connections it took are refused' : 'requests it matched get 404'} unless another route takes them.`
      : 'It has no parentRef: no traffic is routed by it.',
  ];
  (route.spec.rules ?? []).forEach((rule, i) => {
    const backends = (rule.backendRefs ?? []).map((b) => describeBackend(b, namespace)).join(', ');
    lines.push(`rules[${i}]${rule.name ? ` (${rule.name})` : ''} → ${backends || 'no backends'}`);
  });
  return lines;
}

function describeParent(parent: ParentReference, namespace: string): string {
  const kind = parent.kind ?? 'Gateway';
  const where = parent.namespace && parent.namespace !== namespace ? `${parent.namespace}/` : '';
  return `${kind} ${where}${parent.name}${parent.sectionName ? ` (${parent.sectionName})` : ''}`;
}

function describeBackend(backend: BackendRef, namespace: string): string {
  const where = backend.namespace && backend.namespace !== namespace ? `${backend.namespace}/` : '';
  const port = backend.port ? `:${backend.port}` : '';
  return `${where}${backend.name}${port}${backend.weight !== undefined ? ` (weight ${backend.weight})` : ''}`;
}
