import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import type { MeshStore } from '../store/types';
import { eventStream } from './event-stream';

const vs = (name: string, weight: number) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace: 'shop', resourceVersion: `${weight}` },
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name }, weight }] }] },
  }) as StoredObject;

/** The stream's view of a real EventLog (what both backends feed). */
function storeOf(log: EventLog): MeshStore {
  return {
    subscribe: (listener) => log.subscribe(listener),
    eventsSince: (sequence) => log.eventsSince(sequence),
    sequence: () => log.lastSequence(),
    viewScope: (namespaces) => log.viewScope(namespaces),
  } as Partial<MeshStore> as MeshStore;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('eventStream', () => {
  it('sends what one turn of the event loop brings as one chunk, every event in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
        async (bursts) => {
          const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
          const abort = new AbortController();
          const reader = eventStream(storeOf(log), 0, abort.signal).getReader();
          const chunks: string[] = [];
          const reading = (async () => {
            const decoder = new TextDecoder();
            for (;;) {
              const next = await reader.read();
              if (next.done) return;
              chunks.push(decoder.decode(next.value));
            }
          })();
          await turn();
          let weight = 0;
          for (const size of bursts) {
            for (let i = 0; i < size; i++) log.put(vs(`vs-${i}`, ++weight));
            await turn();
            await turn();
          }
          abort.abort();
          await reading;
          // The opening hint, then one chunk per burst.
          expect(chunks.length).toBe(1 + bursts.length);
          const ids = chunks.join('').match(/^id: \d+$/gm) ?? [];
          expect(ids).toEqual(Array.from({ length: weight }, (_, i) => `id: ${i + 1}`));
        },
      ),
      { numRuns: 25 },
    );
  });
});
