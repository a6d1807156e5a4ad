import { describe, expect, it } from 'vitest';
import { latestManager } from './managed-by';

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
