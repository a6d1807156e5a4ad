import type { Locator, Page } from '@playwright/test';
import { steadyBox } from './steady-box';

/** Drags a slider's handle from 10% of its track to 50%, as a person does, and lets go. */
export async function dragToMiddle(page: Page, slider: Locator): Promise<void> {
  const box = await steadyBox(page, slider);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await page.mouse.up();
}
