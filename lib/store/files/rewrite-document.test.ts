import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { keyOf } from '../../mesh/object-key';
import { toManifest } from '../../mesh/parse';
import type { DestinationRule, MeshObject, VirtualService } from '../../mesh/types';
import { readManifestText, YAML_OPTIONS } from './manifest-file';
import { mergeIntended, writableManifest } from './merge-intended';
import { alignArrays } from './plain-values';
import { rewriteDocument } from './rewrite-document';

// Real-world habits in one file: a leading comment before the first `---`, comments between
// list items, both list indentations, flow maps, quoted keys and values, a folded string,
// anchors with aliases, a merge key, and a document of a kind Weir does not hold.
const NASTY = `# Reviews routing, owned by team-bookinfo.
# Do not edit by hand during a release freeze.
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews   # the canary
  namespace: bookinfo
  labels: {app: reviews, "team": 'bookinfo'}
  annotations:
    description: >-
      This VirtualService splits reviews traffic between v1 and v2 while the
      canary is being evaluated; see the runbook before changing the weights.
spec:
  hosts:
  - "reviews.bookinfo.svc.cluster.local"
  http:
  - name: testers
    match:
    - headers:
        end-user: {exact: jason}
    route:
    - destination: {host: reviews, subset: v2}
  # the canary split
  - name: canary
    route:
      - destination:
          host: reviews
          subset: v1
          port: {number: 9080}
        weight: 90   # stable

      # new version
      - destination:
          host: reviews
          subset: v2
        weight: 10
    retries: &retries
      attempts: 3
      perTryTimeout: 2s
  - name: fallback
    route:
    - destination: {host: reviews, subset: v1}
    retries: *retries
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  trafficPolicy: &policy
    loadBalancer: {simple: ROUND_ROBIN}
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      <<: *policy
      connectionPool:
        tcp: {maxConnections: 100}
---
# a ConfigMap: Weir does not hold it and never touches it
apiVersion: v1
kind: ConfigMap
metadata: {name: other}
data:
  "key with spaces": "value"
`;

const CRLF = NASTY.replace(/\n/g, '\r\n');

/** Does what the store's update does to one object of a file, without the disk. */
function edit<T extends MeshObject>(text: string, key: string, change: (object: T) => void): string {
  const file = readManifestText('routes.yaml', text);
  const document = file.documents.find((d) => d.object && keyOf(d.object) === key);
  if (!document?.object || document.object.kind === 'Invalid') throw new Error(`${key} is not in the file`);
  const next = structuredClone(document.object) as T;
  change(next);
  const intended = mergeIntended(
    document.doc.toJS(),
    writableManifest(toManifest(document.object)),
    writableManifest(toManifest(next)),
  );
  return rewriteDocument(file, document.index, intended);
}

/** The lines that differ between two texts, as a reviewer sees them in `git diff`. */
function lineDiff(before: string, after: string) {
  const [a, b] = [before.split('\n'), after.split('\n')];
  const removed: string[] = [];
  const added: string[] = [];
  for (const step of alignArrays(a, b)) {
    if (step.op === 'remove' || step.op === 'change') removed.push(a[step.from] as string);
    if (step.op === 'add' || step.op === 'change') added.push(b[step.to] as string);
  }
  return { removed, added };
}

const VS = 'VirtualService/bookinfo/reviews';
const DR = 'DestinationRule/bookinfo/reviews';
const canary = (vs: VirtualService) =>
  vs.spec.http?.[1] as NonNullable<VirtualService['spec']['http']>[number];

function plain(text: string): unknown[] {
  return [...parseAllDocuments(text, YAML_OPTIONS)].map((doc) => doc.toJS());
}

