import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { kubeRequest } from '../kube/request';
import { invertChange } from '../mesh/changes';
import type { SetBackendWeights } from '../mesh/changes/set-backend-weights';
import { ConflictError, ForbiddenError, InvalidError } from '../mesh/errors';
import { createKubeStore } from '../store/kube/kube-store';
import { previewChange } from './preview-change';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

interface RawRoute {
  metadata: { resourceVersion: string; managedFields?: Array<{ manager: string }> };
  spec: { rules: Array<{ backendRefs: Array<{ name: string; weight?: number }> }> };
}

function httpRoute(namespace: string, name: string, weights: number[], labels: Record<string, string> = {}) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace, labels },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
          backendRefs: weights.map((weight, i) => ({ name: `cart-v${i + 1}`, port: 8080, weight })),
        },
      ],
    },
  };
}

describe('SetBackendWeights through the write path against the local API server', () => {
  let operator: StoreHandle;
  let auditor: StoreHandle;
  let ns: string;
  const session = { user: 'olivia.operator' };
  const open = async (user: 'operator' | 'auditor') => {
    const store = createKubeStore({ kc: kubeConfigAs(user) });
    await store.start();
    return { store, versions: new RecentVersions(store) };
  };
  const read = (name: string) =>
    kubeRequest<RawRoute>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/${name}`,
    });
  const create = async (name: string, weights: number[], labels?: Record<string, string>) => {
    await applyManifests(kubeConfigAs('admin'), [httpRoute(ns, name, weights, labels)]);
    const { resourceVersion } = (await read(name)).metadata;
    await until(
      `${name}@${resourceVersion} in the operator's cache`,
      () => operator.store.get(ref(name))?.metadata.resourceVersion === resourceVersion,
    );
    return resourceVersion;
  };
  const ref = (name: string) => ({ kind: 'HTTPRoute' as const, namespace: ns, name });
  const set = (name: string, weights: number[]): SetBackendWeights => ({
    kind: 'SetBackendWeights',
    target: ref(name),
    routeKind: 'rules',
    routeIndex: 0,
    weights,
  });
  const weightsOf = async (name: string) =>
    (await read(name)).spec.rules[0]?.backendRefs.map((b) => b.weight);

  beforeAll(async () => {
    ns = await createTestNamespace('gw-change');
    operator = await open('operator');
    auditor = await open('auditor');
  });
  afterAll(async () => {
    await operator.store.stop();
    await auditor.store.stop();
  });

  it("moves a 90/10 split to 70/30 with Weir's field manager, and its undo moves it back", async () => {
    const resourceVersion = await create('split', [90, 10]);
    const result = await submitChange(operator, session, { change: set('split', [70, 30]), resourceVersion });
    expect(result.summary).toBe('split rules[0]: cart-v1:8080 90% → 70%, cart-v2:8080 10% → 30%');
    expect(await weightsOf('split')).toEqual([70, 30]);
    expect((await read('split')).metadata.managedFields?.map((f) => f.manager)).toContain('weir');

    const before = operator.store.get(ref('split'));
    if (!before || before.kind === 'Invalid') throw new Error('not held');
    await until('70/30 in the cache', () => {
      const held = operator.store.get(ref('split'));
      return held?.kind === 'HTTPRoute' && held.spec.rules?.[0]?.backendRefs?.[0]?.weight === 70;
    });
  });

  it('keeps the rule’s total: 9/1 moved to 70/30 is written 7/3', async () => {
    const resourceVersion = await create('small', [9, 1]);
    const held = operator.store.get(ref('small'));
    if (!held || held.kind === 'Invalid') throw new Error('not held');
    await submitChange(operator, session, { change: set('small', [70, 30]), resourceVersion });
    expect(await weightsOf('small')).toEqual([7, 3]);
    const [undo] = invertChange(set('small', [70, 30]), held);
    const now = (await read('small')).metadata.resourceVersion;
    await until('7/3 in the cache', () => operator.store.get(ref('small'))?.metadata.resourceVersion === now);
    await submitChange(operator, session, { change: undo as SetBackendWeights, resourceVersion: now });
    expect(await weightsOf('small')).toEqual([9, 1]);
  });

  it('previews as a dry run with a summary and a diff, writing nothing', async () => {
    const resourceVersion = await create('preview', [90, 10]);
    const preview = await previewChange(operator, session, {
      change: set('preview', [50, 50]),
      resourceVersion,
    });
    expect(preview.summary).toContain('cart-v1:8080 90% → 50%');
    expect(preview.diff).toContain('weight: 50');
    expect(await weightsOf('preview')).toEqual([90, 10]);
  });

  it('rebases over an unrelated change, and refuses one over changed weights', async () => {
    const old = await create('rebase', [90, 10]);
    await create('rebase', [90, 10], { team: 'cart' });
    const result = await submitChange(operator, session, {
      change: set('rebase', [80, 20]),
      resourceVersion: old,
    });
    expect(result.rebased).toBe(true);
    expect(await weightsOf('rebase')).toEqual([80, 20]);

    const seen = (await read('rebase')).metadata.resourceVersion;
    await create('rebase', [60, 40], { team: 'cart' });
    await expect(
      submitChange(operator, session, { change: set('rebase', [75, 25]), resourceVersion: seen }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await weightsOf('rebase')).toEqual([60, 40]);
  });

  it('refuses an auditor, and shares that do not add up, writing nothing', async () => {
    const resourceVersion = await create('refused', [90, 10]);
    await expect(
      submitChange(
        auditor,
        { user: 'arthur.auditor' },
        { change: set('refused', [70, 30]), resourceVersion },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      submitChange(operator, session, { change: set('refused', [70, 20]), resourceVersion }),
    ).rejects.toBeInstanceOf(InvalidError);
    expect(await weightsOf('refused')).toEqual([90, 10]);
  });
});
