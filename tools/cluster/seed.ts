import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyManifests, type Manifest } from '../../lib/kube/apply-manifests';
import type { KubeConfig } from '../../lib/kube/watch';
import { loadYamlManifests } from './cluster';

const demoFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo', 'mesh');

// Namespaces before what lives in them; pods last so the mesh is whole when they turn ready.
const ORDER = ['Namespace', 'Service', 'Gateway', 'DestinationRule', 'ServiceEntry', 'VirtualService', 'Pod'];

/** The bundled demo mesh's manifests, in the order they can be created. */
export function demoManifests(folder = demoFolder): Manifest[] {
  const manifests = readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .flatMap((name) => loadYamlManifests(path.join(folder, name)));
  const rank = (m: Manifest) => (ORDER.includes(m.kind) ? ORDER.indexOf(m.kind) : ORDER.length);
  return manifests.sort((a, b) => rank(a) - rank(b)).map(withContainerStatuses);
}

interface PodParts {
  spec?: { containers?: Array<{ name: string; image: string }> };
  status?: { conditions?: Array<{ type: string; status: string }>; containerStatuses?: unknown[] };
}

/** A kubelet reports each container too; kubectl's READY column counts those. */
function withContainerStatuses(manifest: Manifest): Manifest {
  const pod = manifest as Manifest & PodParts;
  if (manifest.kind !== 'Pod' || !pod.status || pod.status.containerStatuses) return manifest;
  const ready = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const containerStatuses = (pod.spec?.containers ?? []).map((container) => ({
    name: container.name,
    image: container.image,
    imageID: '',
    ready,
    started: ready,
    restartCount: 0,
    state: ready
      ? { running: { startedAt: new Date().toISOString() } }
      : { waiting: { reason: 'ContainerCreating' } },
  }));
  return { ...manifest, status: { ...pod.status, containerStatuses } };
}

/** Creates the demo mesh; each Pod's status is written as a kubelet would (Running, Ready). */
export async function seedDemo(kc: KubeConfig, folder?: string): Promise<number> {
  const manifests = demoManifests(folder);
  await applyManifests(kc, manifests, 'weir-seed');
  return manifests.length;
}
