import { describe, expect, it } from 'vitest';
import { until } from '../../tools/test/until';
import { elkThread, onElkCollected } from './elk-thread';

/** A chain of `size` boxes: enough for elk to fill its young generation with garbage. */
function chain(size: number) {
  const children = Array.from({ length: size }, (_, i) => ({ id: `n${i}`, width: 120, height: 40 }));
  const edges = children
    .slice(1)
    .map((child, i) => ({ id: `e${i}`, sources: [`n${i}`], targets: [child.id] }));
  return { id: 'root', layoutOptions: { 'elk.algorithm': 'layered' }, children, edges };
}

describe('elkThread', () => {
  it('collects its own garbage once no layout has come for a while, and lays out again after', async () => {
    const collections: Array<{ before: number; after: number }> = [];
    onElkCollected((before, after) => collections.push({ before, after }));
    const run = elkThread(100);
    if (!run) throw new Error("elk's thread did not start");
    const laid = await run(chain(300));
    expect(laid.children).toHaveLength(300);
    await until('a collection once idle', () => collections.length > 0, { timeoutMs: 30_000 });
    const [first] = collections;
    expect(first?.after).toBeLessThanOrEqual(first?.before ?? 0);
    // Still there, and collecting again after the next layout.
    expect((await run(chain(20))).children).toHaveLength(20);
    await until('a second collection', () => collections.length > 1, { timeoutMs: 30_000 });
  });
});
