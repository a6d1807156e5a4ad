// Propagation latency: a weight changed in the API server → the new text in the browser's DOM,
// for the demo's catalog VirtualService and for an HTTPRoute of the same pods (issue 17: the
// same figures for both kinds). Also the time to the first rendered graph of the demo. Prints
// JSON lines.
// Run: npx next build && npx tsx --conditions=react-server bench/propagation.ts
// (WEIR_DIST_DIR=<build folder>, BENCH_PORT=<port> to run beside others.)
import { kubeRequest } from '../lib/kube/request';
import { addHttpRoute, type BenchRoute, HTTP_ROUTE, showRoute, VIRTUAL_SERVICE } from './support/routes';
import { printLatencies, startStack } from './support/stack';

const RUNS = Number(process.env.RUNS ?? 50);

const stack = await startStack(3307);
try {
  await addHttpRoute(stack.admin);
  const page = await stack.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const opened = performance.now();
  await page.goto(`${stack.url}/?namespace=shop`);
  await page.getByTestId(VIRTUAL_SERVICE.testId).waitFor();
  console.log(JSON.stringify({ bench: 'first-graph', ms: Math.round(performance.now() - opened) }));

  for (const route of [VIRTUAL_SERVICE, HTTP_ROUTE] satisfies BenchRoute[]) {
    await showRoute(page, route);
    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const canary = 11 + (i % 80);
      const object = await kubeRequest<unknown>(stack.admin, { method: 'GET', path: route.path });
      const waiting = page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
        [route.testId, `${canary}%`] as const,
        { polling: 'raf', timeout: 10_000 },
      );
      const started = performance.now();
      await kubeRequest(stack.admin, {
        method: 'PUT',
        path: route.path,
        body: route.withCanary(object, canary),
      });
      await waiting;
      latencies.push(performance.now() - started);
    }
    printLatencies(`propagation${route.suffix}`, latencies);
  }
} finally {
  await stack.stop();
}
