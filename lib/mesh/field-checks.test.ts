import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCidr,
  checkDefaultEndpoint,
  checkDuration,
  checkHttpStatus,
  checkPercent,
  checkPort,
  checkRegex,
  checkSniHost,
  checkTlsVersion,
  checkTlsVersionOrder,
  duplicateNames,
} from './field-checks';
import { errorAt, pathText, specFieldErrors } from './field-errors';

describe('field checks', () => {
  it('durations as Istio writes them', () => {
    for (const ok of ['5s', '1.5h', '250ms', '10us', '3µs', '100ns', '2m'])
      expect(checkDuration(ok)).toBeUndefined();
    for (const bad of ['5', '5 s', 's', '-1s', '1d', 5]) expect(checkDuration(bad)).toMatch(/not a duration/);
  });

  it('regexes compile (RE2-only features are named)', () => {
    expect(checkRegex('^/api/v[0-9]+')).toBeUndefined();
    expect(checkRegex('/(a')).toMatch(/not a valid regular expression/);
    expect(checkRegex('(?=x)')).toMatch(/RE2/);
    expect(checkRegex('(a)\\1')).toMatch(/RE2/);
  });

  it('percentages, ports, statuses and duplicates', () => {
    expect(checkPercent(10)).toBeUndefined();
    expect(checkPercent(0.5)).toBeUndefined();
    expect(checkPercent(101)).toMatch(/0 to 100/);
    expect(checkPort(443)).toBeUndefined();
    expect(checkPort(0)).toMatch(/1 to 65535/);
    expect(checkPort(65536)).toMatch(/1 to 65535/);
    expect(checkHttpStatus(503)).toBeUndefined();
    expect(checkHttpStatus(600)).toMatch(/200 to 599/);
    expect(duplicateNames(['v1', 'v2', 'v1', undefined, 'v1'])).toEqual(['v1']);
  });

  it('finds each bad field of a spec by its path', () => {
    expect(
      specFieldErrors({
        http: [
          {
            match: [{ port: 0, headers: { a: { regex: '[' } } }],
            fault: { abort: { httpStatus: 700, percentage: { value: 200 } } },
          },
        ],
      }).map((e) => e.path),
    ).toEqual([
      'http[0].match[0].port',
      'http[0].match[0].headers.a.regex',
      'http[0].fault.abort.httpStatus',
      'http[0].fault.abort.percentage.value',
    ]);
  });

  it('CIDR blocks and addresses, IPv4 and IPv6', () => {
    for (const ok of [
      '10.0.0.0/8',
      '10.1.2.3',
      '0.0.0.0/0',
      '192.168.1.0/24',
      'fd00::/8',
      '::1',
      '2001:db8::ff00:42:8329/64',
      '::ffff:10.0.0.1',
    ])
      expect(checkCidr(ok), ok).toBeUndefined();
    for (const bad of [
      '10.0.0/8',
      '10.0.0.256',
      '10.0.0.0/33',
      '10.0.0.0/',
      'fd00::/129',
      '1::2::3',
      'gg::1',
      'web',
      '10.0.0.0/8/8',
      3,
    ])
      expect(checkCidr(bad), String(bad)).toMatch(/not an IP address|prefix length/);
  });

  it('SNI host names, with a leading wildcard', () => {
    for (const ok of ['shop.example.com', '*.example.com', '*', 'a-b.c1'])
      expect(checkSniHost(ok)).toBeUndefined();
    for (const bad of ['shop..com', 'a.*.com', '-a.com', 'has space.com', 'ex_ample.com'])
      expect(checkSniHost(bad), bad).toMatch(/not a host name/);
  });

  it('TLS versions and their order', () => {
    expect(checkTlsVersion('TLSV1_2')).toBeUndefined();
    expect(checkTlsVersion('TLSv1.2')).toMatch(/not a TLS version/);
    expect(checkTlsVersionOrder('TLSV1_2', 'TLSV1_3')).toBeUndefined();
    expect(checkTlsVersionOrder('TLSV1_2', 'TLSV1_2')).toBeUndefined();
    expect(checkTlsVersionOrder('TLS_AUTO', 'TLSV1_0')).toBeUndefined();
    expect(checkTlsVersionOrder('TLSV1_3', 'TLSV1_1')).toMatch(/above the maximum/);
  });

  it('default endpoints of a gateway server', () => {
    for (const ok of [
      '127.0.0.1:8080',
      '0.0.0.0:9000',
      '[::1]:80',
      'unix:///var/run/app.sock',
      'unix://@abstract',
    ])
      expect(checkDefaultEndpoint(ok), ok).toBeUndefined();
    for (const bad of ['10.0.0.1:8080', '127.0.0.1', '127.0.0.1:0', 'unix://'])
      expect(checkDefaultEndpoint(bad), bad).toMatch(/not a default endpoint/);
  });

  it('checks each item of destination subnets and SNI hosts, and asks a TLS match for SNI', () => {
    const errors = specFieldErrors({
      tcp: [{ match: [{ destinationSubnets: ['10.0.0.0/8', '10.0.0.0/40'] }] }],
      tls: [{ match: [{ sniHosts: ['ok.example.com', 'bad..host'] }, { port: 443 }] }, { route: [] }],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'tcp[0].match[0].destinationSubnets[1]',
      'tls[0].match[0].sniHosts[1]',
      'tls[0].match[1].sniHosts',
      'tls[1].match',
    ]);
    expect(errorAt(errors, 'tls[0].match[1].sniHosts')).toMatch(/at least one SNI host/);
  });

  it('a DestinationRule: one entry per port at each level, and MUTUAL with its certificates', () => {
    const errors = specFieldErrors({
      host: 'catalog',
      trafficPolicy: {
        portLevelSettings: [{ port: { number: 80 } }, { port: { number: 80 } }, { tls: { mode: 'SIMPLE' } }],
      },
      subsets: [
        {
          name: 'v1',
          trafficPolicy: {
            tls: { mode: 'MUTUAL', clientCertificate: '/c.pem' },
            portLevelSettings: [
              { port: { number: 9080 }, tls: { mode: 'MUTUAL', credentialName: 'c' } },
              { port: { number: 9090 }, tls: { mode: 'ISTIO_MUTUAL', caCertificates: '/ca.pem' } },
            ],
          },
        },
      ],
    });
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'trafficPolicy.portLevelSettings[1].port.number: port 80 already has settings above: one entry per port',
      'trafficPolicy.portLevelSettings[2].port.number: port-level settings need a port number',
      'subsets[0].trafficPolicy.tls.privateKey: MUTUAL needs a credential name, or a client certificate and private key',
      'subsets[0].trafficPolicy.portLevelSettings[1].tls.caCertificates: ISTIO_MUTUAL uses the mesh’s certificates: leave this empty',
    ]);
  });

  it('a Gateway server: what each TLS mode needs, and TLS versions in order', () => {
    const server = (tls: Record<string, unknown>) => ({
      port: { number: 443, protocol: 'HTTPS' },
      hosts: ['a'],
      tls,
    });
    const paths = (tls: Record<string, unknown>) =>
      specFieldErrors({ servers: [server(tls)] }).map((e) => e.path);
    expect(paths({ mode: 'MUTUAL', credentialName: 'shop-tls' })).toEqual([]);
    expect(paths({ mode: 'PASSTHROUGH' })).toEqual([]);
    expect(paths({ mode: 'AUTO_PASSTHROUGH' })).toEqual([]);
    expect(paths({ mode: 'SIMPLE' })).toEqual(['servers[0].tls.credentialName']);
    expect(paths({ mode: 'SIMPLE', serverCertificate: '/c', privateKey: '/k' })).toEqual([]);
    expect(paths({ mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k' })).toEqual([
      'servers[0].tls.caCertificates',
    ]);
    expect(paths({ mode: 'ISTIO_MUTUAL', credentialName: 'x' })).toEqual(['servers[0].tls.credentialName']);
    expect(
      paths({
        mode: 'SIMPLE',
        credentialName: 'c',
        minProtocolVersion: 'TLSV1_3',
        maxProtocolVersion: 'TLSV1_2',
      }),
    ).toEqual(['servers[0].tls.maxProtocolVersion']);
  });
});

