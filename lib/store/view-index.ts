import 'server-only';
import { keyOf, storedKind } from '../mesh/object-key';
import { DEFAULT_ROOT_NAMESPACE } from '../mesh/outbound-schemas';
import type { ObjectKey, StoredObject } from '../mesh/types';
import { delegatesReferenced, namespacesReferenced } from '../mesh/view-references';

// What a view takes from a namespace it only passes through: what its routes resolve against,
// not that namespace's own VirtualServices.
const SUPPORTING = new Set([
  'Service',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
  'Pod',
  'Namespace',
  'KubernetesGateway',
  'ReferenceGrant',
]);

/**
 * The store's objects filed by namespace and by the namespaces they point into, kept up to
 * date by each put and delete, so that a view of some namespaces (`/api/snapshot?namespace=`,
 * its event stream) takes what it shows without walking the mesh: the namespaces' own objects,
 * the objects elsewhere that point into them (a VirtualService routing to their Service, a
 * DestinationRule for it), the delegates their roots name, and what those and theirs resolve
 * against in the namespaces they reach (Services, DestinationRules, Gateways and Pods there;
 * the pods a Gateway selects and the Services beside them; every ServiceEntry, and the mesh
 * config and the root namespace's Sidecars, which set every namespace's outbound policy).
 */
export class ViewIndex {
  private readonly byNamespace = new Map<string, Set<ObjectKey>>();
  private readonly pointingInto = new Map<string, Set<ObjectKey>>();
  private readonly references = new Map<ObjectKey, readonly string[]>();
  private readonly podsByLabel = new Map<string, Set<ObjectKey>>();
  private readonly serviceEntries = new Set<ObjectKey>();
  private readonly scopes = new Map<string, ReadonlySet<ObjectKey>>();

  constructor(
    private readonly get: (key: ObjectKey) => StoredObject | undefined,
    /**
     * Istio's root namespace as the held mesh config says (heldRootNamespace): its Sidecars
     * apply to every namespace without its own. Asked each time, so a mesh config that moves
     * it moves them in every view, as in the whole mesh.
     */
    private readonly rootNamespace: () => string = () => DEFAULT_ROOT_NAMESPACE,
  ) {}

  /** Files `object` (held before as `before`). Call after the store holds it. */
  put(object: StoredObject, before?: StoredObject): void {
    const key = keyOf(object);
    if (before) this.unfile(key, before);
    const namespace = homeOf(object);
    add(this.byNamespace, namespace, key);
    const references = namespacesReferenced(object);
    if (references.length > 0) this.references.set(key, references);
    for (const other of references) add(this.pointingInto, other, key);
    if (storedKind(object) === 'ServiceEntry' || object.kind === 'ConfigMap') this.serviceEntries.add(key);
    if (object.kind === 'Pod') {
      for (const [label, value] of Object.entries(object.metadata.labels ?? {}))
        add(this.podsByLabel, `${label}=${value}`, key);
    }
    // Only what can change a view's set of objects forgets the views worked out.
    if (!before || !sameShape(before, object)) this.scopes.clear();
  }

  delete(key: ObjectKey, before: StoredObject): void {
    this.unfile(key, before);
    this.scopes.clear();
  }

  /** Every namespace an object lives in or a Namespace object names. */
  namespaceNames(): string[] {
    return [...this.byNamespace.keys()].filter((name) => name !== '').sort();
  }

  /** The keys a view of `namespaces` holds (worked out once until the mesh's shape changes). */
  scope(namespaces: readonly string[]): ReadonlySet<ObjectKey> {
    const root = this.rootNamespace();
    // The root is part of the view: a mesh config naming another takes other Sidecars in.
    const id = `${root}\n\n${[...new Set(namespaces)].sort().join('\n')}`;
    let scope = this.scopes.get(id);
    if (!scope) {
      scope = this.workOut(new Set(namespaces), root);
      this.scopes.set(id, scope);
    }
    return scope;
  }

