'use client';

import { TLS_VERSIONS } from '@/lib/mesh/field-checks';
import type { GatewayServer } from '@/lib/mesh/types';
import { SmallButton } from './fields';
import type { FormPartProps } from './form-kit';

export const PROTOCOLS = ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'MONGO'] as const;
const TLS_MODES = [
  'SIMPLE',
  'MUTUAL',
  'PASSTHROUGH',
  'ISTIO_MUTUAL',
  'AUTO_PASSTHROUGH',
  'OPTIONAL_MUTUAL',
] as const;
type Mode = (typeof TLS_MODES)[number];

const MODE_HINTS: Record<Mode, string> = {
  SIMPLE: 'the gateway ends TLS with its own certificate',
  MUTUAL: 'the gateway ends TLS and asks clients for a certificate, checked against a CA',
  OPTIONAL_MUTUAL: 'as MUTUAL, but a client without a certificate is let in',
  PASSTHROUGH: 'TLS goes through untouched, routed on SNI: no certificate here',
  AUTO_PASSTHROUGH:
    'TLS goes through untouched to the service named in SNI: no certificate, no VirtualService',
  ISTIO_MUTUAL: 'the mesh’s own certificates (east-west gateways): nothing more to set',
};

const TERMINATING: readonly Mode[] = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'];
const CLIENT_CERTS: readonly Mode[] = ['MUTUAL', 'OPTIONAL_MUTUAL'];
// Which TLS fields each mode uses. A field that already holds a value is shown whatever the
// mode, so it can be seen and cleared.
const FIELDS_OF: Record<string, readonly Mode[]> = {
  credentialName: TERMINATING,
  serverCertificate: TERMINATING,
  privateKey: TERMINATING,
  caCertificates: CLIENT_CERTS,
  subjectAltNames: CLIENT_CERTS,
  minProtocolVersion: [...TERMINATING, 'ISTIO_MUTUAL'],
  maxProtocolVersion: [...TERMINATING, 'ISTIO_MUTUAL'],
  cipherSuites: [...TERMINATING, 'ISTIO_MUTUAL'],
};

/** One server of a Gateway: its port, where it listens, its hosts and the TLS its mode needs. */
export function GatewayServerFields({ kit, base, index, onRemove }: FormPartProps) {
  const { at, field } = kit;
  const server = at(base) as GatewayServer | undefined;
  const tls = [...base, 'tls'];
  const mode = server?.tls?.mode as Mode | undefined;
  const shows = (key: string) =>
    (mode !== undefined && FIELDS_OF[key]?.includes(mode)) || at([...tls, key]) !== undefined;
  const fileMode = shows('serverCertificate') || shows('privateKey');

  return (
    <fieldset
      aria-label={`Server ${index + 1}`}
      className="grid grid-cols-3 gap-1.5 rounded border border-slate-200 p-1.5"
    >
      {field.num('Port', [...base, 'port', 'number'])}
      {field.select('Protocol', [...base, 'port', 'protocol'], PROTOCOLS)}
      {field.text('Port name', [...base, 'port', 'name'])}
      {field.num('Target port', [...base, 'port', 'targetPort'])}
      {field.text('Bind', [...base, 'bind'], 'an IP or unix://')}
      {field.text('Default endpoint', [...base, 'defaultEndpoint'], '127.0.0.1:PORT')}
      <div className="col-span-3">{field.list('Hosts', [...base, 'hosts'], 'ns/host, *.example.com')}</div>

      <div className="col-span-3 mt-1 border-t border-slate-100 pt-1 text-[11px] font-medium text-slate-600">
        TLS
      </div>
      <div className="col-span-2">
        {field.select('TLS mode', [...tls, 'mode'], TLS_MODES, mode && MODE_HINTS[mode])}
      </div>
      <div className="flex items-end pb-1">{field.check('Redirect to HTTPS', [...tls, 'httpsRedirect'])}</div>
      {shows('credentialName') && (
        <div className="col-span-3">
          {field.text(
            'Credential name',
            [...tls, 'credentialName'],
            mode && CLIENT_CERTS.includes(mode)
              ? 'a secret with tls.crt, tls.key and ca.crt (for the client CA)'
              : 'a secret with tls.crt and tls.key',
          )}
        </div>
      )}
      {fileMode && (
        <>
          <p className="col-span-3 text-[11px] text-slate-500">Or from files mounted in the gateway pod:</p>
          {field.text('Server certificate', [...tls, 'serverCertificate'])}
          {field.text('Private key', [...tls, 'privateKey'])}
          {shows('caCertificates') ? field.text('CA certificates', [...tls, 'caCertificates']) : <span />}
        </>
      )}
      {!fileMode && shows('caCertificates') && (
        <div className="col-span-3">{field.text('CA certificates', [...tls, 'caCertificates'])}</div>
      )}
      {shows('subjectAltNames') && (
        <div className="col-span-3">
          {field.list('Subject alt names', [...tls, 'subjectAltNames'], 'client identities let in')}
        </div>
      )}
      {shows('minProtocolVersion') &&
        field.select('Min TLS version', [...tls, 'minProtocolVersion'], TLS_VERSIONS)}
      {shows('maxProtocolVersion') &&
        field.select('Max TLS version', [...tls, 'maxProtocolVersion'], TLS_VERSIONS)}
      {shows('cipherSuites') && <span />}
      {shows('cipherSuites') && (
        <div className="col-span-3">
          {field.list('Cipher suites', [...tls, 'cipherSuites'], 'e.g. ECDHE-RSA-AES256-GCM-SHA384')}
        </div>
      )}
      <div className="col-span-3 flex justify-end">
        <SmallButton tone="danger" onClick={onRemove}>
          Remove server
        </SmallButton>
      </div>
    </fieldset>
  );
}
