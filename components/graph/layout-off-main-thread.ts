import { layoutGraph, type Size, type XY } from '@/lib/graph/layout';
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

// In the browser the worker (and its copy of elk) starts loading with this module, while the
// page hydrates, not when the first layout is asked for: the page arrives with its snapshot
// (app/page.tsx), so that layout is asked for as soon as the page has hydrated.
if (typeof window !== 'undefined') start();

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
  if (!target) return layoutGraph(graph, sizes, previous);
  const id = nextId++;
  try {
    return await new Promise<Record<string, XY>>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      target.postMessage({ id, graph, sizes, previous } satisfies LayoutRequest);
    });
  } catch (error) {
    if (broken) return layoutGraph(graph, sizes, previous);
    throw error;
  }
}
