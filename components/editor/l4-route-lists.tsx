// biome-ignore-all lint/suspicious/noArrayIndexKey: a route's place in its list is what the buttons act on
'use client';

import type { MeshChange } from '@/lib/mesh/changes';
import { routeWords } from '@/lib/mesh/changes/route-words';
import { routesOf } from '@/lib/mesh/routes';
import type { ObjectRef, RouteKind, VirtualService } from '@/lib/mesh/types';
import { SmallButton } from './fields';

const L4_KINDS = ['tcp', 'tls'] as const;

/**
 * The TCP and TLS routes of a VirtualService, each list in the order its routes are tried,
 * with moving, removing and adding; a kind without routes is offered as a button only.
 */
export function L4RouteLists({
  vs,
  onPreview,
  onNewRoute,
}: {
  vs: VirtualService;
  onPreview: (change: MeshChange) => void;
  onNewRoute: (routeKind: RouteKind) => void;
}) {
  const target: ObjectRef = {
    kind: 'VirtualService',
    namespace: vs.metadata.namespace ?? '',
    name: vs.metadata.name,
  };
  const empty = L4_KINDS.filter((kind) => routesOf(vs, kind).length === 0);
  return (
    <>
      {L4_KINDS.filter((kind) => !empty.includes(kind)).map((routeKind) => {
        const routes = routesOf(vs, routeKind);
        const KIND = routeKind.toUpperCase();
        return (
          <section key={routeKind} aria-label={`${KIND} routes`} className="flex flex-col gap-1">
            <div className="flex items-center justify-between">
              <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
                {KIND} routes, tried in order
              </h3>
              <SmallButton onClick={() => onNewRoute(routeKind)}>New {KIND} route</SmallButton>
            </div>
            <ol className="flex flex-col gap-1">
              {routes.map((route, i) => (
                <li
                  key={`${routeKind}:${i}`}
                  data-testid={`${routeKind}-route-row-${i}`}
                  className="flex items-start gap-1 rounded border border-slate-200 px-1.5 py-1 text-xs"
                >
                  <div className="min-w-0 flex-1">
                    <div className="font-mono text-[11px] text-slate-500">
                      {routeKind}[{i}]
                    </div>
                    <div className="break-words text-slate-800">{routeWords(route)}</div>
                  </div>
                  <SmallButton
                    label={`Move ${routeKind}[${i}] up`}
                    disabled={i === 0}
                    onClick={() => onPreview({ kind: 'MoveRoute', target, routeKind, from: i, to: i - 1 })}
                  >
                    ↑
                  </SmallButton>
                  <SmallButton
                    label={`Move ${routeKind}[${i}] down`}
                    disabled={i === routes.length - 1}
                    onClick={() => onPreview({ kind: 'MoveRoute', target, routeKind, from: i, to: i + 1 })}
                  >
                    ↓
                  </SmallButton>
                  <SmallButton
                    label={`Remove ${routeKind}[${i}]`}
                    tone="danger"
                    onClick={() => onPreview({ kind: 'RemoveRoute', target, routeKind, routeIndex: i })}
                  >
                    ×
                  </SmallButton>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      {empty.length > 0 && (
        <div className="flex items-center gap-1 text-[11px] text-slate-500">
          <span>Layer 4:</span>
          {empty.map((kind) => (
            <SmallButton key={kind} onClick={() => onNewRoute(kind)}>
              New {kind.toUpperCase()} route
            </SmallButton>
          ))}
        </div>
      )}
    </>
  );
}
