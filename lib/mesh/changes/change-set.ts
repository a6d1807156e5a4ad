import { z } from 'zod';
import { InvalidError } from '../errors';
import { objectKey } from '../object-key';
import type { MeshObject, ObjectRef } from '../types';
import { type CreateObject, createObject } from './create-object';
import { type DeleteObject, deleteObject, manifestOf } from './delete-object';
import { lifecycleTarget } from './wire-fields';

/** A delete in a set carries its own precondition: the version the screen (or the set's create) saw. */
export type SetDelete = DeleteObject & { resourceVersion: string };
/** One object a set makes or ends. */
export type SetMember = CreateObject | SetDelete;

/**
 * Several objects made (or ended) as one change: what a template such as "Send this host
 * through an egress gateway" brings (a Gateway, a DestinationRule and a VirtualService that
 * only work together). Validated together (each member sees the others in place), previewed
 * as one summary, written in order, taken back whole when one write is refused, recorded on
 * each object with the set's summary, undone as one. `target` is the first member's object.
 */
export interface ChangeSet {
  kind: 'ChangeSet';
  target: ObjectRef;
  /** What the set does, in the person's words: `Send api.example.com through an egress gateway`. */
  title: string;
  changes: SetMember[];
}

/** The most objects one set may hold: a template's handful, not a bulk import. */
export const MAX_SET_MEMBERS = 20;

const member = z.discriminatedUnion('kind', [
  createObject.schema,
  deleteObject.schema.extend({ resourceVersion: z.string().min(1).max(200) }),
]);

/**
 * A set as it arrives over HTTP: its members' objects are read when it is applied
 * (objectToCreate). A discriminated union of one, so a body of another kind is told the kinds
 * there are (parse-issue), not this kind's missing fields.
 */
const changeSetObject = z
  .object({
    kind: z.literal('ChangeSet'),
    target: lifecycleTarget,
    title: z.string().trim().min(1).max(200),
    changes: z.array(member).min(1).max(MAX_SET_MEMBERS),
  })
  .superRefine((raw, context) => {
    // Each member's schema is its kind's (typed generally there): read as what it checked.
    const set = raw as unknown as ChangeSet;
    const seen = new Set<string>();
    set.changes.forEach((change, i) => {
      const key = objectKey(change.target);
      if (change.kind === 'CreateObject' && change.nameTaken !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['changes', i, 'nameTaken'],
          message: 'a member of a set keeps its name (the others may refer to it)',
        });
      }
      if (seen.has(key)) {
        context.addIssue({
          code: 'custom',
          path: ['changes', i, 'target'],
          message: `${key} is in the set twice`,
        });
      }
      seen.add(key);
    });
    const first = set.changes[0];
    if (first && objectKey(set.target) !== objectKey(first.target)) {
      context.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'the target is the first member’s object',
      });
    }
  });
export const changeSetSchema = z.discriminatedUnion('kind', [
  changeSetObject,
]) as unknown as z.ZodType<ChangeSet>;

export function isChangeSet(change: { kind: string }): change is ChangeSet {
  return change.kind === 'ChangeSet';
}

/** One line for history and review: the title, then what it does to each object, in order. */
export function describeChangeSet(set: ChangeSet): string {
  const members = set.changes.map((c) =>
    c.kind === 'CreateObject' ? createObject.describe(c) : deleteObject.describe(c),
  );
  return `${set.title}: ${members.join('; ')}`;
}

/**
 * The set that takes `set` back, in reverse order: each object it created deleted (on the
 * version the create wrote, `written` in member order), each it deleted created again as it
 * was (`written` holds what the delete removed). Pure.
 */
export function invertChangeSet(set: ChangeSet, written: readonly MeshObject[]): ChangeSet {
  if (written.length !== set.changes.length) {
    throw new InvalidError(
      `a set of ${set.changes.length} needs as many objects to undo, not ${written.length}`,
    );
  }
  const changes: SetMember[] = set.changes
    .map((change, i): SetMember => {
      const object = written[i] as MeshObject;
      if (change.kind === 'DeleteObject') {
        return { kind: 'CreateObject', target: change.target, object: manifestOf(object) };
      }
      const resourceVersion = object.metadata.resourceVersion;
      if (!resourceVersion) throw new InvalidError(`${objectKey(change.target)} has no version to delete`);
      return { kind: 'DeleteObject', target: change.target, resourceVersion };
    })
    .reverse();
  const first = changes[0] as SetMember;
  return { kind: 'ChangeSet', target: first.target, title: `Undo: ${set.title}`, changes };
}
