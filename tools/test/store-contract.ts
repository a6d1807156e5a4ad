import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION } from '../../lib/mesh/last-applied';
import { parseObject } from '../../lib/mesh/parse';
import type { MeshObject, ObjectRef, StoredObject, VirtualService } from '../../lib/mesh/types';
import type { MeshStore, StoreEvent } from '../../lib/store/types';
import { until } from './until';

/** A manifest as a person or a tool writes it: plain data, no Weir types. */
export type Manifest = Record<string, unknown>;

/**
 * What a backend gives the contract suite: its store (not started) over a source that holds
 * the seed manifests, and ways to change that source the way someone else would (kubectl,
 * an editor, `git pull`), bypassing the store.
 */
export interface StoreFixture {
  store: MeshStore;
  /** Creates or replaces an object at the source. */
  putExternally(manifest: Manifest): Promise<void>;
  /** Deletes an object at the source. */
  deleteExternally(ref: ObjectRef): Promise<void>;
  /** The object as the source holds it (all of it, as kubectl would show it), bypassing the store. */
  readExternally(ref: ObjectRef): Promise<Manifest | undefined>;
  cleanup(): Promise<void>;
}

/** Builds a fixture whose source holds `seed` (a Namespace first, then objects in it). */
export type MakeStoreFixture = (seed: Manifest[]) => Promise<StoreFixture>;

export interface ContractOptions {
  /** Per-test time limit: a real API server is slower than a folder (default 20 s). */
  timeoutMs?: number;
}

/**
 * The store contract (DESIGN.md, "The store contract") as tests: list, watch, write with a
 * precondition, conflict, bad input. Every backend runs the same suite.
 */
