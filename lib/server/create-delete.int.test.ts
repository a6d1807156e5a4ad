import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs, webServiceWithPod } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { kubeRequest } from '../kube/request';
import { manifestOf } from '../mesh/changes/delete-object';
import { LAST_APPLIED_ANNOTATION } from '../mesh/last-applied';
import type { ObjectRef } from '../mesh/types';
import { createKubeStore } from '../store/kube/kube-store';
import { previewLifecycleChange, submitLifecycleChange } from './create-delete';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';

describe('creating and deleting routing objects on the local API server', () => {
  let operator: StoreHandle;
  let auditor: StoreHandle;
  let ns: string;
  const session = { user: 'olivia.operator' };

  const open = async (user: 'operator' | 'auditor') => {
    const store = createKubeStore({ kc: kubeConfigAs(user) });
    await store.start();
    return { store, versions: new RecentVersions(store) };
  };
  const ref = (kind: 'VirtualService' | 'DestinationRule' | 'HTTPRoute', name: string): ObjectRef => ({
    kind,
    namespace: ns,
    name,
  });
  const virtualService = (name: string, host: string, subset?: string) => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: ns },
    spec: { hosts: [host], http: [{ route: [{ destination: { host, ...(subset && { subset }) } }] }] },
  });
  const create = (handle: StoreHandle, object: ReturnType<typeof virtualService>, dryRun = false) =>
    submitLifecycleChange(handle, session, {
      change: { kind: 'CreateObject', target: ref('VirtualService', object.metadata.name), object },
      dryRun,
    });
  const remove = (target: ObjectRef, resourceVersion: string, dryRun = false) =>
    submitLifecycleChange(operator, session, {
      change: { kind: 'DeleteObject', target },
      resourceVersion,
      dryRun,
    });

  beforeAll(async () => {
    ns = await createTestNamespace('lifecycle');
    await applyManifests(kubeConfigAs('admin'), webServiceWithPod(ns));
    operator = await open('operator');
    auditor = await open('auditor');
    await until('the Service web in the cache', () =>
      operator.store.get({ kind: 'Service', namespace: ns, name: 'web' }),
    );
    await until('the pod web-v1 ready in the cache', () => {
      const pod = operator.store.get({ kind: 'Pod', namespace: ns, name: 'web-v1' });
      return pod?.kind === 'Pod' && pod.status.ready;
    });
  });
  afterAll(async () => {
    await operator.store.stop();
    await auditor.store.stop();
  });

  it('previews a create without writing, then creates; a second create is a conflict', async () => {
    const object = virtualService('web', 'web');
    const preview = await previewLifecycleChange(operator, session, {
      change: { kind: 'CreateObject', target: ref('VirtualService', 'web'), object },
    });
    expect(preview.summary).toBe(`${ns}/web: VirtualService created`);
    expect(preview.diff).toContain('+  hosts:');
    await expect(operator.store.read(ref('VirtualService', 'web'))).rejects.toMatchObject({
      code: 'NotFound',
    });

    const created = await create(operator, object);
    expect(created.object.metadata.resourceVersion).toEqual(expect.any(String));
    await until('the VirtualService web in the cache', () =>
      operator.store.get(ref('VirtualService', 'web')),
    );
    await expect(create(operator, object)).rejects.toMatchObject({ code: 'Conflict' });
  });

  it('refuses a create the person may not make, or one that brings an error, and writes nothing', async () => {
    await expect(create(auditor, virtualService('audited', 'web'))).rejects.toMatchObject({
      code: 'Forbidden',
    });
    await expect(create(operator, virtualService('nowhere', 'nowhere'))).rejects.toMatchObject({
      code: 'Invalid',
    });
    await expect(operator.store.read(ref('VirtualService', 'nowhere'))).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('deletes only at the version shown; a dry run says which routes it breaks and deletes nothing', async () => {
    const rule = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'web', namespace: ns },
      spec: { host: 'web', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    };
    const dr = await submitLifecycleChange(operator, session, {
      change: { kind: 'CreateObject', target: ref('DestinationRule', 'web'), object: rule },
    });
    await until('the DestinationRule web in the cache', () =>
      operator.store.get(ref('DestinationRule', 'web')),
    );
    // One VirtualService per host: the first one goes before the pinned one comes.
    const first = operator.store.get(ref('VirtualService', 'web'))?.metadata.resourceVersion ?? '';
    await remove(ref('VirtualService', 'web'), first);
    await until(
      'the VirtualService web gone from the cache',
      () => operator.store.get(ref('VirtualService', 'web')) === undefined,
    );
    await create(operator, virtualService('pinned', 'web', 'v1'));
    await until('the VirtualService pinned in the cache', () =>
      operator.store.get(ref('VirtualService', 'pinned')),
    );
    const version = dr.object.metadata.resourceVersion ?? '';

    await expect(remove(ref('DestinationRule', 'web'), '1')).rejects.toMatchObject({ code: 'Conflict' });
    const dry = await remove(ref('DestinationRule', 'web'), version, true);
    expect(dry.warnings.map((f) => f.code)).toContain('VS_SUBSET_NOT_FOUND');
    expect((await operator.store.read(ref('DestinationRule', 'web'))).metadata.resourceVersion).toBe(version);

    await remove(ref('DestinationRule', 'web'), version);
    await expect(operator.store.read(ref('DestinationRule', 'web'))).rejects.toMatchObject({
      code: 'NotFound',
    });
  });
  it('creates an HTTPRoute through the same gates, deletes it at its version, and its undo makes it again as it was', async () => {
    await applyManifests(kubeConfigAs('admin'), [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'edge', namespace: ns },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
      },
    ]);
    await until('the Gateway API Gateway edge in the cache', () =>
      operator.store.get({ kind: 'KubernetesGateway', namespace: ns, name: 'edge' }),
    );
    const route = (name: string, backend: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: ns, labels: { team: 'web' } },
      spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ name: backend, port: 80 }] }] },
    });
    const createRoute = (handle: StoreHandle, object: ReturnType<typeof route>) =>
      submitLifecycleChange(handle, session, {
        change: { kind: 'CreateObject', target: ref('HTTPRoute', object.metadata.name), object },
      });

    const preview = await previewLifecycleChange(operator, session, {
      change: { kind: 'CreateObject', target: ref('HTTPRoute', 'front'), object: route('front', 'web') },
    });
    expect(preview.summary).toBe(`${ns}/front: HTTPRoute created`);
    expect(preview.diff).toContain('+kind: HTTPRoute');
    await expect(operator.store.read(ref('HTTPRoute', 'front'))).rejects.toMatchObject({ code: 'NotFound' });
    await expect(createRoute(auditor, route('front', 'web'))).rejects.toMatchObject({ code: 'Forbidden' });
    // The Gateway API rules run on the new route: a backendRef to no Service is refused.
    await expect(createRoute(operator, route('broken', 'nowhere'))).rejects.toMatchObject({
      code: 'Invalid',
    });
    await expect(operator.store.read(ref('HTTPRoute', 'broken'))).rejects.toMatchObject({ code: 'NotFound' });

    const created = await createRoute(operator, route('front', 'web'));
    const held = await until('the HTTPRoute front in the cache', () =>
      operator.store.get(ref('HTTPRoute', 'front')),
    );
    await expect(createRoute(operator, route('front', 'web'))).rejects.toMatchObject({ code: 'Conflict' });
    if (held.kind === 'Invalid') throw new Error(held.reason);

    const version = created.object.metadata.resourceVersion ?? '';
    await expect(remove(ref('HTTPRoute', 'front'), '1')).rejects.toMatchObject({ code: 'Conflict' });
    await remove(ref('HTTPRoute', 'front'), version);
    await expect(operator.store.read(ref('HTTPRoute', 'front'))).rejects.toMatchObject({ code: 'NotFound' });

    // Undo of the delete: the object as it was (labels, spec as the API server held it).
    await submitLifecycleChange(operator, session, {
      change: { kind: 'CreateObject', target: ref('HTTPRoute', 'front'), object: manifestOf(held) },
    });
    const again = await operator.store.read(ref('HTTPRoute', 'front'));
    expect(again.metadata.labels).toEqual({ team: 'web' });
    expect(again.spec).toEqual(held.spec);
  });

  it("answers a delete with the object as it was, kubectl's last-applied-configuration in it, and its undo puts that back", async () => {
    // As `kubectl apply` leaves it: the manifest it sent, in an annotation the store does not hold.
    const applied = virtualService('applied', 'applied.example.com');
    const lastApplied = JSON.stringify(applied);
    await applyManifests(kubeConfigAs('admin'), [
      {
        ...applied,
        metadata: { ...applied.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } },
      },
    ]);
    const held = await until('the VirtualService applied in the cache', () =>
      operator.store.get(ref('VirtualService', 'applied')),
    );
    expect(held.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBeUndefined();

    const deleted = await remove(ref('VirtualService', 'applied'), held.metadata.resourceVersion ?? '');
    expect(deleted.object.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(lastApplied);
    await until(
      'the VirtualService applied gone from the cache',
      () => operator.store.get(ref('VirtualService', 'applied')) === undefined,
    );

    // The undo, as the browser sends it: the answer's object, made again.
    await submitLifecycleChange(operator, session, {
      change: {
        kind: 'CreateObject',
        target: ref('VirtualService', 'applied'),
        object: manifestOf(deleted.object),
      },
    });
    const raw = await kubeRequest<{ metadata: { annotations?: Record<string, string> } }>(
      kubeConfigAs('admin'),
      {
        method: 'GET',
        path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/applied`,
      },
    );
    expect(raw.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(lastApplied);
  });
});
