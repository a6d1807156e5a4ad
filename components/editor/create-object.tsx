'use client';

import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { type ReviewState, useReview } from '@/lib/client/preview';
import { createAccessQuery } from '@/lib/client/queries';
import type { ChangeSet } from '@/lib/mesh/changes/change-set';
import { egressGatewayChange } from '@/lib/mesh/egress-templates';
import { blankRouteTemplate, creatableRouteKinds } from '@/lib/mesh/gateway-route-template';
import {
  blankTemplate,
  routeServiceTemplates,
  type Template,
  virtualServicesFor,
} from '@/lib/mesh/object-templates';
import {
  alreadyGranted,
  grantContentKey,
  grantSettingIn,
  type ReferenceGrantTemplate,
  referenceGrantsFor,
} from '@/lib/mesh/reference-grant-template';
import type { MeshSnapshot, ObjectRef, ServiceEntry, ServiceEntrySpec, StoredObject } from '@/lib/mesh/types';
import { useEditing } from '../editing/editing-context';
import { editingToCreate } from '../editing/editing-in';
import { EditorTabs } from './editor-tabs';
import { FieldProblemsProvider } from './field-problems';
import { SmallButton } from './fields';
import { awaitedGrants, grantButton, openStepOf } from './grant-button';
import { ReviewPanel } from './review-panel';
import { ServiceEntryForm } from './service-entry-form';
import { YamlEditor } from './yaml-editor';

/**
 * One new object, prefilled: a ServiceEntry in its form (fields) or the YAML tab, any other
 * kind in the YAML tab. Preview is a dry-run create, Apply the create.
 */
function NewObjectEditor({
  template,
  onDone,
  onStep,
  nameChosen,
}: {
  template: Template;
  onDone: () => void;
  /**
   * The template's name is Weir's choice (a ReferenceGrant's): if it turns out taken when
   * applied, the server takes the next free one. A name the person typed is kept or refused.
   */
  nameChosen?: boolean;
  /** Told each step of the review (a caller that disables its own button while one is under way). */
  onStep?: (step: ReviewState['step']) => void;
}) {
  const review = useReview();
  useEffect(() => onStep?.(review.state.step), [onStep, review.state.step]);
  const hasForm = template.kind === 'ServiceEntry';
  const [tab, setTab] = useState<'form' | 'yaml'>(hasForm ? 'form' : 'yaml');
  const [name, setName] = useState(template.metadata.name);
  // A refusal leaves the text on screen, its lines marked with what was refused.
  const step = review.state.step;
  const reviewing = step === 'previewing' || step === 'review' || step === 'applying';
  const preview = (manifest: Record<string, unknown>) => {
    const metadata = (manifest.metadata ?? {}) as { name?: string; namespace?: string };
    const target = {
      kind: (manifest.kind ?? template.kind) as Template['kind'],
      namespace: metadata.namespace || template.metadata.namespace,
      name: metadata.name ?? '',
    };
    const moveOn = nameChosen && target.name === template.metadata.name;
    void review.preview(
      { kind: 'CreateObject', target, object: manifest, ...(moveOn && { nameTaken: 'next' as const }) },
      '',
    );
  };
  const previewForm = (spec: object) =>
    preview({ ...template, metadata: { ...template.metadata, name }, spec: { ...spec } });
  return (
    <section
      aria-label={`New ${template.kind}`}
      data-testid="new-object"
      className="flex flex-col gap-2 rounded border border-slate-200 p-2"
    >
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold">
          New {template.kind} {template.metadata.namespace}/{hasForm ? name : template.metadata.name}
        </h3>
        <button type="button" className="text-xs text-slate-500 hover:text-slate-800" onClick={onDone}>
          Close
        </button>
      </div>
      {hasForm && <EditorTabs tab={tab} onTab={setTab} formLabel="Form" />}
      <FieldProblemsProvider state={review.state}>
        <div hidden={reviewing}>
          {tab === 'form' ? (
            <ServiceEntryForm
              spec={template.spec as ServiceEntrySpec}
              name={{ value: name, onChange: setName }}
              onPreview={previewForm}
            />
          ) : (
            <YamlEditor spec={template} whole onPreview={preview} />
          )}
        </div>
        <ReviewPanel state={review.state} onApply={() => void review.apply()} onBack={review.reset} />
      </FieldProblemsProvider>
    </section>
  );
}

