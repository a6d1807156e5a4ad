'use client';

import { getNodesBounds, getViewportForBounds, Panel, useReactFlow, useStore } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';

// Controls, minimap and panels are for the screen, not for the picture.
const LEFT_OUT = ['react-flow__minimap', 'react-flow__controls', 'react-flow__panel'];
// Room around the nodes for edges that curve out and labels beside them.
const PAD = 48;
// The canvas's own zoom range: fitting the whole graph never zooms out further than this.
const MIN_ZOOM = 0.05;
// A browser canvas holds about this many pixels; a larger graph gets a lower pixel ratio.
const MAX_PIXELS = 60_000_000;

type Format = 'svg' | 'png';

/** `weir-graph-2026-11-23T14-00-00-000Z.svg`: the time shown (now, or the past time viewed). */
export function graphFileName(
  at: string | undefined,
  format: Format = 'svg',
  now: Date = new Date(),
): string {
  const time = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : now;
  return `weir-graph-${time.toISOString().replace(/[:.]/g, '-')}.${format}`;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/**
 * "Download graph": the whole graph as drawn (every node, not only what the viewport shows) as
 * an SVG or PNG file. The canvas draws only the nodes in view, so the view is fitted to all of
 * them for a moment, the picture taken at full size (React Flow's getNodesBounds and
 * getViewportForBounds with html-to-image), and the view put back. Nodes are HTML, so the SVG
 * embeds them in a foreignObject, as a data URL — the page's img-src allows data: and blob:.
 */
export function DownloadGraph() {
  const { getNodes, getViewport, setViewport } = useReactFlow();
  const flow = useStore((state) => state.domNode);
  const at = useSearchParams().get('at') ?? undefined;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const download = async (format: Format) => {
    const viewport = flow?.querySelector<HTMLElement>('.react-flow__viewport');
    const nodes = getNodes();
    if (!flow || !viewport || nodes.length === 0) return;
    const bounds = getNodesBounds(nodes);
    const before = getViewport();
    const { width: shownWidth, height: shownHeight } = flow.getBoundingClientRect();
    setBusy(true);
    try {
      await setViewport(getViewportForBounds(bounds, shownWidth, shownHeight, MIN_ZOOM, 1, 0.02));
      await nextFrame();
      await nextFrame();
      const drawn = viewport.querySelectorAll('.react-flow__node').length;
      const width = Math.ceil(bounds.width + 2 * PAD);
      const height = Math.ceil(bounds.height + 2 * PAD);
      const options = {
        backgroundColor: '#ffffff',
        // The page uses system fonts only: nothing to embed, and no style sheet to scan for them.
        skipFonts: true,
        width,
        height,
        style: {
          width: `${width}px`,
          height: `${height}px`,
          transform: `translate(${PAD - bounds.x}px, ${PAD - bounds.y}px) scale(1)`,
        },
        filter: (node: HTMLElement) =>
          !(node instanceof Element && LEFT_OUT.some((name) => node.classList.contains(name))),
      };
      const url =
        format === 'svg'
          ? await toSvg(viewport, options)
          : await toPng(viewport, {
              ...options,
              pixelRatio: Math.min(2, Math.sqrt(MAX_PIXELS / (width * height))),
            });
      const link = document.createElement('a');
      link.href = url;
      link.download = graphFileName(at, format);
      link.click();
      setError(
        drawn < nodes.length
          ? `The graph is too large to draw whole from the canvas (${drawn} of ${nodes.length} nodes): the report's graph.svg holds all of it.`
          : undefined,
      );
    } catch (cause) {
      setError(`The graph could not be drawn as ${format.toUpperCase()}: ${String(cause)}`);
    } finally {
      await setViewport(before);
      setBusy(false);
    }
  };

  const button =
    'rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-50';
  return (
    <Panel position="top-right" className="flex flex-col items-end gap-1">
      <fieldset className="flex items-center gap-1">
        <legend className="float-left mr-1 text-xs text-slate-600">Download graph</legend>
        {(['svg', 'png'] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy}
            aria-label={`Download graph (${format.toUpperCase()})`}
            title={`The whole graph as drawn, as ${format.toUpperCase()}`}
            className={button}
            onClick={() => void download(format)}
          >
            {format.toUpperCase()}
          </button>
        ))}
      </fieldset>
      {error && (
        <p role="alert" className="max-w-64 rounded bg-red-50 px-2 py-1 text-xs text-red-800">
          {error}
        </p>
      )}
    </Panel>
  );
}
