import { chmod, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStoreContract, nextEvent } from '../../../tools/test/store-contract';
import { applyChange } from '../../mesh/changes';
import type { StoredObject, VirtualService } from '../../mesh/types';
import type { MeshStore, StoreEvent } from '../types';
import { createDemoStore } from './demo-store';
import { createFilesStore } from './files-store';
import { filesFixture, tempFolder } from './test-folder';

describeStoreContract('files', filesFixture);

const vsText = (name: string, weights = [90, 10], namespace?: string) =>
  [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  hosts: [reviews]',
    '  http:',
    '  - route:',
    ...weights.flatMap((w, i) => [
      '    - destination:',
      '        host: reviews',
      `        subset: v${i + 1}`,
      `      weight: ${w}`,
    ]),
    '',
  ].join('\n');

type Temp = Awaited<ReturnType<typeof tempFolder>>;
let temp: Temp;
let store: MeshStore;

async function open(files: Record<string, string>, options: { historyLimit?: number } = {}) {
  temp = await tempFolder(files);
  store = createFilesStore({ folder: temp.folder, ...options });
  await store.start();
  return store;
}

afterEach(async () => {
  await store?.stop();
  await temp?.cleanup();
});

function held(key: string): StoredObject | undefined {
  return store.snapshot().objects[key];
}

function vs(key: string): VirtualService {
  const object = held(key);
  if (object?.kind !== 'VirtualService') throw new Error(`${key} is ${object?.kind ?? 'missing'}`);
  return object;
}

function withWeights(object: VirtualService, weights: number[]): VirtualService {
  const copy = structuredClone(object);
  copy.spec.http?.[0]?.route?.forEach((d, i) => {
    d.weight = weights[i];
  });
  return copy;
}

function collect(): StoreEvent[] {
  const events: StoreEvent[] = [];
  store.subscribe((event) => events.push(event));
  return events;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reading a folder', () => {
  it('reads every manifest below the folder, with where each one is defined', async () => {
    await open({
      'a.yaml': vsText('top'),
      'apps/shop/routes.yml': `# shop\n---\n${vsText('first', [50, 50], 'shop')}---\n\n---\n${vsText('second', [50, 50], 'shop')}`,
      'apps/shop/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n',
      'apps/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [shop]\n',
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      '.git/objects/x.yaml': 'not: [valid',
      'node_modules/pkg/x.yaml': vsText('vendored'),
      'chart/Chart.yaml': 'name: chart\n',
      'chart/templates/vs.yaml': '{{ .Values.x }}',
      'README.md': '# not yaml',
    });
    const keys = Object.keys(store.snapshot().objects).sort();
    expect(keys).toEqual([
      'Namespace//shop',
      'VirtualService/default/top',
      'VirtualService/shop/first',
      'VirtualService/shop/second',
    ]);
    expect(held('VirtualService/shop/second')?.source).toEqual({
      file: 'apps/shop/routes.yml',
      document: 2,
      line: 23,
    });
    expect(held('VirtualService/default/top')?.metadata.namespace).toBe('default');
    expect(held('Namespace//shop')?.metadata.namespace ?? '').toBe('');
  });

  it('shows what it cannot read as problems with file and line, and reads the rest', async () => {
    await open({
      'broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: {a: [}\n',
      'values.yaml': 'replicaCount: 2\nimage: nginx\n',
      'list.yaml': '- a\n- b\n',
      'dup-a.yaml': vsText('dup'),
      'dup-b.yaml': `# copy\n${vsText('dup')}`,
      'nameless.yaml': 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {}\nspec: {}\n',
      'bad-spec.yaml': vsText('bad').replace('weight: 90', 'weight: heavy'),
      'good.yaml': vsText('good'),
    });
    const objects = store.snapshot().objects;
    expect(objects['Invalid//broken.yaml#0']).toMatchObject({
      kind: 'Invalid',
      source: { file: 'broken.yaml', line: 5 },
    });
    expect((objects['Invalid//broken.yaml#0'] as { reason: string }).reason).toMatch(
      /^broken\.yaml:5:\d+: not valid YAML/,
    );
    expect(objects['Invalid//values.yaml#0']).toMatchObject({
      reason: 'values.yaml:1: not a Kubernetes object (it has no kind)',
    });
    expect(objects['Invalid//list.yaml#0']).toMatchObject({ kind: 'Invalid' });
    expect(objects['Invalid//nameless.yaml#0']).toMatchObject({
      reason: expect.stringMatching(/has no metadata\.name/),
    });
    expect(objects['VirtualService/default/dup']).toMatchObject({
      kind: 'Invalid',
      ofKind: 'VirtualService',
      reason: expect.stringMatching(/defined 2 times \(dup-a\.yaml:1, dup-b\.yaml:2\)/),
    });
    expect(objects['VirtualService/default/bad']).toMatchObject({
      kind: 'Invalid',
      reason: expect.stringMatching(/weight.*\(bad-spec\.yaml:1\)/),
    });
    expect(objects['VirtualService/default/good']).toMatchObject({ kind: 'VirtualService' });
    expect(store.snapshot().sync.synced).toBe(true);
  });

  it('gives each document a resourceVersion that changes only when its own text does', async () => {
    await open({ 'two.yaml': `${vsText('one')}---\n${vsText('two')}` });
    const [one, two] = [vs('VirtualService/default/one'), vs('VirtualService/default/two')];
    const changed = nextEvent(store, (e) => e.type === 'put' && e.key === 'VirtualService/default/two');
    await temp.write('two.yaml', `${vsText('one')}---\n${vsText('two', [80, 20])}`);
    await changed;
    expect(vs('VirtualService/default/one').metadata.resourceVersion).toBe(one.metadata.resourceVersion);
    expect(vs('VirtualService/default/two').metadata.resourceVersion).not.toBe(two.metadata.resourceVersion);
  });
});

