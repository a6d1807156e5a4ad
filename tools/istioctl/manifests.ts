// One manifest file read the way both validators see it: the same documents, with the namespace
// Kubernetes would give an object that names none. Without that, `istioctl analyze -A` files
// namespace-less objects under "" and misses references between them (and without -A it
// reports on the `default` namespace only).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { keyOf } from '../../lib/mesh/object-key';
import { parseObject } from '../../lib/mesh/parse';
import type { InvalidObject, MeshSnapshot } from '../../lib/mesh/types';

export const DEFAULT_NAMESPACE = 'default';

// Kinds a manifest folder may hold that have no namespace.
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'GatewayClass',
]);

export interface ManifestSet {
  file: string;
  /** The documents that are objects, namespaces filled in. */
  documents: Record<string, unknown>[];
  /** YAML errors, one line each; documents with errors are left out. */
  errors: string[];
}

/** Reads every YAML document of a file; empty documents and non-objects are dropped. */
export function readManifests(file: string): ManifestSet {
  const documents: Record<string, unknown>[] = [];
  const errors: string[] = [];
  parseAllDocuments(readFileSync(file, 'utf8')).forEach((document, index) => {
    if (document.errors.length > 0) {
      errors.push(`document ${index}: ${document.errors[0]?.message.split('\n')[0]}`);
      return;
    }
    const value: unknown = document.toJSON();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    documents.push(withNamespace(value as Record<string, unknown>));
  });
  return { file, documents, errors };
}

function withNamespace(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = object.metadata;
  if (typeof object.kind !== 'string' || CLUSTER_SCOPED.has(object.kind)) return object;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return object;
  if ((metadata as Record<string, unknown>).namespace) return object;
  return { ...object, metadata: { ...metadata, namespace: DEFAULT_NAMESPACE } };
}

/** Weir's snapshot of the documents, as the files backend would hold it, and what it refused. */
export function snapshotOf(set: ManifestSet): { snapshot: MeshSnapshot; invalid: InvalidObject[] } {
  const snapshot: MeshSnapshot = {
    sequence: 1,
    objects: {},
    sync: {
      backend: 'files',
      source: set.file,
      demo: false,
      synced: true,
      syncedAt: new Date(0).toISOString(),
    },
  };
  const invalid: InvalidObject[] = [];
  set.documents.forEach((document, index) => {
    const object = parseObject(document, { file: set.file, document: index, line: 1 });
    if (!object) return;
    if (object.kind === 'Invalid') invalid.push(object);
    else snapshot.objects[keyOf(object)] = object;
  });
  return { snapshot, invalid };
}

/** Writes the documents to `dir` under the file's own name, for istioctl to read. */
export function writeCopy(set: ManifestSet, dir: string, index: number): string {
  const folder = path.join(dir, String(index));
  mkdirSync(folder, { recursive: true });
  const copy = path.join(folder, path.basename(set.file));
  writeFileSync(copy, set.documents.map((document) => stringify(document)).join('---\n'));
  return copy;
}
