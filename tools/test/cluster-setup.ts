import type { TestProject } from 'vitest/node';
import { startCluster } from '../cluster/cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    server: string;
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
    return async () => {};
  }
  const cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  project.provide('kubeconfig', cluster.kubeconfig);
  project.provide('server', cluster.server);
  return () => cluster.stop();
}
