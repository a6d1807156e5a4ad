import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalOidc, oidcInfoFile, startCluster } from '../cluster/cluster';
import { startControlServer } from '../cluster/control-server';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    server: string;
    /** The control server's URL (tools/cluster/control-server.ts); empty for a reused cluster. */
    control: string;
  }
}

/**
 * Test files run in worker processes started after this setup: they inherit this variable, so
 * Weir's OIDC client in them trusts the local provider's private CA as a deployment would.
 */
function trustOidcCa(kubeconfig: string): void {
  const file = oidcInfoFile(kubeconfig);
  if (!existsSync(file)) return;
  const { caFile } = JSON.parse(readFileSync(file, 'utf8')) as LocalOidc;
  const already = process.env.NODE_EXTRA_CA_CERTS;
  if (!already) {
    process.env.NODE_EXTRA_CA_CERTS = caFile;
    return;
  }
  const bundle = path.join(path.dirname(file), 'extra-ca-certs.pem');
  writeFileSync(bundle, `${readFileSync(already, 'utf8')}\n${readFileSync(caFile, 'utf8')}`);
  process.env.NODE_EXTRA_CA_CERTS = bundle;
}

/**
 * One real local API server for the whole integration run (tools/cluster). WEIR_TEST_KUBECONFIG
 * reuses a running one (e.g. from `npm run cluster`) instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.WEIR_TEST_KUBECONFIG;
  if (existing) {
    trustOidcCa(existing);
    project.provide('kubeconfig', existing);
    project.provide('server', '');
    // A reused cluster's control server, when whoever started it runs one (WEIR_TEST_CONTROL).
    project.provide('control', process.env.WEIR_TEST_CONTROL ?? '');
    return async () => {};
  }
  const cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  trustOidcCa(cluster.kubeconfig);
  project.provide('kubeconfig', cluster.kubeconfig);
  project.provide('server', cluster.server);
  const control = await startControlServer(cluster);
  project.provide('control', control.url);
  return async () => {
    await control.close();
    await cluster.stop();
  };
}
