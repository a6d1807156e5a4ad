import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@/lib/mesh/history';
import type { MeshSnapshot, StoredObject } from '@/lib/mesh/types';
import { buildReport } from './build-report';
import { byteRate, reportMarkdown } from './report-markdown';

const objects: StoredObject[] = [
  {
    kind: 'Gateway',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'shop-gateway', namespace: 'shop' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 443, protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE' } },
      ],
    },
  },
  {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'catalog', namespace: 'shop', resourceVersion: '42' },
    spec: {
      hosts: ['catalog'],
      http: [
        {
          name: 'canary',
          match: [{ headers: { 'x-canary': { exact: 'yes' } } }],
          timeout: '5s',
          route: [
            { destination: { host: 'catalog', subset: 'v1' }, weight: 75 },
            { destination: { host: 'catalog', subset: 'v2' }, weight: 25 },
          ],
        },
      ],
    },
  },
  {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'ledger', namespace: 'payments' },
    spec: { hosts: ['ledger'], http: [{ route: [{ destination: { host: 'ledger' } }] }] },
  },
];
const snapshot: MeshSnapshot = {
  sequence: 7,
  objects: Object.fromEntries(
    objects.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]),
  ),
  sync: { backend: 'kube', source: 'test', demo: false, synced: true, syncedAt: '2026-03-03T14:00:00Z' },
};
const change: HistoryEntry = {
  id: 'shop/catalog-1',
  object: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  user: 'olivia.operator',
  time: '2026-03-03T14:02:00Z',
  source: 'weir',
  summary: 'catalog http[0] (canary): v1 90% → 75%, v2 10% → 25%',
  note: 'canary step 2',
  routes: [],
  before: { spec: { big: true } },
};

const graph = {
  svg: '/api/report?format=svg&namespace=shop',
  png: '/api/report?format=png&namespace=shop',
  nodes: 9,
  edges: 8,
};

