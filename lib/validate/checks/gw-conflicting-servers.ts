import type { Gateway } from '../../mesh/types';
import type { Check } from '../check';
import { hostsOverlap, splitServerHost } from '../hosts';
import { selectorText } from '../labels';
import { list, namespaceOf, record } from '../walk';

interface ServerSite {
  gateway: Gateway;
  index: number;
  hosts: string[];
}

/** No two Gateways on the same pods serve an overlapping host on the same port. */
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
          .map((entry) => splitServerHost(entry, namespaceOf(gateway)).host);
        const key = `${selector}\n${number}`;
        const site = { gateway, index, hosts };
        const group = groups.get(key);
        if (group) group.push(site);
        else groups.set(key, [site]);
      });
    });
    for (const [key, group] of groups) {
      if (new Set(group.map((site) => site.gateway)).size < 2) continue;
      const port = key.slice(key.indexOf('\n') + 1);
      for (const site of group) {
        const others = group.filter(
          (other) =>
            other.gateway !== site.gateway &&
            other.hosts.some((host) => site.hosts.some((mine) => hostsOverlap(host, mine))),
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
