/** Istio's egress-gateway task as graph and validation tests use it (istio.io, "Egress Gateways"). */
import type { Gateway, Pod, Service, ServiceEntry, StoredObject } from '../mesh/types';
import { destinationRule, gateway, pod, service, virtualService } from './test-fixtures';

const ISTIO = 'networking.istio.io/v1';

export function serviceEntry(ns: string, name: string, spec: ServiceEntry['spec']): ServiceEntry {
  return { kind: 'ServiceEntry', apiVersion: ISTIO, metadata: { name, namespace: ns }, spec };
}

/** The egress gateway Istio installs: its Service and a pod. */
export function egressGatewayInstall(withPod = true): Array<Service | Pod> {
  const labels = { app: 'istio-egressgateway', istio: 'egressgateway' };
  return [
    // Istio's default profile exposes 80 and 443 on it.
    (() => {
      const install = service('istio-system', 'istio-egressgateway', 443, labels);
      install.spec.ports = [
        { name: 'http2', port: 80 },
        { name: 'https', port: 443 },
      ];
      return install;
    })(),
    ...(withPod ? [pod('istio-system', 'istio-egressgateway-1', labels)] : []),
  ];
}

export function egressGateway(hosts = ['edition.cnn.com'], port = 443): Gateway {
  return gateway('istio-system', 'istio-egressgateway', {
    selector: { istio: 'egressgateway' },
    servers: [{ port: { number: port, name: 'tls', protocol: 'TLS' }, hosts, tls: { mode: 'PASSTHROUGH' } }],
  });
}

/** The task's TLS variant: ServiceEntry, Gateway, DestinationRule subset and the two-route VirtualService. */
export function egressTask(options: { sni?: string; port?: number } = {}): StoredObject[] {
  const sni = options.sni ?? 'edition.cnn.com';
  return [
    serviceEntry('default', 'cnn', {
      hosts: ['edition.cnn.com'],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      resolution: 'DNS',
    }),
    egressGateway(),
    destinationRule('istio-system', 'egressgateway-for-cnn', {
      host: 'istio-egressgateway.istio-system.svc.cluster.local',
      subsets: [{ name: 'cnn' }],
    }),
    virtualService('default', 'direct-cnn-through-egress-gateway', {
      hosts: ['edition.cnn.com'],
      gateways: ['mesh', 'istio-system/istio-egressgateway'],
      tls: [
        {
          match: [{ gateways: ['mesh'], port: 443, sniHosts: ['edition.cnn.com'] }],
          route: [
            {
              destination: {
                host: 'istio-egressgateway.istio-system.svc.cluster.local',
                subset: 'cnn',
                port: { number: options.port ?? 443 },
              },
            },
          ],
        },
        {
          match: [{ gateways: ['istio-system/istio-egressgateway'], port: 443, sniHosts: [sni] }],
          route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } }, weight: 100 }],
        },
      ],
    }),
  ];
}
