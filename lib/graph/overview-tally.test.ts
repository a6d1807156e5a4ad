import { describe, expect, it } from 'vitest';
import { keyOf } from '../mesh/object-key';
import type { StoredObject } from '../mesh/types';
import { OVERVIEW_LIMITS, OverviewTally } from './overview-tally';
import {
  destinationRule,
  gateway,
  invalid,
  namespace,
  pod,
  service,
  versions,
  virtualService,
} from './test-fixtures';

const everything = () => true;
const none = () => undefined;

function tallyOf(objects: StoredObject[]): OverviewTally {
  const tally = new OverviewTally();
  for (const object of objects) tally.put(keyOf(object), object);
  return tally;
}

// Two teams behind a shared ingress: shop routes its testers into payments.
const mesh: StoredObject[] = [
  namespace('istio-system'),
  namespace('shop'),
  namespace('payments'),
  gateway('istio-system', 'public', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*/shop.example.com'] }],
  }),
  virtualService('shop', 'catalog', {
    hosts: ['catalog', 'shop.example.com'],
    gateways: ['istio-system/public', 'mesh'],
    http: [
      {
        route: [
          { destination: { host: 'catalog', subset: 'v1' }, weight: 90 },
          { destination: { host: 'catalog', subset: 'v2' }, weight: 10 },
        ],
      },
      { route: [{ destination: { host: 'ledger.payments.svc.cluster.local' } }] },
    ],
  }),
  destinationRule('shop', 'catalog', { host: 'catalog', subsets: versions('v1', 'v2') }),
  service('shop', 'catalog'),
  pod('shop', 'catalog-v1', { app: 'catalog', version: 'v1' }),
  pod('shop', 'catalog-v2', { app: 'catalog', version: 'v2' }),
  virtualService('payments', 'ledger', {
    hosts: ['ledger'],
    gateways: ['istio-system/public'],
    tcp: [{ route: [{ destination: { host: 'ledger' } }] }],
  }),
  service('payments', 'ledger'),
  invalid('VirtualService', 'payments', 'broken', 'spec.http: not a list'),
];

describe('OverviewTally', () => {
  it('counts what each namespace holds and links where routing crosses namespaces', () => {
    const answer = tallyOf(mesh).summarize(everything, () => ({ errors: 1, warnings: 0 }));
    const shop = answer.namespaces.find((summary) => summary.name === 'shop');
    expect(shop?.counts).toMatchObject({
      virtualServices: 1,
      routes: 2,
      services: 1,
      destinationRules: 1,
      subsets: 2,
      workloads: 2,
    });
    expect(shop?.nodes).toBe(1 + 2 + 1 + 2 + 2);
    expect(shop?.problems).toEqual({ errors: 1, warnings: 0 });
    expect(answer.namespaces.map((summary) => summary.name)).toEqual(['istio-system', 'payments', 'shop']);
    expect(answer.namespaces.find((summary) => summary.name === 'istio-system')?.gatewayFanIn).toBe(2);
    expect(answer.namespaces.find((summary) => summary.name === 'payments')?.counts.invalid).toBe(1);
    expect(answer.links).toEqual([
      { source: 'istio-system', target: 'payments', kind: 'gateway', count: 1 },
      { source: 'istio-system', target: 'shop', kind: 'gateway', count: 1 },
      { source: 'shop', target: 'payments', kind: 'route', count: 1 },
    ]);
    expect(answer.totals).toMatchObject({ namespaces: 3, virtualServices: 2, routes: 3, workloads: 2 });
    expect(answer.large).toBe(false);
  });

  it('an update replaces the object’s contribution and a delete takes it away', () => {
    const tally = tallyOf(mesh);
    tally.put(
      'VirtualService/shop/catalog',
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [{ route: [{ destination: { host: 'catalog' } }] }],
      }),
    );
    let answer = tally.summarize(everything, none);
    expect(answer.links).toEqual([{ source: 'istio-system', target: 'payments', kind: 'gateway', count: 1 }]);
    expect(answer.namespaces.find((summary) => summary.name === 'shop')?.counts.routes).toBe(1);
    for (const object of mesh.filter(
      (object) => object.metadata.namespace === 'shop' || object.metadata.name === 'shop',
    ))
      tally.delete(keyOf(object));
    answer = tally.summarize(everything, none);
    expect(answer.namespaces.map((summary) => summary.name)).toEqual(['istio-system', 'payments']);
  });

  it('holds one record for the objects of a namespace that contribute alike, and lets it go with the last', () => {
    const pods = Array.from({ length: 500 }, (_, i) => pod('shop', `web-${i}`, { app: 'web' }));
    const services = Array.from({ length: 200 }, (_, i) => service('shop', `svc-${i}`));
    const tally = tallyOf([...pods, ...services, pod('payments', 'api-0', { app: 'api' })]);
    expect(tally.records()).toBe(3);
    const shop = () => tally.summarize(everything, none).namespaces.find((entry) => entry.name === 'shop');
    expect(shop()?.counts).toMatchObject({ workloads: 500, services: 200 });
    for (const object of pods.slice(1)) tally.delete(keyOf(object));
    expect(tally.records()).toBe(3);
    expect(shop()?.counts).toMatchObject({ workloads: 1, services: 200 });
    tally.delete(keyOf(pods[0] as StoredObject));
    expect(tally.records()).toBe(2);
    expect(shop()?.counts).toMatchObject({ workloads: 0, services: 200 });
    // Put again after the last went: a record of its own again, counted once.
    tally.put(keyOf(pods[0] as StoredObject), pods[0] as StoredObject);
    tally.put(keyOf(pods[0] as StoredObject), pods[0] as StoredObject);
    expect(tally.records()).toBe(3);
    expect(shop()?.counts).toMatchObject({ workloads: 1, services: 200 });
  });

  it('adds up only the kinds the person may list, and links only from VirtualServices they may list', () => {
    const answer = tallyOf(mesh).summarize((kind, ns) => ns !== 'payments' || kind === 'Service', none);
    const payments = answer.namespaces.find((summary) => summary.name === 'payments');
    expect(payments?.counts).toMatchObject({ services: 1, virtualServices: 0, invalid: 0 });
    expect(payments?.problems).toBeUndefined();
    expect(answer.links.map((link) => `${link.source}>${link.target}`)).toEqual([
      'istio-system>shop',
      'shop>payments',
    ]);
    const hidden = tallyOf(mesh).summarize((_, ns) => ns !== 'payments', none);
    expect(hidden.namespaces.map((summary) => summary.name)).toEqual(['istio-system', 'shop']);
    expect(hidden.links.every((link) => link.target !== 'payments')).toBe(true);
  });

  it('lists namespaces in the order people number them', () => {
    const teams = ['team-10', 'team-2', 'team-1', 'alpha'].map((name) => namespace(name));
    expect(
      tallyOf(teams)
        .summarize(everything, none)
        .namespaces.map((summary) => summary.name),
    ).toEqual(['alpha', 'team-1', 'team-2', 'team-10']);
  });

  it('says the mesh is large past either limit', () => {
    const many = Array.from({ length: OVERVIEW_LIMITS.namespaces + 1 }, (_, i) => namespace(`team-${i}`));
    expect(tallyOf(many).summarize(everything, none).large).toBe(true);
    const pods = Array.from({ length: OVERVIEW_LIMITS.nodes + 1 }, (_, i) =>
      pod('shop', `p-${i}`, { app: 'a' }),
    );
    expect(tallyOf(pods).summarize(everything, none).large).toBe(true);
    expect(tallyOf(pods.slice(1)).summarize(everything, none).large).toBe(false);
  });
});
