// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { duplicateNames } from '@/lib/mesh/field-checks';
import { specFieldErrors } from '@/lib/mesh/field-errors';
import type { DestinationRule, DestinationRuleSpec, MeshSnapshot, Subset } from '@/lib/mesh/types';
import { Disclosure, SmallButton, TextField } from './fields';
import { PreviewButton, useCheckedForm } from './form-kit';
import { LabelsField } from './list-fields';
import { podsSelected, podsWords, serviceSelector } from './pods';
import { policySummary, TrafficPolicyFields } from './traffic-policy-fields';

/**
 * Host, subsets (with the pods each selects) and traffic policy at the three levels Istio
 * has: the rule's, each port's, each subset's (with ports of its own). The draft is the
 * rule's spec edited by path, so fields the form does not show are sent back untouched.
 */
export function DestinationRuleForm({
  rule,
  view,
  onPreview,
}: {
  rule: DestinationRule;
  view: MeshSnapshot;
  onPreview: (spec: DestinationRuleSpec) => void;
}) {
  const kit = useCheckedForm<DestinationRuleSpec>(rule.spec, specFieldErrors);
  const { value: spec, setValue: setSpec, set, removeAt, errors } = kit;
  const subsets = spec.subsets ?? [];
  const twice = new Set(duplicateNames(subsets.map((s) => s.name)));
  const namespace = rule.metadata.namespace;
  // A subset narrows the pods of the host's Service: both selectors must hold.
  const selector = serviceSelector(view, spec.host, namespace);

  return (
    <form
      aria-label="DestinationRule"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview(spec);
      }}
    >
      <TextField label="Host" value={spec.host} onChange={(v) => set(['host'], v ?? '')} />
      <section aria-label="Subsets" className="flex flex-col gap-1">
        <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Subsets</h3>
        {subsets.map((subset, i) => (
          <div
            key={i}
            className="grid grid-cols-[6.5rem_1fr_auto] items-start gap-1 rounded border border-slate-200 p-1.5"
          >
            <TextField
              label={`Subset ${i + 1} name`}
              value={subset.name}
              check={(v) =>
                v && twice.has(v)
                  ? `subset name ${v} is used more than once`
                  : v
                    ? undefined
                    : 'a subset needs a name'
              }
              onChange={(v) => set(['subsets', i, 'name'], v ?? '')}
            />
            <div className="flex min-w-0 flex-col gap-0.5">
              <LabelsField
                label={`Subset ${i + 1} labels`}
                value={subset.labels}
                onChange={(v) => set(['subsets', i, 'labels'], v)}
              />
              <span data-testid={`subset-pods-${i}`} className="text-[11px] text-slate-500">
                {podsWords(podsSelected(view, { ...selector, ...subset.labels }, namespace))}
              </span>
            </div>
            <SmallButton
              label={`Remove subset ${i + 1}`}
              tone="danger"
              onClick={() => removeAt(['subsets'], i)}
            >
              ×
            </SmallButton>
            <Disclosure
              label={`Traffic policy of subset ${subset.name || i + 1}`}
              summary={policySummary(subset.trafficPolicy) ?? 'as the rule’s'}
            >
              <TrafficPolicyFields kit={kit} base={['subsets', i, 'trafficPolicy']} portLevel />
            </Disclosure>
          </div>
        ))}
        <div>
          <SmallButton
            onClick={() => setSpec((s) => ({ ...s, subsets: [...subsets, { name: '' } as Subset] }))}
          >
            Add subset
          </SmallButton>
        </div>
      </section>

      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
        Traffic policy (every subset and port)
      </h3>
      <TrafficPolicyFields kit={kit} base={['trafficPolicy']} portLevel />
      <PreviewButton errors={errors} />
    </form>
  );
}
