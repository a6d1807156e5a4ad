import { describe, expect, it } from 'vitest';
import type { DestinationRule, Gateway, VirtualService } from '../types';
import { describeChange } from './kinds';
import { summarizeSpecChange } from './summarize-spec-change';
import { checkout, checkoutRule, shopGateway, targets } from './test-objects';

const withHttp = (http: VirtualService['spec']['http']): VirtualService => ({
  ...checkout,
  spec: { ...checkout.spec, http },
});
const [beta, fallback] = checkout.spec.http ?? [];

describe('summarizeSpecChange', () => {
  it('names a new route by what it matches and where it sends traffic, and a changed feature', () => {
    const change = {
      kind: 'AddRoute' as const,
      target: targets.checkout,
      routeKind: 'http' as const,
      index: 0,
      route: {
        match: [{ headers: { 'end-user': { exact: 'jason' } } }],
        route: [{ destination: { host: 'checkout', subset: 'v2' } }],
      },
    };
    expect(describeChange(change, checkout)).toBe(
      'checkout: new route http[0] for header end-user=jason → v2',
    );
    const after = withHttp([change.route, beta as never, { ...fallback, timeout: '5s' } as never]);
    expect(summarizeSpecChange(checkout, after)).toEqual([
      'new route http[0] for header end-user=jason → v2',
      'http[2] (default): timeout 10s → 5s',
    ]);
  });

  it('reports a removed and a moved route', () => {
    expect(summarizeSpecChange(checkout, withHttp([fallback as never]))).toEqual([
      'removed route http[0] (beta-testers) for header x-beta-tester=true → v2',
    ]);
    expect(summarizeSpecChange(checkout, withHttp([fallback as never, beta as never]))).toEqual([
      'moved route http[0] (beta-testers) to http[1]',
    ]);
  });

  it('speaks of rewrite, mirror, fault and retries as features', () => {
    const after = withHttp([
      {
        ...beta,
        rewrite: { uri: '/' },
        mirror: { host: 'checkout', subset: 'v2' },
        mirrorPercentage: { value: 10 },
      } as never,
      {
        ...fallback,
        fault: { delay: { fixedDelay: '5s', percentage: { value: 10 } } },
        retries: { attempts: 5, perTryTimeout: '1s' },
      } as never,
    ]);
    expect(summarizeSpecChange(checkout, after)).toEqual([
      'http[0] (beta-testers): added mirror v2 10%, added rewrite uri /',
      'http[1] (default): retries 3× 2s each on 5xx → 5× 1s each, added fault delay 5s for 10%',
    ]);
  });

  it('summarizes hosts, subsets, traffic policy and gateway servers', () => {
    expect(
      summarizeSpecChange(checkout, {
        ...checkout,
        spec: { ...checkout.spec, hosts: ['checkout', 'pay'], gateways: ['mesh'] },
      }),
    ).toEqual(['hosts +pay', 'gateways +mesh']);
    const rule: DestinationRule = {
      ...checkoutRule,
      spec: {
        ...checkoutRule.spec,
        subsets: [...(checkoutRule.spec.subsets ?? []), { name: 'v3', labels: { version: 'v3' } }],
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5, baseEjectionTime: '30s' } },
      },
    };
    expect(summarizeSpecChange(checkoutRule, rule)).toEqual([
      'traffic policy: added outlier detection consecutive5xxErrors 5, baseEjectionTime 30s',
      'new subset v3 (version=v3)',
    ]);
    const gateway: Gateway = {
      ...shopGateway,
      spec: {
        ...shopGateway.spec,
        servers: [
          ...(shopGateway.spec.servers ?? []),
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            hosts: ['a.example.com', 'b.example.com'],
            tls: { mode: 'SIMPLE', credentialName: 'ab-tls' },
          },
        ],
      },
    };
    expect(summarizeSpecChange(shopGateway, gateway)).toEqual([
      'new server 443/HTTPS for a.example.com, b.example.com (TLS SIMPLE ab-tls)',
    ]);
  });

  it('is empty when nothing changed, and mentions fields it does not know by name', () => {
    expect(summarizeSpecChange(checkout, checkout)).toEqual([]);
    const odd = { ...checkout, spec: { ...checkout.spec, futureSpecField: ['other'] } } as VirtualService;
    expect(summarizeSpecChange(checkout, odd)).toEqual(['futureSpecField ["kept"] → ["other"]']);
  });
});
