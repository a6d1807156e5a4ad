// Slider release → the route updated in the API server, observed through a watch, for the
// demo's catalog VirtualService and for an HTTPRoute of the same pods (issue 17). Prints p50
// and p99 over 50 changes of each as JSON lines.
// Run: npx next build && npx tsx --conditions=react-server bench/write-latency.ts
// (WEIR_DIST_DIR=<build folder>, BENCH_PORT=<port> to run beside others.)
import { watchPath } from '../lib/kube/watch';
import { addHttpRoute, type BenchRoute, HTTP_ROUTE, showRoute, VIRTUAL_SERVICE } from './support/routes';
import { printLatencies, startStack } from './support/stack';

const RUNS = Number(process.env.RUNS ?? 50);

const stack = await startStack(3308);
try {
  await addHttpRoute(stack.admin);
  const page = await stack.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${stack.url}/?namespace=shop`);
  for (const route of [VIRTUAL_SERVICE, HTTP_ROUTE] satisfies BenchRoute[]) {
    let onChange: (canary: number) => void = () => {};
    const stopWatching = await watchPath<unknown>(
      stack.admin,
      route.collection,
      { fieldSelector: `metadata.name=${route.name}` },
      (phase, object) => {
        if (phase === 'MODIFIED') onChange(route.canary(object) ?? -1);
      },
    );
    await showRoute(page, route);
    await page.getByTestId(route.testId).click();
    const slider = page.getByRole('slider', { name: route.slider }).first();
    await slider.focus();
    // What the slider was when each key reached it: a lost step says whether it was disabled then.
    await page.evaluate(() => {
      const presses: string[] = [];
      (window as unknown as { presses: string[] }).presses = presses;
      document.addEventListener(
        'keydown',
        () => {
          const at = document.activeElement;
          presses.push(
            `${at?.getAttribute('aria-valuenow')} disabled=${at?.getAttribute('aria-disabled') ?? 'no'}`,
          );
        },
        { capture: true },
      );
    });
    // Start where the slider is (10 for both), whatever the route's weights add up to.
    let canary = Number(await slider.getAttribute('aria-valuenow'));
    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const up = i % 40 < 20;
      canary += up ? 1 : -1;
      let seen: number | undefined;
      const landed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(async () => {
          await page.screenshot({ path: `/tmp/write-latency${route.suffix}.png` });
          const shown = await slider.getAttribute('aria-valuenow').catch(() => null);
          const focused = await page
            .evaluate(
              () =>
                `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label')}`,
            )
            .catch(() => null);
          const pressed = await page
            .evaluate(() => (window as unknown as { presses: string[] }).presses.slice(-2).join(', '))
            .catch(() => null);
          reject(
            new Error(
              `${route.name}: canary ${canary} never reached the API server (last seen ${seen}; the slider shows ${shown}; focus on ${focused}; the last presses found ${pressed})`,
            ),
          );
        }, 15_000);
        onChange = (weight) => {
          seen = weight;
          if (weight === canary) {
            clearTimeout(timer);
            resolve();
          }
        };
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
    printLatencies(`slider-write${route.suffix}`, latencies);
  }
} finally {
  await stack.stop();
}
