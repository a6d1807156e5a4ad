'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useReview } from '@/lib/client/preview';
import { useRewrites } from '@/lib/client/undo-redo';
import type { MeshChange } from '@/lib/mesh/changes';
import { GATEWAY_ROUTE_KINDS, type GatewayRoute, type GatewayRouteKind } from '@/lib/mesh/gateway-api-types';
import { objectKey } from '@/lib/mesh/object-key';
import type { MeshObject, MeshSnapshot, ObjectRef, RouteKind } from '@/lib/mesh/types';
import { validate } from '@/lib/validate';
import { useEditing } from '../editing/editing-context';
import { DestinationRuleForm } from './destination-rule-form';
import { EditorTabs } from './editor-tabs';
import { FieldProblemsProvider } from './field-problems';
import { GatewayForm } from './gateway-form';
import { GatewayRouteForm } from './gateway-route-form';
import { GatewayRuleForm } from './gateway-rule-form';
import { KubernetesGatewayForm } from './kubernetes-gateway-form';
import { ReviewPanel } from './review-panel';
import { RouteFormFor } from './route-form-for';
import { ServiceEntryForm } from './service-entry-form';
import { VirtualServiceForm } from './virtual-service-form';
import { YamlEditor } from './yaml-editor';

const EDITABLE: readonly string[] = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
  ...GATEWAY_ROUTE_KINDS,
  'KubernetesGateway',
];

const isGatewayRoute = (object: MeshObject): object is GatewayRoute =>
  (GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind);

/**
 * The editor of one routing object, in the inspector: its form (or the form of one HTTP, TCP
 * or TLS route, or of one Gateway API rule) and its YAML, each previewed by a dry run before
 * Apply. Not shown to a read-only person.
 */
export function ObjectEditor({
  object,
  view,
  routeIndex,
  routeKind = 'http',
  ruleIndex,
}: {
  object: MeshObject;
  view: MeshSnapshot;
  /** Set when a route node is selected: the form of that route, of the list `routeKind`. */
  routeIndex?: number;
  routeKind?: RouteKind;
  /** Set when a Gateway API rule node is selected: the form of that rule. */
  ruleIndex?: number;
}) {
  const editing = useEditing();
  const review = useReview();
  const [tab, setTab] = useState<'form' | 'yaml'>('form');
  const [newRoute, setNewRoute] = useState<RouteKind>();
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

  // An undo or redo rewrote this object: the draft starts again from what it wrote.
  const rewrite = useRewrites(key);
  const seen = useRef(rewrite?.count);
  const { reset } = review;
  useEffect(() => {
    if (!rewrite || rewrite.count === seen.current) return;
    seen.current = rewrite.count;
    reset();
    setGeneration((g) => g + 1);
    if (rewrite.version) setBaseVersion(rewrite.version);
  }, [rewrite, reset]);

  if (editing.readOnly || !EDITABLE.includes(object.kind)) return null;
  const target: ObjectRef = {
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
  // A refusal leaves the form on screen, its fields marked with what was refused.
  const step = review.state.step;
  const reviewing = step === 'previewing' || step === 'review' || step === 'applying';
  const preview = (change: MeshChange) => void review.preview(change, baseVersion);
  const apply = async () => {
    const written = await review.apply();
    if (!written) return;
    setNewRoute(undefined);
    setGeneration((g) => g + 1);
    setBaseVersion(written.metadata.resourceVersion ?? '');
  };
  const vs = object.kind === 'VirtualService' ? object : undefined;
  const route = vs && routeIndex !== undefined ? vs.spec[routeKind]?.[routeIndex] : undefined;

  let form: React.ReactNode;
  if (vs && (newRoute || route)) {
    form = (
      <RouteFormFor
        key={`${newRoute ?? routeKind}:${newRoute ? 'new' : routeIndex}:${generation}`}
        vs={vs}
        routeKind={newRoute ?? routeKind}
        routeIndex={newRoute ? undefined : routeIndex}
        onPreview={preview}
      />
    );
  } else if (vs) {
    form = (
      <VirtualServiceForm
        key={generation}
        vs={vs}
        unreachable={unreachable}
        onPreview={preview}
        onNewRoute={setNewRoute}
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
  } else if (isGatewayRoute(object)) {
    const rule = ruleIndex !== undefined ? object.spec.rules?.[ruleIndex] : undefined;
    form =
      rule && ruleIndex !== undefined ? (
        <GatewayRuleForm
          key={`rule:${ruleIndex}:${generation}`}
          routeKind={object.kind as GatewayRouteKind}
          initial={rule}
          title={`Rule rules[${ruleIndex}]${rule.name ? ` (${rule.name})` : ''}`}
          onPreview={(next) =>
            preview({ kind: 'SetRule', target, routeKind: 'rules', routeIndex: ruleIndex, rule: next })
          }
        />
      ) : (
        <GatewayRouteForm
          key={generation}
          route={object}
          onPreview={(spec) => preview({ kind: 'SetSpec', target, spec: { ...spec } })}
        />
      );
  } else if (object.kind === 'KubernetesGateway') {
    form = (
      <KubernetesGatewayForm
        key={generation}
        gateway={object}
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
  } else if (object.kind === 'ServiceEntry') {
    form = (
      <ServiceEntryForm
        key={generation}
        spec={object.spec}
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
      <EditorTabs tab={tab} onTab={setTab} formLabel="Edit">
        {newRoute && (
          <button
            type="button"
            className="ml-auto text-xs text-slate-500 hover:text-slate-800"
            onClick={() => setNewRoute(undefined)}
          >
            Cancel new route
          </button>
        )}
      </EditorTabs>
      <FieldProblemsProvider state={review.state}>
        <fieldset disabled={!editing.canEdit} hidden={reviewing} className="min-w-0">
          {tab === 'form' ? (
            form
          ) : (
            <YamlEditor
              key={`yaml:${generation}`}
              kind={object.kind}
              spec={object.spec}
              onPreview={(spec) => preview({ kind: 'SetSpec', target, spec })}
            />
          )}
        </fieldset>
        <ReviewPanel state={review.state} onApply={() => void apply()} onBack={review.reset} />
      </FieldProblemsProvider>
    </section>
  );
}
