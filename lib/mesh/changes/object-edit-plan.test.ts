import { describe, expect, it } from 'vitest';
import type { HTTPRoute, MeshObject } from '../types';
import { manifestOf } from './delete-object';
import type { ObjectEdit } from './edits';
import { applyChange, type MeshChange } from './kinds';
import { objectRedoPlan, objectUndoPlan } from './object-edit-plan';
import { checkout, targets } from './test-objects';

const target = targets.checkout;
const at = (object: MeshObject, resourceVersion: string): MeshObject => ({
  ...object,
  metadata: { ...object.metadata, resourceVersion },
});

function routeEdit(change: MeshChange): ObjectEdit {
  return {
    kind: 'ObjectEdit',
    target,
    change,
    before: checkout,
    after: at(applyChange(checkout, change), '8'),
  };
}

const timeout: MeshChange = {
  kind: 'SetRoute',
  target,
  routeKind: 'http',
  routeIndex: 0,
  route: { ...(checkout.spec.http?.[0] as HTTPRoute), timeout: '3s' },
};

describe('undo and redo of an inspector edit', () => {
  it('undoes a route edit by setting the old route back, exactly onto the version it finds', () => {
    const edit = routeEdit(timeout);
    const plan = objectUndoPlan(edit, at(edit.after as MeshObject, '9'));
    expect(plan).toEqual({
      change: { ...timeout, route: checkout.spec.http?.[0] },
      resourceVersion: '9',
    });
  });

  it('refuses an undo when the object is no longer what the edit wrote, and says so', () => {
    const edit = routeEdit(timeout);
    const changed = applyChange(edit.after as MeshObject, {
      ...timeout,
      route: { timeout: '4s' } as HTTPRoute,
    });
    expect(objectUndoPlan(edit, changed)).toEqual({
      refusal: 'Not undone: VirtualService shop/checkout has changed since your edit.',
    });
    expect(objectUndoPlan(edit, undefined)).toEqual({
      refusal: 'Not undone: VirtualService shop/checkout is no longer there.',
    });
  });

  it('redoes only onto what the undo left, with the edit’s own change', () => {
    const edit = routeEdit({ kind: 'RemoveRoute', target, routeKind: 'http', routeIndex: 1 });
    expect(objectRedoPlan(edit, at(checkout, '10'))).toEqual({ change: edit.change, resourceVersion: '10' });
    expect(objectRedoPlan(edit, edit.after)).toEqual({
      refusal: 'Not redone: VirtualService shop/checkout has changed since your undo.',
    });
  });

  it('undoes a create with a delete at the version it finds, unless the object changed', () => {
    const edit: ObjectEdit = {
      kind: 'ObjectEdit',
      target,
      change: { kind: 'CreateObject', target, object: manifestOf(checkout) },
      after: checkout,
    };
    expect(objectUndoPlan(edit, at(checkout, '12'))).toEqual({
      change: { kind: 'DeleteObject', target },
      resourceVersion: '12',
    });
    expect(objectUndoPlan(edit, applyChange(checkout, timeout))).toHaveProperty('refusal');
    expect(objectRedoPlan(edit, undefined)).toEqual({ change: edit.change });
    expect(objectRedoPlan(edit, checkout)).toEqual({
      refusal: 'Not redone: VirtualService shop/checkout exists again.',
    });
  });

  it('undoes a delete by creating again what was deleted, unless it exists again', () => {
    const edit: ObjectEdit = {
      kind: 'ObjectEdit',
      target,
      change: { kind: 'DeleteObject', target },
      before: checkout,
    };
    expect(objectUndoPlan(edit, undefined)).toEqual({
      change: { kind: 'CreateObject', target, object: manifestOf(checkout) },
    });
    expect(objectUndoPlan(edit, checkout)).toEqual({
      refusal: 'Not undone: VirtualService shop/checkout exists again.',
    });
    expect(objectRedoPlan(edit, at(checkout, '20'))).toEqual({ change: edit.change, resourceVersion: '20' });
  });
});
