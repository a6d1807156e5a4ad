import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import { startCluster } from '../../tools/cluster/cluster';
import { startControlServer } from '../../tools/cluster/control-server';
import { seedDemo } from '../../tools/cluster/seed';
import { E2E_PORTS } from './ports';

/**
 * A real local API server seeded with the demo mesh, and Weir (the production build) three
 * times: as the operator, as the auditor, and on a copy of the demo folder (no cluster).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('no production build: run `npx next build` first (npm test does)');
  }
  const cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  await seedDemo(loadKubeConfig({ kubeconfig: cluster.kubeconfig, context: 'admin' }));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-e2e-files-'));
  cpSync(path.join(process.cwd(), 'demo', 'mesh'), folder, { recursive: true });

  const apps = [
    startWeir(E2E_PORTS.operator, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'operator' }),
    startWeir(E2E_PORTS.auditor, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'auditor' }),
    startWeir(E2E_PORTS.files, { WEIR_MANIFESTS: folder }),
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
    for (const app of apps) app.process.kill('SIGTERM');
    await cluster.stop();
  };
}

function startWeir(
  port: number,
  env: Record<string, string>,
): { process: ChildProcess; ready: Promise<void> } {
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    // The specs' own NODE_OPTIONS (the react-server condition) is not for Next.
    env: {
      ...process.env,
      ...env,
      KUBECONFIG: env.KUBECONFIG ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`weir:${port} ${chunk}`));
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`weir on port ${port} exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/snapshot`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`weir on port ${port} did not answer within 60 s`);
  })();
  return { process: child, ready };
}
