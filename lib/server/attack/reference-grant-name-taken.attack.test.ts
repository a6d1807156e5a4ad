import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anyJsonValue,
  expectRefused,
  hostileText,
  send,
  useDemoFolder,
  withUnchangedDemoFolder,
} from './attack-kit';

// `nameTaken: next` on a create (lib/mesh/changes/create-object.ts): a ReferenceGrant whose
// name turns out taken moves on to the next free one. Fuzzed through /api/changes and
// /api/preview on the files backend: any other value, or the field on another kind, is a 422
// naming change.nameTaken and writes nothing. The API server's 409 path is in
// lib/server/reference-grant-name.int.test.ts.

const grant = (name: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name, namespace: 'shop' },
  spec: {
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }],
    to: [{ group: '', kind: 'Service' }],
  },
});
const route = (name: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'shop' },
  spec: { rules: [{ backendRefs: [{ name: 'catalog', port: 8080 }] }] },
});
const body = (object: { kind: string; metadata: { name: string } }, nameTaken: unknown) =>
  JSON.stringify({
    change: {
      kind: 'CreateObject',
      target: { kind: object.kind, namespace: 'shop', name: object.metadata.name },
      object,
      nameTaken,
    },
  });

describe('nameTaken on a create, hostile', () => {
  const demo = withUnchangedDemoFolder();

  it('any value but "next" is a 422 naming change.nameTaken, and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyJsonValue(hostileText('next ', 'Next', 'again', '')).filter(
          (v) => v !== 'next' && v !== undefined,
        ),
        fc.constantFrom('/api/changes', '/api/preview'),
        async (value, path) => {
          const answer = await send(path, body(grant('allow-edge-httproutes'), value));
          expectRefused(answer);
          expect(answer.status).toBe(422);
          expect(answer.json.error?.fields).toEqual([expect.objectContaining({ path: 'change.nameTaken' })]);
        },
      ),
      { numRuns: 60 },
    );
    expect(demo()).toBeDefined();
  });

  it('"next" on any kind but a ReferenceGrant is a 422 naming change.nameTaken, and nothing is written', async () => {
    for (const path of ['/api/changes', '/api/preview'] as const) {
      const answer = await send(path, body(route('fresh'), 'next'));
      expect(answer.status, JSON.stringify(answer.json)).toBe(422);
      expect(answer.json.error?.fields).toEqual([expect.objectContaining({ path: 'change.nameTaken' })]);
    }
  });

  it('a ChangeSet member may not move on: 422 naming its nameTaken', async () => {
    const object = grant('allow-edge-httproutes');
    const change = {
      kind: 'ChangeSet',
      target: { kind: 'ReferenceGrant', namespace: 'shop', name: object.metadata.name },
      title: 'grants',
      changes: [
        {
          kind: 'CreateObject',
          target: { kind: 'ReferenceGrant', namespace: 'shop', name: object.metadata.name },
          object,
          nameTaken: 'next',
        },
      ],
    };
    const answer = await send('/api/changes', JSON.stringify({ change }));
    expect(answer.status, JSON.stringify(answer.json)).toBe(422);
    expect(answer.json.error?.fields).toEqual([
      expect.objectContaining({ path: 'change.changes[0].nameTaken' }),
    ]);
  });
});

describe('nameTaken: next on the files backend', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a grant under a taken name is written under the next one; without the field it is a 409', async () => {
    const { folder, cleanup } = await useDemoFolder();
    cleanups.push(cleanup);
    const first = await send('/api/changes', body(grant('allow-edge-httproutes'), undefined));
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect((await send('/api/changes', body(grant('allow-edge-httproutes'), undefined))).status).toBe(409);
    const moved = await send('/api/changes', body(grant('allow-edge-httproutes'), 'next'));
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect((moved.json as { object?: { metadata: { name: string } } }).object?.metadata.name).toBe(
      'allow-edge-httproutes-2',
    );
    const files = await readdir(join(folder, 'shop'));
    expect(files.filter((f) => f.startsWith('referencegrant-')).sort()).toEqual([
      'referencegrant-allow-edge-httproutes-2.yaml',
      'referencegrant-allow-edge-httproutes.yaml',
    ]);
  });
});
