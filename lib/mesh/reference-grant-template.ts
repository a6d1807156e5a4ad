// The ReferenceGrant that fixes a reference the Gateway API refuses (GWAPI_REFERENCE_NOT_PERMITTED
// on a backendRef, GWAPI_CERTIFICATE_NOT_PERMITTED on a listener's certificateRef): in the
// target's namespace, from the referring kind and namespace, to that one object by name —
// the narrowest consent that makes the reference work. Named `allow-<namespace>-<kind>s`, or,
// where a ReferenceGrant of that name is already there (someone else's, with its own from/to),
// the first free `allow-<namespace>-<kind>s-2`, `-3`…: a create never meets an object it would
// have to overwrite, and the name the review shows is the one written.
import {
  backendTarget,
  certificateTarget,
  GATEWAY_API_GROUP,
  isSecretRef,
  referenceGranted,
  refusedCertificateRefs,
} from './resolve';
import type { MeshObject, StoredObject } from './types';

export interface ReferenceGrantTemplate extends Record<string, unknown> {
  apiVersion: string;
  kind: 'ReferenceGrant';
  metadata: { name: string; namespace: string };
  spec: {
    from: { group: string; kind: string; namespace: string }[];
    to: { group: string; kind: string; name: string }[];
  };
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Walks `spec.rules[0].backendRefs[1]` through the object. */
function at(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    value = /^\d+$/.test(part) && Array.isArray(value) ? value[Number(part)] : record(value)[part];
  }
  return value;
}

/** Names of the ReferenceGrants already there, `namespace/name`. */
export type TakenNames = ReadonlySet<string>;

/** The ReferenceGrants' names a snapshot holds (one that does not read too), for choosing a free one. */
export function grantNamesIn(objects: Readonly<Record<string, StoredObject>>): TakenNames {
  const names = new Set<string>();
  for (const object of Object.values(objects)) {
    const kind = object.kind === 'Invalid' ? object.ofKind : object.kind;
    if (kind === 'ReferenceGrant') names.add(`${object.metadata.namespace ?? ''}/${object.metadata.name}`);
  }
  return names;
}

/**
 * A ReferenceGrant's name is a DNS subdomain (at most 253 characters), not a 63-character label:
 * `allow-<namespace>-<kind>s` (a namespace is at most 63) always fits whole, with its kind.
 */
const NAME_MAX = 253;

/** `base`, or `base-N` for the first N from 2 not taken in `namespace`, within NAME_MAX. */
export function freeGrantName(base: string, namespace: string, taken: TakenNames): string {
  const first = label(base);
  if (!taken.has(`${namespace}/${first}`)) return first;
  for (let n = 2; ; n++) {
    const name = numberedName(base, n);
    if (!taken.has(`${namespace}/${name}`)) return name;
  }
}

const label = (text: string) => text.slice(0, NAME_MAX).replace(/-+$/, '');

