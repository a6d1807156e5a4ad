import type { TestProject } from 'vitest/node';
import { startCluster } from '../cluster/cluster';
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
 * One real local API server for the whole integration run (tools/cluster). WEIR_TEST_KUBECONFIG
 * reuses a running one (e.g. from `npm run cluster`) instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.WEIR_TEST_KUBECONFIG;
  if (existing) {
    project.provide('kubeconfig', existing);
    project.provide('server', '');
    project.provide('control', '');
    return async () => {};
  }
  const cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  project.provide('kubeconfig', cluster.kubeconfig);
  project.provide('server', cluster.server);
  const control = await startControlServer(cluster);
  project.provide('control', control.url);
  return async () => {
    await control.close();
    await cluster.stop();
  };
}
