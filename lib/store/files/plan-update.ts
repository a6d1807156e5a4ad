import 'server-only';
import { ConflictError, InvalidError } from '../../mesh/errors';
import { keyOf } from '../../mesh/object-key';
import { parseObject, toManifest } from '../../mesh/parse';
import type { MeshObject, ObjectKey } from '../../mesh/types';
import { type ManifestFile, readManifestText } from './manifest-file';
import { mergeIntended, writableManifest } from './merge-intended';
import { rewriteDocument } from './rewrite-document';

export interface PlannedUpdate {
  /** The file's whole new text. */
  text: string;
  /** The file as it will read back once written. */
  next: ManifestFile;
  /** The object as it will read back, with its new resourceVersion. */
  written: MeshObject;
}

/**
 * What writing `object` (held under `key`) into `manifest`, the file as it is on disk now,
 * comes to. Throws ConflictError when the object's document is gone or its text changed since
 * `object.metadata.resourceVersion`, InvalidError when the file or the object cannot be
 * written. Touches nothing.
 */
export function planUpdate(manifest: ManifestFile, key: ObjectKey, object: MeshObject): PlannedUpdate {
  const { file } = manifest;
  const document = manifest.documents.find((d) => d.object && keyOf(d.object) === key);
  if (!document?.object) throw new ConflictError(`${key} is no longer in ${file}`);
  if (object.metadata.resourceVersion !== document.hash) {
    throw new ConflictError(`${key} changed in ${file} since it was read`, { current: document.object });
  }
  if (manifest.error !== undefined) {
    throw new InvalidError(`Weir does not write ${file}: it is not valid YAML (${manifest.error})`);
  }
  if (document.object.kind === 'Invalid') throw new InvalidError(document.object.reason);

  const target = writableManifest(toManifest(object));
  const checked = parseObject(target);
  if (checked?.kind !== object.kind) {
    throw new InvalidError(
      checked?.kind === 'Invalid' ? checked.reason : `${key} is not an object Weir writes`,
    );
  }
  const base = writableManifest(toManifest(document.object));
  const text = rewriteDocument(manifest, document.index, mergeIntended(document.doc.toJS(), base, target));
  const next = readManifestText(file, text);
  const written = next.documents[document.index]?.object;
  if (!written || written.kind === 'Invalid')
    throw new InvalidError(`${key} would not read back from ${file}`);
  return { text, next, written };
}