/** `base-n`, `base` cut so that the whole fits NAME_MAX. */
function numberedName(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${label(base.slice(0, NAME_MAX - suffix.length))}${suffix}`;
}

/**
 * The name to try after `name` was found taken (a 409 AlreadyExists: someone made it since the
 * screen chose it, the lowest free one it knew): `base-(N+1)` after `base-N`, `base-2` after
 * `base`, within NAME_MAX as freeGrantName's.
 */
export function nextGrantName(name: string): string {
  const numbered = /^(.*[^-])-(\d+)$/.exec(name);
  const n = numbered?.[1] && Number(numbered[2]) >= 2 ? Number(numbered[2]) : 1;
  return numberedName(n > 1 && numbered?.[1] ? numbered[1] : name, n + 1);
}

function grant(
  from: { kind: string; namespace: string },
  to: { group: string; kind: string; namespace: string; name: string },
  taken: TakenNames,
): ReferenceGrantTemplate {
  const name = freeGrantName(`allow-${from.namespace}-${from.kind.toLowerCase()}s`, to.namespace, taken);
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: { name, namespace: to.namespace },
    spec: {
      from: [{ group: GATEWAY_API_GROUP, kind: from.kind, namespace: from.namespace }],
      to: [{ group: to.group, kind: to.kind, name: to.name }],
    },
  };
}

/**
 * The grant that lets the reference at `path` of `object` through, or undefined when `path` is
 * no cross-namespace backendRef or certificateRef.
 */
export function referenceGrantFor(
  object: MeshObject,
  path: string,
  taken: TakenNames = new Set(),
): ReferenceGrantTemplate | undefined {
  const namespace = object.metadata.namespace ?? '';
  const ref = record(at(object, path));
  if (/\.backendRefs\[\d+\]$/.test(path)) {
    const target = backendTarget(ref, namespace);
    if (target.namespace === namespace || !target.name) return undefined;
    return grant({ kind: object.kind, namespace }, target, taken);
  }
  if (object.kind === 'KubernetesGateway' && /\.certificateRefs\[\d+\]$/.test(path)) {
    const target = certificateTarget(ref, namespace);
    // Istio takes a listener's certificate from a core Secret only: a grant to another kind
    // would fix nothing.
    if (!isSecretRef(target) || target.namespace === namespace || !target.name) return undefined;
    return grant({ kind: 'Gateway', namespace }, target, taken);
  }
  return undefined;
}

/** What a snapshot holds that decides which grants to offer: names taken, grants there, namespaces seen. */
export interface GrantSetting {
  taken: TakenNames;
  grants: readonly StoredObject[];
  /** Whether the snapshot holds anything of a namespace (one it does not may hold the grant unseen). */
  seen: (namespace: string) => boolean;
}

/** The GrantSetting of a snapshot's objects (namespaces seen as the validator's knownNamespaces). */
export function grantSettingIn(objects: Readonly<Record<string, StoredObject>>): GrantSetting {
  const namespaces = new Set<string>();
  for (const object of Object.values(objects)) {
    if (object.metadata.namespace) namespaces.add(object.metadata.namespace);
    if (object.kind === 'Namespace') namespaces.add(object.metadata.name);
  }
  return {
    taken: grantNamesIn(objects),
    grants: Object.values(objects).filter((o) => o.kind === 'ReferenceGrant'),
    seen: (namespace) => namespaces.has(namespace),
  };
}

const NO_SETTING: GrantSetting = { taken: new Set(), grants: [], seen: () => true };

/**
 * The grants offered where a reference is refused: the one of the selected reference, or on a
 * Gateway as a whole, one per namespace its listeners take certificate Secrets from, naming
 * each Secret. Only the certificateRefs GWAPI_CERTIFICATE_NOT_PERMITTED is about (see
 * refusedCertificateRefs): a Passthrough listener's ref or one already granted is left out, so
 * the grant allows no more than what is refused.
 */
export function referenceGrantsFor(
  object: MeshObject,
  path: string | undefined,
  setting: GrantSetting = NO_SETTING,
): ReferenceGrantTemplate[] {
  const { taken } = setting;
  if (object.kind !== 'KubernetesGateway') {
    const one = path ? referenceGrantFor(object, path, taken) : undefined;
    return one ? [one] : [];
  }
  const refused = refusedCertificateRefs(
    object,
    setting.grants as Parameters<typeof refusedCertificateRefs>[1],
    setting.seen,
  );
  const paths = path && /\.certificateRefs\[\d+\]$/.test(path) ? [path] : refused.map((r) => r.path);
  const grants = new Map<string, ReferenceGrantTemplate>();
  for (const at of paths) {
    if (!refused.some((r) => r.path === at)) continue;
    const made = referenceGrantFor(object, at, taken);
    if (!made) continue;
    const namespace = made.metadata.namespace;
    const known = grants.get(namespace);
    if (!known) grants.set(namespace, made);
    else if (!known.spec.to.some((t) => t.name === made.spec.to[0]?.name))
      known.spec.to.push(...made.spec.to);
  }
  return [...grants.values()];
}

/** Whether the ReferenceGrants a snapshot holds already let every reference `grant` names through. */
export function alreadyGranted(
  setting: Pick<GrantSetting, 'grants'>,
  grant: ReferenceGrantTemplate,
): boolean {
  const grants = setting.grants as Parameters<typeof referenceGranted>[0];
  return grant.spec.from.every((from) =>
    grant.spec.to.every((to) =>
      referenceGranted(grants, from, { ...to, namespace: grant.metadata.namespace }),
    ),
  );
}

/**
 * What a grant allows, whatever its name (the free name moves on once a grant is in the
 * snapshot): its namespace and spec. Tells one grant from another on the screen.
 */
export function grantContentKey(grant: ReferenceGrantTemplate): string {
  return `${grant.metadata.namespace} ${JSON.stringify(grant.spec)}`;
}
