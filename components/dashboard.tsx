'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionAnswer } from '@/lib/api/session';
import { useMeshView, viewedObject } from '@/lib/client/change-mutation';
import { type LiveStatus, useLiveSnapshot } from '@/lib/client/live-snapshot';
import { overviewQuery } from '@/lib/client/overview-query';
import { useOverviewStream } from '@/lib/client/overview-stream';
import { firstLayoutQuery, sessionQuery, snapshotAtQuery } from '@/lib/client/queries';
import { traceQuery } from '@/lib/client/trace-query';
import { plural } from '@/lib/graph/namespace-card';
import { namespacesOf } from '@/lib/mesh/namespaces-of';
import type { ObjectKey } from '@/lib/mesh/types';
import { decodeTrace, encodeTrace } from '@/lib/trace/permalink';
import { prefillFrom } from '@/lib/trace/prefill';
import type { TraceInput } from '@/lib/trace/request';
import { tracePath } from '@/lib/trace/trace-path';
import type { Finding } from '@/lib/validate/types';
import { type Editing, EditingContext } from './editing/editing-context';
import { EditableMeshCanvas } from './graph/editable-mesh-canvas';
import type { CanvasSelection, FocusRequest } from './graph/mesh-canvas';
import { useMeshGraph } from './graph/use-mesh-graph';
import { AppHeader } from './header/app-header';
import { NamespacePicker } from './header/namespace-picker';
import { UndoRedo } from './header/undo-redo';
import { InspectorPanel } from './inspector/inspector-panel';
import { PastBanner } from './live/past-banner';
import { StaleBanner } from './live/stale-banner';
import { OverviewCanvas } from './overview/overview-canvas';
import { OverviewSearch } from './overview/overview-search';
import { inNamespaces, sortFindings } from './problems/filter-findings';
import { targetOfFinding } from './problems/focus-target';
import { ProblemsPanel } from './problems/problems-panel';
import { ProblemsToggle } from './problems/problems-toggle';
import { TraceHighlight } from './trace/trace-highlight';
import { TracePanel } from './trace/trace-panel';
import { TrafficIndicator } from './traffic/traffic-indicator';
import { useTraffic } from './traffic/use-traffic';
import { MeshObjectsContext } from './weights/mesh-objects-context';
import { RemoveDestinationDialog } from './weights/remove-destination-dialog';

function editingFor(session: SessionAnswer | undefined, live: LiveStatus): Editing {
  if (!session) return { canEdit: false, readOnly: true };
  if (session.readOnly) {
    return {
      canEdit: false,
      readOnly: true,
      reason:
        session.readOnlyReason ??
        'You have read-only access: Weir shows the configuration exactly as it is, but does not let you change it.',
    };
  }
  if (live.stale) {
    return {
      canEdit: false,
      readOnly: false,
      reason: 'Editing is paused: live updates are interrupted, so what you see may be out of date.',
    };
  }
  if (live.connection !== 'connected') {
    return { canEdit: false, readOnly: false, reason: 'Editing starts once live updates are connected.' };
  }
  return { canEdit: true, readOnly: false };
}

const PAST_REASON = 'This is the routing as it was at a past time: a read-only view.';

