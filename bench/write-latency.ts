// Slider release → the VirtualService updated in the API server, observed through a watch.
// Prints p50 and p99 over 50 changes as JSON lines.
// Run: npx next build && npx tsx --conditions=react-server bench/write-latency.ts
import { watchPath } from '../lib/kube/watch';
import { printLatencies, startStack } from './support/stack';

const RUNS = Number(process.env.RUNS ?? 50);

interface Vs {
  spec: { http: Array<{ route: Array<{ weight?: number }> }> };
}

const stack = await startStack(3308);
try {
  let onChange: (canary: number) => void = () => {};
  const stopWatching = await watchPath<Vs>(
    stack.admin,
    '/apis/networking.istio.io/v1/namespaces/shop/virtualservices',
    { fieldSelector: 'metadata.name=catalog' },
    (phase, object) => {
      if (phase === 'MODIFIED') onChange(object.spec.http[0]?.route[1]?.weight ?? -1);
    },
  );
  const page = await stack.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(stack.url);
  await page.getByTestId('weight:shop/catalog/http/0/1').click();
  const slider = page.getByRole('slider', { name: 'Weight of catalog v2 in shop/catalog http[0]' }).first();
  await slider.focus();

  const latencies: number[] = [];
  let canary = 10;
  for (let i = 0; i < RUNS; i++) {
    const up = i % 40 < 20;
    canary += up ? 1 : -1;
    const landed = new Promise<void>((resolve) => {
      onChange = (weight) => weight === canary && resolve();
    });
    const started = performance.now();
    // A key press is a whole gesture: pressed and released, written on release.
    await page.keyboard.press(up ? 'ArrowUp' : 'ArrowDown');
    await landed;
    latencies.push(performance.now() - started);
    // Let the screen settle on the saved version before the next gesture.
    await page.waitForTimeout(50);
  }
  stopWatching();
  printLatencies('slider-write', latencies);
} finally {
  await stack.stop();
}
