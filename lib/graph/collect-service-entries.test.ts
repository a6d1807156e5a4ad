import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph';
import { describeHop } from './describe-hop';
import { serviceEntry } from './egress-fixtures';
import { destinationRule, pod, snapshotOf, virtualService } from './test-fixtures';

describe('ServiceEntry nodes', () => {
  it('draws an entry with its hosts, ports, location, resolution, endpoints and exportTo', () => {
    const graph = buildGraph(
      snapshotOf([
        serviceEntry('shop', 'payments', {
          hosts: ['api.pay.example'],
          ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
          resolution: 'STATIC',
          exportTo: ['.'],
          ...{ endpoints: [{ address: '10.0.0.1' }, { address: '10.0.0.2' }] },
        }),
      ]),
    );
    const node = graph.nodes.find((item) => item.id === 'se:shop/payments');
    expect(node).toMatchObject({ kind: 'serviceEntry', namespace: 'shop', label: 'payments' });
    expect(node?.details).toEqual([
      'api.pay.example',
      '443/HTTPS',
      'MESH_EXTERNAL · STATIC',
      'endpoints 10.0.0.1, 10.0.0.2',
      'exportTo .',
    ]);
  });

  it('ends a route to an entry host at the entry, with port, protocol and originated TLS', () => {
    const graph = buildGraph(
      snapshotOf([
        serviceEntry('shop', 'googleapis', {
          hosts: ['www.googleapis.com'],
          ports: [
            { number: 80, name: 'http', protocol: 'HTTP' },
            { number: 443, name: 'https', protocol: 'HTTPS' },
          ],
          resolution: 'DNS',
        }),
        virtualService('shop', 'rewrite', {
          hosts: ['www.googleapis.com'],
          http: [{ route: [{ destination: { host: 'www.googleapis.com', port: { number: 443 } } }] }],
        }),
        destinationRule('shop', 'originate', {
          host: 'www.googleapis.com',
          trafficPolicy: {
            portLevelSettings: [
              { port: { number: 443 }, tls: { mode: 'MUTUAL', credentialName: 'client-cert' } },
            ],
          },
        }),
      ]),
    );
    const entry = graph.edges.find((edge) => edge.kind === 'entry');
    expect(entry).toMatchObject({
      source: 'dest:www.googleapis.com||443',
      target: 'se:shop/googleapis',
      path: 'spec.ports[1]',
    });
    expect(describeHop(entry?.hop)).toBe('443/HTTPS · originates TLS MUTUAL · credential client-cert');
  });

  it('prefers an entry listing the host over a wildcard one, and reaches workloads by its selector', () => {
    const graph = buildGraph(
      snapshotOf([
        serviceEntry('shop', 'wild', { hosts: ['*.example.com'], ports: [{ number: 80, protocol: 'HTTP' }] }),
        serviceEntry('shop', 'exact', {
          hosts: ['vm.example.com'],
          location: 'MESH_INTERNAL',
          ports: [{ number: 80, protocol: 'HTTP' }],
          workloadSelector: { labels: { app: 'vm' } },
        }),
        virtualService('shop', 'to-vm', {
          hosts: ['vm.example.com', 'other.example.com'],
          http: [
            { route: [{ destination: { host: 'vm.example.com' } }] },
            { route: [{ destination: { host: 'other.example.com' } }] },
          ],
        }),
        pod('shop', 'vm-1', { app: 'vm' }),
      ]),
    );
    const entries = graph.edges
      .filter((edge) => edge.kind === 'entry')
      .map((edge) => [edge.source, edge.target]);
    expect(entries).toEqual([
      ['dest:vm.example.com||', 'se:shop/exact'],
      ['dest:other.example.com||', 'se:shop/wild'],
    ]);
    const workload = graph.edges.find((edge) => edge.kind === 'workload' && edge.source === 'se:shop/exact');
    expect(workload?.target).toBe('workload:shop/app=vm');
    // The destination reaches the pods through its entry, not beside it.
    expect(
      graph.edges.some((edge) => edge.kind === 'workload' && edge.source === 'dest:vm.example.com||'),
    ).toBe(false);
  });
});
