// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { checkDuration, checkPercent, checkPositiveInt, duplicateNames } from '@/lib/mesh/field-checks';
import { specFieldErrors } from '@/lib/mesh/field-errors';
import type { DestinationRule, DestinationRuleSpec, MeshSnapshot, Subset } from '@/lib/mesh/types';
import { Section, SelectField, SmallButton, TextField } from './fields';
import { LabelsField } from './list-fields';
import { usePathForm } from './path-form';
import { podsSelected, podsWords, serviceSelector } from './pods';

const SIMPLE = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH'] as const;
const TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;

/** Host, subsets (with the pods each selects) and the rule-level traffic policy. */
export function DestinationRuleForm({
  rule,
  view,
  onPreview,
}: {
  rule: DestinationRule;
  view: MeshSnapshot;
  onPreview: (spec: DestinationRuleSpec) => void;
}) {
  const {
    value: spec,
    setValue: setSpec,
    set,
    removeAt,
    text,
    num,
  } = usePathForm<DestinationRuleSpec>(rule.spec);
  const subsets = spec.subsets ?? [];
  const twice = new Set(duplicateNames(subsets.map((s) => s.name)));
  const hash = spec.trafficPolicy?.loadBalancer?.consistentHash;
  const hashKind =
    hash?.httpHeaderName !== undefined
      ? 'header'
      : hash?.httpCookie
        ? 'cookie'
        : hash?.useSourceIp
          ? 'source IP'
          : undefined;
  const namespace = rule.metadata.namespace;
  // A subset narrows the pods of the host's Service: both selectors must hold.
  const selector = serviceSelector(view, spec.host, namespace);
  const errors = specFieldErrors(spec);
  const policy = ['trafficPolicy'];

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
            className="grid grid-cols-[5rem_1fr_auto] items-start gap-1 rounded border border-slate-200 p-1.5"
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

      <Section title="Load balancer" filled={spec.trafficPolicy?.loadBalancer !== undefined}>
        <SelectField
          label="Simple"
          value={spec.trafficPolicy?.loadBalancer?.simple as (typeof SIMPLE)[number] | undefined}
          options={SIMPLE}
          onChange={(v) => set([...policy, 'loadBalancer'], v ? { simple: v } : undefined)}
        />
        <SelectField
          label="Or consistent hash on"
          value={hashKind}
          options={['header', 'cookie', 'source IP'] as const}
          onChange={(v) =>
            set(
              [...policy, 'loadBalancer'],
              v === 'header'
                ? { consistentHash: { httpHeaderName: 'x-user' } }
                : v === 'cookie'
                  ? { consistentHash: { httpCookie: { name: 'session', ttl: '0s' } } }
                  : v === 'source IP'
                    ? { consistentHash: { useSourceIp: true } }
                    : undefined,
            )
          }
        />
        {hashKind === 'header' &&
          text('Header name', [...policy, 'loadBalancer', 'consistentHash', 'httpHeaderName'])}
        {hashKind === 'cookie' &&
          text('Cookie name', [...policy, 'loadBalancer', 'consistentHash', 'httpCookie', 'name'])}
        {hashKind === 'cookie' &&
          text(
            'Cookie TTL',
            [...policy, 'loadBalancer', 'consistentHash', 'httpCookie', 'ttl'],
            checkDuration,
          )}
      </Section>
      <Section title="Connection pool" filled={spec.trafficPolicy?.connectionPool !== undefined}>
        {num('TCP max connections', [...policy, 'connectionPool', 'tcp', 'maxConnections'], checkPositiveInt)}
        {text('TCP connect timeout', [...policy, 'connectionPool', 'tcp', 'connectTimeout'], checkDuration)}
        {num(
          'HTTP/1 max pending',
          [...policy, 'connectionPool', 'http', 'http1MaxPendingRequests'],
          checkPositiveInt,
        )}
        {num(
          'HTTP/2 max requests',
          [...policy, 'connectionPool', 'http', 'http2MaxRequests'],
          checkPositiveInt,
        )}
        {num(
          'Max requests per connection',
          [...policy, 'connectionPool', 'http', 'maxRequestsPerConnection'],
          checkPositiveInt,
        )}
        {num('Max retries', [...policy, 'connectionPool', 'http', 'maxRetries'], checkPositiveInt)}
        {text('Idle timeout', [...policy, 'connectionPool', 'http', 'idleTimeout'], checkDuration)}
      </Section>
      <Section
        title="Outlier detection (circuit breaker)"
        filled={spec.trafficPolicy?.outlierDetection !== undefined}
      >
        {num(
          'Consecutive 5xx errors',
          [...policy, 'outlierDetection', 'consecutive5xxErrors'],
          checkPositiveInt,
        )}
        {text('Interval', [...policy, 'outlierDetection', 'interval'], checkDuration)}
        {text('Base ejection time', [...policy, 'outlierDetection', 'baseEjectionTime'], checkDuration)}
        {num('Max ejection %', [...policy, 'outlierDetection', 'maxEjectionPercent'], checkPercent)}
      </Section>
      <Section title="TLS to the destination" filled={spec.trafficPolicy?.tls !== undefined}>
        <SelectField
          label="Mode"
          value={spec.trafficPolicy?.tls?.mode}
          options={TLS_MODES}
          onChange={(v) => set([...policy, 'tls', 'mode'], v)}
        />
        {text('Credential name', [...policy, 'tls', 'credentialName'])}
      </Section>
      {errors.length > 0 && <p className="text-[11px] text-red-700">Fix the fields marked in red first.</p>}
      <div>
        <button
          type="submit"
          disabled={errors.length > 0}
          className="rounded border border-sky-700 bg-sky-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Preview
        </button>
      </div>
    </form>
  );
}
