import { kubeRequest } from '../../lib/kube/request';
import { clusterAs } from './cluster';

type Plural = 'virtualservices' | 'destinationrules' | 'gateways' | 'serviceentries';
export interface RawObject {
  metadata: { name: string; namespace: string; resourceVersion: string };
  spec: Record<string, unknown> & {
    http?: Array<Record<string, unknown>>;
    subsets?: Array<{ name: string; labels?: Record<string, string> }>;
    servers?: Array<Record<string, unknown> & { hosts: string[] }>;
    trafficPolicy?: Record<string, unknown>;
  };
}

const path = (plural: Plural, namespace: string, name: string) =>
  `/apis/networking.istio.io/v1/namespaces/${namespace}/${plural}/${name}`;

/** An Istio object as the API server holds it (read as the admin). */
export function readObject(plural: Plural, namespace: string, name: string): Promise<RawObject> {
  return kubeRequest<RawObject>(clusterAs('admin'), { method: 'GET', path: path(plural, namespace, name) });
}

/** Puts a spec back as it was (on whatever version is there now): restores after a test. */
export async function restoreSpec(plural: Plural, saved: RawObject): Promise<void> {
  const { namespace, name } = saved.metadata;
  const now = await readObject(plural, namespace, name);
  await kubeRequest(clusterAs('admin'), {
    method: 'PUT',
    path: path(plural, namespace, name),
    body: { ...now, spec: saved.spec },
  });
}
