import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import { startCluster } from '../../tools/cluster/cluster';
import { startControlServer } from '../../tools/cluster/control-server';
import { DEFAULT_REDIRECT_URIS, oidcCallback } from '../../tools/cluster/oidc-provider';
import { seedDemo } from '../../tools/cluster/seed';
import { startWeir } from '../../tools/test/weir-server';
import { E2E_PORTS } from './ports';

/**
 * A real local API server seeded with the demo mesh, and Weir (the production build) five
 * times: as the operator, as the auditor, on a copy of the demo folder (no cluster), with
 * token sign-in and with sign-in at the local OpenID provider (both as the least-privileged
 * `weir` user).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const distDir = process.env.WEIR_DIST_DIR || '.next';
  if (!existsSync(path.join(process.cwd(), distDir, 'BUILD_ID'))) {
    throw new Error(`no production build in ${distDir}: run \`npx next build\` first (npm test does)`);
  }
  const oidcWeir = `http://127.0.0.1:${E2E_PORTS.oidc}`;
  const cluster = await startCluster({
    log: (line) => console.log(`cluster: ${line}`),
    oidcRedirectUris: [...DEFAULT_REDIRECT_URIS, oidcCallback(oidcWeir)],
  });
  await seedDemo(loadKubeConfig({ kubeconfig: cluster.kubeconfig, context: 'admin' }));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-e2e-files-'));
  cpSync(path.join(process.cwd(), 'demo', 'mesh'), folder, { recursive: true });

  const apps = [
    // A short watch deadline, so the hung-api-server journey sees the page go stale quickly.
    startWeir(E2E_PORTS.operator, {
      KUBECONFIG: cluster.kubeconfig,
      WEIR_CONTEXT: 'operator',
      WEIR_WATCH_DEADLINE_SECONDS: '8',
    }),
    startWeir(E2E_PORTS.auditor, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'auditor' }),
    startWeir(E2E_PORTS.files, { WEIR_MANIFESTS: folder }),
    startWeir(E2E_PORTS.token, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'weir', WEIR_AUTH: 'token' }),
    startWeir(E2E_PORTS.oidc, {
      KUBECONFIG: cluster.kubeconfig,
      WEIR_CONTEXT: 'weir',
      WEIR_AUTH: 'oidc',
      WEIR_PUBLIC_URL: oidcWeir,
      WEIR_OIDC_ISSUER: cluster.oidc.issuer,
      WEIR_OIDC_CLIENT_ID: cluster.oidc.clientId,
      WEIR_OIDC_CLIENT_SECRET: cluster.oidc.clientSecret,
      WEIR_OIDC_SCOPES: 'openid email profile groups',
      WEIR_OIDC_PROVIDER_NAME: 'Weir Test ID',
      // What anyone whose provider has a private CA does: Node trusts it for the whole process.
      NODE_EXTRA_CA_CERTS: cluster.oidc.caFile,
    }),
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
