import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { GraphPicture } from '../../graph/graph-svg';
import { RENDER_ASSETS } from './render-assets';

// resvg compiled to WebAssembly: no native binary to match the platform, nothing fetched at
// run time. It sees no system fonts, so it gets the two the SVG names first, from npm packages
// (RENDER_ASSETS: the wasm first, then the fonts).

// Enough for a crisp picture of a few hundred nodes; a larger graph is drawn at a lower scale.
const MAX_PIXELS = 24_000_000;
const SCALE = 2;

let ready: Promise<Uint8Array[]> | undefined;

function load(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const [wasm, ...fonts] = await Promise.all(
      RENDER_ASSETS.map((file) => readFile(path.join(process.cwd(), 'node_modules', file))),
    );
    await initWasm(wasm as Buffer);
    return fonts.map((font) => new Uint8Array(font));
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

/**
 * The SVG drawn as a PNG, at `scale` times its size (twice by default, for a crisp picture)
 * where that stays within a pixel budget.
 */
export async function pictureToPng(
  { svg, width, height }: GraphPicture,
  wanted: number = SCALE,
): Promise<Uint8Array> {
  const fontBuffers = await load();
  const scale = Math.min(wanted, Math.sqrt(MAX_PIXELS / Math.max(1, width * height)));
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.max(1, Math.round(width * scale)) },
    background: '#ffffff',
    font: {
      fontBuffers,
      defaultFontFamily: 'Arimo',
      sansSerifFamily: 'Arimo',
      monospaceFamily: 'JetBrains Mono',
    },
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