export function describeStoreContract(
  name: string,
  makeFixture: MakeStoreFixture,
  options: ContractOptions = {},
) {
  const timeout = options.timeoutMs ?? 20_000;
  const ns = `contract-${randomBytes(3).toString('hex')}`;
  const vs = (vsName: string, weights = [90, 10]) => canary(ns, vsName, weights);
  const ref = (vsName: string): ObjectRef => ({ kind: 'VirtualService', namespace: ns, name: vsName });
  const seed: Manifest[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews', namespace: ns },
      spec: {
        host: 'reviews',
        subsets: [1, 2].map((v) => ({ name: `v${v}`, labels: { version: `v${v}` } })),
      },
    },
    vs('reviews'),
    vs('ratings'),
    vs('details'),
    vs('bad-input'),
    // Applied with kubectl: its record of what it applied, which the store does not hold.
    {
      ...vs('applied'),
      metadata: {
        name: 'applied',
        namespace: ns,
        annotations: { team: 'shop', [LAST_APPLIED_ANNOTATION]: JSON.stringify(vs('applied')) },
      },
    },
  ];

  describe(`store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: MeshStore;

    beforeAll(async () => {
      fixture = await makeFixture(seed);
      store = fixture.store;
      await store.start();
    }, 120_000);
    afterAll(async () => {
      await store?.stop();
      await fixture?.cleanup();
    });

    it('lists what exists at start, and says it is in sync', () => {
      const { objects, sync } = store.snapshot();
      expect(sync.synced).toBe(true);
      expect(objects[`Namespace//${ns}`]).toMatchObject({ kind: 'Namespace', metadata: { name: ns } });
      expect(objects[`DestinationRule/${ns}/reviews`]).toMatchObject({ kind: 'DestinationRule' });
      const reviews = objects[`VirtualService/${ns}/reviews`];
      expect(reviews).toMatchObject({ kind: 'VirtualService', metadata: { name: 'reviews', namespace: ns } });
      expect(reviews?.metadata.resourceVersion).toEqual(expect.any(String));
      expect(store.get(ref('reviews'))).toEqual(reviews);
    });

    it('reads what it holds in place as a snapshot would hold it: every object by key, and the sync status', () => {
      const { objects, sync, sequence } = store.snapshot();
      expect(Object.fromEntries(store.entries())).toEqual(objects);
      expect(store.sequence()).toBe(sequence);
      const { syncedAt, ...status } = store.syncStatus();
      const { syncedAt: _, ...snapshotStatus } = sync;
      expect(status).toEqual(snapshotStatus);
      expect(Date.parse(syncedAt)).not.toBeNaN();
    });

    it(
      'sees an add, an update and a delete made elsewhere, in order, with growing sequence numbers',
      async () => {
        const key = `VirtualService/${ns}/external`;
        const start = store.snapshot().sequence;
        const added = nextEvent(store, (e) => e.type === 'put' && e.key === key);
        await fixture.putExternally(vs('external', [90, 10]));
        const a = await added;

        const updated = nextEvent(
          store,
          (e) => e.type === 'put' && e.key === key && weightsOf(e.object)[1] === 30,
        );
        await fixture.putExternally(vs('external', [70, 30]));
        const u = await updated;
        expect(u.sequence).toBeGreaterThan(a.sequence);
        expect(store.get(ref('external'))?.metadata.resourceVersion).not.toBe(
          a.type === 'put' ? a.object.metadata.resourceVersion : undefined,
        );

        const deleted = nextEvent(store, (e) => e.type === 'delete' && e.key === key);
        await fixture.deleteExternally(ref('external'));
        const d = await deleted;
        expect(d.sequence).toBeGreaterThan(u.sequence);
        expect(store.get(ref('external'))).toBeUndefined();

        const replayed = store.eventsSince(start) ?? [];
        const sequences = replayed.map((e) => e.sequence);
        expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
        expect(sequences[0]).toBeGreaterThan(start);
        expect(sequences).toEqual(expect.arrayContaining([a.sequence, u.sequence, d.sequence]));
        expect(store.eventsSince(store.snapshot().sequence)).toEqual([]);
      },
      timeout,
    );

    it(
      'writes an update made against the current resourceVersion and returns the new one',
      async () => {
        const current = held(store, ref('reviews'));
        const written = await store.update(withWeights(current, [75, 25]));
        expect(weightsOf(written)).toEqual([75, 25]);
        expect(written.metadata.resourceVersion).toEqual(expect.any(String));
        expect(written.metadata.resourceVersion).not.toBe(current.metadata.resourceVersion);
        const read = await store.read(ref('reviews'));
        expect(weightsOf(read)).toEqual([75, 25]);
        expect(read.metadata.resourceVersion).toBe(written.metadata.resourceVersion);
        await until(
          'the written version in the store',
          () => store.get(ref('reviews'))?.metadata.resourceVersion === written.metadata.resourceVersion,
        );
        // Fields the write did not touch are still there.
        expect(read).toMatchObject({ spec: { hosts: ['reviews'] } });
      },
      timeout,
    );

    it(
      'holds no kubectl last-applied-configuration, and an update leaves it at the source as it was',
      async () => {
        const current = held(store, ref('applied'));
        expect(current.metadata.annotations).toEqual({ team: 'shop' });
        const written = await store.update(withWeights(current, [70, 30]));
        expect(weightsOf(written)).toEqual([70, 30]);
        expect(written.metadata.annotations).toEqual({ team: 'shop' });
        const source = (await fixture.readExternally(ref('applied'))) as {
          metadata: { annotations?: Record<string, string> };
          spec: { http: Array<{ route: Array<{ weight: number }> }> };
        };
        expect(source.spec.http[0]?.route.map((r) => r.weight)).toEqual([70, 30]);
        expect(source.metadata.annotations).toEqual({
          team: 'shop',
          [LAST_APPLIED_ANNOTATION]: JSON.stringify(vs('applied')),
        });
      },
      timeout,
    );

    it(
      'refuses an update made against a stale resourceVersion, and writes nothing',
      async () => {
        const stale = held(store, ref('ratings'));
        const changed = nextEvent(store, (e) => e.type === 'put' && e.key === `VirtualService/${ns}/ratings`);
        await fixture.putExternally(vs('ratings', [50, 50]));
        await changed;
        await expect(store.update(withWeights(stale, [10, 90]))).rejects.toMatchObject({ code: 'Conflict' });
        expect(weightsOf(await store.read(ref('ratings')))).toEqual([50, 50]);
      },
      timeout,
    );

    it(
      'answers a dry run with the result, and writes nothing',
      async () => {
        const current = held(store, ref('details'));
        const result = await store.update(withWeights(current, [60, 40]), { dryRun: true });
        expect(weightsOf(result)).toEqual([60, 40]);
        const read = await store.read(ref('details'));
        expect(weightsOf(read)).toEqual([90, 10]);
        expect(read.metadata.resourceVersion).toBe(current.metadata.resourceVersion);
      },
      timeout,
    );

    it(
      'refuses to update an object that does not exist, and creates nothing',
      async () => {
        const missing = {
          ...held(store, ref('details')),
          metadata: { name: 'missing', namespace: ns, resourceVersion: '1' },
        };
        await expect(store.update(missing)).rejects.toMatchObject({ code: 'NotFound' });
        await expect(store.read(ref('missing'))).rejects.toMatchObject({ code: 'NotFound' });
      },
      timeout,
    );

    it(
      'creates an object that does not exist, and holds it',
      async () => {
        const created = await store.create(manifestObject(vs('created', [80, 20])));
        expect(weightsOf(created)).toEqual([80, 20]);
        expect(created.metadata.resourceVersion).toEqual(expect.any(String));
        const read = await store.read(ref('created'));
        expect(read.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
        await until(
          'the created object in the store',
          () => store.get(ref('created'))?.kind === 'VirtualService',
        );
      },
      timeout,
    );

    it(
      'answers a dry-run create with the result, and creates nothing',
      async () => {
        const result = await store.create(manifestObject(vs('dry-created')), { dryRun: true });
        expect(weightsOf(result)).toEqual([90, 10]);
        await expect(store.read(ref('dry-created'))).rejects.toMatchObject({ code: 'NotFound' });
      },
      timeout,
    );

    it(
      'refuses to create an object that exists, and changes nothing',
      async () => {
        const current = held(store, ref('details'));
        await expect(store.create(manifestObject(vs('details', [1, 99])))).rejects.toMatchObject({
          code: 'Conflict',
        });
        const read = await store.read(ref('details'));
        expect(read.metadata.resourceVersion).toBe(current.metadata.resourceVersion);
      },
      timeout,
    );

    it(
      'deletes an object at its current resourceVersion; a dry run deletes nothing',
      async () => {
        const created = await store.create(manifestObject(vs('doomed')));
        const version = created.metadata.resourceVersion ?? '';
        await store.delete(ref('doomed'), { resourceVersion: version, dryRun: true });
        expect((await store.read(ref('doomed'))).metadata.resourceVersion).toBe(version);
        await store.delete(ref('doomed'), { resourceVersion: version });
        await expect(store.read(ref('doomed'))).rejects.toMatchObject({ code: 'NotFound' });
        await until('the deleted object gone from the store', () => store.get(ref('doomed')) === undefined);
      },
      timeout,
    );

    it(
      'refuses a delete made against a stale resourceVersion, and deletes nothing',
      async () => {
        const created = await store.create(manifestObject(vs('kept')));
        const changed = nextEvent(
          store,
          (e) => e.type === 'put' && e.key === `VirtualService/${ns}/kept` && weightsOf(e.object)[1] === 50,
        );
        await fixture.putExternally(vs('kept', [50, 50]));
        await changed;
        await expect(
          store.delete(ref('kept'), { resourceVersion: created.metadata.resourceVersion ?? '' }),
        ).rejects.toMatchObject({ code: 'Conflict' });
        expect(weightsOf(await store.read(ref('kept')))).toEqual([50, 50]);
      },
      timeout,
    );

    it(
      'refuses an invalid object, and writes nothing',
      async () => {
        const current = held(store, ref('bad-input'));
        const broken = withWeights(current, [50, 50]);
        const route = broken.spec.http?.[0]?.route?.[0];
        if (route) (route as { weight: unknown }).weight = 'heavy';
        await expect(store.update(broken)).rejects.toMatchObject({ code: 'Invalid' });
        const read = await store.read(ref('bad-input'));
        expect(weightsOf(read)).toEqual([90, 10]);
        expect(read.metadata.resourceVersion).toBe(current.metadata.resourceVersion);
      },
      timeout,
    );
  });
}