  private workOut(namespaces: ReadonlySet<string>, root: string): ReadonlySet<ObjectKey> {
    const keys = new Set<ObjectKey>();
    const reached = new Set<string>();
    for (const namespace of namespaces) {
      for (const key of this.byNamespace.get(namespace) ?? []) keys.add(key);
      for (const key of this.pointingInto.get(namespace) ?? []) {
        keys.add(key);
        reached.add(namespaceOfKey(key));
      }
    }
    // The delegates the view's roots name, wherever they live: without them a view reported
    // every delegate in another namespace as missing (VS_DELEGATE_NOT_FOUND). What they route
    // to is reached below like the roots' own.
    for (const key of [...keys]) {
      const object = kindOfKey(key) === 'VirtualService' ? this.get(key) : undefined;
      for (const delegate of object ? delegatesReferenced(object) : [])
        if (this.get(delegate)) keys.add(delegate);
    }
    for (const key of keys) for (const namespace of this.references.get(key) ?? []) reached.add(namespace);
    for (const namespace of reached) {
      if (namespaces.has(namespace)) continue;
      for (const key of this.byNamespace.get(namespace) ?? [])
        if (SUPPORTING.has(kindOfKey(key))) keys.add(key);
      for (const key of this.pointingInto.get(namespace) ?? [])
        if (kindOfKey(key) === 'DestinationRule') keys.add(key);
    }
    for (const key of this.serviceEntries) keys.add(key);
    // The root namespace's Sidecars (and the mesh config, filed with the ServiceEntries) set
    // every namespace's outbound policy.
    for (const key of this.byNamespace.get(root) ?? []) if (kindOfKey(key) === 'Sidecar') keys.add(key);
    for (const key of [...keys]) {
      const object = this.get(key);
      if (object?.kind !== 'Gateway') continue;
      for (const pod of this.podsSelected(object.spec.selector)) {
        keys.add(pod);
        // The Services beside the gateway's pods say which ports it is reachable on.
        for (const other of this.byNamespace.get(namespaceOfKey(pod)) ?? [])
          if (kindOfKey(other) === 'Service') keys.add(other);
      }
    }
    return keys;
  }

  /** Pods in any namespace a gateway's selector picks (from the smallest label bucket). */
  private podsSelected(selector: unknown): ObjectKey[] {
    if (selector === null || typeof selector !== 'object') return [];
    const entries = Object.entries(selector as Record<string, unknown>);
    if (entries.length === 0) return [];
    let smallest: ReadonlySet<ObjectKey> | undefined;
    for (const [label, value] of entries) {
      const bucket = this.podsByLabel.get(`${label}=${String(value)}`);
      if (!bucket) return [];
      if (!smallest || bucket.size < smallest.size) smallest = bucket;
    }
    return [...(smallest ?? [])].filter((key) => {
      const labels = this.get(key)?.metadata.labels ?? {};
      return entries.every(([label, value]) => labels[label] === value);
    });
  }

  private unfile(key: ObjectKey, before: StoredObject): void {
    remove(this.byNamespace, homeOf(before), key);
    for (const other of this.references.get(key) ?? []) remove(this.pointingInto, other, key);
    this.references.delete(key);
    this.serviceEntries.delete(key);
    if (before.kind === 'Pod') {
      for (const [label, value] of Object.entries(before.metadata.labels ?? {}))
        remove(this.podsByLabel, `${label}=${value}`, key);
    }
  }
}

/** A Namespace is filed under itself; everything else under the namespace it lives in. */
function homeOf(object: StoredObject): string {
  return storedKind(object) === 'Namespace' ? object.metadata.name : (object.metadata.namespace ?? '');
}

// The same references and (for a pod) labels: a canary step leaves every view as it was.
function sameShape(before: StoredObject, after: StoredObject): boolean {
  const references = namespacesReferenced(after);
  const held = namespacesReferenced(before);
  if (references.length !== held.length || references.some((n, i) => n !== held[i])) return false;
  if (delegatesReferenced(after).join('\n') !== delegatesReferenced(before).join('\n')) return false;
  if (after.kind !== 'Pod' && after.kind !== 'Gateway') return true;
  const text = (o: StoredObject) =>
    JSON.stringify([o.metadata.labels ?? {}, o.kind === 'Gateway' ? o.spec.selector : undefined]);
  return text(before) === text(after);
}

function kindOfKey(key: ObjectKey): string {
  return key.slice(0, key.indexOf('/'));
}

function namespaceOfKey(key: ObjectKey): string {
  const start = key.indexOf('/') + 1;
  return key.slice(start, key.indexOf('/', start));
}

function add(map: Map<string, Set<ObjectKey>>, name: string, key: ObjectKey): void {
  const set = map.get(name);
  if (set) set.add(key);
  else map.set(name, new Set([key]));
}

function remove(map: Map<string, Set<ObjectKey>>, name: string, key: ObjectKey): void {
  const set = map.get(name);
  set?.delete(key);
  if (set?.size === 0) map.delete(name);
}
