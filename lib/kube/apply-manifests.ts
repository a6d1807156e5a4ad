import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { ConflictError, NotFoundError } from '../mesh/errors';
import { kubeRequest } from './request';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [key: string]: unknown };
  status?: unknown;
  [key: string]: unknown;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'GatewayClass',
]);

/** The API path of a manifest's collection, without discovery: enough for the kinds Weir seeds. */
export function manifestCollectionPath(manifest: Manifest): string {
  const [group, version] = manifest.apiVersion.includes('/')
    ? manifest.apiVersion.split('/')
    : ['', manifest.apiVersion];
  const lower = manifest.kind.toLowerCase();
  const plural = /[^aeiou]y$/.test(lower)
    ? `${lower.slice(0, -1)}ies`
    : lower.endsWith('s')
      ? `${lower}es`
      : `${lower}s`;
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  if (CLUSTER_SCOPED.has(manifest.kind)) return `${base}/${plural}`;
  const namespace = manifest.metadata.namespace ?? 'default';
  return `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

/**
 * Creates each manifest, or replaces it when it exists (like `kubectl apply` for a seed), in
 * order. A Pod's `status` is then written through the status subresource, as a kubelet would.
 */
export async function applyManifests(
  kc: KubeConfig,
  manifests: Manifest[],
  fieldManager = 'weir-seed',
): Promise<void> {
  for (const manifest of manifests) {
    try {
      await applyOne(kc, manifest, fieldManager);
    } catch (error) {
      if (error instanceof Error) {
        const where = `${manifest.kind} ${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;
        error.message = `${where}: ${error.message}`;
      }
      throw error;
    }
  }
}

async function applyOne(kc: KubeConfig, manifest: Manifest, fieldManager: string): Promise<void> {
  const { status, ...object } = manifest;
  const collection = manifestCollectionPath(manifest);
  const path = `${collection}/${encodeURIComponent(manifest.metadata.name)}`;
  let written: Manifest;
  try {
    written = await kubeRequest<Manifest>(kc, {
      method: 'POST',
      path: collection,
      query: { fieldManager, fieldValidation: 'Strict' },
      body: object,
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = await kubeRequest<Manifest>(kc, { method: 'GET', path });
    written = await kubeRequest<Manifest>(kc, {
      method: 'PUT',
      path,
      query: { fieldManager, fieldValidation: 'Strict' },
      body: {
        ...object,
        metadata: { ...object.metadata, resourceVersion: current.metadata.resourceVersion },
      },
    });
  }
  if (manifest.kind === 'Pod' && status) {
    await kubeRequest(kc, {
      method: 'PUT',
      path: `${path}/status`,
      query: { fieldManager },
      body: { ...written, status },
    });
  }
}

/** Deletes each manifest's object; one already gone is fine. */
export async function deleteManifests(kc: KubeConfig, manifests: Manifest[]): Promise<void> {
  for (const manifest of manifests) {
    const path = `${manifestCollectionPath(manifest)}/${encodeURIComponent(manifest.metadata.name)}`;
    try {
      await kubeRequest(kc, { method: 'DELETE', path });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}
