import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChange } from '@/lib/mesh/changes';
import { parseObject } from '@/lib/mesh/parse';
import type { MeshObject, VirtualService } from '@/lib/mesh/types';
import { createFilesStore } from '@/lib/store/files';
import { fingerprint, send, useDemoFolder } from './attack-kit';

const virtualService = (namespace: string, name: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec: { hosts: ['escape'], http: [{ route: [{ destination: { host: 'escape' } }] }] },
});

const create = (namespace: string, name: string) =>
  JSON.stringify({
    change: {
      kind: 'CreateObject',
      target: { kind: 'VirtualService', namespace, name },
      object: virtualService(namespace, name),
    },
  });

describe('the files backend writes only inside its folder (item 1)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each([
    ['../escape-test', 'reviews', 'change.target.namespace'],
    ['..', 'reviews', 'change.target.namespace'],
    ['shop', '../../escape', 'change.target.name'],
    ['shop/../..', 'reviews', 'change.target.namespace'],
    ['Shop', 'reviews', 'change.target.namespace'],
    ['shop', 'a\u200bb', 'change.target.name'],
  ])(
    'a create in namespace %j named %j is 422 naming %s, and nothing is written anywhere',
    async (namespace, name, field) => {
      const demo = await useDemoFolder();
      cleanups.push(demo.cleanup);
      const before = await demo.fingerprint();
      for (const path of ['/api/changes', '/api/preview'] as const) {
        const { status, json } = await send(path, create(namespace, name));
        expect(status).toBe(422);
        expect(json.error?.fields).toEqual([expect.objectContaining({ path: field })]);
      }
      expect(await demo.fingerprint()).toBe(before);
    },
  );

  // Below the HTTP layer, for any other caller of the store.
  async function folderWithOutside() {
    const parent = await mkdtemp(join(tmpdir(), 'weir-escape-'));
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const folder = join(parent, 'mesh');
    const outside = join(parent, 'outside');
    await mkdir(folder);
    await mkdir(outside);
    const store = createFilesStore({ folder, debounceMs: 5 });
    cleanups.push(() => store.stop());
    return { parent, folder, outside, store };
  }

  it('the store refuses a namespace or name that is no Kubernetes name, before any path is made', async () => {
    const { parent, store } = await folderWithOutside();
    await store.start();
    const before = await fingerprint(parent);
    const object = parseObject(virtualService('shop', 'reviews')) as MeshObject;
    const escaping = {
      ...object,
      metadata: { ...object.metadata, namespace: '../escape-test' },
    } as MeshObject;
    await expect(store.create(escaping)).rejects.toMatchObject({
      code: 'Invalid',
      fields: [expect.objectContaining({ path: 'metadata.namespace' })],
    });
    await expect(
      store.delete({ kind: 'VirtualService', namespace: '..', name: 'x' }, { resourceVersion: '1' }),
    ).rejects.toMatchObject({ code: 'Invalid' });
    expect(await fingerprint(parent)).toBe(before);
  });

  it('a namespace folder that is a link to elsewhere is never written through', async () => {
    const { folder, outside, store } = await folderWithOutside();
    await symlink(outside, join(folder, 'shop'));
    await store.start();
    const object = parseObject(virtualService('shop', 'reviews')) as MeshObject;
    await expect(store.create(object)).rejects.toMatchObject({ code: 'Forbidden' });
    expect(await readdir(outside)).toEqual([]);
  });

  it('a manifest that is a link to a file elsewhere is read, but an edit is refused', async () => {
    const { folder, outside, store } = await folderWithOutside();
    const text = JSON.stringify(virtualService('shop', 'reviews'));
    await writeFile(join(outside, 'reviews.yaml'), text);
    await symlink(join(outside, 'reviews.yaml'), join(folder, 'reviews.yaml'));
    await store.start();
    const held = store.get({ kind: 'VirtualService', namespace: 'shop', name: 'reviews' }) as VirtualService;
    expect(held?.kind).toBe('VirtualService');
    const renamed = applyChange(held, {
      kind: 'SetRoute',
      target: { kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
      routeKind: 'http',
      routeIndex: 0,
      route: { name: 'renamed', route: [{ destination: { host: 'escape' } }] },
    });
    await expect(store.update(renamed)).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(
      store.delete(
        { kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
        { resourceVersion: held.metadata.resourceVersion ?? '' },
      ),
    ).rejects.toMatchObject({ code: 'Forbidden' });
    expect(await readFile(join(outside, 'reviews.yaml'), 'utf8')).toBe(text);
  });
});
