// Start-up of the local Kubernetes API (etcd, kube-apiserver, RBAC, CRDs established) with
// the binaries already built. Prints one JSON line per start.
// Run: npx tsx --conditions=react-server bench/cluster-start.ts
import { startCluster } from '../tools/cluster/cluster';

const RUNS = Number(process.env.RUNS ?? 3);
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const cluster = await startCluster();
  const ms = Math.round(performance.now() - started);
  await cluster.stop();
  console.log(JSON.stringify({ bench: 'cluster-start', ms }));
}
