// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import type { LoadBalancerSettings, TrafficPolicy } from '@/lib/mesh/types';
import { Disclosure, Section, SelectField, SmallButton } from './fields';
import type { FormKit } from './form-kit';
import type { Path } from './path-form';

const SIMPLE = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH'] as const;
const HASH_ON = ['header', 'cookie', 'source IP', 'query parameter'] as const;
type HashOn = (typeof HASH_ON)[number];
const TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;
const H2_UPGRADE = ['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE'] as const;

type Hash = NonNullable<LoadBalancerSettings['consistentHash']>;
// The keys that say what a consistent hash is on; the others (ring size…) stay when it changes.
const HASH_KEYS = ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'] as const;
const FRESH_HASH: Record<HashOn, Hash> = {
  header: { httpHeaderName: 'x-user' },
  cookie: { httpCookie: { name: 'session', ttl: '0s' } },
  'source IP': { useSourceIp: true },
  'query parameter': { httpQueryParameterName: 'user' },
};

function hashOn(hash: Hash | undefined): HashOn | undefined {
  if (hash?.httpHeaderName !== undefined) return 'header';
  if (hash?.httpCookie) return 'cookie';
  if (hash?.useSourceIp) return 'source IP';
  if (hash?.httpQueryParameterName !== undefined) return 'query parameter';
  return undefined;
}

const TLS_HINTS: Record<(typeof TLS_MODES)[number], string> = {
  DISABLE: 'plain text to the destination',
  SIMPLE: 'TLS to the destination, checked against a CA if given',
  MUTUAL: 'TLS with a client certificate: from a credential (a secret) or from files',
  ISTIO_MUTUAL: 'the mesh’s own certificates: nothing more to set',
};

// Which TLS fields each mode uses. A field that already holds a value is shown whatever the
// mode, so it can be seen and cleared.
const TLS_FIELDS: Record<string, ReadonlyArray<(typeof TLS_MODES)[number]>> = {
  credentialName: ['SIMPLE', 'MUTUAL'],
  clientCertificate: ['MUTUAL'],
  privateKey: ['MUTUAL'],
  caCertificates: ['SIMPLE', 'MUTUAL'],
  sni: ['SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'],
  subjectAltNames: ['SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'],
  insecureSkipVerify: ['SIMPLE', 'MUTUAL'],
};

