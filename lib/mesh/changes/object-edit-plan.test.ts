import { describe, expect, it } from 'vitest';
import type { HTTPRoute, MeshObject } from '../types';
import { manifestOf } from './delete-object';
import type { ObjectEdit, SetEdit } from './edits';
import { applyChange, type MeshChange } from './kinds';
import { objectRedoPlan, objectUndoPlan, setRedoPlan, setUndoPlan } from './object-edit-plan';
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

describe('undo and redo of a change set', () => {
  const gw = { kind: 'Gateway' as const, namespace: 'shop', name: 'egress' };
  const vs = { kind: 'VirtualService' as const, namespace: 'shop', name: 'api' };
  const made = (ref: typeof gw | typeof vs, rv: string, spec: object = {}) =>
    ({
      apiVersion: 'networking.istio.io/v1',
      kind: ref.kind,
      metadata: { name: ref.name, namespace: 'shop', resourceVersion: rv },
      spec,
    }) as MeshObject;
  const edit: SetEdit = {
    kind: 'SetEdit',
    target: gw,
    change: {
      kind: 'ChangeSet',
      target: gw,
      title: 'Send api.example.com through an egress gateway',
      changes: [
        { kind: 'CreateObject', target: gw, object: manifestOf(made(gw, '1')) },
        { kind: 'CreateObject', target: vs, object: manifestOf(made(vs, '1')) },
      ],
    },
    written: [made(gw, '5'), made(vs, '6')],
  };
  const held = (objects: MeshObject[]) => (ref: { name: string }) =>
    objects.find((o) => o.metadata.name === ref.name);

  it('undo deletes every object the set made, newest first, on the versions on screen', () => {
    expect(setUndoPlan(edit, held([made(gw, '5'), made(vs, '9')]))).toEqual({
      change: {
        kind: 'ChangeSet',
        target: vs,
        title: 'Undo: Send api.example.com through an egress gateway',
        changes: [
          { kind: 'DeleteObject', target: vs, resourceVersion: '9' },
          { kind: 'DeleteObject', target: gw, resourceVersion: '5' },
        ],
      },
    });
  });

  it('undo is refused whole when one object changed or is gone', () => {
    expect(setUndoPlan(edit, held([made(gw, '5'), made(vs, '7', { hosts: ['x'] })]))).toEqual({
      refusal: 'Not undone: VirtualService shop/api has changed since your edit.',
    });
    expect(setUndoPlan(edit, held([made(vs, '6')]))).toEqual({
      refusal: 'Not undone: Gateway shop/egress is no longer there.',
    });
  });

  it('redo makes the set again while none of its objects exists', () => {
    expect(setRedoPlan(edit, held([]))).toEqual({ change: edit.change });
    expect(setRedoPlan(edit, held([made(vs, '6')]))).toEqual({
      refusal: 'Not redone: VirtualService shop/api exists again.',
    });
  });
});
