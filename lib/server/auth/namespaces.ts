import 'server-only';
import { parseObjectKey } from '../../mesh/object-key';
import type { MeshSnapshot } from '../../mesh/types';

/** Every namespace a snapshot mentions: Namespace objects and the namespaces of the rest. */
export function namespacesOfSnapshot(snapshot: MeshSnapshot): string[] {
  const names = new Set<string>();
  for (const key of Object.keys(snapshot.objects)) {
    const { kind, namespace, name } = parseObjectKey(key);
    if (kind === 'Namespace') names.add(name);
    else if (namespace) names.add(namespace);
  }
  return [...names].sort();
}
