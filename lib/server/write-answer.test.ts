import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { hostilePost, useDemoFolder, WRITE_ENDPOINTS } from './attack/attack-kit';
import { getStore } from './store';

// Next's own compression middleware, as `next start` puts it in front of every route.
const compression = createRequire(import.meta.url)('next/dist/compiled/compression') as () => (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  next: () => void,
) => void;

/** The Content-Encoding a client asking for gzip gets when `answer` goes through Next's compression. */
async function encodingThroughNext(answer: Response): Promise<string | undefined> {
  const body = Buffer.from(await answer.arrayBuffer());
  const compress = compression();
  const server = http.createServer((request, response) => {
    compress(request, response, () => {});
    response.statusCode = answer.status;
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length') response.setHeader(name, value);
    });
    // As Next's pipe does: headers first, then the body in a chunk, then the end.
    response.flushHeaders();
    response.write(body);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, headers: { 'accept-encoding': 'gzip' } }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.headers['content-encoding']));
        })
        .on('error', reject);
    });
  } finally {
    server.close();
  }
}

// A write's answer is waited on (a slider's canary step): it goes out as it is, without a
// round trip through zlib's thread pool; reads, which can be large, are still compressed.
describe('write answers are not compressed', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  it('POST /api/changes answers no-store, no-transform, and Next sends it uncompressed', async () => {
    const ref = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;
    const { store } = await getStore();
    const body = {
      change: { kind: 'SetWeights', target: ref, routeKind: 'http', routeIndex: 0, weights: [60, 40] },
      resourceVersion: store.get(ref)?.metadata.resourceVersion ?? '',
    };
    const answer = await WRITE_ENDPOINTS['/api/changes'](hostilePost('/api/changes', JSON.stringify(body)));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await encodingThroughNext(answer)).toBeUndefined();
  });

  it('a read (GET /api/snapshot) is still compressed', async () => {
    const answer = await getSnapshot(new Request('http://weir.test/api/snapshot?namespace=shop'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await encodingThroughNext(answer)).toBe('gzip');
  });
});
