import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../lib/kube/apply-manifests';
import { kubeRequest } from '../../lib/kube/request';
import { watchPath } from '../../lib/kube/watch';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../lib/mesh/errors';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../test/kube';
import { demoManifests, seedDemo } from './seed';

const vsPath = (namespace: string, name = '') =>
  `/apis/networking.istio.io/v1/namespaces/${namespace}/virtualservices${name ? `/${name}` : ''}`;

interface Vs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight: number }> }> };
}

describe('the local Kubernetes API', () => {
  it('lets the operator create a VirtualService and refuses the auditor with 403, creating nothing', async () => {
    const ns = await createTestNamespace('rbac');
    await kubeRequest(kubeConfigAs('operator'), {
      method: 'POST',
      path: vsPath(ns),
      body: canaryVirtualService(ns),
    });

    const denied = kubeRequest(kubeConfigAs('auditor'), {
      method: 'POST',
      path: vsPath(ns),
      body: canaryVirtualService(ns, 'ratings'),
    });
    await expect(denied).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      kubeRequest(kubeConfigAs('admin'), { method: 'GET', path: vsPath(ns, 'ratings') }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // The auditor may still read what the operator wrote.
    const read = await kubeRequest<Vs>(kubeConfigAs('auditor'), {
      method: 'GET',
      path: vsPath(ns, 'reviews'),
    });
    expect(read.spec.http[0]?.route.map((r) => r.weight)).toEqual([90, 10]);
  });

  it("rejects a weight that is a string, by the Istio CRD's schema", async () => {
    const ns = await createTestNamespace('schema');
    const vs = canaryVirtualService(ns);
    const spec = vs.spec as { http: Array<{ route: Array<{ weight: unknown }> }> };
    const route = spec.http[0]?.route[0];
    if (route) route.weight = 'ninety';
    await expect(
      kubeRequest(kubeConfigAs('operator'), { method: 'POST', path: vsPath(ns), body: vs }),
    ).rejects.toBeInstanceOf(InvalidError);
  });

  it('rejects an unknown field under Strict field validation', async () => {
    const ns = await createTestNamespace('strict');
    const vs = canaryVirtualService(ns);
    (vs.spec as Record<string, unknown>).trafficSplit = { v2: 10 };
    const create = kubeRequest(kubeConfigAs('operator'), {
      method: 'POST',
      path: vsPath(ns),
      query: { fieldValidation: 'Strict' },
      body: vs,
    });
    await expect(create).rejects.toThrow(/unknown field "spec.trafficSplit"/);
  });

  it('answers 409 Conflict to the second of two updates made against the same resourceVersion', async () => {
    const ns = await createTestNamespace('conflict');
    const kc = kubeConfigAs('operator');
    const created = await kubeRequest<Vs>(kc, {
      method: 'POST',
      path: vsPath(ns),
      body: canaryVirtualService(ns),
    });
    const update = (weights: number[]) => {
      const body = canaryVirtualService(ns, 'reviews', weights);
      body.metadata.resourceVersion = created.metadata.resourceVersion;
      return kubeRequest<Vs>(kc, { method: 'PUT', path: vsPath(ns, 'reviews'), body });
    };
    await update([75, 25]);
    await expect(update([50, 50])).rejects.toBeInstanceOf(ConflictError);
    const now = await kubeRequest<Vs>(kc, { method: 'GET', path: vsPath(ns, 'reviews') });
    expect(now.spec.http[0]?.route.map((r) => r.weight)).toEqual([75, 25]);
  });

  it('delivers a change to a watch opened before it', async () => {
    const ns = await createTestNamespace('watch');
    const kc = kubeConfigAs('auditor');
    const seen: string[] = [];
    let reviewsSeen = () => {};
    const arrived = new Promise<void>((resolve) => {
      reviewsSeen = resolve;
    });
    const stop = await watchPath<{ metadata: { name: string } }>(kc, vsPath(ns), {}, (phase, object) => {
      seen.push(`${phase} ${object.metadata.name}`);
      if (object.metadata.name === 'reviews') reviewsSeen();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await applyManifests(kubeConfigAs('operator'), [canaryVirtualService(ns)]);
    await arrived;
    stop();
    expect(seen).toContain('ADDED reviews');
  });

  it('seeds the demo mesh, and its pods report Ready through the status subresource', async () => {
    const admin = kubeConfigAs('admin');
    const count = await seedDemo(admin);
    expect(count).toBe(demoManifests().length);
    const pods = await kubeRequest<{
      items: Array<{ status: { conditions?: Array<{ type: string; status: string }> } }>;
    }>(admin, { method: 'GET', path: '/api/v1/namespaces/shop/pods' });
    expect(pods.items.length).toBeGreaterThan(3);
    for (const pod of pods.items) {
      expect(pod.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
  });
});
