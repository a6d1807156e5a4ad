import type { MeshSnapshot } from '../mesh/types';
import { snapshotFromYaml } from '../validate/yaml-fixtures';

/** A snapshot from YAML documents, for the trace's tests. */
export function meshOf(...documents: string[]): MeshSnapshot {
  return snapshotFromYaml([{ file: 'test.yaml', text: documents.join('\n---\n') }]);
}

/** A Gateway `ingress` in istio-system on port 80 (HTTP) with the given server hosts. */
export function gateway(
  hosts: string[],
  name = 'ingress',
  namespace = 'istio-system',
  port = 80,
  protocol = 'HTTP',
): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: ${port}, name: p${port}, protocol: ${protocol}}
      hosts: ${JSON.stringify(hosts)}`;
}

/** A Service with one port. */
export function service(name: string, namespace: string, port = 80): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: ${port}}]`;
}
