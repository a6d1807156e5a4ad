import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs, webServiceWithPod } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import type { ChangeSet } from '../mesh/changes/change-set';
import type { ObjectRef } from '../mesh/types';
import { createKubeStore } from '../store/kube/kube-store';
import { previewChangeSet, submitChangeSet } from './change-set';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';

describe('a change set (several creates as one change) on the local API server', () => {
  let operator: StoreHandle;
  let auditor: StoreHandle;
  let ns: string;
  const session = { user: 'olivia.operator' };
  const open = async (user: 'operator' | 'auditor') => {
    const store = createKubeStore({ kc: kubeConfigAs(user) });
    await store.start();
    return { store, versions: new RecentVersions(store) };
  };
  const ref = (kind: ObjectRef['kind'], name: string): ObjectRef => ({ kind, namespace: ns, name });
  const object = (kind: string, name: string, spec: unknown) => ({
    apiVersion: 'networking.istio.io/v1',
    kind,
    metadata: { name, namespace: ns },
    spec,
  });
  // A route to subset v1 is an error alone (VS_SUBSET_NOT_FOUND) and fine with its
  // DestinationRule in the same set: the set is checked together.
  const rule = () =>
    object('DestinationRule', 'web', {
      host: 'web',
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
  const route = () =>
    object('VirtualService', 'web', {
      hosts: ['web'],
      http: [{ route: [{ destination: { host: 'web', subset: 'v1' } }] }],
    });
  const setOf = (...objects: ReturnType<typeof object>[]): ChangeSet => {
    const changes = objects.map((o) => ({
      kind: 'CreateObject' as const,
      target: ref(o.kind as ObjectRef['kind'], o.metadata.name),
      object: o,
    }));
    return { kind: 'ChangeSet', target: changes[0]?.target as ObjectRef, title: 'Route web to v1', changes };
  };
  const gone = async (target: ObjectRef) =>
    expect(operator.store.read(target)).rejects.toMatchObject({ code: 'NotFound' });

  beforeAll(async () => {
    ns = await createTestNamespace('changeset');
    await applyManifests(kubeConfigAs('admin'), webServiceWithPod(ns));
    operator = await open('operator');
    auditor = await open('auditor');
    await until('the pod web-v1 ready in the cache', () => {
      const pod = operator.store.get({ kind: 'Pod', namespace: ns, name: 'web-v1' });
      return pod?.kind === 'Pod' && pod.status.ready;
    });
  });
  afterAll(async () => {
    await operator.store.stop();
    await auditor.store.stop();
  });

  it('is refused whole when a member brings an error of its own, and writes nothing', async () => {
    await expect(submitChangeSet(operator, session, { change: setOf(route()) })).rejects.toMatchObject({
      code: 'Invalid',
      message: expect.stringContaining(`VirtualService/${ns}/web`),
    });
    await gone(ref('VirtualService', 'web'));
  });

  it('is refused whole when the person may not create one of its objects', async () => {
    await expect(submitChangeSet(auditor, session, { change: setOf(rule(), route()) })).rejects.toMatchObject(
      {
        code: 'Forbidden',
      },
    );
    await gone(ref('DestinationRule', 'web'));
  });

  it('previews as one summary and one diff (dry run), then writes every member in order', async () => {
    const set = setOf(rule(), route());
    const preview = await previewChangeSet(operator, session, { change: set });
    expect(preview.summary).toBe(
      `Route web to v1: ${ns}/web: DestinationRule created; ${ns}/web: VirtualService created`,
    );
    expect(preview.objects?.map((o) => o.kind)).toEqual(['DestinationRule', 'VirtualService']);
    expect(preview.diff).toContain('destinationrule-web.yaml');
    expect(preview.diff).toContain('virtualservice-web.yaml');
    await gone(ref('DestinationRule', 'web'));

    const answer = await submitChangeSet(operator, session, { change: set, note: 'one change' });
    expect(answer.objects?.map((o) => o.metadata.resourceVersion)).toEqual([
      expect.any(String),
      expect.any(String),
    ]);
    expect((await operator.store.read(ref('VirtualService', 'web'))).kind).toBe('VirtualService');
    await until('both in the cache', () => operator.store.get(ref('VirtualService', 'web')));
  });

  it('takes back the members written before one the API server refuses, and says so', async () => {
    // A screen (a cache) that has not yet seen an entry someone else just made: Weir's checks
    // pass, the API server refuses the create (AlreadyExists) after the first member is written.
    const stale = await open('operator');
    await stale.store.stop();
    const entry = object('ServiceEntry', 'taken', {
      hosts: ['db.example.com'],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }],
    });
    await applyManifests(kubeConfigAs('admin'), [entry]);
    const extra = object('DestinationRule', 'api', { host: 'api.example.com' });
    const error = await submitChangeSet(stale, session, { change: setOf(extra, entry) }).catch((e) => e);
    expect(error).toMatchObject({
      code: 'Conflict',
      details: { refused: `ServiceEntry/${ns}/taken`, standing: [] },
    });
    expect(error.message).toContain('taken back: nothing of the set was written');
    await gone(ref('DestinationRule', 'api'));
  });
});
