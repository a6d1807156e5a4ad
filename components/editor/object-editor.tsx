'use client';

import { useMemo, useState } from 'react';
import { useReview } from '@/lib/client/preview';
import type { MeshChange } from '@/lib/mesh/changes';
import { objectKey } from '@/lib/mesh/object-key';
import type { HTTPRoute, MeshObject, MeshSnapshot, ObjectRef } from '@/lib/mesh/types';
import { validate } from '@/lib/validate';
import { useEditing } from '../editing-context';
import { DestinationRuleForm } from './destination-rule-form';
import { GatewayForm } from './gateway-form';
import { ReviewPanel } from './review-panel';
import { RouteForm } from './route-form';
import { VirtualServiceForm } from './virtual-service-form';
import { YamlEditor } from './yaml-editor';

const EDITABLE = ['VirtualService', 'DestinationRule', 'Gateway'];

/**
 * The editor of one Istio object, in the inspector: its form (or the form of one HTTP route)
 * and its YAML, each previewed by a dry run before Apply. Not shown to a read-only person.
 */
export function ObjectEditor({
  object,
  view,
  routeIndex,
}: {
  object: MeshObject;
  view: MeshSnapshot;
  /** Set when a route node is selected: the form of that HTTP route. */
  routeIndex?: number;
}) {
  const editing = useEditing();
  const review = useReview();
  const [tab, setTab] = useState<'form' | 'yaml'>('form');
  const [newRoute, setNewRoute] = useState(false);
  // A fresh draft after each apply (and when the selection moves to another object or route).
  const [generation, setGeneration] = useState(0);
  const [baseVersion, setBaseVersion] = useState(object.metadata.resourceVersion ?? '');
  const key = objectKey({
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  });
  const unreachable = useMemo(() => {
    if (object.kind !== 'VirtualService') return new Set<number>();
    const indices = validate(view)
      .filter((f) => f.code === 'VS_UNREACHABLE_ROUTE' && objectKey(f.ref) === key)
      .map((f) => /^spec\.http\[(\d+)\]/.exec(f.path ?? '')?.[1])
      .filter((i) => i !== undefined)
      .map(Number);
    return new Set(indices);
  }, [view, key, object.kind]);

  if (editing.readOnly || !EDITABLE.includes(object.kind)) return null;
  const target: ObjectRef = {
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
  const reviewing = review.state.step !== 'idle' && review.state.step !== 'applied';
  const preview = (change: MeshChange) => void review.preview(change, baseVersion);
  const fresh = () => {
    setGeneration((g) => g + 1);
    setBaseVersion(object.metadata.resourceVersion ?? '');
  };
  const apply = async () => {
    await review.apply();
    setNewRoute(false);
  };
  const vs = object.kind === 'VirtualService' ? object : undefined;
  const route = vs && routeIndex !== undefined ? vs.spec.http?.[routeIndex] : undefined;

  let form: React.ReactNode;
  if (vs && (newRoute || route)) {
    const routes = vs.spec.http ?? [];
    form = newRoute ? (
      <RouteForm
        key={`new:${generation}`}
        title={`New route in ${vs.metadata.name}`}
        initial={{ route: [{ destination: { host: vs.spec.hosts?.[0] ?? '' } }] }}
        positions={[...routes.map((r, i) => `before http[${i}]${r.name ? ` (${r.name})` : ''}`), 'last']}
        onPreview={(r, index) => preview({ kind: 'AddRoute', target, routeKind: 'http', index, route: r })}
      />
    ) : (
      <RouteForm
        key={`${routeIndex}:${generation}`}
        title={`Route http[${routeIndex}]${route?.name ? ` (${route.name})` : ''}`}
        initial={route as HTTPRoute}
        onPreview={(r) =>
          preview({ kind: 'SetRoute', target, routeKind: 'http', routeIndex: routeIndex ?? 0, route: r })
        }
      />
    );
  } else if (vs) {
    form = (
      <VirtualServiceForm
        key={generation}
        vs={vs}
        unreachable={unreachable}
        onPreview={preview}
        onNewRoute={() => setNewRoute(true)}
      />
    );
  } else if (object.kind === 'DestinationRule') {
    form = (
      <DestinationRuleForm
        key={generation}
        rule={object}
        view={view}
        onPreview={(spec) => preview({ kind: 'SetSpec', target, spec: { ...spec } })}
      />
    );
  } else if (object.kind === 'Gateway') {
    form = (
      <GatewayForm
        key={generation}
        gateway={object}
        view={view}
        onPreview={(spec) => preview({ kind: 'SetSpec', target, spec: { ...spec } })}
      />
    );
  }

  return (
    <section
      aria-label={`Edit ${object.kind} ${object.metadata.name}`}
      data-testid="object-editor"
      className="flex flex-col gap-2"
    >
      <div className="flex items-center gap-1 border-b border-slate-200">
        {(['form', 'yaml'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`-mb-px border-b-2 px-2 py-1 text-xs font-medium ${tab === t ? 'border-sky-700 text-sky-800' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
            onClick={() => setTab(t)}
          >
            {t === 'form' ? 'Edit' : 'YAML'}
          </button>
        ))}
        {newRoute && (
          <button
            type="button"
            className="ml-auto text-xs text-slate-500 hover:text-slate-800"
            onClick={() => setNewRoute(false)}
          >
            Cancel new route
          </button>
        )}
      </div>
      <fieldset disabled={!editing.canEdit} hidden={reviewing} className="min-w-0">
        {tab === 'form' ? (
          form
        ) : (
          <YamlEditor
            key={`yaml:${generation}`}
            spec={object.spec}
            onPreview={(spec) => preview({ kind: 'SetSpec', target, spec })}
          />
        )}
      </fieldset>
      <ReviewPanel state={review.state} onApply={() => void apply().then(fresh)} onBack={review.reset} />
    </section>
  );
}
