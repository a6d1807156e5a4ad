'use client';

import { EdgeLabelRenderer } from '@xyflow/react';
import type { ReactNode } from 'react';

/** A label centred on an edge at (x, y), clickable without panning or dragging the canvas. */
export function EdgeLabel({
  x,
  y,
  className = '',
  title,
  children,
}: {
  x: number;
  y: number;
  className?: string;
  title?: string;
  children: ReactNode;
}) {
  return (
    <EdgeLabelRenderer>
      <div
        className={`nodrag nopan absolute ${className}`}
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)`, pointerEvents: 'all' }}
        title={title}
      >
        {children}
      </div>
    </EdgeLabelRenderer>
  );
}
