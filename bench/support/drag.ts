import type { Page } from '@playwright/test';

export interface DragRun {
  /** Frames drawn per second while the handle moved. */
  fps: number;
  longTasks: number;
  longTaskMs: number;
  /** Whole graph builds (validate + buildGraph) the page ran during the drag and its writes; null where the page does not count them (an older build). */
  builds: number | null;
  /** Layouts the canvas ran meanwhile (null: not counted). */
  layouts: number | null;
  /** Writes the drag sent (POST /api/changes). */
  writes: number;
}

/** Starts and stops a recording (a performance trace, a CPU profile) around the drag and its writes. */
export interface DragRecorder {
  start(): Promise<void>;
  stop(): Promise<void>;
}

// A string, not a function: tsx names the functions it compiles with a helper the page lacks.
const WATCH_FRAMES = `(() => {
  const drag = { tasks: 0, taskMs: 0, frames: 0, on: true };
  window.__drag = drag;
  drag.observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      drag.tasks++;
      drag.taskMs += entry.duration;
    }
  });
  drag.observer.observe({ type: 'longtask' });
  const tick = () => {
    if (!drag.on) return;
    drag.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/**
 * Drags the first slider on screen across its track, `steps` pointer moves over `ms`, then
 * waits for its writes to land; what the page did meanwhile, read from the page itself (a
 * longtask observer, requestAnimationFrame, the counters the dashboard keeps in data-*).
 */
export async function dragFigures(
  page: Page,
  { steps, ms, record }: { steps: number; ms: number; record?: DragRecorder },
): Promise<DragRun> {
  const slider = page.locator('.react-flow__edgelabel-renderer [role="slider"]:not([aria-disabled])').first();
  await slider.waitFor({ timeout: 180_000 });
  // Editing starts once the stream is live.
  await page.waitForFunction(() => !document.querySelector('[role="slider"][aria-disabled]'), undefined, {
    timeout: 60_000,
  });
  const box = await slider.boundingBox();
  if (!box) throw new Error('the slider has no box');
  const counters = () =>
    page.evaluate(() => ({
      builds: document.querySelector('[data-graph-builds]')?.getAttribute('data-graph-builds') ?? null,
      layouts: document.querySelector('[data-layouts]')?.getAttribute('data-layouts') ?? null,
    }));
  let writes = 0;
  const onRequest = (request: { url(): string; method(): string }) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/changes')) writes++;
  };
  page.on('request', onRequest);
  const before = await counters();
  await page.evaluate(WATCH_FRAMES);
  await record?.start();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  const started = Date.now();
  for (let step = 1; step <= steps; step++) {
    await page.mouse.move(box.x + box.width * (0.2 + (0.6 * step) / steps), y);
    const due = started + (ms * step) / steps - Date.now();
    if (due > 0) await page.waitForTimeout(due);
  }
  const moved = Date.now() - started;
  const frames = await page.evaluate(
    () => (window as unknown as { __drag: { frames: number } }).__drag.frames,
  );
  await page.mouse.up();
  // The writes land and the screen settles on them: they belong to the drag too.
  await page.waitForTimeout(1_500);
  await record?.stop();
  const seen = await page.evaluate(() => {
    const w = window as unknown as {
      __drag: { tasks: number; taskMs: number; on: boolean; observer?: PerformanceObserver };
    };
    w.__drag.on = false;
    w.__drag.observer?.disconnect();
    return { tasks: w.__drag.tasks, taskMs: w.__drag.taskMs };
  });
  page.off('request', onRequest);
  const after = await counters();
  return {
    fps: Math.round((frames / moved) * 10_000) / 10,
    longTasks: seen.tasks,
    longTaskMs: Math.round(seen.taskMs),
    builds: counted(before.builds, after.builds),
    layouts: counted(before.layouts, after.layouts),
    writes,
  };
}

function counted(before: string | null, after: string | null): number | null {
  return before === null || after === null ? null : Number(after) - Number(before);
}
