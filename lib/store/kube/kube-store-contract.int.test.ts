import { kubeConfigAs } from '../../../tools/test/kube';
import { describeStoreContract } from '../../../tools/test/store-contract';
import { applyManifests, deleteManifests, type Manifest as KubeManifest } from '../../kube/apply-manifests';
import { kubeRequest } from '../../kube/request';
import { objectPath, RESOURCE_TYPES } from '../../kube/resources';
import type { Kind } from '../../mesh/types';
import { createKubeStore } from './kube-store';

// The same contract the files backend meets, against the real local API server.
describeStoreContract(
  'kube store',
  async (seed) => {
    const admin = kubeConfigAs('admin');
    await applyManifests(admin, seed as unknown as KubeManifest[]);
    return {
      store: createKubeStore({ kc: kubeConfigAs('operator') }),
      putExternally: (manifest) => applyManifests(admin, [manifest as unknown as KubeManifest]),
      deleteExternally: (ref) =>
        deleteManifests(admin, [
          {
            apiVersion:
              ref.kind === 'Namespace' || ref.kind === 'Service' || ref.kind === 'Pod'
                ? 'v1'
                : 'networking.istio.io/v1',
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
          },
        ]),
      readExternally: async (ref) => {
        const type = RESOURCE_TYPES[ref.kind as Kind];
        return kubeRequest<Record<string, unknown>>(admin, {
          method: 'GET',
          path: objectPath(type, ref.namespace, ref.name),
        });
      },
      cleanup: async () => {},
    };
  },
  { timeoutMs: 30_000 },
);
