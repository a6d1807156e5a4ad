import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../validate';
import { snapshotFromYaml } from '../yaml-fixtures';

const fixture = (code: string, kind: string) => {
  const file = fileURLToPath(new URL(`../fixtures/${code}/${kind}.yaml`, import.meta.url));
  return { file, text: readFileSync(file, 'utf8') };
};
const codes = (files: { file: string; text: string }[]) =>
  validate(snapshotFromYaml(files)).map((f) => f.code);

describe('outbound rules', () => {
  it('an unregistered external host: a warning under ALLOW_ANY, an error once a Sidecar says REGISTRY_ONLY', () => {
    const route = fixture('VS_EXTERNAL_HOST_UNKNOWN', 'positive');
    expect(codes([route])).toEqual(['VS_EXTERNAL_HOST_UNKNOWN']);
    const registryOnly = {
      file: 'sidecar.yaml',
      text: 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: shop}\nspec:\n  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n',
    };
    expect(codes([route, registryOnly])).toEqual(['OUTBOUND_HOST_BLOCKED']);
  });

  it('with the mesh config unknown: neither blocked nor allowed is claimed, and a Sidecar still decides', () => {
    const route = fixture('VS_EXTERNAL_HOST_UNKNOWN', 'positive');
    const unknown = (files: { file: string; text: string }[]) => {
      const snapshot = snapshotFromYaml(files);
      snapshot.sync = {
        ...snapshot.sync,
        meshConfig: {
          namespace: 'istio-system',
          name: 'istio',
          unknown: 'Weir may not read istio-system/istio',
        },
      };
      return validate(snapshot);
    };
    const [finding, ...rest] = unknown([route]);
    expect(rest).toEqual([]);
    expect(finding?.code).toBe('VS_EXTERNAL_HOST_UNKNOWN');
    expect(finding?.message).toContain(
      'The outbound policy is unknown in shop (Weir may not read istio-system/istio): under REGISTRY_ONLY',
    );
    expect(finding?.message).not.toContain('The outbound policy is ALLOW_ANY');
    // A REGISTRY_ONLY mesh config blocks when known; said unknown, it claims nothing.
    const registryOnlyConfig = {
      file: 'mesh.yaml',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: "outboundTrafficPolicy: {mode: REGISTRY_ONLY}"\n',
    };
    expect(codes([route, registryOnlyConfig])).toEqual(['OUTBOUND_HOST_BLOCKED']);
    expect(unknown([route, registryOnlyConfig]).map((f) => f.code)).toEqual(['VS_EXTERNAL_HOST_UNKNOWN']);
    const sidecar = (mode: string) => ({
      file: 'sidecar.yaml',
      text: `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: shop}\nspec:\n  outboundTrafficPolicy: {mode: ${mode}}\n`,
    });
    expect(unknown([route, sidecar('REGISTRY_ONLY')]).map((f) => f.code)).toEqual(['OUTBOUND_HOST_BLOCKED']);
    const allowed = unknown([route, sidecar('ALLOW_ANY')]);
    expect(allowed.map((f) => f.code)).toEqual(['VS_EXTERNAL_HOST_UNKNOWN']);
    expect(allowed[0]?.message).toContain('The outbound policy is ALLOW_ANY');
  });

  it('the egress gateway route: a subset of the gateway Service no DestinationRule defines is VS_SUBSET_NOT_FOUND', () => {
    const task = fixture('VS_GATEWAY_ROUTE_NOT_SERVED', 'negative');
    const noRule = { ...task, text: task.text.replace(/- name: cnn/, '- name: other') };
    expect(codes([noRule])).toEqual(['VS_SUBSET_NOT_FOUND']);
  });

  it('an SNI host the egress Gateway does not serve', () => {
    const task = fixture('VS_GATEWAY_ROUTE_NOT_SERVED', 'negative');
    const [head, gatewayRoute] = task.text.split('- istio-system/istio-egressgateway\n          port: 443');
    const text = `${head}- istio-system/istio-egressgateway\n          port: 443${gatewayRoute?.replace('- edition.cnn.com', '- www.cnn.com')}`;
    // The SNI host is one of the VirtualService's (admission wants that), not the server's.
    const withHost = text.replace(
      'hosts:\n    - edition.cnn.com\n  gateways',
      'hosts:\n    - edition.cnn.com\n    - www.cnn.com\n  gateways',
    );
    const findings = validate(snapshotFromYaml([{ ...task, text: withHost }]));
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['VS_GATEWAY_ROUTE_NOT_SERVED', 'spec.tls[1].match[0]'],
    ]);
    expect(findings[0]?.message).toContain('accepts SNI www.cnn.com');
  });
});