/** Several new objects as one change (a template's): listed, previewed once, applied together. */
function NewSetEditor({ set, onDone }: { set: ChangeSet; onDone: () => void }) {
  const review = useReview();
  const step = review.state.step;
  const reviewing = step === 'previewing' || step === 'review' || step === 'applying';
  return (
    <section
      aria-label={set.title}
      data-testid="new-set"
      className="flex flex-col gap-2 rounded border border-slate-200 p-2"
    >
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold">{set.title}</h3>
        <button type="button" className="text-xs text-slate-500 hover:text-slate-800" onClick={onDone}>
          Close
        </button>
      </div>
      <div hidden={reviewing} className="flex flex-col gap-1">
        <p className="text-[11px] text-slate-600">One change, these objects created in this order:</p>
        <ul className="list-disc pl-4 text-xs">
          {set.changes.map(({ target }) => (
            <li key={`${target.kind}/${target.name}`}>
              {target.kind} {target.namespace}/{target.name}
            </li>
          ))}
        </ul>
        <div>
          <SmallButton tone="primary" onClick={() => void review.preview(set, '')}>
            Preview
          </SmallButton>
        </div>
      </div>
      <ReviewPanel state={review.state} onApply={() => void review.apply()} onBack={review.reset} />
    </section>
  );
}

/**
 * Creating from the graph: "Route this service" on a Service that no VirtualService routes
 * (a VirtualService to it, and a DestinationRule with a subset per pod `version`), and a new
 * VirtualService, Gateway, ServiceEntry or Gateway API route in the node's namespace. A route
 * kind whose CRD the cluster does not serve (the sync status's notServed) is not offered.
 */
export function CreateObjects({
  view,
  namespace,
  service,
}: {
  view: MeshSnapshot;
  namespace: string;
  service?: ObjectRef;
}) {
  const editing = useEditing();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [set, setSet] = useState<ChangeSet>();
  if (editing.readOnly || !namespace) return null;
  const routable = service?.kind === 'Service' && virtualServicesFor(view, service).length === 0;
  const entry =
    service?.kind === 'ServiceEntry'
      ? (view.objects[`ServiceEntry/${service.namespace}/${service.name}`] as ServiceEntry | undefined)
      : undefined;
  const egress = entry?.kind === 'ServiceEntry' ? egressGatewayChange(entry) : undefined;
  const routeKinds = creatableRouteKinds(view.sync);
  return (
    <section aria-label="Create" className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {routable && service && (
          <SmallButton
            tone="primary"
            disabled={!editing.canEdit}
            onClick={() => setTemplates(routeServiceTemplates(view, service))}
          >
            Route this service
          </SmallButton>
        )}
        <SmallButton
          disabled={!editing.canEdit}
          onClick={() => setTemplates([blankTemplate('VirtualService', namespace)])}
        >
          New VirtualService
        </SmallButton>
        <SmallButton
          disabled={!editing.canEdit}
          onClick={() => setTemplates([blankTemplate('Gateway', namespace)])}
        >
          New Gateway
        </SmallButton>
        <SmallButton
          disabled={!editing.canEdit}
          onClick={() => setTemplates([blankTemplate('ServiceEntry', namespace)])}
        >
          New ServiceEntry
        </SmallButton>
        {routeKinds.map((kind) => (
          <SmallButton
            key={kind}
            disabled={!editing.canEdit}
            onClick={() => setTemplates([blankRouteTemplate(kind, namespace, view)])}
          >
            New {kind}
          </SmallButton>
        ))}
        {egress && (
          <SmallButton disabled={!editing.canEdit} onClick={() => setSet(egress)}>
            Send this host through an egress gateway
          </SmallButton>
        )}
      </div>
      {set && <NewSetEditor key={set.title} set={set} onDone={() => setSet(undefined)} />}
      {templates.map((template) => (
        <NewObjectEditor
          key={`${template.kind}/${template.metadata.namespace}/${template.metadata.name}`}
          template={template}
          onDone={() => setTemplates((all) => all.filter((t) => t !== template))}
        />
      ))}
    </section>
  );
}

