import { describe, expect, it } from 'vitest';
import { brief } from '../test-fixtures';
import { validate } from '../validate';
import { snapshotFromYaml } from '../yaml-fixtures';

const gateway = (allowedRoutes: string, protocol = 'HTTP') => `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: infra }
spec:
  gatewayClassName: istio
  listeners:
    - { name: web, port: 80, protocol: ${protocol}${allowedRoutes ? `, allowedRoutes: ${allowedRoutes}` : ''} }
`;
const route = (kind: string, namespace: string) => `
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: { name: r, namespace: ${namespace} }
spec:
  parentRefs: [{ name: edge, namespace: infra }]
  rules: [{}]
`;
const namespaces = `
apiVersion: v1
kind: Namespace
metadata: { name: infra }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { edge: "yes" } }
---
apiVersion: v1
kind: Namespace
metadata: { name: misc }
`;

const found = (...docs: string[]) =>
  brief(
    validate(snapshotFromYaml([{ file: 'mesh.yaml', text: [namespaces, ...docs].join('\n---\n') }])),
  ).filter((line) => line.startsWith('GWAPI_ROUTE_NOT_ALLOWED'));

describe('GWAPI_ROUTE_NOT_ALLOWED: allowedRoutes by namespace and kind', () => {
  it.each([
    ['default (Same), route in the Gateway namespace', '', 'HTTPRoute', 'infra', false],
    ['default (Same), route elsewhere', '', 'HTTPRoute', 'shop', true],
    ['All', '{ namespaces: { from: All } }', 'HTTPRoute', 'misc', false],
    [
      'Selector matching the namespace labels',
      '{ namespaces: { from: Selector, selector: { matchLabels: { edge: "yes" } } } }',
      'HTTPRoute',
      'shop',
      false,
    ],
    [
      'Selector not matching',
      '{ namespaces: { from: Selector, selector: { matchLabels: { edge: "yes" } } } }',
      'HTTPRoute',
      'misc',
      true,
    ],
    ['kinds naming another kind', '{ kinds: [{ kind: GRPCRoute }] }', 'HTTPRoute', 'infra', true],
    ['default kinds of HTTP take GRPCRoute', '', 'GRPCRoute', 'infra', false],
    ['default kinds of HTTP refuse TCPRoute', '', 'TCPRoute', 'infra', true],
  ])('%s', (_name, allowed, kind, namespace, reported) => {
    expect(found(gateway(allowed), route(kind, namespace))).toEqual(
      reported ? [`GWAPI_ROUTE_NOT_ALLOWED ${kind}/${namespace}/r spec.parentRefs[0]`] : [],
    );
  });

  it('does not judge what it cannot read: matchExpressions, or a namespace it holds no labels for', () => {
    const expressions =
      '{ namespaces: { from: Selector, selector: { matchExpressions: [{ key: edge, operator: Exists }] } } }';
    expect(found(gateway(expressions), route('HTTPRoute', 'shop'))).toEqual([]);
    const labels = '{ namespaces: { from: Selector, selector: { matchLabels: { edge: "yes" } } } }';
    expect(found(gateway(labels), route('HTTPRoute', 'unlisted'))).toEqual([]);
  });

  it('says which listener admits what', () => {
    const findings = validate(
      snapshotFromYaml([
        { file: 'mesh.yaml', text: [namespaces, gateway(''), route('HTTPRoute', 'shop')].join('\n---\n') },
      ]),
    ).filter((f) => f.code === 'GWAPI_ROUTE_NOT_ALLOWED');
    expect(findings[0]?.message).toContain('web: routes from the same namespace (infra), the kinds of HTTP');
    expect(findings[0]?.severity).toBe('error');
  });
});
