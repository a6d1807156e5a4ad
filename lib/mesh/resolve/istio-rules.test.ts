// Istio's naming rules as tables. Rows marked with an Istio function come from that function's
// own tests or doc comment in istio/istio (pilot/pkg/model/config.go, virtualservice_test.go,
// pkg/config/host/name.go, names.go, pkg/config/labels/instance.go).
import { describe, expect, it } from 'vitest';
import {
  hostCandidates,
  hostCovers,
  hostIntersection,
  hostsOverlap,
  isClusterLocalHost,
  parseGatewayRef,
  resolveHost,
  selects,
  selectsSome,
  serverHostsFor,
  splitServerHost,
} from '.';

const known = new Set(['shop', 'payments']);

describe('resolveHost (ResolveShortnameToFQDN, plus Kubernetes DNS forms)', () => {
  it.each([
    // host, written in, resolved
    ['reviews', 'shop', 'reviews.shop.svc.cluster.local'], // short name: the object's namespace
    [' Reviews ', 'shop', 'reviews.shop.svc.cluster.local'],
    ['reviews', '', 'reviews'], // no namespace: Istio appends none
    ['reviews.shop', 'payments', 'reviews.shop.svc.cluster.local'], // name.namespace, known namespace
    ['charge.payments.svc', 'shop', 'charge.payments.svc.cluster.local'],
    ['reviews.shop.svc.cluster.local', 'payments', 'reviews.shop.svc.cluster.local'],
    ['example.com', 'shop', 'example.com'], // `com` is no namespace: external
    ['api.stripe.com', 'shop', 'api.stripe.com'],
    ['*', 'shop', '*'], // the literal wildcard is fully qualified
    ['*.shop.example', 'shop', '*.shop.example'],
    ['*.shop', 'shop', '*.shop'], // wildcards are never expanded
    ['10.0.0.7', 'shop', '10.0.0.7'], // IP addresses stay (netutil.IsValidIPAddress)
    ['2001:db8::7', 'shop', '2001:db8::7'],
    ['::1', 'shop', '::1'],
  ])('%j in %j is %j', (host, namespace, resolved) => {
    expect(resolveHost(host, namespace, known)).toBe(resolved);
  });

  it('counts every namespace as known when given no set', () => {
    expect(resolveHost('reviews.elsewhere', 'shop')).toBe('reviews.elsewhere.svc.cluster.local');
    expect(resolveHost('reviews.elsewhere', 'shop', known)).toBe('reviews.elsewhere');
  });

  it.each([
    ['Reviews', 'shop', ['reviews.shop.svc.cluster.local']],
    ['reviews.prod', 'shop', ['reviews.prod', 'reviews.prod.svc.cluster.local']],
    ['reviews.prod.svc', 'shop', ['reviews.prod.svc', 'reviews.prod.svc.cluster.local']],
    ['api.example.com', 'shop', ['api.example.com']],
    ['*.example.com', 'shop', ['*.example.com']],
    ['fe80::1', 'shop', ['fe80::1']],
  ])('hostCandidates(%j, %j) is Istio’s reading first, then the DNS one', (host, namespace, candidates) => {
    expect(hostCandidates(host, namespace)).toEqual(candidates);
  });

  it.each([
    ['reviews', true],
    ['reviews.prod', true],
    ['reviews.prod.svc.cluster.local', true],
    ['httpbin.org', false],
    ['api.example.com', false],
    ['10.1.2.3', false],
  ])('isClusterLocalHost(%j) is %j', (host, local) => {
    expect(isClusterLocalHost(host, new Set(['prod']))).toBe(local);
  });
});

describe('hostsOverlap (host.Name.Matches)', () => {
  it.each([
    ['foo.com', 'foo.com', true], // Istio's doc comment, row by row
    ['foo.com', 'bar.com', false],
    ['*.com', 'foo.com', true],
    ['bar.com', '*.com', true],
    ['*.foo.com', 'foo.com', false],
    ['*', 'foo.com', true],
    ['*', '*.com', true],
    ['shop.example.com', 'SHOP.example.com', true], // DNS names compare without case
    ['*.example.com', '*.shop.example.com', true],
    ['shop.example.com', '*', true],
    ['shop.example.com', 'blog.example.com', false],
    ['*.example.org', 'shop.example.com', false],
    ['*.a.example.com', '*.b.example.com', false],
  ])('%j and %j: %j', (a, b, overlap) => {
    expect(hostsOverlap(a, b)).toBe(overlap);
    expect(hostsOverlap(b, a)).toBe(overlap);
  });
});

describe('hostCovers (host.Name.SubsetOf, one way)', () => {
  it.each([
    // pattern, host, covered
    ['*.shop.svc.cluster.local', 'reviews.shop.svc.cluster.local', true],
    ['*', 'anything', true],
    ['*', '*.com', true],
    ['*.com', '*.foo.com', true],
    ['*.foo.com', '*.com', false], // a narrower wildcard does not cover a wider one
    ['foo.com', '*.com', false], // a name never covers a wildcard
    ['*.foo.com', 'foo.com', false],
    ['reviews.shop.svc.cluster.local', 'ratings.shop.svc.cluster.local', false],
  ])('%j covers %j: %j', (pattern, host, covered) => {
    expect(hostCovers(pattern, host)).toBe(covered);
  });
});

