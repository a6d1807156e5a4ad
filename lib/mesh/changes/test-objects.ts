import type { DestinationRule, Gateway, VirtualService } from '../types';

const ref = (kind: 'VirtualService' | 'DestinationRule' | 'Gateway', name: string) => ({
  kind,
  namespace: 'shop',
  name,
});

/** checkout as the demo mesh has it, with a field Weir does not know on the route and spec. */
export const checkout: VirtualService = {
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'checkout', namespace: 'shop', resourceVersion: '7' },
  spec: {
    hosts: ['checkout'],
    http: [
      {
        name: 'beta-testers',
        match: [{ headers: { 'x-beta-tester': { exact: 'true' } } }],
        route: [{ destination: { host: 'checkout', subset: 'v2' } }],
        timeout: '10s',
      },
      {
        name: 'default',
        route: [{ destination: { host: 'checkout', subset: 'v1' } }],
        timeout: '10s',
        retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx' },
        futureField: { keep: true },
      } as never,
    ],
    tcp: [{ match: [{ port: 31400 }], route: [{ destination: { host: 'checkout' } }] }],
    futureSpecField: ['kept'],
  } as never,
};

export const checkoutRule: DestinationRule = {
  kind: 'DestinationRule',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'checkout', namespace: 'shop', resourceVersion: '8' },
  spec: {
    host: 'checkout',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
    ],
  },
};

export const shopGateway: Gateway = {
  kind: 'Gateway',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'shop-gateway', namespace: 'shop', resourceVersion: '9' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] }],
  },
};

export const targets = {
  checkout: ref('VirtualService', 'checkout'),
  checkoutRule: ref('DestinationRule', 'checkout'),
  shopGateway: ref('Gateway', 'shop-gateway'),
};
