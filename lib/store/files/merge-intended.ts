import 'server-only';
import { alignArrays, deepEqual, isRecord } from './plain-values';

/**
 * What the document should hold after an update: `target` wherever the caller changed
 * something relative to `base` (the same document as parsed into Weir's model), and the
 * file's own value everywhere else. Parsing is not a perfect round trip (namespaces are
 * defaulted, summaries of Services drop fields, `creationTimestamp: null` disappears), and
 * none of that may leak into the file: only the caller's intent does.
 */
export function mergeIntended(file: unknown, base: unknown, target: unknown): unknown {
  if (deepEqual(base, target)) return file;
  if (isRecord(file) && isRecord(base) && isRecord(target)) {
    const merged: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(file), ...Object.keys(target)]);
    for (const key of keys) {
      const value = mergeIntended(file[key], base[key], target[key]);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  if (Array.isArray(file) && Array.isArray(base) && Array.isArray(target) && file.length === base.length) {
    const merged: unknown[] = new Array(target.length);
    for (const step of alignArrays(base, target)) {
      if (step.op === 'keep') merged[step.to] = file[step.from];
      else if (step.op === 'change')
        merged[step.to] = mergeIntended(file[step.from], base[step.from], target[step.to]);
      else if (step.op === 'add') merged[step.to] = target[step.to];
    }
    return merged;
  }
  return target;
}

/**
 * What of a manifest goes into a file: not resourceVersion (for files it is a hash of the
 * text), not managedFields, not where it was read from.
 */
export function writableManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const { source: _source, ...rest } = manifest;
  if (!isRecord(rest.metadata)) return rest;
  const { resourceVersion: _version, managedFields: _fields, ...metadata } = rest.metadata;
  return { ...rest, metadata };
}
