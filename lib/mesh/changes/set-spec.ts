import { z } from 'zod';
import { deepEqual } from '../deep-equal';
import { InvalidError } from '../errors';
import type { MeshObject, ObjectRef } from '../types';
import type { EditKind } from './change-kind';
import { describeBySpec } from './spec-summary';
import { checkTarget } from './target';
import { fields, objectRef, WHOLE_SPEC_KINDS } from './wire-fields';

/**
 * Replaces the whole spec of a VirtualService, DestinationRule, Gateway or ServiceEntry, or of
 * a Gateway API route or Gateway: what the YAML tab and the object forms send. Forms build it from the current spec, so fields they do not
 * show are carried over.
 */
export interface SetSpec {
  kind: 'SetSpec';
  target: ObjectRef;
  spec: Record<string, unknown>;
}

const apply: EditKind<SetSpec>['apply'] = (object, change) => {
  checkTarget(object, change, WHOLE_SPEC_KINDS);
  const { spec } = change;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new InvalidError('spec must be a mapping of fields');
  }
  return { ...object, spec } as MeshObject;
};

export const setSpec: EditKind<SetSpec> = {
  kind: 'SetSpec',
  schema: z.object({ kind: z.literal('SetSpec'), target: objectRef, spec: fields }),
  apply,
  // Only onto the very spec it was made against.
  rebase: (change, base, current) =>
    base.kind === current.kind &&
    base.metadata.name === current.metadata.name &&
    deepEqual(base.spec, current.spec)
      ? change
      : undefined,
  describe: describeBySpec(apply),
  invert: (change, before) => [{ kind: 'SetSpec', target: change.target, spec: { ...before.spec } }],
  // A whole-spec edit has no one route.
  routeOf: () => undefined,
};