describe('watching the folder', () => {
  it('sees an editor save by rename, a new folder and a removed folder, and only what changed', async () => {
    await open({ 'routes.yaml': `${vsText('a')}---\n${vsText('b')}` });
    const events = collect();

    // Editors write a temporary file and rename it over the original.
    const changed = nextEvent(store, (e) => e.type === 'put' && e.key === 'VirtualService/default/b');
    await writeFile(join(temp.folder, '.routes.yaml.swp'), `${vsText('a')}---\n${vsText('b', [0, 100])}`);
    await rename(join(temp.folder, '.routes.yaml.swp'), join(temp.folder, 'routes.yaml'));
    await changed;

    const added = nextEvent(store, (e) => e.type === 'put' && e.key === 'VirtualService/team/c');
    await temp.write('teams/team/c.yaml', vsText('c', [90, 10], 'team'));
    await added;

    const removed = nextEvent(store, (e) => e.type === 'delete' && e.key === 'VirtualService/team/c');
    await temp.remove('teams');
    await removed;
    await pause(100);
    expect(events.map((e) => `${e.type} ${e.type === 'sync' ? '' : e.key}`)).toEqual([
      'put VirtualService/default/b',
      'put VirtualService/team/c',
      'delete VirtualService/team/c',
    ]);
  });

  it('turns a duplicate into a problem and back as files come and go', async () => {
    await open({ 'a.yaml': vsText('x') });
    const duplicated = nextEvent(store, (e) => e.type === 'put' && e.object.kind === 'Invalid');
    await temp.write('b.yaml', vsText('x'));
    await duplicated;
    const resolved = nextEvent(store, (e) => e.type === 'put' && e.object.kind === 'VirtualService');
    await temp.remove('a.yaml');
    const event = await resolved;
    expect(event.type === 'put' && event.object.source?.file).toBe('b.yaml');
  });

  it('replays recent events, and says so when they are no longer held', async () => {
    await open({ 'a.yaml': vsText('a') }, { historyLimit: 2 });
    const start = store.snapshot().sequence;
    for (const w of [20, 30, 40]) {
      const seen = nextEvent(store, (e) => e.type === 'put' && vsWeight(e) === w);
      await temp.write('a.yaml', vsText('a', [100 - w, w]));
      await seen;
    }
    const now = store.snapshot().sequence;
    expect(store.eventsSince(now - 2)?.map((e) => e.sequence)).toEqual([now - 1, now]);
    expect(store.eventsSince(start)).toBeUndefined();
    expect(store.eventsSince(now + 5)).toBeUndefined();
  });
});

