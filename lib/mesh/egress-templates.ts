import type { ChangeSet } from './changes/change-set';
import type { Template } from './object-templates';
import type { ServiceEntry } from './types';

const API = 'networking.istio.io/v1';
/** The egress gateway Istio's default profile installs, as the Istio task addresses it. */
export const EGRESS_GATEWAY_SERVICE = 'istio-egressgateway.istio-system.svc.cluster.local';
const EGRESS_SELECTOR = { istio: 'egressgateway' };

/**
 * "Send this host through an egress gateway": the Gateway, DestinationRule and VirtualService
 * of Istio's egress-gateway task (istio.io, Tasks › Traffic Management › Egress Gateways) for
 * the first host and port of a ServiceEntry. TLS and HTTPS ports pass through (routed by SNI);
 * other ports are routed as HTTP. The sidecars send to the egress gateway's Service (subset
 * named for the host), the gateway on to the host.
 */
export function egressGatewayTemplates(entry: ServiceEntry): Template[] | undefined {
  const host = (entry.spec.hosts ?? []).find((name) => typeof name === 'string' && !name.startsWith('*'));
  const port = (entry.spec.ports ?? []).find((p) => typeof p?.number === 'number');
  if (!host || !port) return undefined;
  const namespace = entry.metadata.namespace ?? 'default';
  const short = host
    .replace(/[^a-z0-9-]+/gi, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  const gatewayName = `egress-${short}`;
  const gatewayRef = `${namespace}/${gatewayName}`;
  const tls = ['TLS', 'HTTPS'].includes((port.protocol ?? '').toUpperCase());
  const toGateway = { host: EGRESS_GATEWAY_SERVICE, subset: short, port: { number: port.number } };
  const toHost = { host, port: { number: port.number } };
  const routes = tls
    ? {
        tls: [
          {
            match: [{ gateways: ['mesh'], port: port.number, sniHosts: [host] }],
            route: [{ destination: toGateway }],
          },
          {
            match: [{ gateways: [gatewayRef], port: port.number, sniHosts: [host] }],
            route: [{ destination: toHost, weight: 100 }],
          },
        ],
      }
    : {
        http: [
          { match: [{ gateways: ['mesh'], port: port.number }], route: [{ destination: toGateway }] },
          {
            match: [{ gateways: [gatewayRef], port: port.number }],
            route: [{ destination: toHost, weight: 100 }],
          },
        ],
      };
  return [
    {
      apiVersion: API,
      kind: 'Gateway',
      metadata: { name: gatewayName, namespace },
      spec: {
        selector: EGRESS_SELECTOR,
        servers: [
          {
            port: { number: port.number, name: tls ? 'tls' : 'http', protocol: tls ? 'TLS' : 'HTTP' },
            hosts: [host],
            ...(tls && { tls: { mode: 'PASSTHROUGH' } }),
          },
        ],
      },
    },
    {
      apiVersion: API,
      kind: 'DestinationRule',
      metadata: { name: `egressgateway-for-${short}`, namespace },
      spec: { host: EGRESS_GATEWAY_SERVICE, subsets: [{ name: short }] },
    },
    {
      apiVersion: API,
      kind: 'VirtualService',
      metadata: { name: `${short}-through-egress-gateway`, namespace },
      spec: { hosts: [host], gateways: ['mesh', gatewayRef], ...routes },
    },
  ];
}

/**
 * The egress-gateway task as one change set: its Gateway, DestinationRule and VirtualService
 * created together (reviewed once, taken back whole if one is refused, undone as one).
 */
export function egressGatewayChange(entry: ServiceEntry): ChangeSet | undefined {
  const templates = egressGatewayTemplates(entry);
  const route = templates?.find((t) => t.kind === 'VirtualService');
  if (!templates || !route) return undefined;
  const host = (route.spec as { hosts: string[] }).hosts[0];
  const changes = templates.map((object) => ({
    kind: 'CreateObject' as const,
    target: { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name },
    object,
  }));
  const first = changes[0] as ChangeSet['changes'][number];
  return {
    kind: 'ChangeSet',
    target: first.target,
    title: `Send ${host} through an egress gateway`,
    changes,
  };
}