describe('field errors by path', () => {
  it('names a form field as errors do, and finds the error of a field or of one of its items', () => {
    expect(pathText(['trafficPolicy', 'portLevelSettings', 0, 'port', 'number'])).toBe(
      'trafficPolicy.portLevelSettings[0].port.number',
    );
    const errors = specFieldErrors({ tcp: [{ match: [{ destinationSubnets: ['x'], port: Number.NaN }] }] });
    expect(errorAt(errors, 'tcp[0].match[0].destinationSubnets')).toMatch(/not an IP address/);
    expect(errorAt(errors, 'tcp[0].match[0].port')).toBe('not a number');
    expect(errorAt(errors, 'tcp[0].match')).toBeUndefined();
  });
});

describe('field checks, as properties', () => {
  it('every IPv4 or IPv6 address, with or without a prefix in range, is a CIDR', () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.option(fc.integer({ min: 0, max: 32 })),
        (ip, prefix) => checkCidr(prefix === null ? ip : `${ip}/${prefix}`) === undefined,
      ),
    );
    fc.assert(
      fc.property(
        fc.ipV6(),
        fc.option(fc.integer({ min: 0, max: 128 })),
        (ip, prefix) => checkCidr(prefix === null ? ip : `${ip}/${prefix}`) === undefined,
      ),
    );
  });

  it('a prefix past the address size is refused', () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.integer({ min: 33, max: 999 }),
        (ip, p) => checkCidr(`${ip}/${p}`) !== undefined,
      ),
    );
  });

  it('every domain name, and its wildcard, is an SNI host', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        (name) => checkSniHost(name) === undefined && checkSniHost(`*.${name}`) === undefined,
      ),
    );
  });
});
