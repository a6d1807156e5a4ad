import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeshObject } from '../types';
import { type ChangeSet, changeSetSchema, describeChangeSet, invertChangeSet } from './change-set';

const ref = (kind: 'Gateway' | 'VirtualService', name: string) => ({ kind, namespace: 'shop', name });
const manifest = (kind: string, name: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind,
  metadata: { name, namespace: 'shop' },
  spec: {},
});
const set: ChangeSet = {
  kind: 'ChangeSet',
  target: ref('Gateway', 'egress'),
  title: 'Send api.example.com through an egress gateway',
  changes: [
    { kind: 'CreateObject', target: ref('Gateway', 'egress'), object: manifest('Gateway', 'egress') },
    { kind: 'CreateObject', target: ref('VirtualService', 'api'), object: manifest('VirtualService', 'api') },
  ],
};
const written = (rv: string) =>
  set.changes.map(
    (c) =>
      ({
        apiVersion: 'networking.istio.io/v1',
        kind: c.target.kind,
        metadata: { name: c.target.name, namespace: 'shop', resourceVersion: rv },
        spec: {},
      }) as MeshObject,
  );

describe('ChangeSet', () => {
  it('reads a set of creates and deletes', () => {
    expect(changeSetSchema.safeParse(set).success).toBe(true);
    const withDelete = {
      ...set,
      changes: [
        ...set.changes,
        { kind: 'DeleteObject', target: ref('Gateway', 'old'), resourceVersion: '7' },
      ],
    };
    expect(changeSetSchema.safeParse(withDelete).success).toBe(true);
  });

  it('refuses, naming the field: a member twice, a target not the first member’s, a delete without its version, an empty set', () => {
    const issues = (value: unknown) =>
      changeSetSchema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(issues({ ...set, changes: [set.changes[0], set.changes[0]] })).toEqual(['changes.1.target']);
    expect(issues({ ...set, target: ref('VirtualService', 'api') })).toEqual(['target']);
    expect(
      issues({ ...set, changes: [{ kind: 'DeleteObject', target: ref('Gateway', 'egress') }] })[0],
    ).toMatch(/^changes\.0/);
    expect(issues({ ...set, changes: [] })).toEqual(['changes']);
    expect(issues({ ...set, title: ' ' })).toEqual(['title']);
  });

  it('says what it does as one line: the title, then each object in order', () => {
    expect(describeChangeSet(set)).toBe(
      'Send api.example.com through an egress gateway: shop/egress: Gateway created; shop/api: VirtualService created',
    );
  });

  it('is undone by the reverse set: each created object deleted on the version the create wrote', () => {
    const undo = invertChangeSet(set, written('12'));
    expect(undo.changes).toEqual([
      { kind: 'DeleteObject', target: ref('VirtualService', 'api'), resourceVersion: '12' },
      { kind: 'DeleteObject', target: ref('Gateway', 'egress'), resourceVersion: '12' },
    ]);
    expect(undo.target).toEqual(ref('VirtualService', 'api'));
    expect(changeSetSchema.safeParse(undo).success).toBe(true);
    // And the undo of the undo makes the objects again.
    const again = invertChangeSet(undo, written('13').reverse());
    expect(again.changes.map((c) => [c.kind, c.target.name])).toEqual([
      ['CreateObject', 'egress'],
      ['CreateObject', 'api'],
    ]);
  });

  it('never throws on any input: a set or a refusal naming where', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, maxDepth: 4 }), (value) => {
        const parsed = changeSetSchema.safeParse(value);
        if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
