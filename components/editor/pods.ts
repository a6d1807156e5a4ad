import type { MeshSnapshot, Pod } from '@/lib/mesh/types';

/** The pods (in `namespace`, or anywhere when undefined) whose labels include all of `labels`. */
export function podsSelected(
  view: MeshSnapshot,
  labels: Record<string, string> | undefined,
  namespace?: string,
): { total: number; ready: number } {
  const wanted = Object.entries(labels ?? {});
  let total = 0;
  let ready = 0;
  if (wanted.length === 0) return { total, ready };
  for (const object of Object.values(view.objects)) {
    if (object.kind !== 'Pod') continue;
    const pod = object as Pod;
    if (namespace !== undefined && pod.metadata.namespace !== namespace) continue;
    if (!wanted.every(([k, v]) => pod.metadata.labels?.[k] === v)) continue;
    total++;
    if (pod.status.ready) ready++;
  }
  return { total, ready };
}

export function podsWords({ total, ready }: { total: number; ready: number }): string {
  if (total === 0) return 'selects no pod';
  return `selects ${total} pod${total === 1 ? '' : 's'} (${ready} ready)`;
}

/** The selector of the Service a host names (`checkout`, `checkout.shop.svc.cluster.local`), if held. */
export function serviceSelector(
  view: MeshSnapshot,
  host: string,
  namespace?: string,
): Record<string, string> {
  const [name, hostNamespace] = host.split('.');
  const service = Object.values(view.objects).find(
    (o) =>
      o.kind === 'Service' &&
      o.metadata.name === name &&
      o.metadata.namespace === (hostNamespace ?? namespace),
  );
  return service?.kind === 'Service' ? (service.spec.selector ?? {}) : {};
}