/** A few words on what a traffic policy sets, for a closed disclosure. */
export function policySummary(policy: TrafficPolicy | undefined): string | undefined {
  if (!policy) return undefined;
  const parts = [
    policy.loadBalancer && 'load balancer',
    policy.connectionPool && 'connection pool',
    policy.outlierDetection && 'outlier detection',
    policy.tls && `TLS ${policy.tls.mode ?? ''}`.trim(),
    policy.portLevelSettings?.length && `${policy.portLevelSettings.length} port-level`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * The fields of one traffic policy at `base` — rule level, a port's, a subset's — the same
 * component at each level: load balancer, connection pool, outlier detection, TLS, and (where
 * the level has them) port-level settings.
 */
export function TrafficPolicyFields({
  kit,
  base,
  portLevel,
}: {
  kit: FormKit;
  base: Path;
  /** Whether this level holds port-level settings (a port's own settings do not). */
  portLevel: boolean;
}) {
  const { at, set, field } = kit;
  const policy = at(base) as TrafficPolicy | undefined;
  const lb = [...base, 'loadBalancer'];
  const hash = policy?.loadBalancer?.consistentHash;
  const hashKind = hashOn(hash);
  const hashPath = [...lb, 'consistentHash'];
  const pool = [...base, 'connectionPool'];
  const outlier = [...base, 'outlierDetection'];
  const tls = [...base, 'tls'];
  const mode = policy?.tls?.mode;
  const tlsShows = (key: string) =>
    (mode !== undefined && TLS_FIELDS[key]?.includes(mode)) || at([...tls, key]) !== undefined;

  return (
    <>
      <Section title="Load balancer" filled={policy?.loadBalancer !== undefined}>
        <SelectField
          label="Simple"
          value={policy?.loadBalancer?.simple as (typeof SIMPLE)[number] | undefined}
          options={SIMPLE}
          onChange={(v) => {
            set([...lb, 'simple'], v);
            if (v) set(hashPath, undefined);
          }}
        />
        <SelectField
          label="Or consistent hash on"
          value={hashKind}
          options={HASH_ON}
          onChange={(v) => {
            const rest = Object.fromEntries(
              Object.entries(hash ?? {}).filter(([k]) => !(HASH_KEYS as readonly string[]).includes(k)),
            );
            set(hashPath, v ? { ...rest, ...FRESH_HASH[v] } : undefined);
            if (v) set([...lb, 'simple'], undefined);
          }}
        />
        {hashKind === 'header' && field.text('Header name', [...hashPath, 'httpHeaderName'])}
        {hashKind === 'query parameter' &&
          field.text('Query parameter name', [...hashPath, 'httpQueryParameterName'])}
        {hashKind === 'cookie' && field.text('Cookie name', [...hashPath, 'httpCookie', 'name'])}
        {hashKind === 'cookie' && field.text('Cookie path', [...hashPath, 'httpCookie', 'path'])}
        {hashKind === 'cookie' &&
          field.text('Cookie TTL', [...hashPath, 'httpCookie', 'ttl'], '0s = a session cookie')}
        <p className="col-span-2 text-[11px] text-slate-500">
          {(policy?.loadBalancer as Record<string, unknown> | undefined)?.localityLbSetting
            ? 'Locality load balancing is set: edit it in the YAML tab (it is kept as it is).'
            : 'Locality load balancing: in the YAML tab.'}
        </p>
      </Section>

      <Section title="Connection pool" filled={policy?.connectionPool !== undefined}>
        {field.num('TCP max connections', [...pool, 'tcp', 'maxConnections'])}
        {field.text('TCP connect timeout', [...pool, 'tcp', 'connectTimeout'])}
        {field.num('TCP keepalive probes', [...pool, 'tcp', 'tcpKeepalive', 'probes'])}
        {field.text('TCP keepalive time', [...pool, 'tcp', 'tcpKeepalive', 'time'])}
        {field.text('TCP keepalive interval', [...pool, 'tcp', 'tcpKeepalive', 'interval'])}
        <span />
        {field.num('HTTP/1 max pending', [...pool, 'http', 'http1MaxPendingRequests'])}
        {field.num('HTTP/2 max requests', [...pool, 'http', 'http2MaxRequests'])}
        {field.num('Max requests per connection', [...pool, 'http', 'maxRequestsPerConnection'])}
        {field.num('Max retries', [...pool, 'http', 'maxRetries'])}
        {field.text('Idle timeout', [...pool, 'http', 'idleTimeout'])}
        {field.select('HTTP/2 upgrade', [...pool, 'http', 'h2UpgradePolicy'], H2_UPGRADE)}
      </Section>

      <Section title="Outlier detection (circuit breaker)" filled={policy?.outlierDetection !== undefined}>
        {field.num('Consecutive 5xx errors', [...outlier, 'consecutive5xxErrors'])}
        {field.num('Consecutive gateway errors', [...outlier, 'consecutiveGatewayErrors'])}
        {field.text('Interval', [...outlier, 'interval'])}
        {field.text('Base ejection time', [...outlier, 'baseEjectionTime'])}
        {field.num('Max ejection %', [...outlier, 'maxEjectionPercent'])}
        {field.num('Min health %', [...outlier, 'minHealthPercent'])}
      </Section>

      <Section title="TLS to the destination" filled={policy?.tls !== undefined}>
        {field.select('Mode', [...tls, 'mode'], TLS_MODES, mode && TLS_HINTS[mode])}
        {tlsShows('credentialName') && field.text('Credential name', [...tls, 'credentialName'], 'a secret')}
        {tlsShows('clientCertificate') && field.text('Client certificate', [...tls, 'clientCertificate'])}
        {tlsShows('privateKey') && field.text('Private key', [...tls, 'privateKey'])}
        {tlsShows('caCertificates') && field.text('CA certificates', [...tls, 'caCertificates'])}
        {tlsShows('sni') && field.text('SNI', [...tls, 'sni'])}
        {tlsShows('subjectAltNames') && (
          <div className="col-span-2">{field.list('Subject alt names', [...tls, 'subjectAltNames'])}</div>
        )}
        {tlsShows('insecureSkipVerify') &&
          field.check('Skip verifying the server', [...tls, 'insecureSkipVerify'])}
      </Section>

      {portLevel && <PortLevelSettings kit={kit} base={[...base, 'portLevelSettings']} />}
    </>
  );
}

/** `portLevelSettings`: per port, a traffic policy of its own that overrides this level's. */
function PortLevelSettings({ kit, base }: { kit: FormKit; base: Path }) {
  const { at, set, removeAt, field } = kit;
  const entries = (at(base) as TrafficPolicy['portLevelSettings']) ?? [];
  return (
    <Section title="Port-level settings" filled={entries.length > 0}>
      <div className="col-span-2 flex flex-col gap-1.5">
        {entries.length === 0 && (
          <p className="text-[11px] text-slate-500">No port has settings of its own.</p>
        )}
        {entries.map((entry, i) => (
          <fieldset
            key={i}
            aria-label={`Port settings ${i + 1}`}
            className="flex flex-col gap-1.5 rounded border border-slate-200 p-1.5"
          >
            <div className="grid grid-cols-[6rem_1fr_auto] items-end gap-1.5">
              {field.num('Port', [...base, i, 'port', 'number'])}
              <span className="pb-1 text-[11px] text-slate-500">overrides the level above for this port</span>
              <SmallButton
                label={`Remove port settings ${i + 1}`}
                tone="danger"
                onClick={() => removeAt(base, i)}
              >
                ×
              </SmallButton>
            </div>
            <Disclosure
              label={`Policy of port ${entry.port?.number ?? i + 1}`}
              summary={policySummary(entry)}
              initiallyOpen={Object.keys(entry).length === 0}
            >
              <TrafficPolicyFields kit={kit} base={[...base, i]} portLevel={false} />
            </Disclosure>
          </fieldset>
        ))}
        <div>
          <SmallButton onClick={() => set(base, [...entries, {}])}>Add port</SmallButton>
        </div>
      </div>
    </Section>
  );
}
