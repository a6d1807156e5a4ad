import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '../history/file-history';
import { getStore } from '../store';
import { useDemoFolder } from './attack-kit';
import { fuzzWriteEndpoints } from './write-endpoints.fuzz';

describe('every write endpoint, fuzzed (files backend)', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  it('answers each hostile body with a 4xx naming the field, never a 5xx, and writes nothing', {
    timeout: 600_000,
  }, async () => {
    const before = await demo.fingerprint();
    const { store } = await getStore();
    const history = () => readFile(join(demo.folder, HISTORY_FILE), 'utf8').catch(() => '');
    let seen = { sequence: store.snapshot().sequence, history: await history() };
    // A write shows as a store event (the file changed) or a new history line.
    const wrote = async () => {
      const now = { sequence: store.snapshot().sequence, history: await history() };
      const changed = now.sequence !== seen.sequence || now.history !== seen.history;
      seen = now;
      return changed;
    };
    const catalog = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;
    const current = () => store.get(catalog)?.metadata.resourceVersion ?? '';
    const counts = await fuzzWriteEndpoints(Number(process.env.WEIR_FUZZ_RUNS ?? 60), wrote, current);
    console.log(JSON.stringify({ fuzz: 'write endpoints', backend: 'files', counts }));
    if (process.env.WEIR_FUZZ_COUNT_ONLY !== '1') expect(await demo.fingerprint()).toBe(before);
  });
});