/** A VirtualService with one weighted route over subsets v1, v2, … */
export function canary(namespace: string, name: string, weights: number[]): Manifest {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: weights.map((weight, i) => ({
            destination: { host: 'reviews', subset: `v${i + 1}` },
            weight,
          })),
        },
      ],
    },
  };
}

/** Resolves with the first event from now on that `match` accepts. */
export function nextEvent(store: MeshStore, match: (event: StoreEvent) => boolean, timeoutMs = 15_000) {
  return new Promise<StoreEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the expected event did not arrive'));
    }, timeoutMs);
    const stop = store.subscribe((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/** A seed manifest as the object a caller hands to `create`. */
function manifestObject(manifest: Manifest): MeshObject {
  const object = parseObject(manifest);
  if (!object || object.kind === 'Invalid') throw new Error('the manifest does not parse');
  return object;
}

function held(store: MeshStore, ref: ObjectRef): VirtualService {
  const object = store.get(ref);
  if (object?.kind !== 'VirtualService') throw new Error(`${ref.name} is not held as a VirtualService`);
  return object;
}

function withWeights(object: VirtualService, weights: number[]): VirtualService {
  const copy = structuredClone(object);
  copy.spec.http?.[0]?.route?.forEach((destination, i) => {
    destination.weight = weights[i];
  });
  return copy;
}

function weightsOf(object: StoredObject | MeshObject): Array<number | undefined> {
  if (object.kind !== 'VirtualService') return [];
  return object.spec.http?.[0]?.route?.map((destination) => destination.weight) ?? [];
}
