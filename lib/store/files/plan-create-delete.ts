import 'server-only';
import { stringify } from 'yaml';
import { ConflictError, InvalidError } from '../../mesh/errors';
import { keyOf } from '../../mesh/object-key';
import { assertObjectNames } from '../../mesh/object-names';
import { toManifest } from '../../mesh/parse';
import type { MeshObject, ObjectKey } from '../../mesh/types';
import { type ManifestFile, readManifestText } from './manifest-file';
import { writableManifest } from './merge-intended';

/** Where a created object goes: a file of its own, `<namespace>/<kind-lower>-<name>.yaml`. */
export function createdFile(object: MeshObject): string {
  const namespace = object.kind === 'Namespace' ? '_cluster' : object.metadata.namespace || 'default';
  return `${namespace}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

/** The new file's text and the object as it will read back. Touches nothing. */
export function planCreate(object: MeshObject): {
  file: string;
  text: string;
  next: ManifestFile;
  written: MeshObject;
} {
  // The file's path is built from these names: only Kubernetes names, never `..` or `/`.
  assertObjectNames({
    namespace: object.kind === 'Namespace' ? '' : object.metadata.namespace || 'default',
    name: object.metadata.name ?? '',
  });
  const file = createdFile(object);
  const text = stringify(writableManifest(toManifest(object)), { lineWidth: 0 });
  const next = readManifestText(file, text);
  const written = next.documents[0]?.object;
  if (!written || written.kind !== object.kind) {
    throw new InvalidError(written?.kind === 'Invalid' ? written.reason : `${file} would not read back`);
  }
  return { file, text, next, written: written as MeshObject };
}

/**
 * The file's text without the document that defines `key` (its leading comments and `---`
 * go with it), or `undefined` when nothing but blank lines would be left: the file goes too.
 * Throws ConflictError when the document is gone or changed since `resourceVersion`,
 * InvalidError when the file has a YAML error or the other documents would not stay as
 * they are. Touches nothing.
 */
export function planDelete(
  manifest: ManifestFile,
  key: ObjectKey,
  resourceVersion: string,
): { text: string | undefined; next: ManifestFile | undefined } {
  const { file } = manifest;
  const document = manifest.documents.find((d) => d.object && keyOf(d.object) === key);
  if (!document?.object) throw new ConflictError(`${key} is no longer in ${file}`);
  if (document.hash !== resourceVersion) {
    throw new ConflictError(`${key} changed in ${file} since it was read`, { current: document.object });
  }
  if (manifest.error !== undefined) {
    throw new InvalidError(`Weir does not write ${file}: it is not valid YAML (${manifest.error})`);
  }
  const [start, end] = document.span;
  const text = manifest.text.slice(0, start) + manifest.text.slice(end);
  if (text.trim() === '') return { text: undefined, next: undefined };
  const next = readManifestText(file, text);
  const kept = (m: ManifestFile) =>
    m.documents.flatMap((d) => (d.object && keyOf(d.object) !== key ? [`${keyOf(d.object)} ${d.hash}`] : []));
  if (next.error !== undefined || kept(next).join('\n') !== kept(manifest).join('\n')) {
    throw new InvalidError(`Weir cannot remove ${key} from ${file} without changing its other documents`);
  }
  return { text, next };
}