/** The findings a ReferenceGrant fixes. */
const REFUSED_REFERENCES = new Set(['GWAPI_REFERENCE_NOT_PERMITTED', 'GWAPI_CERTIFICATE_NOT_PERMITTED']);

/**
 * Where the Gateway API refuses a reference across namespaces (a backendRef edge, a Gateway's
 * certificate): "Create ReferenceGrant in <namespace>", prefilled with the narrowest grant
 * that lets it through, under a name no ReferenceGrant there has (lib/mesh/reference-grant-
 * template), created as any new object (preview, apply, history, undo). Rendered outside the
 * referring object's own editing: the grant is written in the target's namespace, so the
 * person's rights there decide, and the button says why when it is disabled.
 */
export function GrantReferences({
  view,
  object,
  path,
  codes,
}: {
  view: MeshSnapshot;
  object: StoredObject | undefined;
  path: string | undefined;
  codes: readonly (string | undefined)[];
}) {
  const outer = useEditing();
  // The open editor (told by the grant's content) and its review step. The inspector keys this
  // component by object and path, so it does not outlive the selection it was opened for.
  const [open, setOpen] = useState<{ template: ReferenceGrantTemplate; step: ReviewState['step'] }>();
  // Grants this screen created (by content key, not name: the free name moves on once the new
  // grant is in the snapshot), so the button stays disabled after the editor is closed, until
  // the snapshot shows the grant; then dropped (see awaitedGrants).
  const [created, setCreated] = useState<ReadonlyMap<string, ReferenceGrantTemplate>>(new Map());
  const setting = useMemo(() => grantSettingIn(view.objects), [view.objects]);
  useEffect(() => {
    setCreated((now) => awaitedGrants(now, setting));
  }, [setting]);
  const refused = codes.some((code) => code && REFUSED_REFERENCES.has(code));
  const grants =
    refused && object && object.kind !== 'Invalid' ? referenceGrantsFor(object, path, setting) : [];
  // May the person create referencegrants where each grant goes: asked of the server, the
  // button disabled until it answers.
  const access = useQueries({
    queries: grants.map((grant) => ({
      ...createAccessQuery(grant.metadata.namespace),
      enabled: !outer.readOnly && outer.canEdit,
    })),
  });
  if (grants.length === 0) return null;
  return (
    <section aria-label="Fix the reference" className="flex flex-col gap-2">
      <div className="flex flex-col gap-1">
        {grants.map((grant, g) => {
          const namespace = grant.metadata.namespace;
          const state = grantButton({
            editing: editingToCreate(outer, access[g]?.data, namespace),
            namespace,
            granted: alreadyGranted(setting, grant),
            step: created.has(grantContentKey(grant)) ? 'applied' : openStepOf(open, grant),
          });
          return (
            <div key={grantContentKey(grant)} className="flex flex-wrap items-center gap-2">
              <SmallButton
                tone="primary"
                disabled={state.disabled}
                onClick={() => setOpen({ template: grant, step: 'idle' })}
              >
                Create ReferenceGrant in {namespace}
              </SmallButton>
              {state.reason && (
                <span data-testid="grant-disabled-reason" className="text-[11px] text-slate-600">
                  {state.reason}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {open && (
        <NewObjectEditor
          key={`${open.template.metadata.namespace}/${open.template.metadata.name}`}
          template={open.template as Template}
          nameChosen
          onStep={(step) => {
            setOpen((now) => now && (now.step === step ? now : { ...now, step }));
            const key = grantContentKey(open.template);
            if (step === 'applied' && !created.has(key))
              setCreated(new Map([...created, [key, open.template]]));
          }}
          onDone={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}
