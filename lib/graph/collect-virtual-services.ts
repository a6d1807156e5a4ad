import type { ObjectRef, VirtualService } from '../mesh/types';
import { virtualServiceId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { list, record, strings, text } from './read';
import type { GraphNode } from './types';

/** A VirtualService on the graph, with its node. */
export interface VirtualServiceSite {
  vs: VirtualService;
  id: string;
  namespace: string;
  name: string;
  ref: ObjectRef;
  node: GraphNode;
}

/** One node per VirtualService: its hosts, and the gateways it binds to (`mesh` when none). */
export function collectVirtualServices(index: MeshIndex): VirtualServiceSite[] {
  const parents = delegateParents(index.virtualServices);
  return index.virtualServices.map((vs) => {
    const namespace = namespaceOf(vs);
    const name = vs.metadata.name;
    const id = virtualServiceId(namespace, name);
    const ref: ObjectRef = { kind: 'VirtualService', namespace, name };
    const details: string[] = [];
    const hosts = strings(vs.spec.hosts);
    if (hosts.length > 0) details.push(`hosts: ${hosts.join(', ')}`);
    const gateways = strings(vs.spec.gateways);
    const delegatedBy = parents.get(`${namespace}/${name}`);
    // A delegate takes its hosts and gateways from the VirtualService that delegates to it.
    if (delegatedBy && hosts.length === 0 && gateways.length === 0)
      details.push(`delegate of ${delegatedBy.join(', ')}`);
    else details.push(`gateways: ${gateways.length > 0 ? gateways.join(', ') : 'mesh'}`);
    return {
      vs,
      id,
      namespace,
      name,
      ref,
      node: { id, kind: 'virtualService', namespace, label: name, details, ref, problems: [] },
    };
  });
}

// `namespace/name` of each delegate → the VirtualServices that delegate to it.
function delegateParents(virtualServices: readonly VirtualService[]): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const vs of virtualServices) {
    const namespace = namespaceOf(vs);
    for (const route of list(vs.spec.http)) {
      const delegate = record(record(route).delegate);
      const name = text(delegate.name);
      if (!name) continue;
      const key = `${text(delegate.namespace) ?? namespace}/${name}`;
      const parent = `${namespace}/${vs.metadata.name}`;
      const known = parents.get(key) ?? [];
      if (!known.includes(parent)) parents.set(key, [...known, parent]);
    }
  }
  return parents;
}
