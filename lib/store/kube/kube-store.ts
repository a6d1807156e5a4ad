import 'server-only';
import { reviewAccess } from '../../kube/access-review';
import { type Informer, type InformerHandlers, type RawObject, startInformer } from '../../kube/informer';
import { describeKubeConfig, kubeConfigFor, reloadKubeConfig } from '../../kube/kube-config';
import { startOptionalInformer } from '../../kube/optional-informer';
import { kubeRequest } from '../../kube/request';
import { collectionPath, objectPath, RESOURCE_TYPES, type ResourceType } from '../../kube/resources';
import { toMeshError } from '../../kube/status-error';
import type { KubeConfig } from '../../kube/watch';
import { whoAmI } from '../../kube/who-am-i';
import { InvalidError } from '../../mesh/errors';
import { LAST_APPLIED_ANNOTATION, withoutLastApplied } from '../../mesh/last-applied';
import { keyOf, objectKey, parseObjectKey } from '../../mesh/object-key';
import { heldRootNamespace } from '../../mesh/outbound-policy';
import { DEFAULT_MESH_CONFIG_PLACE, meshConfigPlaceName } from '../../mesh/outbound-schemas';
import { parseObject, toManifest } from '../../mesh/parse';
import type { Kind, MeshConfigPlace, MeshObject, ObjectKey, ObjectRef, StoredObject } from '../../mesh/types';
import { EventLog } from '../event-log';
import type { MeshStore, WriteOptions } from '../types';
import { rootSidecarNamespaces } from './root-sidecars';

/** The field manager Weir's writes carry, so `managedFields` name Weir. */
export const FIELD_MANAGER = 'weir';

export interface KubeStoreOptions {
  kc: KubeConfig;
  /** How long start() waits for the first lists before it goes on out of sync. */
  startTimeoutMs?: number;
  /** Each watch's liveness deadline (see startInformer). */
  watchDeadlineMs?: number;
  /**
   * Watch only these namespaces (WEIR_NAMESPACES: a credential with Roles there), one
   * list+watch per kind and namespace; absent: one per kind across the cluster.
   */
  namespaces?: readonly string[];
  /**
   * Where kinds live, instead of RESOURCE_TYPES' (a test asks for a version the API server
   * does not serve, to see a kind left out).
   */
  types?: Partial<Record<Kind, ResourceType>>;
  /**
   * Istio's root namespace and the mesh config's ConfigMap there (WEIR_ISTIO_ROOT_NAMESPACE,
   * WEIR_ISTIO_MESH_CONFIG); default istio-system/istio.
   */
  meshConfig?: MeshConfigPlace;
}

/** Failed attempts in a row, for one kind, after which the kubeconfig is read again. */
const RELOAD_AFTER_FAILURES = 3;
/** At most one re-read per this long while the API server cannot be reached. */
const RELOAD_INTERVAL_MS = 5_000;

/**
 * The MeshStore over a Kubernetes API server: one list+watch per kind, or per kind and
 * namespace when limited to `namespaces`.
 */
