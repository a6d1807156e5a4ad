import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChange } from '@/lib/mesh/changes';
import type { VirtualService } from '@/lib/mesh/types';
import { createFilesStore } from '@/lib/store/files';
import type { MeshStore } from '@/lib/store/types';
import { until } from '@/tools/test/until';

const run = promisify(execFile);

const manifest = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews, subset: v2}
      weight: 10
`;

describe('a FIFO named *.yaml does not freeze the files backend (item 5)', () => {
  let folder: string;
  let store: MeshStore;
  afterEach(async () => {
    await store?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('is held as a problem (not a regular file), and reads and writes go on', {
    timeout: 20_000,
  }, async () => {
    folder = await mkdtemp(join(tmpdir(), 'weir-fifo-'));
    await writeFile(join(folder, 'reviews.yaml'), manifest);
    store = createFilesStore({ folder, debounceMs: 5 });
    await store.start();
    await run('mkfifo', [join(folder, 'pipe.yaml')]);
    await until('the FIFO to be held as a problem', () =>
      Object.values(store.snapshot().objects).some(
        (o) => o.kind === 'Invalid' && o.reason.includes('pipe.yaml'),
      ),
    );
    const invalid = Object.values(store.snapshot().objects).find((o) => o.kind === 'Invalid');
    expect(invalid).toMatchObject({ reason: 'pipe.yaml: cannot be read (not a regular file)' });

    const ref = { kind: 'VirtualService', namespace: 'shop', name: 'reviews' } as const;
    const held = store.get(ref) as VirtualService;
    const next = applyChange(held, {
      kind: 'SetWeights',
      target: ref,
      routeKind: 'http',
      routeIndex: 0,
      weights: [50, 50],
    });
    await expect(store.update(next)).resolves.toMatchObject({ kind: 'VirtualService' });
    await expect(store.read(ref)).resolves.toMatchObject({ kind: 'VirtualService' });
  });
});
