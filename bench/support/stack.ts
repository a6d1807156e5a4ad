import { existsSync } from 'node:fs';
import os from 'node:os';
import { type Browser, chromium } from '@playwright/test';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import type { KubeConfig } from '../../lib/kube/watch';
import { type LocalCluster, startCluster } from '../../tools/cluster/cluster';
import { seedDemo } from '../../tools/cluster/seed';
import { chromiumLaunchOptions } from '../../tools/test/chromium';
import { startWeir, type WeirServer } from '../../tools/test/weir-server';

export interface Stack {
  cluster: LocalCluster;
  admin: KubeConfig;
  url: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The local API server with the demo mesh, Weir's production build as the operator, and Chromium.
 * BENCH_PORT serves Weir elsewhere, WEIR_DIST_DIR another build (several benches on one machine).
 */
export async function startStack(defaultPort = 3307): Promise<Stack> {
  const port = Number(process.env.BENCH_PORT ?? defaultPort);
  const dist = process.env.WEIR_DIST_DIR || '.next';
  if (!existsSync(`${dist}/BUILD_ID`)) throw new Error(`run \`npx next build\` first (${dist})`);
  const cluster = await startCluster();
  const admin = loadKubeConfig({ kubeconfig: cluster.kubeconfig, context: 'admin' });
  let weir: WeirServer | undefined;
  let browser: Browser;
  try {
    await seedDemo(admin);
    weir = startWeir(port, { KUBECONFIG: cluster.kubeconfig, WEIR_CONTEXT: 'operator' });
    await weir.ready;
    browser = await chromium.launch(chromiumLaunchOptions);
  } catch (error) {
    // A stack that did not start leaves nothing running (a port in use left the cluster up).
    weir?.stop();
    await cluster.stop();
    throw error;
  }
  return {
    cluster,
    admin,
    url: `http://127.0.0.1:${port}`,
    browser,
    async stop() {
      await browser.close();
      weir?.stop();
      await cluster.stop();
    },
  };
}

/** Prints one benchmark's latencies as a JSON line: min, p50, p99 and max in milliseconds, and the load average. */
export function printLatencies(bench: string, latencies: number[]): void {
  console.log(
    JSON.stringify({
      bench,
      runs: latencies.length,
      min_ms: Math.round(Math.min(...latencies)),
      p50_ms: Math.round(percentile(latencies, 50)),
      p99_ms: Math.round(percentile(latencies, 99)),
      max_ms: Math.round(Math.max(...latencies)),
      load: os.loadavg().map((load) => Math.round(load * 100) / 100),
    }),
  );
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
