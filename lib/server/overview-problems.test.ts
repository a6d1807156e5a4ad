import { describe, expect, it } from 'vitest';
import {
  destinationRule,
  gateway,
  namespace,
  pod,
  service,
  versions,
  virtualService,
} from '../graph/test-fixtures';
import { keyOf } from '../mesh/object-key';
import { parseObject } from '../mesh/parse';
import type { StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import type { MeshStore } from '../store/types';
import { validate } from '../validate';
import { snapshotWithMeshConfigHidden } from './auth/mesh-config-hidden';
import { overviewIndexOf } from './overview-index';
import type { ProblemsView } from './overview-problems';

// Each team routes to its own canary and sends testers into the next team; all bind the shared ingress.
function team(n: number, teams: number): StoredObject[] {
  const ns = `team-${n}`;
  const next = `team-${(n + 1) % teams}`;
  return [
    namespace(ns),
    service(ns, 'api'),
    destinationRule(ns, 'api', { host: 'api', subsets: versions('v1', 'v2') }),
    pod(ns, 'api-v1', { app: 'api', version: 'v1' }),
    pod(ns, 'api-v2', { app: 'api', version: 'v2' }),
    virtualService(ns, 'api', {
      hosts: ['api', `api.${ns}.example.com`],
      gateways: ['istio-system/public', 'mesh'],
      http: [
        {
          match: [{ headers: { user: { exact: 'tester' } } }],
          route: [{ destination: { host: `api.${next}`, subset: 'v2' } }],
        },
        {
          route: [
            { destination: { host: 'api', subset: 'v1' }, weight: 90 },
            { destination: { host: 'api', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    }),
  ];
}

const ingress: StoredObject[] = [
  namespace('istio-system'),
  pod('istio-system', 'ingress-0', { istio: 'ingressgateway' }),
  service('istio-system', 'istio-ingressgateway', 80, { istio: 'ingressgateway' }),
  gateway('istio-system', 'public', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com'] }],
  }),
];

const EXTERNAL = {
  hosts: ['partner.example.org'],
  http: [{ timeout: '3s', route: [{ destination: { host: 'partner.example.org' } }] }],
};
const rootSidecar = (mode: string | undefined) =>
  parseObject({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'default', namespace: 'istio-system' },
    spec: mode ? { outboundTrafficPolicy: { mode } } : { egress: [{ hosts: ['*/*'] }] },
  }) as StoredObject;
const meshConfig = (mode: string) =>
  parseObject({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio', namespace: 'istio-system' },
    data: { mesh: `outboundTrafficPolicy: {mode: ${mode}}` },
  }) as StoredObject;

/**
 * The definition: the findings in each namespace of its own view, as Weir has it or as a
 * person who may not read the mesh config has it.
 */
function perView(log: EventLog, namespaces: string[], view: ProblemsView = 'weir') {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const ns of namespaces) {
    let errors = 0;
    let warnings = 0;
    const snapshot = log.snapshot([ns]);
    for (const finding of validate(view === 'weir' ? snapshot : snapshotWithMeshConfigHidden(snapshot))) {
      if (finding.ref.namespace !== ns) continue;
      if (finding.severity === 'error') errors += 1;
      if (finding.severity === 'warning') warnings += 1;
    }
    if (errors + warnings > 0) counts.set(ns, { errors, warnings });
  }
  return counts;
}

describe('problem counts kept by events', () => {
  it('after each change, count what each namespace’s own view shows', () => {
    const teams = 12;
    const log = new EventLog({
      backend: 'kube',
      source: 'test',
      demo: false,
      meshConfig: { namespace: 'istio-system', name: 'istio' },
    });
    for (const object of [...ingress, ...Array.from({ length: teams }, (_, n) => team(n, teams)).flat()])
      log.put(object);
    // The store's face of the log, as the stores built on it show it.
    const store = {
      subscribe: (listener: Parameters<EventLog['subscribe']>[0]) => log.subscribe(listener),
      snapshot: (namespaces?: string[]) => log.snapshot(namespaces),
      sequence: () => log.lastSequence(),
      syncStatus: () => log.syncStatus(),
      entries: () => log.entries(),
    } as unknown as MeshStore;
    const index = overviewIndexOf(store);
    const names = index.tally.namespaces();
    const counted = (view: ProblemsView = 'weir') =>
      new Map([...index.problems.of(names, view)].filter(([, c]) => c.errors + c.warnings > 0));
    expect(counted()).toEqual(perView(log, names));

    const changes: ((log: EventLog) => void)[] = [
      // A subset that does not exist, in one team.
      (l) => {
        const [vs] = team(3, teams).filter((o) => o.kind === 'VirtualService');
        const broken = structuredClone(vs) as StoredObject & {
          spec: { http: { route: { destination: { subset: string } }[] }[] };
        };
        const first = broken.spec.http[1]?.route[0];
        if (first) first.destination.subset = 'v9';
        l.put(broken);
      },
      // The Service another team's testers route to goes away.
      (l) => l.delete(keyOf(service('team-5', 'api'))),
      // The ingress pod stops matching the Gateway's selector.
      (l) => l.put(pod('istio-system', 'ingress-0', { istio: 'other' })),
      // And comes back; the Service returns.
      (l) => {
        l.put(pod('istio-system', 'ingress-0', { istio: 'ingressgateway' }));
        l.put(service('team-5', 'api'));
      },
      // A DestinationRule loses its subsets.
      (l) => l.put(destinationRule('team-8', 'api', { host: 'api' })),
      // A route to an external host no ServiceEntry declares: a warning under ALLOW_ANY…
      (l) => l.put(virtualService('team-1', 'partner', EXTERNAL)),
      // …an error once the root namespace's Sidecar says REGISTRY_ONLY, in every namespace…
      (l) => l.put(rootSidecar('REGISTRY_ONLY')),
      // …and a warning again once the mesh config (the root Sidecar setting none) is unknown.
      (l) => {
        l.put(rootSidecar(undefined));
        l.put(meshConfig('REGISTRY_ONLY'));
      },
      (l) => l.setMeshConfigUnknown('Weir may not read istio-system/istio'),
      (l) => l.setMeshConfigUnknown(undefined),
    ];
    const seen: string[] = [];
    const countsAt: Map<string, { errors: number; warnings: number }>[] = [];
    const hiddenAt: Map<string, { errors: number; warnings: number }>[] = [];
    for (const [at, change] of changes.entries()) {
      change(log);
      const now = counted();
      expect(now).toEqual(perView(log, names));
      seen.push([...now.keys()].join(','));
      countsAt.push(now);
      // The view of someone who may not read the mesh config, first asked for half-way (made
      // then), then after each change: counted apart, by the same marks.
      if (at >= 3) {
        const hidden = counted('mesh-config-hidden');
        expect(hidden).toEqual(perView(log, names, 'mesh-config-hidden'));
        hiddenAt[at] = hidden;
      }
    }
    // The changes made problems to count, and taking them back cleared them.
    expect(seen[0]).toContain('team-3');
    expect(seen[1]).toMatch(/team-4/);
    expect(seen.at(-1)).not.toMatch(/team-5|team-4/);
    // Blocked (an error) while known REGISTRY_ONLY, a warning while unknown, an error again.
    const team1 = (at: number) => countsAt[at]?.get('team-1');
    expect(team1(5)).toMatchObject({ errors: 0 });
    expect(team1(6)?.errors).toBe(1);
    expect(team1(7)?.errors).toBe(1);
    expect(team1(8)).toMatchObject({ errors: 0 });
    expect(team1(9)?.errors).toBe(1);
    // For someone who may not read the mesh config, its REGISTRY_ONLY is never an error (the
    // root Sidecar's, which they may read, is).
    const hidden1 = (at: number) => hiddenAt[at]?.get('team-1');
    expect(hidden1(6)?.errors).toBe(1);
    expect(hidden1(7)).toMatchObject({ errors: 0, warnings: 1 });
    expect(hidden1(9)).toMatchObject({ errors: 0 });
  });
});