/** The whole screen: header, filters, the live graph and the inspector of what is selected. */
export function Dashboard() {
  const session = useQuery(sessionQuery());
  const params = useSearchParams();
  // `?at=<ISO>`: the routing as it was then, read-only, never patched by the live stream.
  const at = params.get('at') ?? '';
  const past = useQuery(snapshotAtQuery(at));
  const pathname = usePathname();
  const fromUrl = params.getAll('namespace').join('\n');
  // Held here as well as in the URL so that a click shows at once; the URL follows.
  const [namespaceKey, setNamespaceKey] = useState(fromUrl);
  useEffect(() => setNamespaceKey(fromUrl), [fromUrl]);
  const namespaces = useMemo(() => (namespaceKey ? namespaceKey.split('\n') : []), [namespaceKey]);
  // All namespaces: the overview first; past its limits the page draws one card per namespace
  // and never loads the whole mesh, else it loads and draws the whole graph as before.
  const wholeMesh = namespaces.length === 0 && !at;
  const overview = useQuery(overviewQuery(wholeMesh));
  // Drawn as cards, it is kept current by its own stream of the namespaces that changed.
  useOverviewStream(wholeMesh && overview.data?.large === true);
  const overviewShown = wholeMesh && overview.data?.large === true ? overview.data : undefined;
  const loadsSnapshot = !at && (!wholeMesh || overview.data?.large === false || overview.isError);
  // The page loads and follows the namespaces in view only, not the whole mesh.
  const { query: liveQuery, live } = useLiveSnapshot(loadsSnapshot, namespaces);
  const liveView = useMeshView(loadsSnapshot);
  const query = at ? past : liveQuery;
  const view = at ? past.data : overviewShown ? undefined : liveView;
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const { graph, findings, builds } = useMeshGraph(view, namespaces, deferredSearch);
  // The server laid out the first live view of the address's namespaces (no search) for the first HTML.
  const laidOut = useQuery(firstLayoutQuery()).data;
  const seed = useMemo(
    () =>
      laidOut && laidOut.view === namespaceKey && !at
        ? { key: `${namespaceKey}|`, positions: laidOut.positions }
        : undefined,
    [laidOut, namespaceKey, at],
  );
  const [selection, setSelection] = useState<CanvasSelection>();
  // The snapshot holds only what the person may see; the panel lists the chosen namespaces' part.
  const traffic = useTraffic(view, graph, !at);
  const problems = useMemo(
    () => sortFindings(inNamespaces([...findings, ...traffic.findings], namespaces)),
    [findings, traffic.findings, namespaces],
  );
  const [problemsOpen, setProblemsOpen] = useState(false);
  const [focus, setFocus] = useState<FocusRequest>();
  // A problem hidden by the search clears the search first, then is focused once it is drawn.
  const [focusing, setFocusing] = useState<Finding>();
  useEffect(() => {
    if (!focusing) return;
    const target = targetOfFinding(graph, focusing);
    if (target) {
      setSelection(target);
      setFocus({ selection: target });
    } else if (deferredSearch) {
      setSearch('');
      return;
    }
    setFocusing(undefined);
  }, [focusing, graph, deferredSearch]);

  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  // A gesture reads the object as written last: the cache with this browser's writes under way,
  // not the view as last rendered. A key press right after a write landed read the render
  // before it (the draft already gone), wrote the same step again, and the step was lost.
  const queryClient = useQueryClient();
  const getObject = useCallback(
    (key: ObjectKey) => (at ? viewRef.current?.objects[key] : viewedObject(queryClient, key)),
    [at, queryClient],
  );
  const editing = useMemo<Editing>(
    () => (at ? { canEdit: false, readOnly: true, reason: PAST_REASON } : editingFor(session.data, live)),
    [at, session.data, live],
  );
  const available = useMemo(
    () =>
      overviewShown
        ? overviewShown.namespaces.map((summary) => summary.name)
        : view
          ? namespacesOf(view)
          : [],
    [overviewShown, view],
  );

  // `?trace=…`: a trace's question in the address; the panel reopens with its answer.
  const [traceInput, setTraceInput] = useState<TraceInput | undefined>(() =>
    decodeTrace(params.get('trace')),
  );
  const [traceOpen, setTraceOpen] = useState(traceInput !== undefined);
  const traceAnswer = useQuery(traceQuery(traceOpen ? traceInput : undefined, at));
  const path = useMemo(
    () => (traceOpen && traceAnswer.data ? tracePath(graph, traceAnswer.data.result) : undefined),
    [traceOpen, traceAnswer.data, graph],
  );
  // A new answer brings its path into view: on a view taller than the screen (opened at its
  // top left) the lit path could be below it, and the dimmed rest is all one would see.
  const traced = useRef<unknown>(undefined);
  useEffect(() => {
    // Closed (or not answered yet): the same answer brought back is brought into view again.
    if (!path) traced.current = undefined;
    if (!path || path.nodes.size === 0 || traced.current === traceAnswer.data) return;
    traced.current = traceAnswer.data;
    setFocus({ nodes: [...path.nodes] });
  }, [path, traceAnswer.data]);
  const gateways = useMemo(
    () =>
      Object.values(view?.objects ?? {})
        .filter((object) => object.kind === 'Gateway' || object.kind === 'KubernetesGateway')
        // A Gateway API Gateway is `kgw:ns/name` (the trace form's entry kind for it).
        .map(
          (object) =>
            `${object.kind === 'Gateway' ? '' : 'kgw:'}${object.metadata.namespace}/${object.metadata.name}`,
        )
        .sort(),
    [view],
  );
  const showTrace = useCallback(
    (input: TraceInput | undefined) => {
      setTraceInput(input);
      setTraceOpen(true);
      const next = new URLSearchParams(window.location.search);
      if (input) next.set('trace', encodeTrace(input));
      else next.delete('trace');
      const query = next.toString();
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  const closeTrace = useCallback(() => {
    setTraceOpen(false);
    const next = new URLSearchParams(window.location.search);
    next.delete('trace');
    const query = next.toString();
    window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
  }, [pathname]);

  // The native history API keeps the choice in the URL (to share it) without a navigation;
  // opening a namespace from the overview is a step Back returns from.
  const setNamespaces = useCallback(
    (chosen: string[], step = false) => {
      setNamespaceKey(chosen.join('\n'));
      const next = new URLSearchParams(params);
      next.delete('namespace');
      for (const namespace of chosen) next.append('namespace', namespace);
      const query = next.toString();
      const address = query ? `${pathname}?${query}` : pathname;
      if (step) window.history.pushState(null, '', address);
      else window.history.replaceState(null, '', address);
    },
    [params, pathname],
  );
  const openNamespace = useCallback((namespace: string) => setNamespaces([namespace], true), [setNamespaces]);

  const selectedNode =
    selection?.type === 'node' ? graph.nodes.find((node) => node.id === selection.id) : undefined;
  const selectedEdge =
    selection?.type === 'edge' ? graph.edges.find((edge) => edge.id === selection.id) : undefined;
  const ends = selectedEdge && {
    source: graph.nodes.find((node) => node.id === selectedEdge.source),
    target: graph.nodes.find((node) => node.id === selectedEdge.target),
  };

  return (
    <EditingContext.Provider value={editing}>
      <MeshObjectsContext.Provider value={getObject}>
        <div className="flex h-dvh flex-col">
          <AppHeader
            session={session.data}
            sync={view?.sync}
            live={live}
            past={Boolean(at)}
            overview={Boolean(overviewShown)}
            traffic={!at && <TrafficIndicator traffic={traffic} />}
          />
          <div className="flex h-11 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
            <NamespacePicker available={available} chosen={namespaces} onChange={setNamespaces} />
            {overviewShown ? (
              <OverviewSearch onOpen={openNamespace} />
            ) : (
              <input
                type="search"
                aria-label="Search by host or name"
                placeholder="Search host or name"
                className="w-64 rounded-md border border-slate-300 px-2.5 py-1 text-sm placeholder:text-slate-400"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            )}
            <span className="text-xs text-slate-500">
              {overviewShown
                ? `${plural(overviewShown.totals.namespaces, 'namespace')} · ${plural(overviewShown.totals.virtualServices, 'VirtualService')} · about ${plural(overviewShown.totals.nodes, 'node')}: one card per namespace, click one to open it`
                : view && `${graph.nodes.length} nodes · ${graph.edges.length} edges`}
            </span>
            <div className="flex-1" />
            {view && (
              <button
                type="button"
                aria-pressed={traceOpen}
                className={`rounded-md border px-2.5 py-1 text-sm ${traceOpen ? 'border-indigo-400 bg-indigo-50 text-indigo-800' : 'border-slate-300 bg-white hover:bg-slate-50'}`}
                onClick={() => (traceOpen ? closeTrace() : showTrace(traceInput))}
              >
                Trace
              </button>
            )}
            {view && (
              <ProblemsToggle
                findings={problems}
                open={problemsOpen}
                onToggle={() => setProblemsOpen(!problemsOpen)}
              />
            )}
            {!editing.readOnly && <UndoRedo disabled={!editing.canEdit} />}
          </div>
          <main className="flex min-h-0 flex-1">
            <div className="flex min-w-0 flex-1 flex-col">
              {at && (
                <PastBanner at={at} approximate={past.data?.approximate} complete={past.data?.complete} />
              )}
              {/* data-graph-builds: how often the view was validated and built whole (a drag never adds one). */}
              <div
                className={`relative min-h-0 flex-1 ${path ? 'weir-trace' : ''}`}
                data-graph-builds={builds}
              >
                {path && <TraceHighlight path={path} />}
                {!at && <StaleBanner live={live} sync={view?.sync} />}
                {!overviewShown && query.isPending && <CenteredNote>Loading the mesh…</CenteredNote>}
                {overviewShown && <OverviewCanvas overview={overviewShown} onOpen={openNamespace} />}
                {query.isError && (
                  <CenteredNote>
                    <span className="font-semibold text-red-700">Weir could not load the mesh.</span>
                    <span>{query.error.message}</span>
                    <button
                      type="button"
                      className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50"
                      onClick={() => void query.refetch()}
                    >
                      Try again
                    </button>
                  </CenteredNote>
                )}
                {view && graph.nodes.length === 0 && (
                  <CenteredNote>
                    {search || namespaces.length > 0
                      ? 'Nothing matches this search and namespace choice.'
                      : 'There is nothing to draw yet: no gateways, routes or services.'}
                  </CenteredNote>
                )}
                {view && (
                  <EditableMeshCanvas
                    snapshot={view}
                    graph={graph}
                    selection={selection}
                    onSelect={setSelection}
                    view={`${namespaceKey}|${deferredSearch.trim()}`}
                    seed={seed}
                    focus={focus}
                  />
                )}
              </div>
              {view && problemsOpen && (
                <ProblemsPanel
                  findings={problems}
                  onFocus={setFocusing}
                  onClose={() => setProblemsOpen(false)}
                />
              )}
            </div>
            {view && (selectedNode || selectedEdge) && !traceOpen && (
              <InspectorPanel
                view={view}
                node={selectedNode}
                edge={selectedEdge}
                ends={ends}
                onClose={() => setSelection(undefined)}
                onTraceFrom={() => selectedNode && showTrace(prefillFrom(view, selectedNode))}
              />
            )}
            {view && traceOpen && (
              <TracePanel
                input={traceInput}
                at={at}
                gateways={gateways}
                namespaces={available}
                onTrace={showTrace}
                onClose={closeTrace}
              />
            )}
          </main>
          <RemoveDestinationDialog />
        </div>
      </MeshObjectsContext.Provider>
    </EditingContext.Provider>
  );
}

function CenteredNote({ children }: { children: React.ReactNode }) {
  return (
    <div className="pointer-events-none absolute inset-0 z-10 flex flex-col items-center justify-center gap-2 text-sm text-slate-600 [&_button]:pointer-events-auto">
      {children}
    </div>
  );
}
