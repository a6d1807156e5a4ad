import { describe, expect, it } from 'vitest';
import { checkDuration, checkPort } from './field-checks';
import { routeFieldErrors, specFieldErrors } from './field-errors';

const said = (errors: ReadonlyArray<{ path: string; message: string }>) =>
  errors.map((e) => `${e.path}: ${e.message}`);

describe('routeFieldErrors', () => {
  it('names an HTTP route’s errors from the route down', () => {
    expect(
      said(routeFieldErrors('http', { timeout: 'soon', route: [{ destination: { host: '' } }] })),
    ).toEqual([`timeout: ${checkDuration('soon')}`, 'route[0].destination.host: a destination needs a host']);
  });

  it('names a TCP route’s errors from the route down', () => {
    expect(said(routeFieldErrors('tcp', { match: [{ port: 70000 }] }))).toEqual([
      `match[0].port: ${checkPort(70000)}`,
    ]);
  });

  it('keeps the rules of a TLS route, said at the route’s own fields', () => {
    expect(said(routeFieldErrors('tls', {}))).toEqual(['match: a TLS route needs at least one match block']);
    expect(said(routeFieldErrors('tls', { match: [{ sniHosts: [] }] }))).toEqual([
      'match[0].sniHosts: a TLS match needs at least one SNI host',
    ]);
  });

  it('judges the route by its own kind: an HTTP route in the TLS form is held to the TLS rules', () => {
    expect(routeFieldErrors('http', {})).toEqual([]);
    expect(routeFieldErrors('tls', {}).map((e) => e.path)).toEqual(['match']);
  });

  it('finds nothing in a route that checks out', () => {
    expect(routeFieldErrors('tls', { match: [{ sniHosts: ['shop.example.com'] }] })).toEqual([]);
  });
});

describe('ISTIO_MUTUAL certificates', () => {
  const message = 'ISTIO_MUTUAL uses the mesh’s certificates: leave this empty';

  it('are refused field by field on the client side (a DestinationRule)', () => {
    const tls = {
      mode: 'ISTIO_MUTUAL',
      credentialName: 'c',
      clientCertificate: '/c.pem',
      privateKey: '/k.pem',
      caCertificates: '/ca.pem',
      sni: 'shop',
    };
    expect(said(specFieldErrors({ host: 'shop', trafficPolicy: { tls } }))).toEqual(
      ['credentialName', 'clientCertificate', 'privateKey', 'caCertificates'].map(
        (key) => `trafficPolicy.tls.${key}: ${message}`,
      ),
    );
  });

  it('are refused field by field on the server side (a Gateway)', () => {
    const tls = {
      mode: 'ISTIO_MUTUAL',
      credentialName: 'c',
      serverCertificate: '/c.pem',
      privateKey: '/k.pem',
      caCertificates: '/ca.pem',
    };
    expect(said(specFieldErrors({ servers: [{ port: { number: 443 }, hosts: ['a'], tls }] }))).toEqual(
      ['credentialName', 'serverCertificate', 'privateKey', 'caCertificates'].map(
        (key) => `servers[0].tls.${key}: ${message}`,
      ),
    );
  });
});

describe('keys named like Object.prototype members', () => {
  // fast-check found this: `valueOf: null` in a route made the lookup call Object.prototype.valueOf.
  it.each(['valueOf', 'hasOwnProperty', 'constructor', 'toString', '__proto__'])(
    'a field named %s is an unknown field, not a check',
    (key) => {
      const route = JSON.parse(`{"${key}": null, "route": [{"destination": {"host": "a", "${key}": null}}]}`);
      expect(routeFieldErrors('http', route)).toEqual([]);
    },
  );
});

// The rules of Istio's ServiceEntry CRD (x-kubernetes-validations), told before a dry run.
describe('ServiceEntry fields', () => {
  const entry = { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] };
  it('a well-formed entry has no error', () => {
    expect(specFieldErrors({ ...entry, resolution: 'DNS', location: 'MESH_EXTERNAL' })).toEqual([]);
    expect(specFieldErrors({ ...entry, resolution: 'STATIC', endpoints: [{ address: '10.0.0.1' }] })).toEqual(
      [],
    );
    expect(specFieldErrors({ ...entry, workloadSelector: { labels: { app: 'db' } } })).toEqual([]);
  });
  it('says what the CRD would refuse, at the field', () => {
    expect(said(specFieldErrors({ ...entry, endpoints: [{ address: '10.0.0.1' }] }))).toEqual([
      'endpoints: resolution NONE (the default) cannot set endpoints',
    ]);
    expect(
      said(
        specFieldErrors({
          ...entry,
          resolution: 'STATIC',
          endpoints: [{ address: '10.0.0.1' }, {}],
          workloadSelector: { labels: { app: 'db' } },
        }),
      ),
    ).toEqual([
      'workloadSelector: only one of workloadSelector or endpoints can be set',
      'endpoints[1].address: an endpoint needs an address',
    ]);
    expect(
      said(
        specFieldErrors({
          ...entry,
          resolution: 'DNS_ROUND_ROBIN',
          endpoints: [{ address: 'a' }, { address: 'b' }],
        }),
      ),
    ).toEqual(['endpoints: DNS_ROUND_ROBIN cannot have more than one endpoint']);
    expect(
      said(specFieldErrors({ hosts: ['a.com'], ports: [{ number: 443 }, { number: 443 }, { number: 0 }] })),
    ).toEqual([`ports[2].number: ${checkPort(0)}`, 'ports[1].number: port 443 is already declared above']);
  });
});
