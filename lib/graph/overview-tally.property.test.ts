import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf } from '../mesh/object-key';
import type { StoredObject } from '../mesh/types';
import { applyOverviewPatch } from './overview-patch';
import { OverviewTally } from './overview-tally';
import { destinationRule, gateway, invalid, namespace, pod, service, virtualService } from './test-fixtures';

const ns = fc.constantFrom('a', 'b', 'c', 'istio-system');
const name = fc.constantFrom('x', 'y', 'z');
const host = fc.constantFrom(
  'x',
  'y.b',
  'z.c.svc.cluster.local',
  'api.example.com',
  'x.istio-system',
  '*',
  '',
);
// Hand-written specs carry junk where lists should be: the tally must count what Weir draws, never throw.
const junk = fc.constantFrom(undefined, null, 3, 'text', {}, [null]);
const routes = fc.oneof(
  fc.array(
    fc.record({
      route: fc.array(fc.record({ destination: fc.record({ host }) }), { maxLength: 3 }),
      mirror: fc.option(fc.record({ host }), { nil: undefined }),
      delegate: fc.option(fc.record({ name, namespace: ns }), { nil: undefined }),
    }),
    { maxLength: 3 },
  ),
  junk,
);

const object: fc.Arbitrary<StoredObject> = fc.oneof(
  fc
    .tuple(
      ns,
      name,
      fc.array(host, { maxLength: 2 }),
      fc.array(fc.constantFrom('mesh', 'gw', 'istio-system/gw', 'b/gw', './gw'), { maxLength: 2 }),
      routes,
      routes,
    )
    .map(([n, m, hosts, gateways, http, tcp]) =>
      virtualService(n, m, { hosts, gateways, http, tcp } as never),
    ),
  fc.tuple(ns, name, fc.integer({ min: 0, max: 3 })).map(([n, m, subsets]) =>
    destinationRule(n, m, {
      host: m,
      subsets: Array.from({ length: subsets }, (_, i) => ({ name: `v${i}` })),
    }),
  ),
  fc.tuple(ns, name).map(([n, m]) => service(n, m)),
  fc.tuple(ns, name).map(([n, m]) => pod(n, m, { app: m })),
  fc.tuple(ns, name).map(([n, m]) => gateway(n, m, { selector: { istio: 'ingressgateway' }, servers: [] })),
  ns.map((n) => namespace(n)),
  fc.tuple(ns, name).map(([n, m]) => invalid('VirtualService', n, m, 'bad')),
);

const step = fc.oneof(
  { weight: 3, arbitrary: object.map((o) => ({ put: o })) },
  { weight: 1, arbitrary: object.map((o) => ({ remove: keyOf(o) })) },
);

const seesSome = fc.func(fc.boolean());

describe('OverviewTally properties', () => {
  it('kept by events, it answers what a tally of the objects left answers', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), seesSome, (steps, seesFn) => {
        const live = new OverviewTally();
        const held = new Map<string, StoredObject>();
        for (const s of steps) {
          if ('put' in s) {
            live.put(keyOf(s.put), s.put);
            held.set(keyOf(s.put), s.put);
          } else {
            live.delete(s.remove);
            held.delete(s.remove);
          }
        }
        const fresh = new OverviewTally();
        for (const [key, o] of held) fresh.put(key, o);
        const sees = (kind: string, namespace: string) => seesFn(kind, namespace);
        const problems = () => undefined;
        expect(live.summarize(sees, problems)).toEqual(fresh.summarize(sees, problems));
      }),
      { numRuns: 300 },
    );
  });

  it('never counts below zero, totals are the sums, and links join listed namespaces only', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), seesSome, (steps, seesFn) => {
        const tally = new OverviewTally();
        for (const s of steps) 'put' in s ? tally.put(keyOf(s.put), s.put) : tally.delete(s.remove);
        const answer = tally.summarize(
          (kind, namespace) => seesFn(kind, namespace),
          () => undefined,
        );
        const names = new Set(answer.namespaces.map((summary) => summary.name));
        let nodes = 0;
        for (const summary of answer.namespaces) {
          for (const value of Object.values(summary.counts)) expect(value).toBeGreaterThanOrEqual(0);
          expect(summary.gatewayFanIn).toBeGreaterThanOrEqual(0);
          nodes += summary.nodes;
        }
        expect(answer.totals.nodes).toBe(nodes);
        expect(answer.totals.namespaces).toBe(names.size);
        for (const link of answer.links) {
          expect(names.has(link.source) && names.has(link.target)).toBe(true);
          expect(link.source).not.toBe(link.target);
          expect(link.count).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('patched with the namespaces its events touched, an overview equals the one read after them', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 30 }),
        fc.array(step, { maxLength: 10 }),
        seesSome,
        (before, after, seesFn) => {
          const tally = new OverviewTally();
          const apply = (s: (typeof before)[number], touched?: Set<string>) => {
            const key = 'put' in s ? keyOf(s.put) : s.remove;
            for (const namespace of tally.touchedBy(key)) touched?.add(namespace);
            if ('put' in s) tally.put(key, s.put);
            else tally.delete(key);
            for (const namespace of tally.touchedBy(key)) touched?.add(namespace);
          };
          const sees = (kind: string, namespace: string) => seesFn(kind, namespace);
          const problems = (namespace: string) => ({ errors: namespace.length, warnings: 0 });
          for (const s of before) apply(s);
          const held = { sequence: 1, ...tally.summarize(sees, problems) };
          const touched = new Set<string>();
          for (const s of after) apply(s, touched);
          const part = tally.summarize(sees, problems, undefined, touched);
          const listed = new Set(part.namespaces.map((summary) => summary.name));
          const patch = {
            sequence: 2,
            namespaces: part.namespaces,
            removed: [...touched].filter((name) => !listed.has(name)),
            links: part.links,
          };
          expect(applyOverviewPatch(held, patch)).toEqual({
            sequence: 2,
            ...tally.summarize(sees, problems),
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
