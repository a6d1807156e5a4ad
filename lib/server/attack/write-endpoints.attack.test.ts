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
    let sequence = store.snapshot().sequence;
    const history = () => readFile(join(demo.folder, HISTORY_FILE), 'utf8').catch(() => '');
    const wrote = async () => {
      const now = store.snapshot().sequence;
      const changed = now !== sequence || (await history()) !== '';
      sequence = now;
      return changed;
    };
    const catalog = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;
    const current = () => store.get(catalog)?.metadata.resourceVersion ?? '';
    const counts = await fuzzWriteEndpoints(Number(process.env.WEIR_FUZZ_RUNS ?? 60), wrote, current);
    console.log(JSON.stringify({ fuzz: 'write endpoints', backend: 'files', counts }));
    if (process.env.WEIR_FUZZ_COUNT_ONLY !== '1') expect(await demo.fingerprint()).toBe(before);
  });
});
