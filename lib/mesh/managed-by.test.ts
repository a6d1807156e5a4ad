import { describe, expect, it } from 'vitest';
import { latestManager, maybeWeirs } from './managed-by';

describe('latestManager', () => {
  it('names the manager of the newest managedFields entry', () => {
    const meta = {
      name: 'catalog',
      managedFields: [
        { manager: 'weir', operation: 'Update', time: '2026-01-01T14:00:00Z' },
        { manager: 'kubectl-edit', operation: 'Update', time: '2026-01-01T14:02:00Z' },
      ],
    };
    expect(latestManager(meta)).toEqual({ manager: 'kubectl-edit', time: '2026-01-01T14:02:00Z' });
  });

  it('gives a same-second tie to the manager that is not Weir', () => {
    const meta = {
      name: 'catalog',
      managedFields: [
        { manager: 'weir', time: '2026-01-01T14:00:00Z' },
        { manager: 'kubectl-edit', time: '2026-01-01T14:00:00Z' },
      ],
    };
    expect(latestManager(meta)?.manager).toBe('kubectl-edit');
  });

  it('is undefined without managedFields (a folder of manifests)', () => {
    expect(latestManager({ name: 'catalog' })).toBeUndefined();
  });
});

describe('maybeWeirs', () => {
  const meta = (...entries: Array<[string, string]>) => ({
    name: 'catalog',
    managedFields: entries.map(([manager, time]) => ({ manager, time })),
  });

  it("is true when Weir's entry is the newest, alone or tied in the same second", () => {
    expect(maybeWeirs(meta(['kubectl-edit', '2026-01-01T14:00:00Z'], ['weir', '2026-01-01T14:02:00Z']))).toBe(
      true,
    );
    expect(maybeWeirs(meta(['weir-seed', '2026-01-01T14:00:00Z'], ['weir', '2026-01-01T14:00:00Z']))).toBe(
      true,
    );
  });

  it('is false when someone else wrote last, or Weir never did', () => {
    expect(maybeWeirs(meta(['weir', '2026-01-01T14:00:00Z'], ['kubectl-edit', '2026-01-01T14:02:00Z']))).toBe(
      false,
    );
    expect(maybeWeirs(meta(['kubectl-edit', '2026-01-01T14:00:00Z']))).toBe(false);
    expect(maybeWeirs({ name: 'catalog' })).toBe(false);
  });
});
