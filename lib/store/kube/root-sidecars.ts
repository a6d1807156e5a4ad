import { rootNamespaceOf } from '../../mesh/outbound-policy';
import { DEFAULT_ROOT_NAMESPACE } from '../../mesh/outbound-schemas';
import type { MeshConfigPlace, StoredObject } from '../../mesh/types';

/**
 * The namespaces Istio's root namespace may be, whose Sidecars a store limited to some
 * namespaces reads as well: where the mesh config lives (the root assumed while it is
 * unknown), istiod's default istio-system (a mesh config naming none, or none at all), and
 * the one the held mesh config names (rootNamespaceOf).
 */
export function rootSidecarNamespaces(place: MeshConfigPlace, held: StoredObject | undefined): string[] {
  const config = held?.kind === 'ConfigMap' && !held.spec.error ? held : undefined;
  return [...new Set([place.namespace, DEFAULT_ROOT_NAMESPACE, rootNamespaceOf(config)])];
}
