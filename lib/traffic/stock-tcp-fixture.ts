// Test manifests added to the demo mesh, for lib/traffic's and tools/traffic's tests alike: a
// TCP route (a database behind a VirtualService's tcp: section) in shop, split 80/20 between
// two versions. Istio counts its connections in istio_tcp_* only, never in istio_requests_total.
const pod = (version: string, suffix: string) => `apiVersion: v1
kind: Pod
metadata:
  name: stock-${version}-5d8f7c9b4-${suffix}
  namespace: shop
  labels: { app: stock, version: ${version} }
spec:
  containers: [{ name: stock, image: registry.invalid/shop/stock:1 }]
status:
  phase: Running
  conditions: [{ type: Ready, status: "True" }]
`;
export const STOCK_TCP_ROUTE = [
  `apiVersion: v1
kind: Service
metadata: { name: stock, namespace: shop }
spec:
  selector: { app: stock }
  ports: [{ name: tcp-postgres, port: 5432, targetPort: 5432 }]
`,
  pod('v1', 'k2x9p'),
  pod('v2', 'q7m4w'),
  `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: stock, namespace: shop }
spec:
  host: stock
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }]
`,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: stock, namespace: shop }
spec:
  hosts: [stock]
  tcp:
    - match: [{ port: 5432 }]
      route:
        - { destination: { host: stock, subset: v1 }, weight: 80 }
        - { destination: { host: stock, subset: v2 }, weight: 20 }
`,
].join('---\n');
