'use client';

import { Panel, useReactFlow } from '@xyflow/react';
import { toSvg } from 'html-to-image';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';

// Controls, minimap and panels are for the screen, not for the picture.
const LEFT_OUT = ['react-flow__minimap', 'react-flow__controls', 'react-flow__panel'];

/** `weir-graph-2026-11-23T14-00-00-000Z.svg`: the time shown (now, or the past time viewed). */
export function graphFileName(at: string | undefined, now: Date = new Date()): string {
  const time = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : now;
  return `weir-graph-${time.toISOString().replace(/[:.]/g, '-')}.svg`;
}

/**
 * "Download graph (SVG)": the graph as drawn now (what the viewport shows) as one SVG file,
 * for a report. Nodes are HTML, so the SVG embeds them in a foreignObject (html-to-image),
 * as a data URL — the page's img-src allows data: and blob:.
 */
export function DownloadGraph() {
  const { getViewport } = useReactFlow();
  const at = useSearchParams().get('at') ?? undefined;
  const [error, setError] = useState<string>();

  const download = async () => {
    const flow = document.querySelector<HTMLElement>('.react-flow');
    const viewport = flow?.querySelector<HTMLElement>('.react-flow__viewport');
    if (!flow || !viewport) return;
    const { x, y, zoom } = getViewport();
    const { width, height } = flow.getBoundingClientRect();
    try {
      const url = await toSvg(viewport, {
        backgroundColor: '#ffffff',
        width,
        height,
        style: {
          width: `${width}px`,
          height: `${height}px`,
          transform: `translate(${x}px, ${y}px) scale(${zoom})`,
        },
        filter: (node) =>
          !(node instanceof Element && LEFT_OUT.some((name) => node.classList.contains(name))),
      });
      const link = document.createElement('a');
      link.href = url;
      link.download = graphFileName(at);
      link.click();
      setError(undefined);
    } catch (cause) {
      setError(`The graph could not be drawn as SVG: ${String(cause)}`);
    }
  };

  return (
    <Panel position="top-right" className="flex flex-col items-end gap-1">
      <button
        type="button"
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50"
        onClick={() => void download()}
      >
        Download graph (SVG)
      </button>
      {error && (
        <p role="alert" className="max-w-64 rounded bg-red-50 px-2 py-1 text-xs text-red-800">
          {error}
        </p>
      )}
    </Panel>
  );
}