describe('the routing report', () => {
  const report = buildReport({
    snapshot,
    findings: [],
    changes: [change],
    locks: {},
    namespaces: ['shop'],
    period: { from: '2026-03-03T00:00:00Z' },
    user: 'arthur.auditor',
    graph,
    now: new Date('2026-03-03T15:00:00Z'),
  });

  it('holds the chosen namespaces only, with effective weights and what routes match', () => {
    expect(report.virtualServices.map((vs) => vs.name)).toEqual(['catalog']);
    const [route] = report.virtualServices[0]?.routes ?? [];
    expect(route).toMatchObject({ kind: 'http', index: 0, name: 'canary', match: 'header x-canary=yes' });
    expect(route?.destinations.map((d) => d.weight)).toEqual([75, 25]);
    expect(route?.also).toContain('timeout 5s');
    expect(report.gateways[0]?.servers).toEqual([
      { port: 443, protocol: 'HTTPS', hosts: ['shop.example.com'], tls: 'SIMPLE' },
    ]);
    expect(report.changes[0]).not.toHaveProperty('before');
  });

  it('reads as Markdown an auditor can file', () => {
    const md = reportMarkdown(report);
    expect(md).toContain('# Routing report');
    expect(md).toContain('- Generated: 2026-03-03T15:00:00.000Z by arthur.auditor');
    expect(md).toContain('| http\\[0] canary | header x-canary=yes | catalog / v1 | 75% | timeout 5s |');
    expect(md).toContain('| | | catalog / v2 | 25% | |');
    expect(md).toContain(
      '| 2026-03-03T14:02:00Z | olivia.operator | VirtualService shop/catalog | catalog http\\[0] (canary): v1 90% → 75%, v2 10% → 25% | canary step 2 |',
    );
    expect(md).not.toContain('ledger');
  });

  it('reads the measured split of HTTP routes by requests and of TCP routes with their bytes and connections', () => {
    const row = { namespace: 'shop', objectKind: 'VirtualService', index: 0, weight: 50, rps: 0 };
    const md = reportMarkdown({
      ...report,
      measured: {
        from: '2026-03-03T14:00:00Z',
        to: '2026-03-03T15:00:00Z',
        edges: [
          {
            ...row,
            name: 'catalog',
            kind: 'http',
            host: 'catalog',
            subset: 'v2',
            rps: 9.5,
            share: 0.25,
            success: 0.99,
          },
          {
            ...row,
            name: 'stock',
            kind: 'tcp',
            host: 'stock',
            subset: 'v1',
            share: 0.8,
            tcpBytes: 4_120.4,
            tcpConnections: 2.5,
          },
          {
            ...row,
            name: 'stock',
            kind: 'tcp',
            host: 'stock',
            subset: 'v2',
            share: 0.2,
            tcpBytes: 980,
            tcpConnections: 0.625,
          },
          { ...row, name: 'legacy', kind: 'tcp', host: 'legacy', tcpBytes: 0, tcpConnections: 0 },
          { ...row, name: 'vault', kind: 'tls', host: 'vault', tcpBytes: 2_500_000, tcpConnections: 0 },
          // A Gateway API rule: its share is of requests (an HTTPRoute) or of connections (a TCPRoute).
          { ...row, objectKind: 'HTTPRoute', name: 'cart', kind: 'rules', host: 'cart' },
          {
            ...row,
            objectKind: 'TCPRoute',
            name: 'cart',
            kind: 'rules',
            host: 'cart-db',
            tcpBytes: 0,
            tcpConnections: 0,
          },
        ],
      },
    });
    expect(md).toContain(
      '| route | destination | weight now | measured share | requests/s | non-5xx | TCP sent |',
    );
    expect(md).toContain(
      '| VirtualService shop/catalog http\\[0] | catalog subset v2 | 50% | 25% | 9.5 | 99% | – |',
    );
    expect(md).toContain(
      '| VirtualService shop/stock tcp\\[0] | stock subset v1 | 50% | 80% | 0 | – | 4.1 kB/s · 2.5 conn/s |',
    );
    expect(md).toContain(
      '| VirtualService shop/stock tcp\\[0] | stock subset v2 | 50% | 20% | 0 | – | 980 B/s · 0.625 conn/s |',
    );
    expect(md).toContain(
      '| VirtualService shop/legacy tcp\\[0] | legacy | 50% | no traffic | 0 | – | 0 B/s · 0 conn/s |',
    );
    // A TLS route's rows read as a TCP route's: no share is "no traffic", never "no requests".
    expect(md).toContain(
      '| VirtualService shop/vault tls\\[0] | vault | 50% | no traffic | 0 | – | 2.5 MB/s · 0 conn/s |',
    );
    // Two routes of one name are told apart by their kind.
    expect(md).toContain('| HTTPRoute shop/cart rules\\[0] | cart | 50% | no requests | 0 | – | – |');
    expect(md).toContain(
      '| TCPRoute shop/cart rules\\[0] | cart-db | 50% | no traffic | 0 | – | 0 B/s · 0 conn/s |',
    );
  });

  it('writes byte rates in the largest unit they reach once rounded', () => {
    expect(
      [0, 999.94, 999.96, 4_120.4, 999_949, 999_960, 2_500_000, 7.5e9].map((bytes) => byteRate(bytes)),
    ).toEqual(['0 B/s', '999.9 B/s', '1 kB/s', '4.1 kB/s', '999.9 kB/s', '1 MB/s', '2.5 MB/s', '7500 MB/s']);
  });

  it('names the figures Prometheus did not answer, beside the rows it could fill', () => {
    const md = reportMarkdown({
      ...report,
      measured: {
        from: '2026-03-03T14:00:00Z',
        to: '2026-03-03T15:00:00Z',
        missing: ['TCP bytes sent (Prometheus answered 503)'],
        edges: [
          {
            namespace: 'shop',
            name: 'catalog',
            objectKind: 'VirtualService',
            kind: 'http',
            index: 0,
            host: 'catalog',
            weight: 50,
            rps: 2,
            share: 1,
          },
        ],
      },
    });
    expect(md).toContain('Missing: Prometheus did not answer for TCP bytes sent (Prometheus answered 503).');
    expect(md).toContain('| VirtualService shop/catalog http\\[0] | catalog | 50% | 100% | 2 | – | – |');
  });

  it('references its graph, and embeds it as a PNG data URL defined at the end', () => {
    expect(report.graph).toEqual(graph);
    expect(report.asOf).toBe(report.generatedAt);
    expect(report).not.toHaveProperty('past');
    const md = reportMarkdown(report, 'iVBORw0KGgo=');
    expect(md).toContain('- Routing as of: 2026-03-03T15:00:00.000Z (as it stands)');
    expect(md).toContain('## Graph\n\n![Routing graph][graph]');
    expect(md).toContain('`/api/report?format=svg&namespace=shop`');
    expect(md.trimEnd().split('\n').at(-1)).toBe('[graph]: data:image/png;base64,iVBORw0KGgo=');
    expect(reportMarkdown(report)).not.toContain('![Routing graph]');
  });

  it('of a past time, says so, and what it could not put back', () => {
    const past = buildReport({
      snapshot,
      findings: [],
      changes: [],
      locks: {},
      namespaces: ['shop'],
      period: { to: '2026-03-03T14:00:00.000Z' },
      user: 'arthur.auditor',
      graph,
      past: { at: '2026-03-03T14:00:00.000Z', approximate: ['VirtualService/shop/catalog'], complete: false },
      now: new Date('2026-03-03T15:00:00Z'),
    });
    expect(past.asOf).toBe('2026-03-03T14:00:00.000Z');
    expect(past.past?.note).toMatch(/Services, pods and their labels .* as they are now/);
    const md = reportMarkdown(past);
    expect(md).toContain('- Routing as of: 2026-03-03T14:00:00.000Z (rebuilt from the recorded history)');
    expect(md).toContain('(their earlier spec was not recorded): VirtualService/shop/catalog');
    expect(md).toContain('older parts may be out of date');
  });

  it('keeps markup typed in a note as text, on one table row', () => {
    const hostile = buildReport({
      snapshot,
      findings: [],
      changes: [{ ...change, note: '<img src=x onerror=alert(1)> | a & b\nnext' }],
      locks: {},
      namespaces: ['shop'],
      period: {},
      user: 'arthur.auditor',
      graph,
    });
    const md = reportMarkdown(hostile);
    expect(md).not.toContain('<img');
    expect(md).toContain('| &lt;img src=x onerror=alert(1)&gt; \\| a &amp; b next |');
  });

  it('keeps markup in every value outside the tables as text too', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const [gateway] = report.gateways;
    const [vs] = report.virtualServices;
    if (!gateway || !vs) throw new Error('the report lost its objects');
    const md = reportMarkdown({
      ...report,
      generatedBy: markup,
      source: markup,
      namespaces: [markup],
      period: { from: markup },
      gateways: [{ ...gateway, name: markup, selector: { istio: markup } }],
      virtualServices: [{ ...vs, name: markup, hosts: [markup], gateways: [markup], lockedBy: markup }],
    });
    expect(md).not.toContain('<img');
    const shown = '&lt;img src=x onerror=alert(1)&gt;';
    expect(md).toContain(`- Generated: 2026-03-03T15:00:00.000Z by ${shown}`);
    expect(md).toContain(`- Source: ${shown}`);
    expect(md).toContain(`- Namespaces: ${shown}`);
    expect(md).toContain(`- Changes from ${shown} to`);
    expect(md).toContain(`### shop/${shown}\n\nSelector: istio=${shown}`);
    expect(md).toContain(`Hosts: ${shown} · Gateways: ${shown} · resourceVersion 42`);
    expect(md).toContain(`Owned by ${shown} (Weir`);
    expect(reportMarkdown({ ...report, generatedBy: 'a\n# not a heading' })).toContain(
      'by a # not a heading',
    );
  });
});
