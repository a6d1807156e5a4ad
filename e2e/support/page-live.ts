import { expect, type Page } from '@playwright/test';

/**
 * Waits until the page runs and its live stream is open: the first graph is drawn by the
 * server, and a label clicked before the page runs opens nothing. The header's status says
 * "connecting…" until then (components/live/live-indicator.tsx).
 */
export async function pageLive(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /live|stale|not in sync|connect/ })).toHaveText(
    'live',
  );
}