describe('hostIntersection (host.Names.Intersection)', () => {
  it.each([
    // server hosts, VirtualService hosts, the domains both name
    [['*.foo.com'], ['1.foo.com', '2.foo.com'], ['1.foo.com', '2.foo.com']], // Istio's gateway comment, case 1
    [['1.foo.com', '2.foo.com'], ['*.foo.com'], ['1.foo.com', '2.foo.com']], // and case 2
    [['*'], ['shop.example.com', '*.example.org'], ['shop.example.com', '*.example.org']],
    [['*.com'], ['*.foo.com'], ['*.foo.com']],
    [['shop.example.com'], ['blog.example.com'], []],
    [['*.foo.com', 'a.foo.com'], ['a.foo.com'], ['a.foo.com']], // each once
  ])('%j and %j share %j', (a, b, shared) => {
    expect(hostIntersection(a, b)).toEqual(shared);
  });
});

describe('parseGatewayRef (resolveGatewayName)', () => {
  it.each([
    // reference, VirtualService namespace, resolved
    ['./gateway', 'default', 'default/gateway'], // Istio's gatewayNameTests, row by row
    ['gateway', 'default', 'default/gateway'],
    ['default/gateway', 'foo', 'default/gateway'],
    ['gateway.default', 'default', 'default/gateway'],
    ['gateway.default', 'foo', 'default/gateway'],
    ['private.ingress.svc.cluster.local', 'foo', 'ingress/private'],
    ['gw', 'shop', 'shop/gw'],
    ['istio-system/gw', 'shop', 'istio-system/gw'],
    ['gw.istio-system.svc.cluster.local', 'shop', 'istio-system/gw'],
    ['gw.', 'shop', '/gw'], // the old form with nothing after the dot: no namespace at all
  ])('%j from %j is %j', (reference, vsNamespace, resolved) => {
    const ref = parseGatewayRef(reference, vsNamespace);
    expect(ref.mesh ? 'mesh' : `${ref.namespace}/${ref.name}`).toBe(resolved);
  });

  it('reads mesh as the sidecars', () => {
    expect(parseGatewayRef('mesh', 'shop')).toEqual({ mesh: true });
    expect(parseGatewayRef('gw', 'shop')).toEqual({ mesh: false, namespace: 'shop', name: 'gw' });
  });
});

describe('Gateway server hosts (sanitizeServerHostNamespace, NamesForNamespace)', () => {
  it.each([
    // entry, Gateway namespace, admits namespace, host
    ['shop/shop.example.com', 'istio-system', 'shop', 'shop.example.com'],
    ['./shop.example.com', 'istio-system', 'istio-system', 'shop.example.com'],
    ['*/shop.example.com', 'istio-system', '*', 'shop.example.com'],
    ['shop.example.com', 'istio-system', '*', 'shop.example.com'],
    ['*/*', 'istio-system', '*', '*'],
  ])('%j on a Gateway in %j admits %j for %j', (entry, gatewayNamespace, namespace, host) => {
    expect(splitServerHost(entry, gatewayNamespace)).toEqual({ namespace, host });
  });

  it.each([
    // Istio's doc comment on NamesForNamespace, row by row
    [['ns1/foo.com', 'ns2/bar.com'], 'ns1', ['foo.com']],
    [['ns1/foo.com', 'ns2/bar.com'], 'ns3', []],
    [['ns1/foo.com', '*/bar.com'], 'ns1', ['foo.com', 'bar.com']],
    [['ns1/foo.com', '*/bar.com'], 'ns3', ['bar.com']],
    [['foo.com', 'ns2/bar.com'], 'ns2', ['foo.com', 'bar.com']],
    [['foo.com', 'ns2/bar.com'], 'ns3', ['foo.com']],
    [['./foo.com', 'bar.com'], 'gw-ns', ['foo.com', 'bar.com']], // `./` is the Gateway's namespace
    [['./foo.com', 'bar.com'], 'ns1', ['bar.com']],
  ])('%j admits from %j: %j', (entries, vsNamespace, hosts) => {
    expect(serverHostsFor(entries, 'gw-ns', vsNamespace)).toEqual(hosts);
  });
});

describe('label selection (labels.Instance.SubsetOf and Match)', () => {
  it.each([
    // selector, labels, SubsetOf, Match
    [{ app: 'cart', version: 'v1' }, { app: 'cart', version: 'v1', team: 'shop' }, true, true],
    [{ app: 'cart', version: 'v2' }, { app: 'cart', version: 'v1' }, false, false],
    [{ app: 'cart' }, undefined, false, false],
    [{}, undefined, true, false], // empty: SubsetOf of anything, Match of nothing
    [{}, { app: 'cart' }, true, false],
  ])('%j on %j: selects %j, selectsSome %j', (selector, labels, subset, match) => {
    expect(selects(selector, labels)).toBe(subset);
    expect(selectsSome(selector, labels)).toBe(match);
  });
});