function vsWeight(event: StoreEvent): number | undefined {
  return event.type === 'put' && event.object.kind === 'VirtualService'
    ? event.object.spec.http?.[0]?.route?.[1]?.weight
    : undefined;
}

describe('writing', () => {
  it('writes one put event and no echo from the watcher', async () => {
    await open({ 'a.yaml': vsText('a') });
    const events = collect();
    const written = await store.update(withWeights(vs('VirtualService/default/a'), [70, 30]));
    await pause(150);
    expect(events).toEqual([
      expect.objectContaining({ type: 'put', key: 'VirtualService/default/a', object: written }),
    ]);
    expect(await temp.read('a.yaml')).toBe(vsText('a', [70, 30]));
    expect(await readdir(temp.folder)).toEqual(['a.yaml']);
  });

  it('writes into the document it came from and leaves the rest of the file alone', async () => {
    const text = `# routes\n${vsText('a')}---\n# keep me\n${vsText('b')}`;
    await open({ 'm.yaml': text });
    await store.update(withWeights(vs('VirtualService/default/b'), [55, 45]));
    expect(await temp.read('m.yaml')).toBe(
      `# routes\n${vsText('a')}---\n# keep me\n${vsText('b', [55, 45])}`,
    );
  });

  it('refuses to write a file that has a YAML error, even in another document', async () => {
    const text = `${vsText('a')}---\nkind: [broken\n`;
    await open({ 'a.yaml': text });
    await expect(store.update(withWeights(vs('VirtualService/default/a'), [50, 50]))).rejects.toMatchObject({
      code: 'Invalid',
      message: expect.stringMatching(/a\.yaml: it is not valid YAML/),
    });
    expect(await temp.read('a.yaml')).toBe(text);
  });

  it('refuses to edit an object defined twice', async () => {
    await open({ 'a.yaml': vsText('a'), 'b.yaml': vsText('a') });
    const object = held('VirtualService/default/a');
    const original = {
      ...(object as object),
      kind: 'VirtualService',
      spec: { hosts: [] },
    } as unknown as VirtualService;
    await expect(store.update(original)).rejects.toMatchObject({ code: 'Invalid' });
  });

  it('refuses a write when the document changed on disk, even before the watcher saw it', async () => {
    await open({ 'a.yaml': vsText('a') });
    const before = vs('VirtualService/default/a');
    await writeFile(join(temp.folder, 'a.yaml'), vsText('a', [1, 99]));
    await expect(store.update(withWeights(before, [50, 50]))).rejects.toMatchObject({ code: 'Conflict' });
    expect(await temp.read('a.yaml')).toBe(vsText('a', [1, 99]));
  });

  it('says whether the file may be written, and who the local person is', async () => {
    await open({ 'a.yaml': vsText('a') });
    const ref = { kind: 'VirtualService', namespace: 'default', name: 'a' } as const;
    expect(await store.canUpdate(ref)).toBe(true);
    expect(await store.whoAmI()).toEqual(expect.any(String));
    if (process.getuid?.() === 0) return; // root may write anything
    await chmod(join(temp.folder, 'a.yaml'), 0o444);
    expect(await store.canUpdate(ref)).toBe(false);
  });
});

