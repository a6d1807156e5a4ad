import 'server-only';
import type { MeshChange } from '../../mesh/changes';
import type { HistoryEntry, RecordedVersion } from '../../mesh/history';
import { latestManager } from '../../mesh/managed-by';
import { objectKey } from '../../mesh/object-key';
import type { MeshObject, ObjectRef } from '../../mesh/types';
import { describeExternalChange, weightChanges } from '../../mesh/weight-changes';

// etcd refuses a request over 1.5 MiB; full specs are kept only well below that.
const MAX_SPEC_BYTES = 256 * 1024;

function version(object: MeshObject | undefined): RecordedVersion | undefined {
  if (!object) return undefined;
  const spec = 'spec' in object ? object.spec : undefined;
  const fits = spec !== undefined && JSON.stringify(spec).length <= MAX_SPEC_BYTES;
  return {
    ...(object.metadata.resourceVersion && { resourceVersion: object.metadata.resourceVersion }),
    ...(fits && { spec }),
  };
}

const refOf = (object: MeshObject) => ({
  kind: object.kind,
  namespace: object.metadata.namespace ?? '',
  name: object.metadata.name,
});

/** The record of a change a person made through Weir. */
export function weirEntry(input: {
  user: string;
  /** Missing for an object created, as `after` is for one deleted. */
  before?: MeshObject;
  after?: MeshObject;
  /** The change record applied; none for a create or a delete. */
  change?: MeshChange;
  summary: string;
  note?: string;
  now?: Date;
}): Omit<HistoryEntry, 'id'> {
  const note = input.note?.trim();
  return {
    object: refOf((input.after ?? input.before) as MeshObject),
    user: input.user,
    time: (input.now ?? new Date()).toISOString(),
    source: 'weir',
    summary: input.summary,
    ...(note && { note: note.slice(0, 1000) }),
    ...(input.change && { change: input.change }),
    routes: weightChanges(input.before, input.after),
    before: version(input.before),
    after: version(input.after),
  };
}

/**
 * The record of a change seen through the watch but not made by Weir: who, from the newest
 * managedFields entry (a field manager such as `kubectl-edit`; a folder has none).
 */
export function externalEntry(input: {
  before: MeshObject | undefined;
  after: MeshObject | undefined;
  unknownUser: string;
  now?: Date;
}): Omit<HistoryEntry, 'id'> {
  const object = (input.after ?? input.before) as MeshObject;
  const manager = input.after ? latestManager(input.after.metadata) : undefined;
  const time =
    manager?.time && Date.parse(manager.time) ? manager.time : (input.now ?? new Date()).toISOString();
  return {
    object: refOf(object),
    user: manager?.manager ?? input.unknownUser,
    time,
    source: 'external',
    summary: describeExternalChange(object.metadata.name, input.before, input.after),
    routes: weightChanges(input.before, input.after),
    before: version(input.before),
    after: version(input.after),
  };
}

/**
 * The key that makes one change one record, whichever replica saw or made it: the object and
 * the version the change made (for a deletion, the version deleted).
 */
export function externalDedupeKey(object: MeshObject, deleted: boolean): string {
  return versionKey(refOf(object), object.metadata.resourceVersion, deleted);
}

/**
 * The same key for a change Weir made (a replica that saw it through the watch, unsure whose
 * it was, then records nothing over it); undefined without a version (a folder's history).
 */
export function ownDedupeKey(entry: Omit<HistoryEntry, 'id'>): string | undefined {
  const deleted = !entry.after;
  const version = deleted ? entry.before?.resourceVersion : entry.after?.resourceVersion;
  return version ? versionKey(entry.object, version, deleted) : undefined;
}

function versionKey(ref: ObjectRef, resourceVersion: string | undefined, deleted: boolean): string {
  return `${objectKey(ref)}@${resourceVersion ?? ''}${deleted ? '@deleted' : ''}`;
}
