import { objectKey } from '@/lib/mesh/object-key';
import { hostNamespace, resolveHost, selectsSome, shortHost } from '@/lib/mesh/resolve';
import type { MeshSnapshot, Pod } from '@/lib/mesh/types';

/** The pods (in `namespace`, or anywhere when undefined) whose labels include all of `labels`; none for no labels. */
export function podsSelected(
  view: MeshSnapshot,
  labels: Record<string, string> | undefined,
  namespace?: string,
): { total: number; ready: number } {
  let total = 0;
  let ready = 0;
  for (const object of Object.values(view.objects)) {
    if (object.kind !== 'Pod') continue;
    const pod = object as Pod;
    if (namespace !== undefined && pod.metadata.namespace !== namespace) continue;
    if (!selectsSome(labels, pod.metadata.labels)) continue;
    total++;
    if (pod.status.ready) ready++;
  }
  return { total, ready };
}

export function podsWords({ total, ready }: { total: number; ready: number }): string {
  if (total === 0) return 'selects no pod';
  return `selects ${total} pod${total === 1 ? '' : 's'} (${ready} ready)`;
}

/** The selector of the Service a host written in `namespace` names (`checkout`, `checkout.shop.svc.cluster.local`), if held. */
export function serviceSelector(
  view: MeshSnapshot,
  host: string,
  namespace?: string,
): Record<string, string> {
  const fqdn = resolveHost(host, namespace ?? '');
  const serviceNamespace = hostNamespace(fqdn);
  if (serviceNamespace === undefined) return {};
  const service =
    view.objects[objectKey({ kind: 'Service', namespace: serviceNamespace, name: shortHost(fqdn) })];
  return service?.kind === 'Service' ? (service.spec.selector ?? {}) : {};
}
