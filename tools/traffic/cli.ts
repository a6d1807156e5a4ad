import { loadKubeConfig } from '../../lib/kube/kube-config';
import { createFilesStore } from '../../lib/store/files';
import { createKubeStore } from '../../lib/store/kube/kube-store';
import { startPrometheus } from '../prometheus/prometheus';
import { startTrafficSource } from './traffic-source';

// `npm run traffic`: the test traffic source against the cluster in KUBECONFIG (or the folder
// in WEIR_MANIFESTS), and a Prometheus scraping it every second, until Ctrl-C.
const port = Number(process.env.TRAFFIC_PORT ?? 9464);
const prometheusPort = Number(process.env.TRAFFIC_PROMETHEUS_PORT ?? 9090);
const store = process.env.WEIR_MANIFESTS
  ? createFilesStore({ folder: process.env.WEIR_MANIFESTS })
  : createKubeStore({
      kc: loadKubeConfig({ kubeconfig: process.env.KUBECONFIG, context: process.env.WEIR_CONTEXT }),
    });
await store.start();
const source = await startTrafficSource({ snapshot: () => store.snapshot(), port });
const prometheus =
  process.env.TRAFFIC_PROMETHEUS === 'false'
    ? undefined
    : await startPrometheus({ port: prometheusPort, targets: [`127.0.0.1:${port}`] });
console.log(
  `traffic: Istio's metrics at ${source.url}/metrics; settings at ${source.url}/settings (GET, PUT)`,
);
if (prometheus)
  console.log(
    `traffic: Prometheus at ${prometheus.url}: start Weir with WEIR_PROMETHEUS_URL=${prometheus.url}`,
  );
const stop = async () => {
  await source.stop();
  await prometheus?.stop();
  await store.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
