// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { gatewayRouteFieldErrors } from '@/lib/mesh/gateway-api-field-errors';
import type { GatewayRoute, ParentReference } from '@/lib/mesh/gateway-api-types';
import { describeRuleMatches } from '@/lib/mesh/gateway-api-words';
import { NumberField, Section, SmallButton, TextField } from './fields';
import { PreviewButton, useCheckedForm } from './form-kit';

type Spec = GatewayRoute['spec'];

/**
 * A Gateway API route as a whole: the hostnames it serves, the parents it attaches to (a
 * Gateway and its listener by sectionName or port, or a Service for mesh routes), and its
 * rules in order, removed or added here and edited one by one from their rule nodes. Sent as
 * SetSpec; fields not shown stay as they are.
 */
export function GatewayRouteForm({
  route,
  onPreview,
}: {
  route: GatewayRoute;
  onPreview: (spec: Spec) => void;
}) {
  const kit = useCheckedForm<Spec>(route.spec, (spec) => gatewayRouteFieldErrors(route.kind, spec));
  const { value: spec, set, removeAt, errors, error, field } = kit;
  const parents: ParentReference[] = spec.parentRefs ?? [];
  const rules = spec.rules ?? [];
  const hasHostnames = route.kind !== 'TCPRoute';
  const setParent = (i: number, key: keyof ParentReference, value: unknown) =>
    set(['parentRefs', i, key], value);
  return (
    <form
      aria-label={`${route.kind} ${route.metadata.name}`}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(spec);
      }}
    >
      {hasHostnames &&
        field.list('Hostnames', ['hostnames'], 'e.g. shop.example.com, *.example.com; empty: the listeners’')}
      <Section title={`Parents (${parents.length})`} filled>
        <div className="col-span-2 flex flex-col gap-1">
          {parents.map((parent, i) => (
            <fieldset
              key={i}
              aria-label={`Parent ${i + 1}`}
              className="grid grid-cols-[1fr_1fr_auto] items-end gap-1 rounded border border-slate-200 p-1.5"
            >
              <TextField
                label={`${parent.kind ?? 'Gateway'} name`}
                value={parent.name}
                check={() => error(['parentRefs', i, 'name'])}
                onChange={(v) => setParent(i, 'name', v ?? '')}
              />
              <TextField
                label="Namespace"
                value={parent.namespace}
                placeholder="same"
                check={() => error(['parentRefs', i, 'namespace'])}
                onChange={(v) => setParent(i, 'namespace', v)}
              />
              <SmallButton
                label={`Remove parent ${i + 1}`}
                tone="danger"
                onClick={() => removeAt(['parentRefs'], i)}
              >
                ×
              </SmallButton>
              <TextField
                label="Section (listener)"
                value={parent.sectionName}
                placeholder="any"
                check={() => error(['parentRefs', i, 'sectionName'])}
                onChange={(v) => setParent(i, 'sectionName', v)}
              />
              <NumberField
                label="Port"
                value={parent.port}
                placeholder="any"
                check={() => error(['parentRefs', i, 'port'])}
                onChange={(v) => setParent(i, 'port', v)}
              />
            </fieldset>
          ))}
          <div>
            <SmallButton onClick={() => set(['parentRefs'], [...parents, { name: parents[0]?.name ?? '' }])}>
              Add parent
            </SmallButton>
          </div>
        </div>
      </Section>
      <Section title={`Rules (${rules.length})`} filled>
        <ol className="col-span-2 flex flex-col gap-1">
          {rules.map((rule, i) => (
            <li
              key={i}
              data-testid={`rule-row-${i}`}
              className="flex items-start gap-1 rounded border border-slate-200 px-1.5 py-1 text-xs"
            >
              <div className="min-w-0 flex-1">
                <div className="font-mono text-[11px] text-slate-500">
                  rules[{i}]{rule.name ? ` ${rule.name}` : ''}
                </div>
                <div className="break-words text-slate-800">
                  {route.kind === 'TCPRoute' || route.kind === 'TLSRoute'
                    ? 'every connection'
                    : describeRuleMatches(route.kind, 'matches' in rule ? rule.matches : undefined)}{' '}
                  → {(rule.backendRefs ?? []).map((b) => b.name).join(', ') || 'no backend'}
                </div>
              </div>
              <SmallButton label={`Remove rules[${i}]`} tone="danger" onClick={() => removeAt(['rules'], i)}>
                ×
              </SmallButton>
            </li>
          ))}
        </ol>
        <div className="col-span-2">
          <SmallButton
            onClick={() =>
              set(
                ['rules'],
                [
                  ...rules,
                  {
                    backendRefs: (rules[rules.length - 1]?.backendRefs ?? []).map(
                      ({ filters: _f, ...b }) => b,
                    ),
                  },
                ],
              )
            }
          >
            Add rule (last)
          </SmallButton>
        </div>
      </Section>
      <PreviewButton errors={errors} />
    </form>
  );
}
