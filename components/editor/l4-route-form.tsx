'use client';

import { useState } from 'react';
import { specFieldErrors } from '@/lib/mesh/field-errors';
import type { L4MatchAttributes, TCPRoute, TLSRoute } from '@/lib/mesh/types';
import { DestinationsField } from './destinations-field';
import { Section } from './fields';
import { PreviewButton, useCheckedForm } from './form-kit';
import { L4MatchBlock, MatchBlocks } from './match-editor';

export type L4Route = TCPRoute | TLSRoute;

/**
 * One TCP or TLS route: its match blocks (any of which may match) and its weighted
 * destinations. The draft starts from the route as it is, so fields not shown are sent back
 * untouched.
 */
export function L4RouteForm({
  routeKind,
  initial,
  title,
  positions,
  onPreview,
}: {
  routeKind: 'tcp' | 'tls';
  initial: L4Route;
  title: string;
  /** For a new route: the places it can go (0 = tried first), and the labels of the routes. */
  positions?: string[];
  onPreview: (route: L4Route, index: number) => void;
}) {
  // Errors are found in a spec holding this route alone, and named from the route down.
  const kit = useCheckedForm<L4Route>(initial, (route) =>
    specFieldErrors({ [routeKind]: [route] }).map((e) => ({
      ...e,
      path: e.path.replace(/^(tcp|tls)\[0\]\.?/, ''),
    })),
  );
  const { value: route, set, errors, error } = kit;
  const [index, setIndex] = useState(0);
  const matches: L4MatchAttributes[] = route.match ?? [];
  const tls = routeKind === 'tls';

  return (
    <form
      aria-label={title}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(route, index);
      }}
    >
      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{title}</h3>
      {positions && (
        <label className="flex flex-col gap-0.5 text-[11px] text-slate-600">
          Position
          <select
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-900"
            value={index}
            onChange={(e) => setIndex(Number(e.target.value))}
          >
            {positions.map((label, i) => (
              <option key={label} value={i}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      <Section
        title={`Match${matches.length > 1 ? ` (any of ${matches.length})` : ''}`}
        filled={matches.length > 0 || tls}
      >
        <MatchBlocks
          matches={matches}
          onChange={(v) => set(['match'], v)}
          empty={
            tls
              ? 'A TLS route matches on SNI: add a match block with the host names.'
              : 'No match: this route catches every connection.'
          }
          error={error(['match'])}
          render={(_, i) => <L4MatchBlock kit={kit} base={['match', i]} tls={tls} />}
        />
      </Section>
      <Section title="Destinations" filled>
        <DestinationsField value={route.route} onChange={(v) => set(['route'], v)} />
      </Section>
      <PreviewButton errors={errors} />
    </form>
  );
}
