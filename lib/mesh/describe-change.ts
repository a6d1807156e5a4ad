import type { MeshChange, SetWeights } from './changes';
import { describeRoutingChange } from './changes/describe-routing-change';
import { isRoutingChange } from './changes/routing-changes';
import { describeDestinationChange } from './describe-destination-change';
import { routeAt, routeLabel } from './routes';
import type { Destination, MeshObject } from './types';
import { effectiveWeights } from './weights';

/**
 * A one-line account of a change for history and the UI, read against the object it applies
 * to: `reviews http[0]: v1 90% → 75%, v2 10% → 25%`. Never throws.
 */
export function describeChange(change: MeshChange, object: MeshObject): string {
  switch (change.kind) {
    case 'SetWeights':
      return describeSetWeights(change, object);
    case 'AddDestination':
    case 'RemoveDestination':
      return describeDestinationChange(change, object);
    default:
      if (isRoutingChange(change)) return describeRoutingChange(change, object);
      return `${object.metadata.name}: ${String((change as { kind?: unknown }).kind)}`;
  }
}

function describeSetWeights(change: SetWeights, object: MeshObject): string {
  const route =
    object.kind === 'VirtualService' ? routeAt(object, change.routeKind, change.routeIndex) : undefined;
  const name = route && 'name' in route && route.name ? ` (${route.name})` : '';
  const where = `${object.metadata.name} ${routeLabel(change.routeKind, change.routeIndex)}${name}`;
  const destinations = route?.route ?? [];
  if (!Array.isArray(change.weights)) return `${where}: weights set`;
  if (destinations.length !== change.weights.length) {
    return `${where}: weights set to ${change.weights.map((w) => `${w}%`).join(', ')}`;
  }

  // Weights as Istio applies them now, so "90% → 75%" is true even where 90 was implicit.
  const before = effectiveWeights(destinations.map((d) => d.weight));
  const labels = destinationLabels(destinations.map((d) => d.destination));
  const moves = change.weights
    .map((after, i) => (before[i] === after ? undefined : `${labels[i]} ${before[i]}% → ${after}%`))
    .filter((move) => move !== undefined);
  return moves.length > 0 ? `${where}: ${moves.join(', ')}` : `${where}: weights unchanged`;
}

// The shortest name that tells destinations apart: the subset, else the host; then the port.
function destinationLabels(destinations: Destination[]): string[] {
  const candidates = [
    (d: Destination) => d.subset ?? d.host,
    (d: Destination) => `${d.subset ?? d.host}${d.port?.number ? `:${d.port.number}` : ''}`,
    (d: Destination) =>
      `${d.host}${d.subset ? `/${d.subset}` : ''}${d.port?.number ? `:${d.port.number}` : ''}`,
  ];
  for (const label of candidates) {
    const labels = destinations.map(label);
    if (new Set(labels).size === labels.length) return labels;
  }
  return destinations.map((d, i) => `${d.host}#${i}`);
}
