import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryVirtualService, createTestNamespace, istioRollout, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { type ControllerWatch, watchControllers } from '../kube/controller-watch';
import { kubeRequest } from '../kube/request';
import { ConflictError } from '../mesh/errors';
import { createKubeStore } from '../store/kube/kube-store';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

// The requests Weir started, by method and path.
const sent: string[] = [];
const noteRequest = (message: unknown) => {
  const { request } = message as { request: ClientRequest };
  sent.push(`${request.method} ${request.path.split('?')[0]}`);
};
const ROLLOUT_LISTS = /^GET \/apis\/argoproj\.io\//;

interface RawVs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight: number }> }> };
}

// The local cluster serves Argo Rollouts (tools/cluster/rollouts-crd.yaml) and not Flagger's
// Canaries: Rollouts are held by their watch, Canaries known absent by the watch of their CRD
// (by name), and a write asks the API server for neither.
describe('locks from watched Rollouts (local API server)', () => {
  let handle: StoreHandle;
  let controllers: ControllerWatch;
  let ns: string;
  const admin = () => kubeConfigAs('admin');
  const vsPath = (name: string) => `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`;
  const cached = async (name: string) => {
    const { metadata } = await kubeRequest<RawVs>(admin(), { method: 'GET', path: vsPath(name) });
    await until(
      `${name} in the cache`,
      () =>
        handle.store.get({ kind: 'VirtualService', namespace: ns, name })?.metadata.resourceVersion ===
        metadata.resourceVersion,
    );
    return metadata.resourceVersion;
  };
  const step = (name: string, resourceVersion: string, weights: number[]) =>
    submitChange(
      handle,
      { user: 'olivia.operator' },
      {
        change: {
          kind: 'SetWeights',
          target: { kind: 'VirtualService', namespace: ns, name },
          routeKind: 'http',
          routeIndex: 0,
          weights,
        },
        resourceVersion,
      },
    );
  const weightsOf = async (name: string) =>
    (await kubeRequest<RawVs>(admin(), { method: 'GET', path: vsPath(name) })).spec.http[0]?.route.map(
      (r) => r.weight,
    );

  beforeAll(async () => {
    ns = await createTestNamespace('locks-watched');
    const kc = kubeConfigAs('operator');
    const store = createKubeStore({ kc });
    await store.start();
    controllers = watchControllers(kc);
    handle = { store, versions: new RecentVersions(store), kube: kc, controllers };
    subscribe('http.client.request.start', noteRequest);
  });
  afterAll(async () => {
    unsubscribe('http.client.request.start', noteRequest);
    controllers.stop();
    await handle.store.stop();
  });

  it('refuses a write to a VirtualService a watched Rollout names, without listing Rollouts', async () => {
    await applyManifests(admin(), [canaryVirtualService(ns, 'rolled', [90, 10]), istioRollout(ns, 'rolled')]);
    const version = await cached('rolled');
    await until('the Rollout held by its watch', () =>
      controllers.rollouts()?.some((rollout) => rollout.namespace === ns && rollout.name === 'rolled'),
    );
    sent.length = 0;
    const refused = await step('rolled', version, [70, 30]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).message).toMatch(/Rollout/);
    expect(sent.filter((line) => ROLLOUT_LISTS.test(line))).toEqual([]);
    expect(sent.filter((line) => line.startsWith('PUT '))).toEqual([]);
    expect(await weightsOf('rolled')).toEqual([90, 10]);
  });

  it('writes a VirtualService no Rollout names, asking the API server for no controller at all', async () => {
    await applyManifests(admin(), [canaryVirtualService(ns, 'free', [90, 10])]);
    const version = await cached('free');
    await until('the Rollouts held by their watch', () => controllers.rollouts());
    expect(await until('no Canary CRD, as its watch says', () => controllers.canaries())).toEqual([]);
    sent.length = 0;
    await step('free', version, [60, 40]);
    expect(sent.filter((line) => line.startsWith('GET '))).toEqual([]);
    expect(await weightsOf('free')).toEqual([60, 40]);
  });

  it('lets the write through once the Rollout is deleted and its watch has heard so', async () => {
    await kubeRequest(admin(), {
      method: 'DELETE',
      path: `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts/rolled`,
    });
    await until('the Rollout gone from its watch', () =>
      controllers.rollouts()?.every((rollout) => !(rollout.namespace === ns && rollout.name === 'rolled')),
    );
    await step('rolled', await cached('rolled'), [50, 50]);
    expect(await weightsOf('rolled')).toEqual([50, 50]);
  });
});
