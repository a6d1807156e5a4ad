/**
 * kubectl's record of the manifest `kubectl apply` last sent: a JSON copy of the whole object
 * in an annotation, often as large as the object itself, read by `kubectl apply` alone (its
 * three-way merge: what to remove). Weir never reads it, so a store does not keep it; a write
 * of Weir's leaves it as it stands at the source (the kube store reads it back to write it).
 */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A raw manifest without kubectl's last-applied-configuration annotation: the same object when
 * it has none, else a copy (the input is not changed) without it and, when it was the only
 * annotation, without `annotations`.
 */
export function withoutLastApplied<T>(raw: T): T {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return raw;
  const { annotations } = raw.metadata;
  if (!isRecord(annotations) || !Object.hasOwn(annotations, LAST_APPLIED_ANNOTATION)) return raw;
  const { [LAST_APPLIED_ANNOTATION]: _dropped, ...kept } = annotations;
  // In the order it was read: the YAML view shows metadata as the API server wrote it.
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.metadata)) {
    if (key !== 'annotations') metadata[key] = value;
    else if (Object.keys(kept).length > 0) metadata[key] = kept;
  }
  return { ...raw, metadata } as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
