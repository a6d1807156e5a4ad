import { layoutGraph } from '@/lib/graph/layout';
import type { LayoutReply, LayoutRequest } from './layout-off-main-thread';

// A web worker's global scope; typed by hand because the project compiles against the DOM lib.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage: (reply: LayoutReply) => void;
};

scope.onmessage = (event) => {
  const { id, graph, sizes, previous } = event.data;
  layoutGraph(graph, sizes, previous).then(
    (positions) => scope.postMessage({ id, positions }),
    (error: unknown) => scope.postMessage({ id, error: String(error) }),
  );
};
