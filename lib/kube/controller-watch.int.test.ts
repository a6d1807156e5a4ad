import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, istioRollout, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import type { RolloutRef } from '../mesh/controller-lock';
import { applyManifests } from './apply-manifests';
import { type ControllerWatch, watchControllers } from './controller-watch';
import { kubeConfigFor } from './kube-config';

const rollout = istioRollout;
const names = (rollouts: RolloutRef[]) => rollouts.map((r) => `${r.namespace}/${r.name}`).sort();

// The watches Weir opened (`?watch=true`), by path without the query.
const watches: string[] = [];
const noteWatch = (message: unknown) => {
  const { request } = message as { request: ClientRequest };
  if (/[?&]watch=true/.test(request.path)) watches.push(request.path.split('?')[0] ?? '');
};
const rolloutWatches = () => new Set(watches.filter((path) => path.startsWith('/apis/argoproj.io/')));

// The local cluster serves Argo Rollouts, not Flagger's Canaries (tools/cluster).
describe('controller watches limited to many namespaces (WEIR_NAMESPACES, local API server)', () => {
  const admin = () => kubeConfigAs('admin');
  let shop: string;
  let payments: string;
  let elsewhere: string;
  // Forty more namespaces in scope that hold nothing (nor exist): many, as a large install lists.
  let scope: string[];
  let controllers: ControllerWatch | undefined;

  beforeAll(async () => {
    [shop, payments, elsewhere] = (await Promise.all(
      ['cw-shop', 'cw-payments', 'cw-elsewhere'].map((prefix) => createTestNamespace(prefix)),
    )) as [string, string, string];
    await applyManifests(
      admin(),
      [shop, payments, elsewhere].map((ns) => rollout(ns, 'rolled')),
    );
    scope = [shop, payments, ...Array.from({ length: 40 }, (_, i) => `${shop}-none-${i}`)];
    subscribe('http.client.request.start', noteWatch);
    return () => unsubscribe('http.client.request.start', noteWatch);
  });
  afterEach(() => {
    controllers?.stop();
    controllers = undefined;
    watches.length = 0;
  });

  it('opens one Rollout watch across the cluster where Weir may, and holds only the namespaces in scope', async () => {
    // The operator's ClusterRole reads argoproj.io everywhere.
    controllers = watchControllers(kubeConfigAs('operator'), scope);
    const watched = controllers;
    expect(names(await until('the Rollouts held', () => watched.rollouts()))).toEqual(
      [`${payments}/rolled`, `${shop}/rolled`].sort(),
    );
    // A Rollout created since arrives in scope; one outside it is never held.
    await applyManifests(admin(), [rollout(elsewhere, 'later'), rollout(shop, 'later')]);
    await until('the new Rollout in scope held', () =>
      watched.rollouts()?.some((r) => r.namespace === shop && r.name === 'later'),
    );
    expect(watched.rollouts()?.some((r) => r.namespace === elsewhere)).toBe(false);
    // Renewed as often as it likes, but one watch: not one per namespace.
    expect([...rolloutWatches()]).toEqual(['/apis/argoproj.io/v1alpha1/rollouts']);
  });

  it('watches each namespace where Weir has Roles there alone (an access review says no across the cluster)', async () => {
    const user = `cw-limited-${randomBytes(3).toString('hex')}`;
    await applyManifests(
      admin(),
      [shop, payments].flatMap((namespace) => [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: user, namespace },
          rules: [{ apiGroups: ['argoproj.io', 'flagger.app'], resources: ['*'], verbs: ['list', 'watch'] }],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: user, namespace },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: user },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
        },
      ]),
    );
    controllers = watchControllers(kubeConfigFor(admin(), { impersonate: { user } }), [shop, payments]);
    const watched = controllers;
    const held = names(await until('the Rollouts held', () => watched.rollouts()));
    expect(held).toEqual(expect.arrayContaining([`${payments}/rolled`, `${shop}/rolled`]));
    expect(held.filter((name) => !name.startsWith(`${shop}/`) && !name.startsWith(`${payments}/`))).toEqual(
      [],
    );
    expect([...rolloutWatches()].sort()).toEqual(
      [shop, payments].map((ns) => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts`).sort(),
    );
  });
});