export function createKubeStore({
  kc,
  startTimeoutMs = 15_000,
  watchDeadlineMs,
  namespaces,
  types: typeOverrides,
  meshConfig = DEFAULT_MESH_CONFIG_PLACE,
}: KubeStoreOptions): MeshStore {
  const scopes: Array<string | undefined> = namespaces?.length ? [...namespaces] : [undefined];
  const sourceName = () =>
    namespaces?.length
      ? `${describeKubeConfig(kc)}, namespaces ${namespaces.join(', ')}`
      : describeKubeConfig(kc);
  const meshConfigName = meshConfigPlaceName(meshConfig);
  // Unknown until its first list answers: Istio's default is no more known than anything else.
  const log = new EventLog({
    backend: 'kube',
    source: sourceName(),
    demo: false,
    meshConfig: { ...meshConfig, unknown: `Weir has not read ${meshConfigName} yet` },
  });
  const informers: Informer[] = [];
  const kinds = Object.keys(RESOURCE_TYPES) as Kind[];
  // Of the cluster-scoped kinds only Namespace can be read one namespace at a time (by name);
  // a credential limited to namespaces reads no GatewayClass. A kind watched as one object
  // (the mesh config) has one watch, wherever Weir is limited to.
  const watches: Array<{ kind: Kind; namespace: string | undefined }> = kinds
    .filter((kind) => !namespaces?.length || kind !== 'GatewayClass')
    .flatMap((kind) =>
      RESOURCE_TYPES[kind].only
        ? [{ kind, namespace: undefined }]
        : scopes.map((namespace) => ({ kind, namespace })),
    );
  // Limited to namespaces, Weir still reads the Sidecars of Istio's root namespace (every
  // namespace's default): those of each namespace it may be (rootSidecarNamespaces), where it
  // may. One it may not list them in, while it is the root, leaves the policy unknown.
  const rootWatches = new Set<string>();
  const unreadableRoots = new Set<string>();
  let configUnknown: string | undefined = `Weir has not read ${meshConfigName} yet`;
  const heldConfig = () => log.get(objectKey({ kind: 'ConfigMap', ...meshConfig }));
  // Why the policy a namespace without its own Sidecar mode gets is unknown, if it is.
  const unknownNow = (): string | undefined => {
    if (configUnknown !== undefined) return configUnknown;
    const root = heldRootNamespace(heldConfig(), meshConfig);
    return unreadableRoots.has(root)
      ? `Weir may not read the Sidecars of ${root}, the root namespace`
      : undefined;
  };
  const settleUnknown = () => log.setMeshConfigUnknown(unknownNow());
  const watchId = (kind: Kind, namespace: string | undefined) => `${kind}/${namespace ?? ''}`;
  const synced = new Map<string, { synced: boolean; error?: string; stale?: boolean }>();
  // Where each kind is read and written: an optional API's kind in the version the server serves.
  const typeOf = new Map<Kind, ResourceType>(
    kinds.map((kind) => [kind, typeOverrides?.[kind] ?? RESOURCE_TYPES[kind]]),
  );
  // The mesh config is watched where it is configured to be, by name.
  const meshConfigType = typeOf.get('ConfigMap');
  if (meshConfigType?.only) typeOf.set('ConfigMap', { ...meshConfigType, only: meshConfig });
  const notServed = new Set<string>();
  const resourceType = (kind: Kind) => typeOf.get(kind) ?? RESOURCE_TYPES[kind];

  // Not kubectl's last-applied-configuration: a copy of the object that Weir never reads (it
  // doubled what a VirtualService applied with kubectl holds). Only which objects carry it is
  // remembered, so that update() puts it back. Which objects MAY carry it: a version read
  // without it never clears the mark (a watch event for an older version can arrive after a
  // read of a newer one, and a write against the newer would then drop it from the cluster);
  // only a deletion does. A mark left on an object that lost it costs one read per write.
  const lastApplied = new Set<ObjectKey>();
  const parse = (raw: RawObject): StoredObject | undefined => {
    const kept = withoutLastApplied(raw);
    const object = parseObject(kept, undefined, meshConfig);
    if (object && kept !== raw) lastApplied.add(keyOf(object));
    return object;
  };
  /**
   * kubectl's last-applied-configuration of an object marked as carrying it, as it stands at
   * `resourceVersion` (another version: undefined, and the write's precondition refuses anyway).
   * Read with Weir's own credential: the person writing needs `update` or `delete`, not `get`,
   * and the value only goes back into their own request or answer.
   */
  const lastAppliedOf = async (key: ObjectKey, path: string, resourceVersion: string | undefined) => {
    if (!lastApplied.has(key)) return undefined;
    const current = (await request(weir, { method: 'GET', path })) as RawObject;
    if (current.metadata?.resourceVersion !== resourceVersion) return undefined;
    return (current.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.[
      LAST_APPLIED_ANNOTATION
    ];
  };
  const failures = new Map<string, number>();
  let lastReload = 0;
  // What the last re-read of the kubeconfig found, said after the error while out of sync.
  let reloadNote: string | undefined;

  /**
   * The API server keeps failing to answer: it may have come back elsewhere (a new port, a new
   * certificate) and the kubeconfig been rewritten. Read it again; when it points somewhere
   * else, every watch lists again there. When it cannot be read, say that a restart is needed.
   */
  const followKubeconfig = () => {
    if (Date.now() - lastReload < RELOAD_INTERVAL_MS) return;
    lastReload = Date.now();
    try {
      if (!reloadKubeConfig(kc)) {
        reloadNote = `Weir re-read its kubeconfig: it still names ${describeKubeConfig(kc)}`;
        return;
      }
      reloadNote = `Weir re-read its kubeconfig and now connects to ${describeKubeConfig(kc)}`;
      log.setSource(sourceName());
      failures.clear();
      for (const informer of informers) informer.relist();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      reloadNote = `Weir could not re-read its kubeconfig (${why}): fix it and restart Weir`;
    }
  };

  const reportSync = () => {
    const states = watches.map(
      ({ kind, namespace }) => synced.get(watchId(kind, namespace)) ?? { synced: false },
    );
    // A kind that went silent says most about why: the API server is hung, not refusing.
    const silent = states.find((s) => s.stale);
    const error = silent?.error ?? states.find((s) => s.error)?.error;
    const all = states.every((s) => s.synced);
    if (all) reloadNote = undefined;
    log.setSync(all, error && reloadNote ? `${error}; ${reloadNote}` : error, silent !== undefined);
  };

  let stopped = false;
  /** Lists and watches one kind (in one namespace); `root`: a root namespace's Sidecars. */
  function startWatch(kind: Kind, namespace: string | undefined, root = false): void {
    const id = watchId(kind, namespace);
    const type = resourceType(kind);
    const handlers: InformerHandlers<StoredObject> = {
      read: parse,
      onList(items) {
        const fresh = new Map<string, StoredObject>();
        for (const object of items) fresh.set(keyOf(object), object);
        // A list in one namespace replaces what is held there, not in the others.
        log.replaceKind(kind, fresh, namespace === undefined ? undefined : inNamespace(namespace));
        // Read: what the list holds is the mesh config (nothing there: none exists).
        if (type.only) {
          configUnknown = undefined;
          settleUnknown();
          watchRootSidecars();
        }
        if (root) {
          unreadableRoots.delete(namespace ?? '');
          settleUnknown();
        }
      },
      onEvent(event, object) {
        if (event === 'DELETED') {
          log.delete(keyOf(object));
          lastApplied.delete(keyOf(object));
        } else log.put(object);
        // The mesh config may name another root namespace: its Sidecars are read too.
        if (type.only) {
          settleUnknown();
          watchRootSidecars();
        }
      },
      onSync(isSynced, error, stale, code) {
        // The mesh config is optional and the rest of the mesh is still in sync without it:
        // where it does not exist Istio's defaults apply; where Weir may not read it the
        // outbound policy it sets is unknown (a Sidecar's own still decides).
        if (!isSynced && type.only && (code === 'Forbidden' || code === 'NotFound')) {
          configUnknown = code === 'Forbidden' ? `Weir may not read ${meshConfigName}` : undefined;
          log.meshConfigListEnded(kind, unknownNow());
          settleUnknown();
          synced.set(id, { synced: true });
          reportSync();
          return;
        }
        // A root namespace's Sidecars Weir may not list (or a namespace not there): held
        // as none, and while it is the root the policy it would set is unknown.
        if (!isSynced && root && (code === 'Forbidden' || code === 'NotFound')) {
          log.replaceKind(kind, new Map(), inNamespace(namespace ?? ''));
          if (code === 'Forbidden') unreadableRoots.add(namespace ?? '');
          settleUnknown();
          synced.set(id, { synced: true });
          reportSync();
          return;
        }
        synced.set(id, { synced: isSynced, error, stale });
        // Silence (a hung server) is not a failure to connect: only failures count.
        const failed = isSynced || stale ? 0 : (failures.get(id) ?? 0) + 1;
        failures.set(id, failed);
        if (failed >= RELOAD_AFTER_FAILURES) followKubeconfig();
        reportSync();
      },
    };
    const options = { deadlineMs: watchDeadlineMs, namespace };
    const informer = type.versions
      ? startOptionalInformer(
          kc,
          type,
          {
            ...handlers,
            onServed(served) {
              if (served) typeOf.set(kind, served);
              const changed = served ? notServed.delete(kind) : !notServed.has(kind) && notServed.add(kind);
              if (changed) log.setNotServed([...notServed].sort());
            },
          },
          options,
        )
      : startInformer(kc, type, handlers, options);
    informers.push(informer);
  }

  /** Watches the Sidecars of each namespace that may be the root and is not watched yet. */
  function watchRootSidecars(): void {
    if (!namespaces?.length || stopped) return;
    for (const namespace of rootSidecarNamespaces(meshConfig, heldConfig())) {
      if (scopes.includes(namespace) || rootWatches.has(namespace)) continue;
      rootWatches.add(namespace);
      watches.push({ kind: 'Sidecar', namespace });
      startWatch('Sidecar', namespace, true);
    }
  }

  const weir = kc;
  const configFor = (options?: WriteOptions) =>
    options?.actor?.token || options?.actor?.impersonate ? kubeConfigFor(kc, options.actor) : kc;

  return {
    async start() {
      for (const { kind, namespace } of watches) startWatch(kind, namespace);
      watchRootSidecars();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, startTimeoutMs).unref());
      // The mesh config, once listed, may name a root whose Sidecars are then watched too:
      // started means those read as well, or a first view said ALLOW_ANY where the root's
      // Sidecar says REGISTRY_ONLY (seen under load in CI).
      const allReady = async () => {
        for (let seen = 0; seen < informers.length; ) {
          const batch = informers.slice(seen);
          seen = informers.length;
          await Promise.allSettled(batch.map((i) => i.ready));
        }
      };
      await Promise.race([allReady(), timeout]);
    },
    async stop() {
      stopped = true;
      for (const informer of informers) informer.stop();
      informers.length = 0;
    },
    snapshot: (namespaces) => log.snapshot(namespaces),
    sequence: () => log.lastSequence(),
    syncStatus: () => log.syncStatus(),
    entries: () => log.entries(),
    viewScope: (namespaces) => log.viewScope(namespaces),
    eventsSince: (sequence) => log.eventsSince(sequence),
    subscribe: (listener) => log.subscribe(listener),
    get: (ref) => log.get(objectKey(ref)),
    async read(ref, options) {
      const raw = await request(configFor(options), {
        method: 'GET',
        path: objectPath(resourceType(ref.kind), ref.namespace, ref.name),
      });
      return asMeshObject(parse(raw as RawObject), ref);
    },
    async update(object, options) {
      const ref = refOf(object);
      const kc = configFor(options);
      const path = objectPath(resourceType(object.kind), ref.namespace, ref.name);
      const manifest = toManifest(object);
      // A PUT of the object as held would drop kubectl's last-applied-configuration from the
      // cluster (and with it what a later `kubectl apply` removes): read back from the object
      // as it stands and sent with it. A PATCH would keep it without the read, but needs the
      // `patch` right where Weir asks people for `update` (a Gateway's listeners: update only).
      const applied = await lastAppliedOf(keyOf(object), path, object.metadata.resourceVersion);
      if (applied !== undefined) {
        const metadata = manifest.metadata as { annotations?: Record<string, string> };
        metadata.annotations = { ...metadata.annotations, [LAST_APPLIED_ANNOTATION]: applied };
      }
      const raw = await request(kc, {
        method: 'PUT',
        path,
        query: {
          fieldManager: FIELD_MANAGER,
          fieldValidation: 'Strict',
          dryRun: options?.dryRun ? 'All' : undefined,
        },
        body: manifest,
      });
      return asMeshObject(parse(raw as RawObject), ref);
    },
    async create(object, options) {
      const ref = refOf(object);
      const type = resourceType(object.kind);
      // Posted in the version this API server serves for the kind (a v1beta1 ReferenceGrant to
      // a server that serves v1 too: the schema is the same, the body must name the path's version).
      const manifest: Record<string, unknown> = {
        ...toManifest(object),
        apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      };
      const {
        resourceVersion: _version,
        uid: _uid,
        ...metadata
      } = manifest.metadata as Record<string, unknown>;
      const raw = await request(configFor(options), {
        method: 'POST',
        path: collectionPath(type, ref.namespace),
        query: {
          fieldManager: FIELD_MANAGER,
          fieldValidation: 'Strict',
          dryRun: options?.dryRun ? 'All' : undefined,
        },
        body: { ...manifest, metadata },
      });
      return asMeshObject(parse(raw as RawObject), ref);
    },
    async delete(ref, options) {
      const path = objectPath(resourceType(ref.kind), ref.namespace, ref.name);
      const held = log.get(objectKey(ref));
      // The API server answers a custom resource's delete with a Status, not the object: what the
      // store drops (last-applied) is read first, for the object an undo recreates.
      // A read that fails costs the undo the annotation, never the person's delete.
      const applied = options.dryRun
        ? undefined
        : await lastAppliedOf(objectKey(ref), path, options.resourceVersion).catch(() => undefined);
      await request(configFor(options), {
        method: 'DELETE',
        path,
        query: { dryRun: options.dryRun ? 'All' : undefined },
        body: {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          preconditions: { resourceVersion: options.resourceVersion },
          ...(options.dryRun && { dryRun: ['All'] }),
        },
      });
      if (applied === undefined || !held || held.kind === 'Invalid') return undefined;
      if (held.metadata.resourceVersion !== options.resourceVersion) return undefined;
      return {
        ...held,
        metadata: {
          ...held.metadata,
          annotations: { ...held.metadata.annotations, [LAST_APPLIED_ANNOTATION]: applied },
        },
      };
    },
    async canUpdate(ref, options) {
      try {
        return await reviewAccess(
          configFor(options),
          'update',
          resourceType(ref.kind),
          ref.namespace,
          ref.name,
        );
      } catch (error) {
        throw toMeshError(error);
      }
    },
    async whoAmI(options) {
      try {
        return await whoAmI(configFor(options));
      } catch (error) {
        throw toMeshError(error);
      }
    },
  };
}

/** Whether a key names an object in `namespace` (or, for a Namespace, that Namespace itself). */
function inNamespace(namespace: string): (key: ObjectKey) => boolean {
  return (key) => {
    const ref = parseObjectKey(key);
    return (ref.kind === 'Namespace' ? ref.name : ref.namespace) === namespace;
  };
}

async function request(kc: KubeConfig, req: Parameters<typeof kubeRequest>[1]): Promise<unknown> {
  try {
    return await kubeRequest(kc, req);
  } catch (error) {
    throw toMeshError(error);
  }
}

function refOf(object: MeshObject): ObjectRef {
  return { kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}

function asMeshObject(object: StoredObject | undefined, ref: ObjectRef): MeshObject {
  if (!object || object.kind === 'Invalid') {
    const reason = object?.kind === 'Invalid' ? object.reason : 'not a kind Weir holds';
    throw new InvalidError(`${ref.kind} ${ref.namespace}/${ref.name} cannot be read: ${reason}`);
  }
  return object;
}
