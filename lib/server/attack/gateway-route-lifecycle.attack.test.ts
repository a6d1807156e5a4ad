import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_ROUTE_KINDS, type GatewayRouteKind } from '@/lib/mesh/gateway-api-types';
import { expectRefused, send, useDemoFolder } from './attack-kit';

// Gateway API routes are created and deleted through the same change records, endpoints and
// gates as a VirtualService, on the files backend here (the API server's in
// create-delete.int.test.ts). The Gateway API's Gateway stays out: never created or deleted.

const GATEWAY_API = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  gatewayClassName: istio
  listeners:
    - name: http
      port: 80
      protocol: HTTP
    - name: tcp
      port: 9000
      protocol: TCP
    - name: tls
      port: 443
      protocol: TLS
      hostname: shop.example.com
      tls:
        mode: Passthrough
`;

const route = (kind: GatewayRouteKind, namespace: string, name: string, backend = 'catalog') => ({
  apiVersion: `gateway.networking.k8s.io/${kind === 'HTTPRoute' || kind === 'GRPCRoute' ? 'v1' : 'v1alpha2'}`,
  kind,
  metadata: { name, namespace },
  spec: {
    parentRefs: [{ name: 'edge' }],
    ...(kind === 'TLSRoute' && { hostnames: ['shop.example.com'] }),
    rules: [{ backendRefs: [{ name: backend, port: 8080 }] }],
  },
});
const create = (kind: GatewayRouteKind, namespace: string, name: string, backend?: string) =>
  JSON.stringify({
    change: {
      kind: 'CreateObject',
      target: { kind, namespace, name },
      object: route(kind, namespace, name, backend),
    },
  });

type Written = {
  status: number;
  json: { object?: { metadata: { resourceVersion?: string } }; diff?: string };
};

describe('creating and deleting Gateway API routes (files backend)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const demo = async () => {
    const folder = await useDemoFolder();
    cleanups.push(folder.cleanup);
    await writeFile(join(folder.folder, '25-edge-gateway.yaml'), GATEWAY_API);
    return folder;
  };

  it.each(GATEWAY_ROUTE_KINDS)(
    'a %s: preview shows the whole new file, apply writes it, delete at its version removes it',
    async (kind) => {
      const { folder } = await demo();
      const preview = (await send('/api/preview', create(kind, 'shop', 'fresh'))) as Written;
      expect(preview.status, JSON.stringify(preview.json)).toBe(200);
      expect(preview.json.diff).toContain(`+kind: ${kind}`);
      expect(await readdir(join(folder, 'shop')).catch(() => [])).not.toContain(
        `${kind.toLowerCase()}-fresh.yaml`,
      );

      const created = (await send('/api/changes', create(kind, 'shop', 'fresh'))) as Written;
      expect(created.status, JSON.stringify(created.json)).toBe(200);
      const file = join(folder, 'shop', `${kind.toLowerCase()}-fresh.yaml`);
      expect(await readFile(file, 'utf8')).toContain('name: catalog');
      // A second create of the same route is a conflict, and writes nothing.
      expect((await send('/api/changes', create(kind, 'shop', 'fresh'))).status).toBe(409);

      const target = { kind, namespace: 'shop', name: 'fresh' };
      const version = created.json.object?.metadata.resourceVersion;
      expect(version).toBeTruthy();
      const stale = await send(
        '/api/changes',
        JSON.stringify({ change: { kind: 'DeleteObject', target }, resourceVersion: 'stale' }),
      );
      expect(stale.status).toBe(409);
      const deleted = await send(
        '/api/changes',
        JSON.stringify({ change: { kind: 'DeleteObject', target }, resourceVersion: version }),
      );
      expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
      await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it.each(
    GATEWAY_ROUTE_KINDS.flatMap((kind) => [
      [kind, '../escape-test', 'fresh', 'change.target.namespace'],
      [kind, 'shop', '../../escape', 'change.target.name'],
      [kind, 'Shop', 'fresh', 'change.target.namespace'],
      [kind, 'shop', 'a\u200bb', 'change.target.name'],
    ]),
  )(
    'a %s created in namespace %j named %j is 422 naming %s, and nothing is written',
    async (kind, namespace, name, field) => {
      const folder = await demo();
      const before = await folder.fingerprint();
      for (const path of ['/api/changes', '/api/preview'] as const) {
        const { status, json } = await send(path, create(kind as GatewayRouteKind, namespace, name));
        expect(status).toBe(422);
        expect(json.error?.fields).toEqual([expect.objectContaining({ path: field })]);
      }
      expect(await folder.fingerprint()).toBe(before);
    },
  );

  it('the validation gate runs on the new route: a backendRef to no Service is refused, nothing written', async () => {
    const folder = await demo();
    const before = await folder.fingerprint();
    const answer = await send('/api/changes', create('HTTPRoute', 'shop', 'fresh', 'no-such-service'));
    expectRefused(answer);
    expect(answer.json.error?.message).toMatch(/no-such-service/);
    expect(await folder.fingerprint()).toBe(before);
  });

  it('a Gateway API Gateway is neither created nor deleted: 422 naming change.target.kind', async () => {
    const folder = await demo();
    const before = await folder.fingerprint();
    const target = { kind: 'KubernetesGateway', namespace: 'shop', name: 'edge' };
    const object = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: target,
      spec: {},
    };
    for (const change of [
      { kind: 'CreateObject', target: { ...target, name: 'other' }, object },
      { kind: 'DeleteObject', target },
    ]) {
      const { status, json } = await send('/api/changes', JSON.stringify({ change, resourceVersion: '1' }));
      expect(status).toBe(422);
      expect(json.error?.fields).toEqual([expect.objectContaining({ path: 'change.target.kind' })]);
    }
    expect(await folder.fingerprint()).toBe(before);
  });
});
