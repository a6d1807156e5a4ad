import type { Size, XY } from '@/lib/graph/node-size';
import type { MeshGraph } from '@/lib/graph/types';

export interface LayoutRequest {
  id: number;
  graph: MeshGraph;
  sizes: Record<string, Size>;
  previous: Record<string, XY>;
}

export type LayoutReply = { id: number; positions: Record<string, XY> } | { id: number; error: string };

let worker: Worker | undefined;
let broken = false;
let nextId = 0;
const waiting = new Map<
  number,
  { resolve: (positions: Record<string, XY>) => void; reject: (error: Error) => void }
>();

function start(): Worker | undefined {
  if (broken || typeof Worker === 'undefined') return undefined;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    broken = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<LayoutReply>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) pending?.reject(new Error(reply.error));
    else pending?.resolve(reply.positions);
  };
  worker.onerror = () => {
    // The worker could not load: every waiting layout, and all later ones, run here instead.
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const pending of waiting.values()) pending.reject(new Error('layout worker failed'));
    waiting.clear();
  };
  return worker;
}

// The page's first graph comes laid out by the server (lib/server/first-layout.ts), so the
// worker (and its copy of elk, 1.5 MB) starts loading once the page is idle, not while it
// hydrates on the same cores; the next view's layout finds it ready. A layout asked for
// before then starts it at once.
if (typeof window !== 'undefined') {
  if ('requestIdleCallback' in window) window.requestIdleCallback(() => start(), { timeout: 3_000 });
  else setTimeout(start, 1_000);
}

/**
 * layoutGraph in a web worker, so laying out thousands of nodes never freezes the page;
 * on the main thread where no worker can run.
 */
export async function layoutOffMainThread(
  graph: MeshGraph,
  sizes: Record<string, Size>,
  previous: Record<string, XY>,
): Promise<Record<string, XY>> {
  const target = start();
  if (!target) return layoutHere(graph, sizes, previous);
  const id = nextId++;
  try {
    return await new Promise<Record<string, XY>>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      target.postMessage({ id, graph, sizes, previous } satisfies LayoutRequest);
    });
  } catch (error) {
    if (broken) return layoutHere(graph, sizes, previous);
    throw error;
  }
}

/**
 * On the main thread, where no worker runs: elk (1.5 MB) is loaded only then, so the page's
 * own scripts never carry it (evaluating it delayed every first graph).
 */
async function layoutHere(
  graph: MeshGraph,
  sizes: Record<string, Size>,
  previous: Record<string, XY>,
): Promise<Record<string, XY>> {
  const { layoutGraph } = await import('@/lib/graph/layout');
  return layoutGraph(graph, sizes, previous);
}
