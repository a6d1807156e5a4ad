import type { Gateway } from '../../mesh/types';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

interface CertificateSite {
  gateway: Gateway;
  index: number;
}

/** Two Gateways on the same pods do not share a certificate. */
export const gwDuplicateCertificate: Check = {
  name: 'gw-duplicate-certificate',
  codes: ['GW_DUPLICATE_CERTIFICATE'],
  run(context, { each, emit }) {
    const byCertificate = new Map<string, CertificateSite[]>();
    each(context.gateways, (gateway) => {
      list(gateway.spec.servers).forEach((server, index) => {
        const key = certificateKey(record(record(server).tls));
        if (!key) return;
        const sites = byCertificate.get(key);
        if (sites) sites.push({ gateway, index });
        else byCertificate.set(key, [{ gateway, index }]);
      });
    });
    for (const sites of byCertificate.values()) {
      for (const site of sites) {
        const others = sites.filter(
          (other) => other.gateway !== site.gateway && sharePods(site.gateway, other.gateway),
        );
        if (others.length === 0) continue;
        const names = [
          ...new Set(others.map((other) => `${namespaceOf(other.gateway)}/${other.gateway.metadata.name}`)),
        ];
        emit(
          'GW_DUPLICATE_CERTIFICATE',
          site.gateway,
          `spec.servers[${site.index}].tls`,
          `Gateway ${names.join(', ')} uses the same certificate on the same gateway pods.`,
        );
      }
    }
  },
};

function certificateKey(tls: Record<string, unknown>): string | undefined {
  if (typeof tls.credentialName === 'string' && tls.credentialName) return `secret:${tls.credentialName}`;
  if (typeof tls.serverCertificate === 'string' && typeof tls.privateKey === 'string') {
    return `files:${tls.serverCertificate}\n${tls.privateKey}`;
  }
  return undefined;
}

// The same pods are (also) configured by both when one selector is contained in the other.
function sharePods(a: Gateway, b: Gateway): boolean {
  const x = a.spec.selector ?? {};
  const y = b.spec.selector ?? {};
  const within = (small: Record<string, string>, large: Record<string, string>) =>
    Object.entries(small).every(([key, value]) => large[key] === value);
  return within(x, y) || within(y, x);
}
