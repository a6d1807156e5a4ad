// Whether a namespace's sidecars let calls to unknown hosts out (ALLOW_ANY) or only to hosts
// in the registry (REGISTRY_ONLY), and which hosts a Sidecar resource lets its workloads see.
// Mirrors istiod: PushContext.doGetSidecarScope and SidecarScope's egress listeners
// (pilot/pkg/model/push_context.go, sidecar.go).

import { DEFAULT_MESH_CONFIG_PLACE, DEFAULT_ROOT_NAMESPACE, meshConfigPlaceName } from './outbound-schemas';
import { hostCovers } from './resolve/host-match';
import { normalizeHost } from './resolve/host-names';
import { selects } from './resolve/labels';
import type {
  MeshConfigMap,
  MeshConfigSource,
  ObjectRef,
  OutboundMode,
  Sidecar,
  StoredObject,
} from './types';

/**
 * Where a namespace's outbound mode comes from: `unknown` when no Sidecar sets it and Weir does
 * not know the mesh config (it may not read it, or could not).
 */
export type PolicySource = 'istio-default' | 'mesh-config' | 'sidecar' | 'unknown';

export interface NamespaceOutbound {
  namespace: string;
  /** `unknown`: the mesh config decides and Weir does not know it (see `unknown`). */
  mode: OutboundMode | 'unknown';
  source: PolicySource;
  /** With mode `unknown`: why, e.g. "Weir may not read istio-system/istio". */
  unknown?: string;
  /** The mesh config's ConfigMap, `namespace/name`: where a mode not set by a Sidecar comes from. */
  meshConfigName: string;
  /** The Sidecar that applies to the namespace's workloads without one of their own (its own, or the root namespace's). */
  sidecar?: Sidecar;
  /** Every Sidecar in the namespace, those with a workload selector too. */
  sidecars: Sidecar[];
  /**
   * The root namespace, when it is assumed (the mesh config, which names it, is unknown) and
   * it decides here: the namespace has no Sidecar of its own without a selector, so the
   * root's would be its default.
   */
  rootAssumed?: string;
}

/** The mesh's outbound settings: the mesh config (when known) and Sidecars by namespace. */
export interface MeshOutbound {
  meshConfig?: MeshConfigMap;
  /**
   * The mesh config's mode: Istio's default ALLOW_ANY when it sets none or does not exist,
   * `unknown` when Weir does not know it (may not read it, has not read it, cannot parse it).
   */
  meshMode: OutboundMode | 'unknown';
  /** Why the mesh config's mode is unknown. */
  unknown?: string;
  /** Where the mesh config is read: `namespace/name`, for messages. */
  meshConfigName: string;
  /** The namespace the mesh config is read in (Istio's control plane lives there). */
  meshConfigNamespace: string;
  /** Istio's root namespace: whose Sidecar without a selector is every namespace's default. */
  rootNamespace: string;
  /**
   * Set when the mesh config is unknown: the root namespace is then assumed to be where the
   * ConfigMap is read (the configured one), not known.
   */
  rootAssumed?: true;
  sidecarsByNamespace: ReadonlyMap<string, Sidecar[]>;
}

const mode = (value: unknown): OutboundMode | undefined =>
  value === 'ALLOW_ANY' || value === 'REGISTRY_ONLY' ? value : undefined;

/**
 * Reads the mesh config (by default the `istio` ConfigMap in istio-system; `source` says where,
 * and whether it is known) and the Sidecars of a snapshot.
 */
