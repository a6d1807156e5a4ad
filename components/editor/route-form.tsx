// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { useState } from 'react';
import {
  checkDuration,
  checkHttpStatus,
  checkPercent,
  checkPort,
  checkPositiveInt,
} from '@/lib/mesh/field-checks';
import { routeFieldErrors } from '@/lib/mesh/field-errors';
import type { HTTPMatchRequest, HTTPRoute } from '@/lib/mesh/types';
import { DestinationsField } from './destinations-field';
import { Section } from './fields';
import { PositionField, PreviewButton } from './form-kit';
import { LabelsField, ListField } from './list-fields';
import { MatchBlock, MatchBlocks } from './match-editor';
import { usePathForm } from './path-form';

// Rows being typed may hold an empty header name: those are left out of what is sent.
function withoutBlankNames(route: HTTPRoute): HTTPRoute {
  const clean = (map: Record<string, unknown> | undefined) =>
    map && Object.fromEntries(Object.entries(map).filter(([name]) => name.trim() !== ''));
  return route.match
    ? {
        ...route,
        match: route.match.map((m) => {
          const next: HTTPMatchRequest = { ...m };
          if (m.headers) next.headers = clean(m.headers) as HTTPMatchRequest['headers'];
          if (m.queryParams) next.queryParams = clean(m.queryParams) as HTTPMatchRequest['queryParams'];
          return next;
        }),
      }
    : route;
}

/**
 * Every part of one HTTP route, in sections: match blocks (OR), destinations, rewrite,
 * redirect, direct response, mirror, fault, retries, timeout, headers and CORS. The draft
 * starts from the route as it is, so fields not shown here are sent back untouched.
 */
export function RouteForm({
  initial,
  title,
  positions,
  onPreview,
}: {
  initial: HTTPRoute;
  title: string;
  /** For a new route: the places it can go (0 = tried first), and the labels of the routes. */
  positions?: string[];
  onPreview: (route: HTTPRoute, index: number) => void;
}) {
  const { value: route, at, set, text, num } = usePathForm<HTTPRoute>(initial);
  const [index, setIndex] = useState(0);
  const matches = route.match ?? [];
  const destinations = route.route ?? [];
  const errors = routeFieldErrors('http', route);
  const filled = (...keys: Array<keyof HTTPRoute>) => keys.some((k) => route[k] !== undefined);

  return (
    <form
      aria-label={title}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(withoutBlankNames(route), index);
      }}
    >
      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{title}</h3>
      <div className="grid grid-cols-2 gap-2">
        {text('Name', ['name'])}
        {positions && <PositionField positions={positions} value={index} onChange={setIndex} />}
      </div>

      <Section
        title={`Match${matches.length > 1 ? ` (any of ${matches.length})` : ''}`}
        filled={matches.length > 0}
      >
        <MatchBlocks
          matches={matches}
          onChange={(v) => set(['match'], v)}
          empty="No match: this route catches every request."
          render={(m, i, change) => <MatchBlock index={i} value={m} onChange={change} />}
        />
      </Section>

      <Section title="Destinations" filled={destinations.length > 0}>
        <DestinationsField value={route.route} onChange={(v) => set(['route'], v)} />
      </Section>

      <Section title="Rewrite" filled={filled('rewrite')}>
        {text('URI', ['rewrite', 'uri'])}
        {text('Authority', ['rewrite', 'authority'])}
      </Section>
      <Section title="Redirect" filled={filled('redirect')}>
        {text('URI', ['redirect', 'uri'])}
        {text('Authority', ['redirect', 'authority'])}
        {num('Port', ['redirect', 'port'], checkPort)}
        {text('Scheme', ['redirect', 'scheme'])}
        {num('Status code', ['redirect', 'redirectCode'], checkHttpStatus)}
      </Section>
      <Section title="Direct response" filled={filled('directResponse')}>
        {num('Status', ['directResponse', 'status'], checkHttpStatus)}
        {text('Body', ['directResponse', 'body', 'string'])}
      </Section>
      <Section title="Mirror" filled={filled('mirror', 'mirrorPercentage')}>
        {text('Host', ['mirror', 'host'])}
        {text('Subset', ['mirror', 'subset'])}
        {num('Percentage', ['mirrorPercentage', 'value'], checkPercent)}
      </Section>
      <Section title="Fault injection" filled={filled('fault')}>
        {text('Delay', ['fault', 'delay', 'fixedDelay'], checkDuration, 'e.g. 5s')}
        {num('Delay: % of requests', ['fault', 'delay', 'percentage', 'value'], checkPercent)}
        {num('Abort: HTTP status', ['fault', 'abort', 'httpStatus'], checkHttpStatus)}
        {num('Abort: % of requests', ['fault', 'abort', 'percentage', 'value'], checkPercent)}
      </Section>
      <Section title="Retries and timeout" filled={filled('retries', 'timeout')}>
        {num('Attempts', ['retries', 'attempts'], checkPositiveInt)}
        {text('Per-try timeout', ['retries', 'perTryTimeout'], checkDuration)}
        {text('Retry on', ['retries', 'retryOn'], undefined, '5xx,connect-failure')}
        {text('Timeout', ['timeout'], checkDuration, 'whole request, e.g. 10s')}
      </Section>
      <Section title="Headers" filled={filled('headers')}>
        {(['request', 'response'] as const).map((side) => (
          <div key={side} className="col-span-2 grid grid-cols-2 gap-2">
            <LabelsField
              label={`${side}: set`}
              value={at(['headers', side, 'set']) as Record<string, string>}
              onChange={(v) => set(['headers', side, 'set'], v)}
            />
            <LabelsField
              label={`${side}: add`}
              value={at(['headers', side, 'add']) as Record<string, string>}
              onChange={(v) => set(['headers', side, 'add'], v)}
            />
            <ListField
              label={`${side}: remove`}
              value={at(['headers', side, 'remove']) as string[]}
              onChange={(v) => set(['headers', side, 'remove'], v)}
            />
          </div>
        ))}
      </Section>
      <Section title="CORS" filled={filled('corsPolicy')}>
        <ListField
          label="Allowed origins (exact)"
          value={route.corsPolicy?.allowOrigins?.map((o) => o.exact ?? o.prefix ?? o.regex ?? '')}
          onChange={(v) =>
            set(
              ['corsPolicy', 'allowOrigins'],
              v?.map((exact) => ({ exact })),
            )
          }
        />
        <ListField
          label="Allowed methods"
          value={route.corsPolicy?.allowMethods}
          onChange={(v) => set(['corsPolicy', 'allowMethods'], v)}
        />
        <ListField
          label="Allowed headers"
          value={route.corsPolicy?.allowHeaders}
          onChange={(v) => set(['corsPolicy', 'allowHeaders'], v)}
        />
        <ListField
          label="Exposed headers"
          value={route.corsPolicy?.exposeHeaders}
          onChange={(v) => set(['corsPolicy', 'exposeHeaders'], v)}
        />
        {text('Max age', ['corsPolicy', 'maxAge'], checkDuration)}
      </Section>

      <PreviewButton errors={errors} />
    </form>
  );
}
