import { describe, expect, it } from 'vitest';
import { GATEWAY_ROUTE_KINDS } from '../gateway-api-types';
import { parseObject } from '../parse';
import type { MeshObject } from '../types';
import { objectToCreate } from './create-object';
import { manifestOf } from './delete-object';
import type { ObjectEdit } from './edits';
import { describeChange, lifecycleRequestSchema } from './kinds';
import { objectRedoPlan, objectUndoPlan } from './object-edit-plan';

// A Gateway API route's create and delete are the same records as a VirtualService's: they
// parse off the wire, describe themselves, and undo into each other.
const route = (kind: string) =>
  parseObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind,
    metadata: { name: 'front', namespace: 'shop', resourceVersion: '5', labels: { team: 'web' } },
    spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  }) as MeshObject;

describe('creating and deleting a Gateway API route', () => {
  it.each(GATEWAY_ROUTE_KINDS)('%s: create and delete parse, and undo into each other', (kind) => {
    const object = route(kind);
    const target = { kind, namespace: 'shop', name: 'front' };
    const create = { kind: 'CreateObject' as const, target, object: manifestOf(object) };
    expect(lifecycleRequestSchema.safeParse({ change: create }).success).toBe(true);
    expect(objectToCreate(create)).toMatchObject({ kind, spec: object.spec });
    expect(describeChange(create, object)).toBe(`shop/front: ${kind} created`);

    const created: ObjectEdit = { kind: 'ObjectEdit', target, change: create, after: object };
    expect(objectUndoPlan(created, object)).toEqual({
      change: { kind: 'DeleteObject', target },
      resourceVersion: '5',
    });
    const deleted: ObjectEdit = {
      kind: 'ObjectEdit',
      target,
      change: { kind: 'DeleteObject', target },
      before: object,
    };
    expect(objectUndoPlan(deleted, undefined)).toEqual({ change: create });
    expect(objectRedoPlan(deleted, object)).toEqual({ change: deleted.change, resourceVersion: '5' });
    // The undo's manifest is the object as it was: labels and spec kept.
    expect(manifestOf(object)).toMatchObject({ metadata: { labels: { team: 'web' } }, spec: object.spec });
  });

  it('the Gateway API Gateway is neither created nor deleted', () => {
    const target = { kind: 'KubernetesGateway', namespace: 'shop', name: 'edge' };
    const refused = lifecycleRequestSchema.safeParse({ change: { kind: 'DeleteObject', target } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['change', 'target', 'kind']);
  });
});
