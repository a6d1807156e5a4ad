import { normalizeHost, selectorText } from '../../mesh/resolve';
import type { Gateway } from '../../mesh/types';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

interface ServerSite {
  gateway: Gateway;
  index: number;
  hosts: string[];
}

/** No two Gateways on the same pods serve the same host on the same port and bind address. */
export const gwConflictingServers: Check = {
  name: 'gw-conflicting-servers',
  codes: ['GW_CONFLICTING_SERVERS'],
  run(context, { each, emit }) {
    const groups = new Map<string, ServerSite[]>();
    each(context.gateways, (gateway) => {
      const selector = selectorText(gateway.spec.selector);
      list(gateway.spec.servers).forEach((value, index) => {
        const server = record(value);
        const number = record(server.port).number;
        if (typeof number !== 'number') return;
        const hosts = list(server.hosts as string[] | undefined)
          .filter((entry) => typeof entry === 'string')
          .map((entry) => serverHost(entry, namespaceOf(gateway)));
        // Servers with different bind addresses get listeners of their own.
        const bind = typeof server.bind === 'string' ? server.bind : '';
        const key = `${selector}\n${number}\n${bind}`;
        const site = { gateway, index, hosts };
        const group = groups.get(key);
        if (group) group.push(site);
        else groups.set(key, [site]);
      });
    });
    for (const [key, group] of groups) {
      if (new Set(group.map((site) => site.gateway)).size < 2) continue;
      const port = key.split('\n')[1];
      for (const site of group) {
        const others = group.filter(
          (other) => other.gateway !== site.gateway && other.hosts.some((host) => site.hosts.includes(host)),
        );
        if (others.length === 0) continue;
        const names = [
          ...new Set(others.map((other) => `${namespaceOf(other.gateway)}/${other.gateway.metadata.name}`)),
        ];
        emit(
          'GW_CONFLICTING_SERVERS',
          site.gateway,
          `spec.servers[${site.index}]`,
          `Gateway ${names.join(', ')} also serves ${site.hosts.join(', ')} on port ${port} for the same gateway pods.`,
        );
      }
    }
  },
};

// The same host as Istio sees it when it merges gateways: `*/host` is `host`, `./host` names the
// Gateway's namespace. A wildcard and a host it covers do not conflict: Envoy picks the more
// specific server name.
function serverHost(entry: string, gatewayNamespace: string): string {
  const host = normalizeHost(entry);
  const slash = host.indexOf('/');
  if (slash < 0) return host;
  const namespace = host.slice(0, slash);
  const name = host.slice(slash + 1);
  if (namespace === '*') return name;
  return `${namespace === '.' ? gatewayNamespace : namespace}/${name}`;
}
