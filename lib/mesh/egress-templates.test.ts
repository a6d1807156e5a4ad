import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build-graph';
import { egressGatewayInstall, serviceEntry } from '../graph/egress-fixtures';
import { snapshotOf } from '../graph/test-fixtures';
import { validate } from '../validate';
import { changeSetSchema, describeChangeSet } from './changes/change-set';
import { egressGatewayChange, egressGatewayTemplates } from './egress-templates';
import { keyOf } from './object-key';
import { parseObject } from './parse';
import type { StoredObject } from './types';

const parsed = (templates: readonly Record<string, unknown>[]) =>
  templates.map((template) => parseObject(template) as StoredObject);

describe('Send this host through an egress gateway', () => {
  it.each([
    ['TLS (passthrough)', 'TLS', 443],
    ['HTTP', 'HTTP', 80],
  ])(
    '%s: the three objects of the task are valid and draw one chain to the ServiceEntry',
    (_name, protocol, number) => {
      const entry = serviceEntry('shop', 'cnn', {
        hosts: ['edition.cnn.com'],
        ports: [{ number, name: protocol.toLowerCase(), protocol }],
        resolution: 'DNS',
      });
      const templates = egressGatewayTemplates(entry) ?? [];
      expect(templates.map((t) => t.kind)).toEqual(['Gateway', 'DestinationRule', 'VirtualService']);
      const objects = [entry, ...egressGatewayInstall(), ...parsed(templates)];
      expect(objects.every((object) => object.kind !== 'Invalid')).toBe(true);
      const snapshot = snapshotOf(objects);
      expect(validate(snapshot).filter((finding) => finding.severity !== 'info')).toEqual([]);
      const graph = buildGraph(snapshot);
      const egress = graph.edges.find((edge) => edge.kind === 'egress');
      expect(egress?.target).toBe('gw:shop/egress-edition-cnn-com');
      const entryEdge = graph.edges.find((edge) => edge.kind === 'entry' && edge.target === 'se:shop/cnn');
      expect(graph.nodes.find((node) => node.id === entryEdge?.source)?.hop).toBe(1);
      expect(Object.keys(snapshot.objects)).toContain(keyOf(objects[objects.length - 1] as StoredObject));
    },
  );

  it('offers nothing for an entry with only wildcard hosts or no port', () => {
    expect(
      egressGatewayTemplates(
        serviceEntry('shop', 'x', { hosts: ['*.example.com'], ports: [{ number: 80 }] }),
      ),
    ).toBeUndefined();
    expect(egressGatewayTemplates(serviceEntry('shop', 'x', { hosts: ['a.example.com'] }))).toBeUndefined();
  });

  it('is one change set: the three creates in order, named for the host, read as the wire reads it', () => {
    const entry = serviceEntry('shop', 'cnn', {
      hosts: ['edition.cnn.com'],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
    });
    const set = egressGatewayChange(entry);
    expect(set && changeSetSchema.safeParse(set).success).toBe(true);
    expect(set && describeChangeSet(set)).toBe(
      'Send edition.cnn.com through an egress gateway: shop/egress-edition-cnn-com: Gateway created; ' +
        'shop/egressgateway-for-edition-cnn-com: DestinationRule created; ' +
        'shop/edition-cnn-com-through-egress-gateway: VirtualService created',
    );
  });
});