export function meshOutbound(objects: Iterable<StoredObject>, source?: MeshConfigSource): MeshOutbound {
  const where: MeshConfigSource = source ?? DEFAULT_MESH_CONFIG_PLACE;
  let meshConfig: MeshConfigMap | undefined;
  const sidecarsByNamespace = new Map<string, Sidecar[]>();
  for (const object of objects) {
    if (object.kind === 'ConfigMap') {
      if (object.metadata.name === where.name && object.metadata.namespace === where.namespace)
        meshConfig = object;
    } else if (object.kind === 'Sidecar') {
      const namespace = object.metadata.namespace ?? '';
      sidecarsByNamespace.set(namespace, [...(sidecarsByNamespace.get(namespace) ?? []), object]);
    }
  }
  for (const sidecars of sidecarsByNamespace.values()) sidecars.sort(bySelectorThenAge);
  const meshConfigName = meshConfigPlaceName(where);
  // Held but unparseable (data.mesh not YAML): istiod keeps its last good config, unknown here.
  const unknown =
    where.unknown ??
    (meshConfig?.spec.error ? `${meshConfigName} cannot be read: ${meshConfig.spec.error}` : undefined);
  const known = unknown === undefined ? meshConfig : undefined;
  return {
    ...(known && { meshConfig: known }),
    meshMode:
      unknown !== undefined ? 'unknown' : (mode(known?.spec.outboundTrafficPolicy?.mode) ?? 'ALLOW_ANY'),
    ...(unknown !== undefined && { unknown }),
    meshConfigName,
    meshConfigNamespace: where.namespace,
    rootNamespace: rootNamespaceOf(known, unknown === undefined ? undefined : where),
    ...(unknown !== undefined && { rootAssumed: true as const }),
    sidecarsByNamespace,
  };
}

/**
 * Istio's root namespace, whose Sidecar without a selector is every namespace's default
 * (initSidecarScopes in pilot/pkg/model/push_context.go): the known mesh config's
 * rootNamespace. istiod merges the ConfigMap onto DefaultMeshConfig (pkg/config/mesh/mesh.go),
 * whose RootNamespace is istio-system: a known mesh config naming none, or no ConfigMap at all,
 * means istio-system wherever the ConfigMap is read. Only when the mesh config is unknown
 * (`unknownAt`: where it is read) does that place stand in, assumed (Istio's installers write
 * the namespace they install into). One rule for the outbound policy and the store's views.
 */
export function rootNamespaceOf(known: MeshConfigMap | undefined, unknownAt?: { namespace: string }): string {
  if (unknownAt) return unknownAt.namespace;
  return known?.spec.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
}

/**
 * The root namespace as a store holding `held` (the object at the mesh config's place, if
 * any) has it, with `source` saying where that is and whether Weir knows it.
 */
export function heldRootNamespace(held: StoredObject | undefined, source?: MeshConfigSource): string {
  const where: MeshConfigSource = source ?? DEFAULT_MESH_CONFIG_PLACE;
  const config = held?.kind === 'ConfigMap' ? held : undefined;
  return rootNamespaceOf(config, where.unknown !== undefined || config?.spec.error ? where : undefined);
}

// istiod puts Sidecars with a selector first, each group oldest first (then by name).
function bySelectorThenAge(a: Sidecar, b: Sidecar): number {
  const selects = (s: Sidecar) => (s.spec.workloadSelector ? 0 : 1);
  return (
    selects(a) - selects(b) ||
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
    a.metadata.name.localeCompare(b.metadata.name)
  );
}

/**
 * The outbound policy of a namespace's workloads that no Sidecar selects by label: the
 * namespace's Sidecar without a selector, else the root namespace's, else none; its
 * `outboundTrafficPolicy` when set, else the mesh config's.
 */
export function namespaceOutbound(mesh: MeshOutbound, namespace: string): NamespaceOutbound {
  const sidecars = mesh.sidecarsByNamespace.get(namespace) ?? [];
  const own = sidecars.find((s) => !s.spec.workloadSelector);
  const sidecar =
    own ?? mesh.sidecarsByNamespace.get(mesh.rootNamespace)?.find((s) => !s.spec.workloadSelector);
  return {
    namespace,
    ...modeOf(mesh, sidecar),
    meshConfigName: mesh.meshConfigName,
    ...(sidecar && { sidecar }),
    sidecars,
    ...(mesh.rootAssumed && !own && { rootAssumed: mesh.rootNamespace }),
  };
}

