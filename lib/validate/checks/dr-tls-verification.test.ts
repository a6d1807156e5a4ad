import { describe, expect, it } from 'vitest';
import { brief, destinationRule, findingsOf } from '../test-fixtures';
import { drTlsVerification } from './dr-tls-verification';

describe('dr-tls-verification', () => {
  it('accepts TLS origination with a CA or a credential, and Istio mTLS', () => {
    const objects = [
      destinationRule('shop', 'stripe', {
        host: 'api.stripe.com',
        trafficPolicy: {
          tls: { mode: 'SIMPLE', caCertificates: '/etc/certs/ca.pem', sni: 'api.stripe.com' },
        },
      }),
      destinationRule('shop', 'bank', {
        host: 'bank.example.com',
        trafficPolicy: { tls: { mode: 'MUTUAL', credentialName: 'bank-client' } },
      }),
      destinationRule('shop', 'cart', { host: 'cart', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }),
    ];
    expect(findingsOf(drTlsVerification, objects)).toEqual([]);
  });

  it('reports SIMPLE or MUTUAL without a CA, at rule, subset and port level', () => {
    const objects = [
      destinationRule('shop', 'stripe', {
        host: 'api.stripe.com',
        trafficPolicy: {
          tls: { mode: 'SIMPLE' },
          portLevelSettings: [
            {
              port: { number: 8443 },
              tls: { mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem' },
            },
          ],
        },
        subsets: [
          {
            name: 'eu',
            labels: { region: 'eu' },
            trafficPolicy: { tls: { mode: 'SIMPLE', insecureSkipVerify: true } },
          },
        ],
      }),
    ];
    const findings = findingsOf(drTlsVerification, objects);
    expect(brief(findings)).toEqual([
      'DR_TLS_NO_CA DestinationRule/shop/stripe spec.trafficPolicy.tls',
      'DR_PORT_TLS_NO_CA DestinationRule/shop/stripe spec.trafficPolicy.portLevelSettings[0].tls',
      'DR_TLS_NO_CA DestinationRule/shop/stripe spec.subsets[0].trafficPolicy.tls',
    ]);
    expect(findings.map((finding) => finding.istioCode)).toEqual(['IST0128', 'IST0129', 'IST0128']);
    expect(findings[2]?.message).toContain('insecureSkipVerify');
  });
});
