import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { kubeRequest } from '../kube/request';
import { ConflictError, ForbiddenError, InvalidError } from '../mesh/errors';
import type { MeshObject, VirtualService } from '../mesh/types';
import { createKubeStore } from '../store/kube/kube-store';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

interface RawVs {
  metadata: { resourceVersion: string; managedFields?: Array<{ manager: string; operation: string }> };
  spec: { http: Array<{ route: Array<{ destination: { subset: string }; weight: number }> }> };
}

describe('submitting a weight change to the local API server', () => {
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
    kubeRequest<RawVs>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`,
    });
  const create = async (name: string, weights = [90, 10]) => {
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, name, weights)]);
    const { resourceVersion } = (await read(name)).metadata;
    await until(
      `${name}@${resourceVersion} in the operator's cache`,
      () => operator.store.get(ref(name))?.metadata.resourceVersion === resourceVersion,
    );
    return resourceVersion;
  };
  const ref = (name: string) => ({ kind: 'VirtualService' as const, namespace: ns, name });
  const setWeights = (name: string, weights: number[]) => ({
    kind: 'SetWeights' as const,
    target: ref(name),
    routeKind: 'http' as const,
    routeIndex: 0,
    weights,
  });
  const weightsOf = async (name: string) => (await read(name)).spec.http[0]?.route.map((r) => r.weight);

  beforeAll(async () => {
    ns = await createTestNamespace('change');
    operator = await open('operator');
    auditor = await open('auditor');
  });
  afterAll(async () => {
    await operator.store.stop();
    await auditor.store.stop();
  });

  it("writes the new weights with Weir's field manager", async () => {
    const resourceVersion = await create('lands');
    const result = await submitChange(operator, session, {
      change: setWeights('lands', [75, 25]),
      resourceVersion,
    });
    expect(result.rebased).toBe(false);
    expect(await weightsOf('lands')).toEqual([75, 25]);
    const managers = (await read('lands')).metadata.managedFields?.map((f) => f.manager);
    expect(managers).toContain('weir');
  });

  it('rebases a change made against an older version when the route is unchanged', async () => {
    const old = await create('rebased');
    // Someone else changes an unrelated field meanwhile.
    const other = canaryVirtualService(ns, 'rebased');
    (other.spec as { http: Array<Record<string, unknown>> }).http[0] = {
      ...(other.spec as { http: Array<Record<string, unknown>> }).http[0],
      timeout: '5s',
    };
    await applyManifests(kubeConfigAs('admin'), [other]);
    const result = await submitChange(operator, session, {
      change: setWeights('rebased', [50, 50]),
      resourceVersion: old,
    });
    expect(result.rebased).toBe(true);
    const now = await read('rebased');
    expect(now.spec.http[0]?.route.map((r) => r.weight)).toEqual([50, 50]);
    expect((now.spec.http[0] as unknown as { timeout: string }).timeout).toBe('5s');
  });

  it('refuses with 409 when the destinations changed since, and leaves the object alone', async () => {
    const old = await create('moved');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'moved', [80, 10, 10])]);
    const before = await read('moved');
    await until(
      'the outside write to moved in the cache',
      () => operator.store.get(ref('moved'))?.metadata.resourceVersion === before.metadata.resourceVersion,
    );
    const attempt = submitChange(operator, session, {
      change: setWeights('moved', [50, 50]),
      resourceVersion: old,
    });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect((await read('moved')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('takes a change made against a version its store has not seen yet, when that version is current at the source', async () => {
    // A store that no longer hears its watches: the screen (the answer to a write, or another
    // replica) is ahead of it, as it is for a moment after every write.
    const behind = await open('operator');
    try {
      const version = await until('behind-vs in the lagging store', async () => {
        await create('behind-vs');
        return behind.store.get(ref('behind-vs'))?.metadata.resourceVersion;
      });
      await behind.store.stop();
      const raw = await read('behind-vs');
      raw.spec.http[0]?.route.forEach((r, i) => {
        r.weight = i === 0 ? 80 : 20;
      });
      await kubeRequest(kubeConfigAs('admin'), {
        method: 'PUT',
        path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/behind-vs`,
        body: raw,
      });
      const seen = (await read('behind-vs')).metadata.resourceVersion;
      expect(behind.store.get(ref('behind-vs'))?.metadata.resourceVersion).toBe(version);
      await submitChange(behind, session, {
        change: setWeights('behind-vs', [70, 30]),
        resourceVersion: seen,
      });
      expect(await weightsOf('behind-vs')).toEqual([70, 30]);
      // A version the source does not hold now is still refused.
      await expect(
        submitChange(behind, session, { change: setWeights('behind-vs', [60, 40]), resourceVersion: seen }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await weightsOf('behind-vs')).toEqual([70, 30]);
    } finally {
      await behind.store.stop();
    }
  });

  it('refuses weights that do not add up to 100 with Invalid, writing nothing', async () => {
    const resourceVersion = await create('invalid');
    const attempt = submitChange(operator, session, {
      change: setWeights('invalid', [70, 20]),
      resourceVersion,
    });
    await expect(attempt).rejects.toBeInstanceOf(InvalidError);
    expect((await read('invalid')).metadata.resourceVersion).toBe(resourceVersion);
    expect(await weightsOf('invalid')).toEqual([90, 10]);
  });

  it('refuses the auditor with Forbidden, writing nothing', async () => {
    const resourceVersion = await create('audited');
    await until(
      `audited@${resourceVersion} in the auditor's cache`,
      () => auditor.store.get(ref('audited'))?.metadata.resourceVersion === resourceVersion,
    );
    const attempt = submitChange(
      auditor,
      { user: 'arthur.auditor' },
      { change: setWeights('audited', [0, 100]), resourceVersion },
    );
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    expect(await weightsOf('audited')).toEqual([90, 10]);
  });

  it('checks a dry run without writing', async () => {
    const resourceVersion = await create('dry');
    const result = await submitChange(operator, session, {
      change: setWeights('dry', [60, 40]),
      resourceVersion,
      dryRun: true,
    });
    const object = result.object as MeshObject as VirtualService;
    expect(object.spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([60, 40]);
    expect(await weightsOf('dry')).toEqual([90, 10]);
  });
});
