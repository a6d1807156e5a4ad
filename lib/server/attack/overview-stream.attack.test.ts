import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOverviewEvents } from '@/app/api/overview/events/route';
import { GET as getOverview } from '@/app/api/overview/route';
import type { OverviewAnswer, OverviewPatch } from '@/lib/api/overview';
import { applyOverviewPatch } from '@/lib/graph/overview-patch';
import { sseMessages } from '@/tools/test/sse-messages';
import { type DemoFolder, useDemoFolder, withUnchangedDemoFolder } from './attack-kit';

const NAMES = ['after', 'namespace', 'at', 'AFTER', '__proto__', 'q', ''];
const VALUES = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ maxLength: 12 }),
  fc.nat().map(String),
  fc.constantFrom('', ' ', '-1', '0', '1.5', '1e3', '0x10', '9'.repeat(16), 'NaN', '\u0000', '٣', 'shop'),
);
const QUERY = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })), VALUES), {
  maxLength: 4,
});
// What a header can carry at all (no line breaks, nothing past Latin-1).
const LAST_EVENT_ID = fc.option(
  fc.oneof(VALUES, fc.nat().map(String)).filter((value) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value)),
  { nil: undefined },
);

/** Opens the stream and answers its status, its first message (or error) and a way to read more. */
async function open(query: [string, string][], lastEventId?: string) {
  const search = new URLSearchParams(query).toString();
  const abort = new AbortController();
  const response = await getOverviewEvents(
    new Request(`http://weir.test/api/overview/events${search ? `?${search}` : ''}`, {
      signal: abort.signal,
      headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
    }),
  );
  if (!response.ok) {
    const body = (await response.json()) as { error?: { message: string } };
    return { status: response.status, message: body.error?.message, close: () => abort.abort() };
  }
  const { next, cancel } = sseMessages(response.body as ReadableStream<Uint8Array>);
  return {
    status: response.status,
    next,
    close: () => {
      abort.abort();
      cancel();
    },
  };
}

async function overview(): Promise<OverviewAnswer> {
  return (await (await getOverview(new Request('http://weir.test/api/overview'))).json()) as OverviewAnswer;
}

describe('GET /api/overview/events with hostile parameters', () => {
  withUnchangedDemoFolder();

  it('opens (200) or answers a 4xx naming the parameter, never a 5xx, and writes nothing', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(QUERY, LAST_EVENT_ID, async (query, lastEventId) => {
        const answer = await open(query, lastEventId);
        answer.close();
        seen.add(answer.status);
        expect(answer.status === 200 || answer.status === 422).toBe(true);
        if (answer.status === 422) expect(answer.message).toMatch(/^(after|Last-Event-ID|namespace|at): /);
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual([200, 422]);
  }, 60_000);
});

describe('GET /api/overview/events', () => {
  let demo: DemoFolder;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  it('sends the entries of the namespace a change touched, and the overview patched equals the one read after', async () => {
    const held = await overview();
    const stream = await open([['after', String(held.sequence)]]);
    try {
      expect(stream.status).toBe(200);
      // A VirtualService in payments routing to shop: both namespaces' entries change.
      await writeFile(
        join(demo.folder, '70-added.yaml'),
        [
          'apiVersion: networking.istio.io/v1',
          'kind: VirtualService',
          'metadata:',
          '  name: added',
          '  namespace: payments',
          'spec:',
          '  hosts: [added.payments.svc.cluster.local]',
          '  http:',
          '    - route:',
          '        - destination:',
          '            host: catalog.shop.svc.cluster.local',
          '',
        ].join('\n'),
      );
      const message = await stream.next?.(10_000);
      expect(message?.event).toBe('message');
      const patch = JSON.parse(message?.data ?? '{}') as OverviewPatch;
      expect(patch.namespaces.map((summary) => summary.name).sort()).toEqual(['payments', 'shop']);
      expect(patch.links).toContainEqual(
        expect.objectContaining({ source: 'payments', target: 'shop', kind: 'route' }),
      );
      const before = held.namespaces.find((summary) => summary.name === 'payments');
      const after = patch.namespaces.find((summary) => summary.name === 'payments');
      expect(after?.counts.virtualServices).toBe((before?.counts.virtualServices ?? 0) + 1);
      const read = await overview();
      expect(applyOverviewPatch(held, patch)).toEqual({ ...read, sequence: patch.sequence });
    } finally {
      stream.close();
    }
  }, 30_000);

  it('says reset for a sequence from before the index was made (another server)', async () => {
    const stream = await open([['after', '0']]);
    try {
      const message = await stream.next?.();
      expect(message?.event).toBe('reset');
    } finally {
      stream.close();
    }
  });
});
