import { describe, expect, it } from 'vitest';
import { describeFeatures, describeMatch, mirrorPercentOf } from './describe-route';

describe('describeMatch', () => {
  it('writes each condition in brief and joins match blocks with or', () => {
    expect(
      describeMatch('http', [
        { uri: { prefix: '/api' }, headers: { 'end-user': { exact: 'jason' } } },
        { queryParams: { v: { exact: '2' } }, method: { exact: 'GET' } },
      ]),
    ).toBe('uri prefix /api, header end-user=jason or method GET, query v=2');
  });

  it('says default without a match and handles regex, presence and ports', () => {
    expect(describeMatch('http', undefined)).toBe('default');
    expect(describeMatch('http', [])).toBe('default');
    expect(
      describeMatch('http', [{ headers: { cookie: { regex: '^(.*?;)?(user=jason)' }, 'x-canary': {} } }]),
    ).toBe('header cookie regex ^(.*?;)?(user=jason), header x-canary');
    expect(describeMatch('http', [{ port: 80 }])).toBe('port 80');
    expect(describeMatch('http', [{}])).toBe('any request');
  });

  it('describes tls and tcp matches', () => {
    expect(describeMatch('tls', [{ port: 443, sniHosts: ['foo.com'] }])).toBe('sni foo.com, port 443');
    expect(describeMatch('tcp', [{ port: 27017, sourceLabels: { app: 'billing' } }])).toBe(
      'port 27017, from app=billing',
    );
  });

  it('ignores garbage', () => {
    expect(describeMatch('http', 'nope')).toBe('default');
    expect(describeMatch('http', [null, 3])).toBe('any request or any request');
  });
});

describe('describeFeatures', () => {
  it('lists rewrite, timeout, retries, faults and mirrors in brief', () => {
    expect(
      describeFeatures({
        match: [{ uri: { prefix: '/login' } }],
        rewrite: { uri: '/' },
        timeout: '10s',
        retries: { attempts: 3, perTryTimeout: '2s' },
        fault: {
          delay: { fixedDelay: '5s', percentage: { value: 10 } },
          abort: { httpStatus: 503, percentage: { value: 5 } },
        },
        mirror: { host: 'reviews', subset: 'v2' },
        mirrorPercentage: { value: 10 },
      }),
    ).toEqual([
      'rewrite /login → /',
      'timeout 10s',
      'retries 3 × 2s',
      'fault delay 5s 10%',
      'fault abort 503 5%',
      'mirror reviews v2 10%',
    ]);
  });

  it('describes redirects, direct responses and delegation', () => {
    expect(
      describeFeatures({
        redirect: { uri: '/v1/bookings', authority: 'newratings.default.svc.cluster.local' },
      }),
    ).toEqual(['redirect newratings.default.svc.cluster.local/v1/bookings']);
    expect(describeFeatures({ redirect: { scheme: 'https', redirectCode: 301 } })).toEqual([
      'redirect https:// 301',
    ]);
    expect(describeFeatures({ directResponse: { status: 404 } })).toEqual(['direct response 404']);
    expect(describeFeatures({ delegate: { name: 'reviews-routes', namespace: 'shop' } })).toEqual([
      'delegate shop/reviews-routes',
    ]);
  });

  it('reads the old fault percent and mirror forms', () => {
    expect(describeFeatures({ fault: { delay: { fixedDelay: '7s', percent: 100 } } })).toEqual([
      'fault delay 7s 100%',
    ]);
    expect(mirrorPercentOf({ mirrorPercent: 30 })).toBe(30);
    expect(mirrorPercentOf({})).toBe(100);
    expect(
      describeFeatures({ mirrors: [{ destination: { host: 'audit' }, percentage: { value: 5 } }] }),
    ).toEqual(['mirror audit 5%']);
  });
});