describe('creating and deleting', () => {
  it('creates an object in a file of its own, <namespace>/<kind>-<name>.yaml', async () => {
    await open({ 'routes.yaml': vsText('first', [50, 50], 'shop') });
    const object = structuredClone(vs('VirtualService/shop/first'));
    object.metadata = { name: 'second', namespace: 'shop' };
    await store.create(object);
    expect(await temp.read('shop/virtualservice-second.yaml')).toContain('name: second');
    expect(vs('VirtualService/shop/second').source?.file).toBe('shop/virtualservice-second.yaml');
  });

  it('removes one document from a file and leaves the others byte for byte', async () => {
    const first = vsText('first', [50, 50], 'shop');
    const third = vsText('third', [50, 50], 'shop');
    await open({
      'routes.yaml': `${first}---
# the second
${vsText('second', [50, 50], 'shop')}---
${third}`,
    });
    const version = vs('VirtualService/shop/second').metadata.resourceVersion ?? '';
    await store.delete(
      { kind: 'VirtualService', namespace: 'shop', name: 'second' },
      { resourceVersion: version },
    );
    expect(await temp.read('routes.yaml')).toBe(`${first}---
${third}`);
    expect(held('VirtualService/shop/second')).toBeUndefined();
    expect(held('VirtualService/shop/third')?.kind).toBe('VirtualService');
  });

  it('removes the file when its last document goes, and refuses a file with a YAML error', async () => {
    await open({
      'one.yaml': vsText('only', [50, 50], 'shop'),
      'two.yaml': `${vsText('b', [1, 99], 'shop')}---
x: [
`,
    });
    const only = vs('VirtualService/shop/only').metadata.resourceVersion ?? '';
    await store.delete(
      { kind: 'VirtualService', namespace: 'shop', name: 'only' },
      { resourceVersion: only },
    );
    expect((await readdir(temp.folder)).sort()).toEqual(['two.yaml']);
    const b = vs('VirtualService/shop/b').metadata.resourceVersion ?? '';
    await expect(
      store.delete({ kind: 'VirtualService', namespace: 'shop', name: 'b' }, { resourceVersion: b }),
    ).rejects.toMatchObject({ code: 'Invalid' });
  });
});

describe('the demo', () => {
  it('turns a canary slider change into a two-line change of the demo file', async () => {
    temp = await tempFolder();
    const folder = join(temp.folder, 'demo');
    store = createDemoStore({ folder });
    await store.start();
    const file = join(folder, '40-shop-routing.yaml');
    const before = await readFile(file, 'utf8');
    const catalog = vs('VirtualService/shop/catalog');
    const change = {
      kind: 'SetWeights',
      target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
    } as const;
    await store.update(
      applyChange(catalog, { ...change, routeKind: 'http', routeIndex: 0, weights: [75, 25] }),
    );
    const after = await readFile(file, 'utf8');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual(['          weight: 75', '          weight: 25']);
    expect(after.split('\n')).toHaveLength(before.split('\n').length);
  });

  it('works on a copy of the bundled demo and keeps edits to it', async () => {
    temp = await tempFolder();
    const folder = join(temp.folder, 'demo');
    store = createDemoStore({ folder });
    await store.start();
    const { sync, objects } = store.snapshot();
    expect(sync).toMatchObject({ backend: 'files', demo: true, source: folder, synced: true });
    const vsKey = Object.keys(objects).find((key) => key.startsWith('VirtualService/'));
    expect(vsKey).toBeDefined();
    expect(Object.values(objects).filter((o) => o.kind === 'Invalid')).toEqual([]);
    await store.stop();

    await writeFile(join(folder, 'mine.yaml'), vsText('mine'));
    store = createDemoStore({ folder });
    await store.start();
    expect(store.snapshot().objects['VirtualService/default/mine']).toBeDefined();
  });
});
