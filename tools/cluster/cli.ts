import path from 'node:path';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import { startCluster } from './cluster';
import { seedDemo } from './seed';

// `npm run cluster`: a real Kubernetes API on loopback with the demo mesh, until Ctrl-C.
const kubeconfigPath = path.resolve('.weir', 'cluster', 'kubeconfig');
const started = Date.now();
const cluster = await startCluster({ kubeconfigPath, log: (line) => console.log(`cluster: ${line}`) });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\ncluster: stopping kube-apiserver and etcd');
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const admin = loadKubeConfig({ kubeconfig: kubeconfigPath, context: 'admin' });
let count: number;
try {
  count = await seedDemo(admin);
} catch (error) {
  console.error(`cluster: seeding the demo mesh failed: ${error instanceof Error ? error.message : error}`);
  await cluster.stop();
  process.exit(1);
}
console.log(`cluster: seeded the demo mesh (${count} objects)`);
console.log(`cluster: up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${cluster.server}`);
console.log(`
kubeconfig: ${kubeconfigPath}
contexts:   operator (may edit routing, the default), auditor (read-only), outsider (no rights), admin

Run Weir against it in another terminal:
  KUBECONFIG=${path.relative(process.cwd(), kubeconfigPath)} npm start
Or sign in at the local OpenID provider (${cluster.oidc.issuer}; any password; olivia@weir.test is an
operator, arthur@weir.test an auditor):
  NODE_EXTRA_CA_CERTS=${cluster.oidc.caFile} KUBECONFIG=${path.relative(process.cwd(), kubeconfigPath)} WEIR_CONTEXT=weir \\
  WEIR_AUTH=oidc WEIR_PUBLIC_URL=http://localhost:3000 WEIR_OIDC_ISSUER=${cluster.oidc.issuer} \\
  WEIR_OIDC_CLIENT_ID=${cluster.oidc.publicClientId} WEIR_OIDC_SCOPES='openid email profile groups' npm start
Live traffic on the edges (tools/traffic and a Prometheus scraping it), in a third terminal:
  KUBECONFIG=${path.relative(process.cwd(), kubeconfigPath)} npm run traffic
then start Weir with WEIR_PROMETHEUS_URL=http://127.0.0.1:9090 added.
Or use kubectl:
  kubectl --kubeconfig ${path.relative(process.cwd(), kubeconfigPath)} get virtualservices -A

Ctrl-C stops it.`);
