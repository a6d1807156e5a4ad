import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { validate } from '../validate';
import { EventLog } from './event-log';

const ISTIO = 'networking.istio.io/v1';

function object(
  kind: string,
  namespace: string,
  name: string,
  rest: Record<string, unknown> = {},
): StoredObject {
  const apiVersion = ['Service', 'Pod', 'Namespace'].includes(kind) ? 'v1' : ISTIO;
  const meta = kind === 'Namespace' ? { name } : { name, namespace };
  const { labels, ...body } = rest as { labels?: Record<string, string> };
  return {
    kind,
    apiVersion,
    metadata: { ...meta, ...(labels && { labels }) },
    spec: {},
    ...body,
  } as StoredObject;
}

function vs(namespace: string, name: string, spec: Record<string, unknown>): StoredObject {
  return object('VirtualService', namespace, name, { spec });
}

function mesh(): EventLog {
  const log = new EventLog({ backend: 'files', source: 'test', demo: false });
  for (const ns of ['shop', 'payments', 'istio-system', 'other']) log.put(object('Namespace', '', ns));
  log.put(object('Gateway', 'istio-system', 'ingress', { spec: { selector: { istio: 'ingressgateway' } } }));
  log.put(object('Pod', 'istio-system', 'ingress-0', { labels: { istio: 'ingressgateway' } }));
  log.put(object('Pod', 'istio-system', 'unrelated-0', { labels: { app: 'x' } }));
  log.put(object('Service', 'istio-system', 'istio-ingressgateway'));
  log.put(
    vs('shop', 'web', {
      hosts: ['web'],
      gateways: ['istio-system/ingress'],
      http: [{ route: [{ destination: { host: 'pay.payments.svc.cluster.local' } }] }],
    }),
  );
  log.put(object('Service', 'shop', 'web'));
  log.put(object('Service', 'payments', 'pay'));
  log.put(object('DestinationRule', 'payments', 'pay', { spec: { host: 'pay' } }));
  log.put(object('Pod', 'payments', 'pay-0', { labels: { app: 'pay' } }));
  log.put(vs('payments', 'pay', { hosts: ['pay'], http: [{ route: [{ destination: { host: 'pay' } }] }] }));
  // Elsewhere, routing into shop; and something unrelated.
  log.put(
    vs('other', 'caller', { hosts: ['caller'], http: [{ route: [{ destination: { host: 'web.shop' } }] }] }),
  );
  log.put(object('Service', 'other', 'caller'));
  log.put(
    vs('other', 'alone', { hosts: ['alone'], http: [{ route: [{ destination: { host: 'alone' } }] }] }),
  );
  return log;
}

describe('a view of some namespaces', () => {
  it('holds their objects, what points into them, and what their routes reach', () => {
    const keys = Object.keys(mesh().snapshot(['shop']).objects).sort();
    expect(keys).toEqual(
      [
        'DestinationRule/payments/pay',
        'Gateway/istio-system/ingress',
        'Namespace//istio-system',
        'Namespace//other',
        'Namespace//payments',
        'Namespace//shop',
        'Pod/istio-system/ingress-0',
        // A namespace passed through lends all its pods (cheaper than matching selectors).
        'Pod/istio-system/unrelated-0',
        'Pod/payments/pay-0',
        'Service/istio-system/istio-ingressgateway',
        'Service/other/caller',
        'Service/payments/pay',
        'Service/shop/web',
        'VirtualService/other/caller',
        'VirtualService/shop/web',
      ].sort(),
    );
  });

  it('is the whole mesh without namespaces', () => {
    const log = mesh();
    expect(Object.keys(log.snapshot().objects)).toHaveLength(17);
  });

  it('keeps its scope across a canary step and works it out again when a route moves', () => {
    const log = mesh();
    const before = log.viewScope(['payments']);
    const step = vs('shop', 'web', {
      hosts: ['web'],
      gateways: ['istio-system/ingress'],
      http: [{ route: [{ destination: { host: 'pay.payments.svc.cluster.local' }, weight: 100 }] }],
    });
    log.put(step);
    expect(log.viewScope(['payments'])).toBe(before);
    log.put(vs('shop', 'web', { hosts: ['web'], http: [{ route: [{ destination: { host: 'web' } }] }] }));
    const after = log.viewScope(['payments']);
    expect(after.has('VirtualService/shop/web')).toBe(false);
    expect(before.has('VirtualService/shop/web')).toBe(true);
  });

  it('forgets what is deleted', () => {
    const log = mesh();
    log.delete('VirtualService/other/caller');
    expect(log.viewScope(['shop']).has('VirtualService/other/caller')).toBe(false);
    expect(log.viewScope(['shop']).has('Service/other/caller')).toBe(false);
  });

  it('holds the delegates its roots name in other namespaces, and what they route to', () => {
    const log = mesh();
    log.put(
      vs('shop', 'root', {
        hosts: ['shop.example.com'],
        gateways: ['istio-system/ingress'],
        http: [
          { match: [{ uri: { prefix: '/pay' } }], delegate: { name: 'pay-routes', namespace: 'payments' } },
        ],
      }),
    );
    log.put(vs('payments', 'pay-routes', { http: [{ route: [{ destination: { host: 'pay' } }] }] }));
    const scope = log.viewScope(['shop']);
    expect(scope.has('VirtualService/payments/pay-routes')).toBe(true);
    expect(scope.has('Service/payments/pay')).toBe(true);
    // Only the named delegate, not the namespace's other VirtualServices.
    expect(scope.has('VirtualService/payments/pay')).toBe(false);
    const codes = (findings: ReturnType<typeof validate>) =>
      findings.filter((f) => f.ref.namespace === 'shop').map((f) => `${f.code} ${f.ref.name} ${f.path}`);
    expect(codes(validate(log.snapshot(['shop'])))).toEqual(codes(validate(log.snapshot())));
    // Pointing the root elsewhere works the view out again.
    log.put(
      vs('shop', 'root', {
        hosts: ['shop.example.com'],
        gateways: ['istio-system/ingress'],
        http: [{ match: [{ uri: { prefix: '/pay' } }], delegate: { name: 'pay', namespace: 'payments' } }],
      }),
    );
    expect(log.viewScope(['shop']).has('VirtualService/payments/pay-routes')).toBe(false);
    expect(log.viewScope(['shop']).has('VirtualService/payments/pay')).toBe(true);
  });
});
