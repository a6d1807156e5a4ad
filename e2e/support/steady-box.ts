import type { Locator, Page } from '@playwright/test';

type Box = { x: number; y: number; width: number; height: number };

const same = (a: Box, b: Box) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && a.width === b.width && a.height === b.height;

/**
 * A locator's box once it has stopped moving: the canvas pans to keep a selection in view as
 * the inspector opens, and zooms to fit a view, both animated. A pointer gesture measured
 * mid-animation lands beside its target. The same box over three checks two frames apart;
 * fails loudly when it never settles.
 */
export async function steadyBox(page: Page, locator: Locator, timeoutMs = 5_000): Promise<Box> {
  const deadline = Date.now() + timeoutMs;
  const left = () => ({ timeout: Math.max(1, deadline - Date.now()) });
  let last = await locator.boundingBox(left());
  let still = 0;
  for (;;) {
    await page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
    const now = await locator.boundingBox(left());
    still = last && now && same(last, now) ? still + 1 : 0;
    if (now && still >= 3) return now;
    if (Date.now() > deadline)
      throw new Error(`${locator} is not visible or did not stop moving in ${timeoutMs} ms`);
    last = now;
  }
}
