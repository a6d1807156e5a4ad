// The ReferenceGrant that fixes a reference the Gateway API refuses (GWAPI_REFERENCE_NOT_PERMITTED
// on a backendRef, GWAPI_CERTIFICATE_NOT_PERMITTED on a listener's certificateRef): in the
// target's namespace, from the referring kind and namespace, to that one object by name —
// the narrowest consent that makes the reference work.
import { backendTarget, GATEWAY_API_GROUP } from './resolve';
import type { MeshObject } from './types';

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

function grant(
  from: { kind: string; namespace: string },
  to: { group: string; kind: string; namespace: string; name: string },
): ReferenceGrantTemplate {
  // A DNS label: from the referring namespace and kind, cut to 63 characters.
  const name = `allow-${from.namespace}-${from.kind.toLowerCase()}s`.slice(0, 63).replace(/-+$/, '');
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
export function referenceGrantFor(object: MeshObject, path: string): ReferenceGrantTemplate | undefined {
  const namespace = object.metadata.namespace ?? '';
  const ref = record(at(object, path));
  if (/\.backendRefs\[\d+\]$/.test(path)) {
    const target = backendTarget(ref, namespace);
    if (target.namespace === namespace || !target.name) return undefined;
    return grant({ kind: object.kind, namespace }, target);
  }
  if (object.kind === 'KubernetesGateway' && /\.certificateRefs\[\d+\]$/.test(path)) {
    const to = typeof ref.namespace === 'string' ? ref.namespace : namespace;
    if (to === namespace || typeof ref.name !== 'string') return undefined;
    return grant(
      { kind: 'Gateway', namespace },
      { group: '', kind: 'Secret', namespace: to, name: ref.name },
    );
  }
  return undefined;
}

/**
 * The grants offered where a reference is refused: the one of the selected reference, or on a
 * Gateway as a whole, one per namespace its listeners take certificate Secrets from, naming
 * each of those Secrets.
 */
export function referenceGrantsFor(object: MeshObject, path: string | undefined): ReferenceGrantTemplate[] {
  const one = path ? referenceGrantFor(object, path) : undefined;
  if (one) return [one];
  if (object.kind !== 'KubernetesGateway') return [];
  const grants = new Map<string, ReferenceGrantTemplate>();
  (object.spec.listeners ?? []).forEach((listener, l) => {
    (listener.tls?.certificateRefs ?? []).forEach((_, c) => {
      const made = referenceGrantFor(object, `spec.listeners[${l}].tls.certificateRefs[${c}]`);
      if (!made) return;
      const namespace = made.metadata.namespace;
      const known = grants.get(namespace);
      if (!known) grants.set(namespace, made);
      else if (!known.spec.to.some((t) => t.name === made.spec.to[0]?.name))
        known.spec.to.push(...made.spec.to);
    });
  });
  return [...grants.values()];
}
