// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { useState } from 'react';
import type { MeshChange } from '@/lib/mesh/changes';
import { routeWords } from '@/lib/mesh/changes/route-words';
import type { ObjectRef, RouteKind, VirtualService } from '@/lib/mesh/types';
import { SmallButton } from './fields';
import { L4RouteLists } from './l4-route-lists';
import { ListField } from './list-fields';

/**
 * Hosts, gateways and the order of the HTTP, TCP and TLS routes of a VirtualService. Every
 * button makes a change record that is previewed before anything is written.
 */
export function VirtualServiceForm({
  vs,
  unreachable,
  onPreview,
  onNewRoute,
}: {
  vs: VirtualService;
  /** Indices of HTTP routes that can never match (an earlier route catches everything). */
  unreachable: ReadonlySet<number>;
  onPreview: (change: MeshChange) => void;
  onNewRoute: (routeKind: RouteKind) => void;
}) {
  const [hosts, setHosts] = useState(vs.spec.hosts);
  const [gateways, setGateways] = useState(vs.spec.gateways);
  const target: ObjectRef = {
    kind: 'VirtualService',
    namespace: vs.metadata.namespace ?? '',
    name: vs.metadata.name,
  };
  const routes = vs.spec.http ?? [];

  return (
    <div className="flex flex-col gap-3">
      <form
        aria-label="Hosts and gateways"
        className="flex flex-col gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const spec: Record<string, unknown> = { ...vs.spec, hosts };
          if (gateways) spec.gateways = gateways;
          else delete spec.gateways;
          onPreview({ kind: 'SetSpec', target, spec });
        }}
      >
        <ListField
          label="Hosts"
          value={hosts}
          onChange={setHosts}
          check={(v) => (v && v.length > 0 ? undefined : 'a VirtualService needs at least one host')}
        />
        <ListField
          label="Gateways"
          value={gateways}
          onChange={setGateways}
          hint="mesh = the sidecars inside the mesh; none = mesh only"
        />
        <div>
          <button
            type="submit"
            className="rounded border border-sky-700 bg-sky-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-sky-800"
          >
            Preview
          </button>
        </div>
      </form>

      <section aria-label="HTTP routes" className="flex flex-col gap-1">
        <div className="flex items-center justify-between">
          <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
            HTTP routes, tried in order
          </h3>
          <SmallButton onClick={() => onNewRoute('http')}>New route</SmallButton>
        </div>
        <ol className="flex flex-col gap-1">
          {routes.map((route, i) => (
            <li
              key={`${route.name ?? ''}:${i}`}
              data-testid={`route-row-${i}`}
              className="flex items-start gap-1 rounded border border-slate-200 px-1.5 py-1 text-xs"
            >
              <div className="min-w-0 flex-1">
                <div className="font-mono text-[11px] text-slate-500">
                  http[{i}] {route.name && <span className="text-slate-800">{route.name}</span>}
                </div>
                <div className="break-words text-slate-800">{routeWords(route)}</div>
                {unreachable.has(i) && (
                  <div className="text-[11px] text-amber-800">
                    never matches: an earlier route catches everything
                  </div>
                )}
              </div>
              <SmallButton
                label={`Move http[${i}] up`}
                disabled={i === 0}
                onClick={() =>
                  onPreview({ kind: 'MoveRoute', target, routeKind: 'http', from: i, to: i - 1 })
                }
              >
                ↑
              </SmallButton>
              <SmallButton
                label={`Move http[${i}] down`}
                disabled={i === routes.length - 1}
                onClick={() =>
                  onPreview({ kind: 'MoveRoute', target, routeKind: 'http', from: i, to: i + 1 })
                }
              >
                ↓
              </SmallButton>
              <SmallButton
                label={`Remove http[${i}]`}
                tone="danger"
                onClick={() => onPreview({ kind: 'RemoveRoute', target, routeKind: 'http', routeIndex: i })}
              >
                ×
              </SmallButton>
            </li>
          ))}
        </ol>
      </section>
      <L4RouteLists vs={vs} onPreview={onPreview} onNewRoute={onNewRoute} />
    </div>
  );
}
