import type { MeshIndex } from '../graph/index-snapshot';
import { namespaceOf } from '../graph/index-snapshot';
import { selects } from '../mesh/resolve';
import type { Pod } from '../mesh/types';

// Finding the pods a selector picks by scanning a namespace's pods is linear per destination,
// quadratic over a refresh of a large mesh. Pods by label (`key=value`), per namespace, let a
// selector start from its rarest label's few pods.

type ByLabel = Map<string, Map<string, Pod[]>>;
const memo = new WeakMap<MeshIndex, ByLabel>();

function podsByLabel(index: MeshIndex): ByLabel {
  let byLabel = memo.get(index);
  if (byLabel) return byLabel;
  byLabel = new Map();
  for (const pod of index.pods) {
    const namespace = namespaceOf(pod);
    let inNamespace = byLabel.get(namespace);
    if (!inNamespace) {
      inNamespace = new Map();
      byLabel.set(namespace, inNamespace);
    }
    for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) {
      const entry = `${key}=${value}`;
      const list = inNamespace.get(entry);
      if (list) list.push(pod);
      else inNamespace.set(entry, [pod]);
    }
  }
  memo.set(index, byLabel);
  return byLabel;
}

/** The pods of `namespace` that a non-empty selector picks. */
export function podsSelected(index: MeshIndex, namespace: string, selector: Record<string, string>): Pod[] {
  const inNamespace = podsByLabel(index).get(namespace);
  if (!inNamespace) return [];
  let fewest: Pod[] | undefined;
  for (const [key, value] of Object.entries(selector)) {
    const pods = inNamespace.get(`${key}=${value}`) ?? [];
    if (!fewest || pods.length < fewest.length) fewest = pods;
    if (pods.length === 0) return [];
  }
  return (fewest ?? []).filter((pod) => selects(selector, pod.metadata.labels));
}
