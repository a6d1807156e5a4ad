import type { ObjectMeta, OwnerReference, Pod } from './types';

type Summary = Pick<Pod, 'metadata' | 'spec' | 'status'>;
type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const optional = (value: unknown, type: 'string' | 'boolean') => value === undefined || typeof value === type;

/**
 * A well-formed Pod's summary (what podSchema makes of it) without zod: a 10,000-VirtualService
 * mesh has 20,000 pods, and their schema walk was the largest part of parsing at start.
 * Undefined for anything unusual (a missing or mistyped field, a key zod would copy
 * differently): podSchema then reads it, and says what is wrong.
 */
export function podSummary(raw: Raw): Summary | undefined {
  const { metadata, spec = {}, status = {} } = raw;
  if (!isRecord(metadata) || !isRecord(spec) || !isRecord(status)) return undefined;
  const meta = metaOf(metadata);
  if (!meta) return undefined;
  if (!optional(spec.nodeName, 'string')) return undefined;
  const { phase, ready, conditions } = status;
  if (!optional(phase, 'string') || !optional(ready, 'boolean')) return undefined;
  let conditionReady: boolean | undefined;
  if (conditions !== undefined) {
    if (!Array.isArray(conditions)) return undefined;
    conditionReady = false;
    for (const condition of conditions) {
      if (!isRecord(condition) || typeof condition.type !== 'string' || typeof condition.status !== 'string')
        return undefined;
      if (condition.type === 'Ready' && condition.status === 'True') conditionReady = true;
    }
  }
  // A pod serves traffic once the kubelet reports its Ready condition; Running alone is not enough.
  const isReady = conditionReady ?? ready === true;
  return {
    metadata: meta,
    spec: spec.nodeName === undefined ? {} : { nodeName: spec.nodeName as string },
    status: { ...(phase !== undefined && { phase: phase as string }), ready: phase === 'Running' && isReady },
  };
}

function metaOf(metadata: Raw): ObjectMeta | undefined {
  const { name, namespace, uid, resourceVersion, labels, ownerReferences } = metadata;
  if (typeof name !== 'string' || name.length === 0) return undefined;
  if (!optional(namespace, 'string') || !optional(uid, 'string') || !optional(resourceVersion, 'string'))
    return undefined;
  const meta: ObjectMeta = { name };
  if ('namespace' in metadata) meta.namespace = namespace as string;
  if ('uid' in metadata) meta.uid = uid as string;
  if ('resourceVersion' in metadata) meta.resourceVersion = resourceVersion as string;
  if ('labels' in metadata) {
    if (!isRecord(labels) || Object.hasOwn(labels, '__proto__')) return undefined;
    for (const value of Object.values(labels)) if (typeof value !== 'string') return undefined;
    meta.labels = { ...(labels as Record<string, string>) };
  }
  if ('ownerReferences' in metadata) {
    if (!Array.isArray(ownerReferences)) return undefined;
    const owners: OwnerReference[] = [];
    for (const owner of ownerReferences) {
      if (
        !isRecord(owner) ||
        Object.hasOwn(owner, '__proto__') ||
        typeof owner.apiVersion !== 'string' ||
        typeof owner.kind !== 'string' ||
        typeof owner.name !== 'string' ||
        !optional(owner.uid, 'string') ||
        !optional(owner.controller, 'boolean')
      )
        return undefined;
      owners.push({ ...(owner as unknown as OwnerReference) });
    }
    meta.ownerReferences = owners;
  }
  return meta;
}
