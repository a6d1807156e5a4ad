import { describe, expect, it } from 'vitest';
import type { MeshObject } from '../types';
import type { CreateObject } from './create-object';
import { createAsWritten } from './create-object';
import { objectUndoPlan } from './object-edit-plan';

const asked: CreateObject = {
  kind: 'CreateObject',
  target: { kind: 'ReferenceGrant', namespace: 'pay', name: 'allow-shop' },
  nameTaken: 'next',
  object: {
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'allow-shop', namespace: 'pay' },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service' }],
    },
  },
};

describe('createAsWritten', () => {
  it('names the object the server wrote when the name asked for was taken, without nameTaken', () => {
    const written = createAsWritten(asked, 'allow-shop-2');
    expect(written.target.name).toBe('allow-shop-2');
    expect((written.object.metadata as { name: string }).name).toBe('allow-shop-2');
    expect(written).not.toHaveProperty('nameTaken');
    expect(asked.target.name).toBe('allow-shop');
  });

  it('is the create as asked (without nameTaken) when the name was free', () => {
    const written = createAsWritten(asked, 'allow-shop');
    expect(written.target).toEqual(asked.target);
    expect(written).not.toHaveProperty('nameTaken');
  });

  it("gives an undo that deletes the grant written, not someone else's under the name asked for", () => {
    const change = createAsWritten(asked, 'allow-shop-2');
    const metadata = { ...(change.object.metadata as object), resourceVersion: '12' };
    const mine = { ...change.object, metadata } as unknown as MeshObject;
    const plan = objectUndoPlan(
      { kind: 'ObjectEdit', target: change.target, change, before: undefined, after: mine },
      mine,
    );
    expect(plan).toMatchObject({ change: { kind: 'DeleteObject', target: { name: 'allow-shop-2' } } });
  });
});
