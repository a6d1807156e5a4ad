import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeRequest } from './request';

// An API server that takes every request whole and never answers: hung, not down.
describe('a hung API server (item 4): every request has a deadline, a write is "outcome unknown"', () => {
  let server: http.Server;
  let received = 0;
  const kc = new KubeConfig();
  beforeAll(async () => {
    server = http.createServer((req) => {
      req.resume();
      req.on('end', () => received++);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Plain HTTP (client-node allows it only with skipTLSVerify): the deadline is the same.
    kc.loadFromOptions({
      clusters: [{ name: 'hung', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'hung', token: 't' }],
      contexts: [{ name: 'hung', cluster: 'hung', user: 'hung' }],
      currentContext: 'hung',
    });
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const path = '/apis/networking.istio.io/v1/namespaces/shop/virtualservices/catalog';

  it('a read gives up at its deadline, as unreachable', async () => {
    const started = Date.now();
    await expect(kubeRequest(kc, { method: 'GET', path, timeoutMs: 500 })).rejects.toThrow(
      /timed out after 0.5 s/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each(['PUT', 'POST', 'DELETE'] as const)(
    'a %s that was sent is neither success nor failure: Unknown',
    async (method) => {
      const before = received;
      const answer = kubeRequest(kc, { method, path, body: { kind: 'VirtualService' }, timeoutMs: 500 });
      await expect(answer).rejects.toMatchObject({
        code: 'Unknown',
        message:
          'the API server did not answer within 0.5 s: the outcome of this write is unknown — check the object before you try again',
      });
      expect(received).toBe(before + 1);
    },
  );

  it('a dry run that times out is only unreachable (nothing can have been written)', async () => {
    await expect(
      kubeRequest(kc, { method: 'PUT', path, query: { dryRun: 'All' }, body: {}, timeoutMs: 500 }),
    ).rejects.not.toMatchObject({ code: 'Unknown' });
  });
});
