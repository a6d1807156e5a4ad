// Propagation latency: a weight changed in the API server → the new text in the browser's DOM.
// Also the time to the first rendered graph of the demo. Prints JSON lines.
// Run: npx next build && npx tsx --conditions=react-server bench/propagation.ts
import { kubeRequest } from '../lib/kube/request';
import { printLatencies, startStack } from './support/stack';

const RUNS = Number(process.env.RUNS ?? 50);
const path = '/apis/networking.istio.io/v1/namespaces/shop/virtualservices/catalog';
interface Vs {
  spec: { http: Array<{ route: Array<{ weight?: number }> }> };
}

const stack = await startStack();
try {
  const page = await stack.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const label = page.getByTestId('weight:shop/catalog/http/0/1');
  const opened = performance.now();
  await page.goto(stack.url);
  await label.waitFor();
  console.log(JSON.stringify({ bench: 'first-graph', ms: Math.round(performance.now() - opened) }));

  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const canary = 11 + (i % 80);
    const vs = await kubeRequest<Vs>(stack.admin, { method: 'GET', path });
    const route = vs.spec.http[0]?.route ?? [];
    route[0] = { ...route[0], weight: 100 - canary };
    route[1] = { ...route[1], weight: canary };
    const waiting = page.waitForFunction(
      (text) => document.querySelector('[data-testid="weight:shop/catalog/http/0/1"]')?.textContent === text,
      `${canary}%`,
      { polling: 'raf', timeout: 10_000 },
    );
    const started = performance.now();
    await kubeRequest(stack.admin, { method: 'PUT', path, body: vs });
    await waiting;
    latencies.push(performance.now() - started);
  }
  printLatencies('propagation', latencies);
} finally {
  await stack.stop();
}
