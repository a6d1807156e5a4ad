// Gateway API objects as the trace-oracle (istiod's own controllers) meets them, in one place
// for the tracer's comparison (trace-oracle-gateway-api.ts) and the rules' (gateway-api-
// oracle.test.ts): Kubernetes objects in the `kube` text, stored as the API server stores them
// (the CRDs' defaults filled in: istiod only ever reads stored objects), a GatewayClass `istio`
// that Istio's controller takes, and the router proxy of a Gateway's deployment, labelled as
// istiod's deployment controller labels its pods.
import YAML from 'yaml';
import { GATEWAY_NAME_LABEL } from '../../lib/mesh/gateway-api-types';
import { withStoredDefaults } from './crd-defaults';
import type { OracleCall, OracleProxy } from './trace-oracle';

/** The address istiod's fake discovery server gives a proxy. */
export const PROXY_ADDRESS = '1.1.1.1';

/** The class whose Gateways Istio's own controller takes. */
export const ISTIO_GATEWAY_CLASS = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name: 'istio' },
  spec: { controllerName: 'istio.io/gateway-controller' },
} as const;

/** One object of the `kube` (or `config`) text: as stored (CRD defaults), as JSON (Go's YAML 1.1 reader takes a bare `yes` for a boolean), without Weir's `source`. */
export function oracleManifest(object: object): string {
  const { source: _source, ...rest } = object as { source?: unknown };
  return `${JSON.stringify(withStoredDefaults(rest as Record<string, unknown>))}\n`;
}

/** The `kube` text of objects. */
export function kubeText(objects: readonly object[]): string {
  return objects.map(oracleManifest).join('---\n');
}

/** The `kube` text of a YAML stream, each document as the API server would store it. */
export function kubeTextFromYaml(yaml: string): string {
  const objects = YAML.parseAllDocuments(yaml)
    .map((doc) => doc.toJS() as object | null)
    .filter((o): o is object => o !== null);
  return kubeText(objects);
}

/** The router proxy of Gateway `namespace/name`'s deployment, making `calls`. */
export function gatewayProxy(input: {
  id: string;
  namespace: string;
  name: string;
  calls: OracleCall[];
  /** More labels on its pods (an Istio Gateway's selector, say). */
  labels?: Record<string, string>;
}): OracleProxy {
  const { id, namespace, name, calls, labels } = input;
  return { id, type: 'router', namespace, labels: { [GATEWAY_NAME_LABEL]: name, ...labels }, calls };
}
