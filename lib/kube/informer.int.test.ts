import { describe, expect, it } from 'vitest';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { applyManifests } from './apply-manifests';
import { PAGE_SIZE, type RawObject, startInformer } from './informer';
import { RESOURCE_TYPES } from './resources';

describe('the informer against the local API server', () => {
  it('lists a kind that spans several pages whole: every object once, in one full list', async () => {
    const ns = await createTestNamespace('pages');
    const names = Array.from({ length: PAGE_SIZE * 2 + 1 }, (_, n) => `vs-${n}`);
    await applyManifests(
      kubeConfigAs('admin'),
      names.map((name) => canaryVirtualService(ns, name)),
    );
    const lists: string[][] = [];
    const informer = startInformer<RawObject>(
      kubeConfigAs('auditor'),
      RESOURCE_TYPES.VirtualService,
      {
        read: (raw) => raw,
        onList: (items) => lists.push(items.map((item) => item.metadata?.name ?? '')),
        onEvent: () => {},
        onSync: () => {},
      },
      { namespace: ns },
    );
    try {
      await informer.ready;
      expect(lists).toHaveLength(1);
      expect([...(lists[0] ?? [])].sort()).toEqual([...names].sort());
    } finally {
      informer.stop();
    }
  }, 120_000);
});
