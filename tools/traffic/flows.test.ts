import { describe, expect, it } from 'vitest';
import { indexSnapshot } from '../../lib/graph/index-snapshot';
import { traceRequest } from '../../lib/trace/trace';
import { STOCK_TCP_ROUTE } from '../../lib/traffic/stock-tcp-fixture';
import { snapshotFromYaml } from '../../lib/validate/yaml-fixtures';
import { flowsOf } from './flows';

describe('flowsOf', () => {
  it("sends a TCP-only VirtualService's connections to the host it routes, so they follow its weights", () => {
    const namespaces = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';
    const index = indexSnapshot(
      snapshotFromYaml([
        { file: 'ns.yaml', text: namespaces },
        { file: 'stock.yaml', text: STOCK_TCP_ROUTE },
      ]),
    );
    const flows = flowsOf(index);
    expect(flows.map((f) => [f.name, f.input.request])).toEqual([
      ['shop/stock', { protocol: 'tcp', port: 5432, authority: 'stock' }],
    ]);
    // Before, the flow named no host: the sidecar's trace passed it through, and no TCP series came.
    const trace = traceRequest(
      index,
      flows[0]?.input ?? { entry: { kind: 'mesh', namespace: 'shop' }, request: { port: 1 } },
    );
    expect(trace.outcome.kind).toBe('routed');
    expect(trace.destinations.map((d) => [d.fqdn, d.subset, d.weight])).toEqual([
      ['stock.shop.svc.cluster.local', 'v1', 80],
      ['stock.shop.svc.cluster.local', 'v2', 20],
    ]);
  });
});