describe('writing an edit back into a file someone wrote', () => {
  it('changes exactly the weight lines when weights are dragged', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      canary(vs).route?.forEach((d, i) => {
        d.weight = [75, 25][i];
      });
    });
    expect(lineDiff(NASTY, after)).toEqual({
      removed: ['        weight: 90   # stable', '        weight: 10'],
      added: ['        weight: 75   # stable', '        weight: 25'],
    });
  });

  it('keeps CRLF line endings', () => {
    const after = edit<VirtualService>(CRLF, VS, (vs) => {
      canary(vs).route?.forEach((d, i) => {
        d.weight = [60, 40][i];
      });
      canary(vs).timeout = '5s';
    });
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lineDiff(CRLF, after)).toEqual({
      removed: ['        weight: 90   # stable\r', '        weight: 10\r'],
      added: ['        weight: 60   # stable\r', '        weight: 40\r', '    timeout: 5s\r'],
    });
  });

  it('keeps quotes and number formats of the values it changes', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      vs.spec.hosts = ['reviews.example.com'];
      const destination = canary(vs).route?.[0]?.destination;
      if (destination?.port) destination.port.number = 9081;
    });
    expect(lineDiff(NASTY, after)).toEqual({
      removed: ['  - "reviews.bookinfo.svc.cluster.local"', '          port: {number: 9080}'],
      added: ['  - "reviews.example.com"', '          port: {number: 9081}'],
    });
  });

  it('adds a destination and a key beside their siblings, in the style around them', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      const testers = vs.spec.http?.[0];
      if (!testers?.route) throw new Error('no testers route');
      testers.route = [
        { destination: { host: 'reviews', subset: 'v2' }, weight: 50 },
        { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
      ];
    });
    expect(lineDiff(NASTY, after)).toEqual({
      removed: [],
      added: [
        '      weight: 50',
        '    - destination:',
        '        host: reviews',
        '        subset: v3',
        '      weight: 50',
      ],
    });
  });

  it('removes a route and a field, and only their lines', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      vs.spec.http?.splice(0, 1);
      delete vs.metadata.annotations;
    });
    const { removed, added } = lineDiff(NASTY, after);
    expect(added).toEqual([]);
    expect(removed).toEqual([
      '  annotations:',
      '    description: >-',
      '      This VirtualService splits reviews traffic between v1 and v2 while the',
      '      canary is being evaluated; see the runbook before changing the weights.',
      '  - name: testers',
      '    match:',
      '    - headers:',
      '        end-user: {exact: jason}',
      '    route:',
      '    - destination: {host: reviews, subset: v2}',
    ]);
  });

  it('changes one value of a flow map in place', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      vs.metadata.labels = { app: 'reviews', team: 'books' };
    });
    expect(lineDiff(NASTY, after)).toEqual({
      removed: [`  labels: {app: reviews, "team": 'bookinfo'}`],
      added: [`  labels: {app: reviews, "team": 'books'}`],
    });
  });

  it('rewrites a folded string without touching its neighbours', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      vs.metadata.annotations = { description: 'Canary finished.' };
    });
    const { removed, added } = lineDiff(NASTY, after);
    expect(removed).toHaveLength(3);
    expect(added).toEqual(['    description: Canary finished.']);
  });

  it('changes an anchored value for one object only, keeping what its alias meant', () => {
    const after = edit<VirtualService>(NASTY, VS, (vs) => {
      const retries = canary(vs).retries;
      if (retries) retries.attempts = 5;
    });
    expect(lineDiff(NASTY, after)).toEqual({
      removed: ['      attempts: 3', '    retries: *retries'],
      added: ['      attempts: 5', '    retries:', '      attempts: 3', '      perTryTimeout: 2s'],
    });
    const [vs] = plain(after);
    const http = (vs as { spec: { http: Array<{ retries: unknown }> } }).spec.http;
    expect(http[1]?.retries).toEqual({ attempts: 5, perTryTimeout: '2s' });
    expect(http[2]?.retries).toEqual({ attempts: 3, perTryTimeout: '2s' });
    // The other documents are exactly as they were.
    expect(after.slice(after.indexOf('---\napiVersion: networking.istio.io/v1\nkind: DestinationRule'))).toBe(
      NASTY.slice(NASTY.indexOf('---\napiVersion: networking.istio.io/v1\nkind: DestinationRule')),
    );
  });

  it('overrides a value inherited through a merge key where it is changed', () => {
    const after = edit<DestinationRule>(NASTY, DR, (dr) => {
      const policy = dr.spec.subsets?.[1]?.trafficPolicy;
      if (policy) policy.loadBalancer = { simple: 'LEAST_REQUEST' };
    });
    expect(lineDiff(NASTY, after)).toEqual({
      removed: [],
      added: ['      loadBalancer:', '        simple: LEAST_REQUEST'],
    });
    const [, dr] = plain(after) as [
      unknown,
      { spec: { trafficPolicy: unknown; subsets: Array<{ trafficPolicy: unknown }> } },
    ];
    expect(dr.spec.trafficPolicy).toEqual({ loadBalancer: { simple: 'ROUND_ROBIN' } });
    expect(dr.spec.subsets[1]?.trafficPolicy).toMatchObject({ loadBalancer: { simple: 'LEAST_REQUEST' } });
  });

  it('keeps a merge key meaning what it meant when its anchor changes', () => {
    const after = edit<DestinationRule>(NASTY, DR, (dr) => {
      dr.spec.trafficPolicy = { loadBalancer: { simple: 'LEAST_CONN' } };
    });
    const [vs, dr] = plain(after) as [
      unknown,
      { spec: { trafficPolicy: unknown; subsets: Array<{ trafficPolicy: unknown }> } },
    ];
    expect(dr.spec.trafficPolicy).toEqual({ loadBalancer: { simple: 'LEAST_CONN' } });
    expect(dr.spec.subsets[1]?.trafficPolicy).toEqual({
      loadBalancer: { simple: 'ROUND_ROBIN' },
      connectionPool: { tcp: { maxConnections: 100 } },
    });
    expect(vs).toEqual(plain(NASTY)[0]);
    expect(after.startsWith(NASTY.slice(0, NASTY.indexOf('kind: DestinationRule')))).toBe(true);
    expect(after.endsWith(NASTY.slice(NASTY.indexOf('# a ConfigMap')))).toBe(true);
  });

  it('refuses a change it cannot write without changing other values', () => {
    const text =
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: r\n  trafficPolicy:\n    <<: {loadBalancer: {simple: RANDOM}, tls: {mode: SIMPLE}}\n';
    expect(() =>
      edit<DestinationRule>(text, 'DestinationRule/default/r', (dr) => {
        dr.spec.trafficPolicy = { loadBalancer: { simple: 'RANDOM' } };
      }),
    ).toThrow(/cannot write this change/);
  });

  it('never leaks parsing defaults into the file (namespace, unknown fields)', () => {
    const text =
      'kind: VirtualService\napiVersion: networking.istio.io/v1\nmetadata:\n  name: plain\nspec:\n  hosts: [a]\n  x-team-note: keep me\n';
    const after = edit<VirtualService>(text, 'VirtualService/default/plain', (vs) => {
      vs.spec.hosts = ['b'];
    });
    expect(after).toBe(text.replace('[a]', '[b]'));
  });

  it('changes only the changed weight lines, whatever the weights (property)', () => {
    const split = fc.integer({ min: 0, max: 100 }).map((w) => [w, 100 - w]);
    fc.assert(
      fc.property(split, fc.boolean(), ([a, b], crlf) => {
        const text = crlf ? CRLF : NASTY;
        const after = edit<VirtualService>(text, VS, (vs) => {
          canary(vs).route?.forEach((d, i) => {
            d.weight = [a, b][i];
          });
        });
        const { removed, added } = lineDiff(text, after);
        const expected = (a === 90 ? 0 : 1) + (b === 10 ? 0 : 1);
        expect(removed).toHaveLength(expected);
        expect(added).toHaveLength(expected);
        expect(added.every((line) => /^ {8}weight: \d+/.test(line))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
