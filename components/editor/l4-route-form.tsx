'use client';

import { useState } from 'react';
import { routeFieldErrors } from '@/lib/mesh/field-errors';
import type { L4MatchAttributes, TCPRoute, TLSRoute } from '@/lib/mesh/types';
import { DestinationsField } from './destinations-field';
import { Section } from './fields';
import { PositionField, PreviewButton, useCheckedForm } from './form-kit';
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
  const kit = useCheckedForm<L4Route>(initial, (route) => routeFieldErrors(routeKind, route));
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
      {positions && <PositionField positions={positions} value={index} onChange={setIndex} />}
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