/**
 * The outbound policy of one workload (a pod with `labels` in `namespace`): the first of the
 * namespace's Sidecars whose workloadSelector selects it (istiod's order: oldest first; one
 * in the root namespace selects only the root's own pods), with that Sidecar's
 * outboundTrafficPolicy, else the mesh config's, not the namespace default's
 * (ConvertToSidecarScope in pilot/pkg/model/sidecar.go); no Sidecar selecting it: the
 * namespace's (namespaceOutbound).
 */
export function workloadOutbound(
  mesh: MeshOutbound,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): NamespaceOutbound {
  const policy = namespaceOutbound(mesh, namespace);
  const selected = policy.sidecars.find(
    (s) => s.spec.workloadSelector && selects(s.spec.workloadSelector.labels ?? {}, labels),
  );
  if (!selected) return policy;
  const { unknown: _unknown, rootAssumed: _root, ...rest } = policy;
  return { ...rest, ...modeOf(mesh, selected), sidecar: selected };
}

/**
 * The mode a Sidecar (or none) gives, and where it comes from: the Sidecar's own mode
 * overrides the mesh config's, known or not; without one, the mesh config's, else Istio's
 * default, else unknown (with why).
 */
function modeOf(mesh: MeshOutbound, sidecar: Sidecar | undefined) {
  const set = mode(sidecar?.spec.outboundTrafficPolicy?.mode);
  const unknown = !set && mesh.meshMode === 'unknown' ? mesh.unknown : undefined;
  const source: NamespaceOutbound['source'] = set
    ? 'sidecar'
    : mesh.meshMode === 'unknown'
      ? 'unknown'
      : mesh.meshConfig?.spec.outboundTrafficPolicy?.mode
        ? 'mesh-config'
        : 'istio-default';
  return { mode: set ?? mesh.meshMode, source, ...(unknown !== undefined && { unknown }) };
}

/**
 * Whether a Sidecar's egress listeners import a host declared in `hostNamespace` (the
 * namespace of its Service or ServiceEntry): `ns/host` entries, `.` for the Sidecar's own
 * namespace, `*` for any, `~ns/host` to exclude. With no egress at all a Sidecar imports
 * `*\/*` (initSidecarScopeInternalIndexes); the host is checked as istiod's selectServices
 * does it (hostClassification.Matches and Excluded).
 */
export function sidecarImports(sidecar: Sidecar, host: string, hostNamespace: string): boolean {
  const listeners =
    sidecar.spec.egress && sidecar.spec.egress.length > 0 ? sidecar.spec.egress : [{ hosts: ['*/*'] }];
  const name = normalizeHost(host);
  const own = sidecar.metadata.namespace ?? '';
  return listeners.some((listener) => {
    const imported: Record<string, string[]> = {};
    const excluded: Record<string, string[]> = {};
    for (const entry of listener.hosts ?? []) {
      if (typeof entry !== 'string' || entry.split('/').length !== 2) continue;
      const [written = '', dns = ''] = entry.split('/');
      const isExcluded = written.startsWith('~');
      let ns = isExcluded ? written.slice(1) || '*' : written;
      if (ns === '.') ns = own;
      (isExcluded ? excluded : imported)[ns] = [
        ...((isExcluded ? excluded : imported)[ns] ?? []),
        normalizeHost(dns),
      ];
    }
    const covers = (patterns: string[] | undefined) =>
      (patterns ?? []).some((pattern) => pattern === name || hostCovers(pattern, name) || pattern === '*');
    if (covers(excluded[hostNamespace]) || covers(excluded['*'])) return false;
    return covers(imported[hostNamespace]) || covers(imported['*']);
  });
}

/** The object a namespace's policy comes from, for messages and links. */
export function policyRef(policy: NamespaceOutbound, mesh: MeshOutbound): ObjectRef | undefined {
  if (policy.source === 'sidecar' && policy.sidecar)
    return {
      kind: 'Sidecar',
      namespace: policy.sidecar.metadata.namespace ?? '',
      name: policy.sidecar.metadata.name,
    };
  if (policy.source === 'mesh-config' && mesh.meshConfig)
    return {
      kind: 'ConfigMap',
      namespace: mesh.meshConfig.metadata.namespace ?? '',
      name: mesh.meshConfig.metadata.name,
    };
  return undefined;
}
