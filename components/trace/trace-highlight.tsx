'use client';

import type { TracePath } from '@/lib/trace/trace-path';

// Ids are Weir's own (`vs:ns/name`, `weight:…`), quoted as CSS strings.
const quote = (id: string) => JSON.stringify(id);

/**
 * Dims everything on the canvas but the traced path, with a stylesheet rather than new node
 * and edge objects, so tracing re-renders nothing the graph already drew.
 */
export function TraceHighlight({ path }: { path: TracePath }) {
  const nodes = [...path.nodes].map((id) => `.weir-trace .react-flow__node[data-id=${quote(id)}]`);
  const edges = [...path.edges].map((id) => `.weir-trace .react-flow__edge[data-id=${quote(id)}]`);
  const labels = [...path.edges]
    .filter((id) => id.startsWith('weight:'))
    .map((id) => `.weir-trace .react-flow__edgelabel-renderer > div:has([data-testid=${quote(id)}])`);
  const css = [
    '.weir-trace .react-flow__node, .weir-trace .react-flow__edge, .weir-trace .react-flow__edgelabel-renderer > div { opacity: 0.18; transition: opacity 150ms; }',
    nodes.length > 0
      ? `${nodes.join(',\n')} { opacity: 1; filter: drop-shadow(0 0 4px rgb(79 70 229 / 0.55)); }`
      : '',
    edges.length > 0 ? `${edges.join(',\n')} { opacity: 1; }` : '',
    edges.length > 0
      ? `${edges.map((e) => `${e} path.react-flow__edge-path`).join(',\n')} { stroke: rgb(79 70 229) !important; stroke-width: 3px !important; }`
      : '',
    labels.length > 0 ? `${labels.join(',\n')} { opacity: 1; }` : '',
  ].join('\n');
  return <style>{css}</style>;
}
