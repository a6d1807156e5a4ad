import type { MeshIndex } from './index-snapshot';
import { namespaceOf } from './index-snapshot';
import type { DestinationSite } from './resolve-destinations';
import { destinationSite } from './resolve-destinations';

/**
 * Services that no route sends to still carry traffic (plain Kubernetes routing): each gets a
 * destination node of its own, host only, so its workloads are drawn too.
 */
export function collectServices(index: MeshIndex, routed: readonly DestinationSite[]): DestinationSite[] {
  const hosts = new Set(routed.map((site) => site.fqdn));
  const sites: DestinationSite[] = [];
  for (const [fqdn, service] of index.serviceByFqdn) {
    if (hosts.has(fqdn)) continue;
    sites.push(
      destinationSite(
        index,
        { fqdn, namespace: namespaceOf(service) },
        { details: ['plain Kubernetes routing'] },
      ),
    );
  }
  return sites;
}
