import type { MeshSnapshot } from './types';

/** Every namespace the person can see: those listed, and those any object lives in. */
export function namespacesOf(snapshot: MeshSnapshot): string[] {
  // A view of some namespaces holds only their part, and says what else there is.
  if (snapshot.namespaces) return snapshot.namespaces;
  const names = new Set<string>();
  for (const object of Object.values(snapshot.objects)) {
    if (object.kind === 'Namespace') names.add(object.metadata.name);
    else if (object.metadata.namespace) names.add(object.metadata.namespace);
  }
  return [...names].sort();
}
