import type { DestinationChange } from './destination-changes';
import { routeAt, routeLabel } from './routes';
import type { Destination, MeshObject } from './types';
import { apportion, effectiveWeights } from './weights';

/**
 * `checkout http[1] (default): add checkout v2 at 0%`, `catalog http[0] (canary): remove
 * catalog v2 (10%), v1 90% → 100%`. Read against the object the change applies to; never throws.
 */
export function describeDestinationChange(change: DestinationChange, object: MeshObject): string {
  const route =
    object.kind === 'VirtualService' ? routeAt(object, change.routeKind, change.routeIndex) : undefined;
  const name = route && 'name' in route && route.name ? ` (${route.name})` : '';
  const where = `${object.metadata.name} ${routeLabel(change.routeKind, change.routeIndex)}${name}`;
  const destinations = route?.route ?? [];
  if (change.kind === 'AddDestination') {
    const destination = change.destination as Destination | undefined;
    const at = destinations.length === 0 ? 100 : 0;
    return `${where}: add ${destination ? destinationWords(destination) : 'a destination'} at ${at}%`;
  }
  const removed = destinations[change.destinationIndex];
  if (!removed) return `${where}: remove destination ${change.destinationIndex}`;
  const weights = effectiveWeights(destinations.map((d) => d.weight));
  const others = destinations.filter((_, i) => i !== change.destinationIndex);
  const before = weights.filter((_, i) => i !== change.destinationIndex);
  const after = apportion(before, 100);
  const moves = others
    .map((d, i) =>
      before[i] === after[i]
        ? undefined
        : `${d.destination.subset ?? d.destination.host} ${before[i]}% → ${after[i]}%`,
    )
    .filter((move) => move !== undefined);
  const carried = `${destinationWords(removed.destination)} (${weights[change.destinationIndex]}%)`;
  return `${where}: remove ${carried}${moves.length > 0 ? `, ${moves.join(', ')}` : ''}`;
}

/** `catalog v2`, `payments:8080`: a destination as a person names it. */
export function destinationWords(d: Destination): string {
  const host = d.host.replace(/\.svc\.cluster\.local$/, '');
  return `${host}${d.port?.number ? `:${d.port.number}` : ''}${d.subset ? ` ${d.subset}` : ''}`;
}
