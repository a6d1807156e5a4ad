import { describe, expect, it } from 'vitest';
import { deletionImpact } from './deletion-impact';
import { routeServiceTemplates, virtualServicesFor } from './object-templates';
import type { MeshObject, MeshSnapshot, VirtualService } from './types';

const meta = (name: string, labels?: Record<string, string>) => ({
  name,
  namespace: 'shop',
  ...(labels && { labels }),
});
const objects: MeshObject[] = [
  { kind: 'Service', apiVersion: 'v1', metadata: meta('wishlist'), spec: { selector: { app: 'wishlist' } } },
  ...['v2', 'v1', 'v1'].map(
    (version, i): MeshObject => ({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: meta(`wishlist-${i}`, { app: 'wishlist', version }),
      spec: {},
      status: { ready: true },
    }),
  ),
  {
    kind: 'DestinationRule',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('reviews'),
    spec: {
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    },
  },
  {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('reviews'),
    spec: {
      hosts: ['reviews'],
      gateways: ['shop-gateway'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  },
  {
    kind: 'Gateway',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('shop-gateway'),
    spec: {
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] }],
    },
  },
] as MeshObject[];
const view = {
  objects: Object.fromEntries(objects.map((o) => [`${o.kind}/shop/${o.metadata.name}`, o])),
} as unknown as MeshSnapshot;
const get = (key: string) => view.objects[key] as MeshObject;

describe('route this service', () => {
  it('prefills a VirtualService to the host and a DestinationRule with a subset per pod version', () => {
    const service = { kind: 'Service' as const, namespace: 'shop', name: 'wishlist' };
    expect(virtualServicesFor(view, service)).toEqual([]);
    const [vs, dr] = routeServiceTemplates(view, service);
    expect(vs).toMatchObject({
      kind: 'VirtualService',
      spec: { hosts: ['wishlist'], http: [{ route: [{ destination: { host: 'wishlist' } }] }] },
    });
    expect(dr).toMatchObject({
      kind: 'DestinationRule',
      spec: { host: 'wishlist', subsets: [{ name: 'v1' }, { name: 'v2' }] },
    });
    expect(virtualServicesFor(view, { ...service, name: 'reviews' })).toHaveLength(1);
  });
});

describe('what a delete affects', () => {
  it('a VirtualService: its hosts, and each route with its weighted destinations', () => {
    expect(deletionImpact(view, get('VirtualService/shop/reviews'))).toEqual([
      expect.stringContaining('Hosts reviews lose these routes'),
      'http[0] → reviews · v1 (90%), reviews · v2 (10%)',
    ]);
    expect(deletionImpact(view, get('VirtualService/shop/reviews'))[0]).toBe(
      'Hosts reviews lose these routes; traffic arriving through shop-gateway is no longer routed at all:',
    );
  });

  it('a mesh-internal VirtualService: calls fall back to plain Kubernetes routing', () => {
    const vs = get('VirtualService/shop/reviews') as VirtualService;
    const internal = { ...vs, spec: { ...vs.spec, gateways: undefined } };
    expect(deletionImpact(view, internal)[0]).toContain('fall back to plain Kubernetes routing');
  });

  it('a DestinationRule: its subsets, and the routes that name them, which will 503', () => {
    const lines = deletionImpact(view, get('DestinationRule/shop/reviews'));
    expect(lines[0]).toBe('Host reviews loses its traffic policy and subsets v1, v2.');
    expect(lines[1]).toMatch(
      /shop\/reviews http\[0\] routes to reviews · v1 \(90%\), reviews · v2 \(10%\): .*503/,
    );
  });

  it('a Gateway: its hosts, and the VirtualServices bound to it', () => {
    expect(deletionImpact(view, get('Gateway/shop/shop-gateway'))).toEqual([
      expect.stringContaining('shop.example.com'),
      expect.stringContaining('VirtualService shop/reviews is bound to it'),
    ]);
  });
});
