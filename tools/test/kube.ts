import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { applyManifests, type Manifest } from '../../lib/kube/apply-manifests';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import type { ClusterUser } from '../cluster/cluster';

/** A KubeConfig for one of the local cluster's users. */
export function kubeConfigAs(user: ClusterUser) {
  return loadKubeConfig({ kubeconfig: inject('kubeconfig'), context: user });
}

/**
 * A namespace of its own for one test (namespace deletion never finishes without a
 * controller manager, so names are unique rather than reused).
 */
export async function createTestNamespace(
  prefix: string,
  labels: Record<string, string> = {},
): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await applyManifests(kubeConfigAs('admin'), [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'istio-injection': 'enabled', ...labels } },
    },
  ]);
  return name;
}

/** A small VirtualService with a weighted split, for tests to write and change. */
export function canaryVirtualService(namespace: string, name = 'reviews', weights = [90, 10]): Manifest {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace },
    spec: {
      hosts: [name],
      http: [
        {
          route: weights.map((weight, i) => ({ destination: { host: name, subset: `v${i + 1}` }, weight })),
        },
      ],
    },
  };
}

/** An Argo Rollout whose canary routes through the VirtualService `virtualService` (its own name by default). */
export function istioRollout(namespace: string, name: string, virtualService = name): Manifest {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace },
    spec: {
      strategy: { canary: { trafficRouting: { istio: { virtualService: { name: virtualService } } } } },
    },
  };
}

/**
 * A Service `web` and one ready pod `web-v1` (version v1) behind it in `namespace`: enough for
 * Weir's rules to accept a route to web and a DestinationRule subset v1 (they judge pods
 * whenever the cluster has any, as it does once the demo is seeded).
 */
export function webServiceWithPod(namespace: string): Manifest[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace },
      spec: { ports: [{ name: 'http', port: 80 }], selector: { app: 'web' } },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-v1', namespace, labels: { app: 'web', version: 'v1' } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    },
  ];
}
