'use client';

import type { GraphEdge, GraphNode, GraphProblem } from '@/lib/graph/types';
import { objectKey } from '@/lib/mesh/object-key';
import { isIstioRoute } from '@/lib/mesh/route-address';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { useEditing } from '../editing/editing-context';
import { ObjectEditing } from '../editing/object-editing';
import { CreateObjects, GrantReferences } from '../editor/create-object';
import { DeleteObject } from '../editor/delete-object';
import { EditorFor } from '../editor/editor-for';
import { hasHistory } from '../history/has-history';
import { HistorySection } from '../history/history-section';
import { RuleDocs, ruleOf } from '../problems/rule-docs';
import { routeTargetOf } from '../weights/route-target';
import { ObjectDetails } from './object-details';
import { RouteWeightsEditor } from './route-weights-editor';

const KIND_NAMES: Record<string, string> = {
  gateway: 'Gateway',
  virtualService: 'VirtualService',
  route: 'Route',
  destination: 'Destination',
  subset: 'Subset',
  workload: 'Workloads',
  invalid: 'Unreadable object',
};

const SEVERITY_TEXT: Record<GraphProblem['severity'], string> = {
  error: 'text-red-700',
  warning: 'text-amber-800',
  info: 'text-sky-800',
};

interface InspectorPanelProps {
  view: MeshSnapshot;
  node?: GraphNode;
  edge?: GraphEdge;
  /** The nodes at the ends of a selected edge. */
  ends?: { source?: GraphNode; target?: GraphNode };
  onClose: () => void;
  /** Offered on gateway, VirtualService and route nodes: open the Trace panel from there. */
  onTraceFrom?: () => void;
}

/** Everything about what is selected: where it sits, its problems, its object, its weights. */
export function InspectorPanel({ view, node, edge, ends, onClose, onTraceFrom }: InspectorPanelProps) {
  const editing = useEditing();
  const target = routeTargetOf({ node, edge });
  const ref = node?.ref ?? edge?.ref ?? target?.ref ?? ends?.source?.ref;
  const object = ref ? view.objects[objectKey(ref)] : undefined;
  const problems = node?.problems ?? edge?.problems ?? [];
  const title = node
    ? node.label
    : edge
      ? `${ends?.source?.label ?? edge.source} → ${ends?.target?.label ?? edge.target}`
      : '';
  // A node's tag says what it is where its column's kind would say less (an HTTPRoute, a rule).
  const kind = node ? (node.tag ?? KIND_NAMES[node.kind] ?? node.kind) : `${edge?.kind} edge`;
  const path =
    node?.path ??
    edge?.path ??
    (edge?.weight
      ? `spec.${edge.weight.routeKind}[${edge.weight.routeIndex}].route[${edge.weight.destinationIndex}]`
      : undefined);

  return (
    <aside
      aria-label="Inspector"
      className="flex h-full w-[26rem] shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <header className="flex items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <div className="text-[10px] font-medium uppercase tracking-wide text-slate-500">{kind}</div>
          <h2 className="truncate text-base font-semibold" title={title}>
            {title}
          </h2>
          {onTraceFrom && node && ['gateway', 'virtualService', 'route'].includes(node.kind) && (
            <button
              type="button"
              className="mt-1 rounded border border-indigo-300 px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50"
              onClick={onTraceFrom}
            >
              Trace from here
            </button>
          )}
        </div>
        <button
          type="button"
          aria-label="Close the inspector"
          className="rounded px-2 text-lg leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="flex flex-1 flex-col gap-4 overflow-y-auto px-4 py-3">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          <dt className="text-slate-500">Namespace</dt>
          <dd>{ref?.namespace || node?.namespace || '—'}</dd>
          <dt className="text-slate-500">Object</dt>
          <dd className="break-all">{ref ? `${ref.kind} ${ref.name}` : '—'}</dd>
          {path && (
            <>
              <dt className="text-slate-500">Path</dt>
              <dd className="break-all font-mono">{path}</dd>
            </>
          )}
          {node && node.details.length > 0 && (
            <>
              <dt className="text-slate-500">On the graph</dt>
              <dd className="font-mono">
                {node.details.map((line) => (
                  <div key={line}>{line}</div>
                ))}
              </dd>
            </>
          )}
        </dl>

        {problems.length > 0 && (
          <section>
            <h3 className="mb-1 text-[11px] font-medium uppercase tracking-wide text-slate-500">Problems</h3>
            <ul className="flex flex-col gap-1 text-xs">
              {problems.map((problem) => (
                <li key={`${problem.code}:${problem.message}`} className={SEVERITY_TEXT[problem.severity]}>
                  <span className="font-semibold">{problem.severity}</span>
                  {problem.code && <span className="font-mono"> {problem.code}</span>}
                  {ruleOf(problem.code)?.istioCode && (
                    <span className="font-mono text-slate-500"> {ruleOf(problem.code)?.istioCode}</span>
                  )}
                  : {problem.message}
                  <details className="mt-0.5 text-slate-700">
                    <summary className="cursor-pointer text-slate-500 hover:text-slate-800">
                      Why / fix
                    </summary>
                    <div className="mt-1 rounded bg-slate-50 px-2 py-1.5">
                      <RuleDocs code={problem.code} />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          </section>
        )}

        {/* Outside the object's own editing: the grant is written in the target's namespace. */}
        {/* Keyed by what is selected: a grant editor opened for one reference closes with it. */}
        <GrantReferences
          key={`${ref ? objectKey(ref) : ''}#${path ?? ''}`}
          view={view}
          object={object}
          path={path}
          codes={problems.map((p) => p.code)}
        />
        {/* Narrowed to this object (its namespace's rights, a controller's lock), with its history. */}
        <ObjectEditing objectRef={ref}>
          {target && <RouteWeightsEditor target={target} object={object} />}
          {node && <EditorFor node={node} view={view} object={object} />}
          {/* A subset stands for its whole DestinationRule here (its form edits the whole rule). */}
          {node && (!node.path || node.kind === 'subset') && object && object.kind !== 'Invalid' && (
            <DeleteObject
              key={`${object.kind}/${object.metadata.namespace}/${object.metadata.name}`}
              object={object}
              view={view}
            />
          )}
          {node && (
            <CreateObjects
              key={node.id}
              view={view}
              namespace={ref?.namespace || node.namespace}
              service={
                (node.kind === 'destination' && node.ref?.kind === 'Service') || node.kind === 'serviceEntry'
                  ? node.ref
                  : undefined
              }
            />
          )}
          {target && !editing.canEdit && editing.reason && (
            <p className="rounded bg-slate-100 px-2 py-1.5 text-xs text-slate-700">{editing.reason}</p>
          )}
          {ref && hasHistory(ref.kind) && (
            <HistorySection
              objectRef={ref}
              object={object}
              route={target && isIstioRoute(target) ? target : undefined}
              focus={edge?.weight && isIstioRoute(edge.weight) ? edge.weight : undefined}
            />
          )}
        </ObjectEditing>

        {object ? (
          <ObjectDetails object={object} />
        ) : (
          <p className="text-xs text-slate-500">
            No single object stands behind this {node ? 'node' : 'edge'}.
          </p>
        )}
      </div>
    </aside>
  );
}
