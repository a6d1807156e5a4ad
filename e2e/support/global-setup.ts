import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import { startCluster } from '../../tools/cluster/cluster';
import { startControlServer } from '../../tools/cluster/control-server';
import { seedDemo } from '../../tools/cluster/seed';
import { startWeir } from '../../tools/test/weir-server';
import { E2E_PORTS } from './ports';

/**
 * A real local API server seeded with the demo mesh, and Weir (the production build) four
 * times: as the operator, as the auditor, on a copy of the demo folder (no cluster), and
 * with token sign-in (Weir itself as the least-privileged `weir` user).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const distDir = process.env.WEIR_DIST_DIR || '.next';
  if (!existsSync(path.join(process.cwd(), distDir, 'BUILD_ID'))) {
    throw new Error(`no production build in ${distDir}: run \`npx next build\` first (npm test does)`);
  }
  const cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  await seedDemo(loadKubeConfig({ kubeconfig: cluster.kubeconfig, context: 'admin' }));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-e2e-files-'));
  cpSync(path.join(process.cwd(), 'demo', 'mesh'), folder, { recursive: true });

  const apps = [
    startWeir(E2E_PORTS.operator, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'operator' }),
    startWeir(E2E_PORTS.auditor, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'auditor' }),
    startWeir(E2E_PORTS.files, { WEIR_MANIFESTS: folder }),
    startWeir(E2E_PORTS.token, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'weir', WEIR_AUTH: 'token' }),
  ];
  process.env.WEIR_E2E_KUBECONFIG = cluster.kubeconfig;
  process.env.WEIR_E2E_FOLDER = folder;
  process.env.WEIR_E2E_CLUSTER_DIR = cluster.dir;
  await Promise.all(apps.map((app) => app.ready));
  // The api-server-restart journey stops and starts the API server through this process.
  const control = await startControlServer(cluster);
  process.env.WEIR_E2E_CONTROL = control.url;

  return async () => {
    await control.close();
    for (const app of apps) app.stop();
    await cluster.stop();
  };
}
