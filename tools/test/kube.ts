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
