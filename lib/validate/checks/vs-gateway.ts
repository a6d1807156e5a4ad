import {
  boundGateways,
  gatewayKey,
  hostCandidates,
  hostsOverlap,
  parseGatewayRef,
  serverHostsFor,
} from '../../mesh/resolve';
import type { Gateway, VirtualService } from '../../mesh/types';
import type { Check } from '../check';
import type { ValidationContext } from '../context';
import { list, namespaceOf, record, routesOf } from '../walk';

/** Gateways a VirtualService binds to exist and serve at least one of its hosts. */
export const vsGateway: Check = {
  name: 'vs-gateway',
  codes: ['VS_GATEWAY_NOT_FOUND', 'VS_HOST_NOT_IN_GATEWAY', 'VS_MATCH_GATEWAY_NOT_FOUND'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      const namespace = namespaceOf(vs);
      list(vs.spec.gateways).forEach((reference, index) => {
        if (typeof reference !== 'string') return;
        const gateway = findGateway(context, reference, namespace);
        if (gateway === 'mesh') return;
        const path = `spec.gateways[${index}]`;
        if (!gateway) {
          emit('VS_GATEWAY_NOT_FOUND', vs, path, `Gateway "${reference}" does not exist.`);
          return;
        }
        const hosts = list(vs.spec.hosts);
        if (hosts.length > 0 && !servesAnyHost(gateway, vs)) {
          emit(
            'VS_HOST_NOT_IN_GATEWAY',
            vs,
            path,
            `No server of Gateway ${namespaceOf(gateway)}/${gateway.metadata.name} accepts ${hosts.map((h) => `"${h}"`).join(', ')}.`,
          );
        }
      });
      // Matches narrow a route to some of the bound gateways. A missing one among the bound is
      // reported above; another selects nothing, which breaks no traffic by itself: a warning.
      const bound = boundGateways(vs);
      for (const route of routesOf(vs)) {
        route.matches.forEach((match, matchIndex) => {
          list(match.gateways as string[] | undefined).forEach((reference, index) => {
            if (typeof reference !== 'string' || bound.has(gatewayKey(reference, namespace))) return;
            if (findGateway(context, reference, namespace)) return;
            emit(
              'VS_MATCH_GATEWAY_NOT_FOUND',
              vs,
              `${route.path}.match[${matchIndex}].gateways[${index}]`,
              `Gateway "${reference}" does not exist (nor is it among the VirtualService's gateways): this name selects nothing.`,
            );
          });
        });
      }
    });
  },
};

function findGateway(
  context: ValidationContext,
  reference: string,
  vsNamespace: string,
): Gateway | 'mesh' | undefined {
  const ref = parseGatewayRef(reference, vsNamespace);
  return ref.mesh ? 'mesh' : context.gateway(ref.namespace, ref.name);
}

// A server host `ns/host` accepts VirtualServices of that namespace only (`*/host` or no
// prefix: any namespace; `./host`: the Gateway's own).
function servesAnyHost(gateway: Gateway, vs: VirtualService): boolean {
  const vsNamespace = namespaceOf(vs);
  const vsHosts = list(vs.spec.hosts).flatMap((host) => [host, ...hostCandidates(host, vsNamespace)]);
  for (const server of list(gateway.spec.servers)) {
    const entries = list(record(server).hosts as string[] | undefined).filter((e) => typeof e === 'string');
    for (const host of serverHostsFor(entries, namespaceOf(gateway), vsNamespace)) {
      if (vsHosts.some((vsHost) => hostsOverlap(host, vsHost))) return true;
    }
  }
  return false;
}
