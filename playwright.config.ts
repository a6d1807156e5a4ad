import { defineConfig } from '@playwright/test';
import { E2E_PORTS } from './e2e/support/ports';
import { chromiumLaunchOptions } from './tools/test/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One folder per build folder, so concurrent runs (WEIR_DIST_DIR) do not clear each other's.
  outputDir: process.env.WEIR_DIST_DIR ? `test-results/${process.env.WEIR_DIST_DIR}` : 'test-results',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: '.weir/results/playwright.json' }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORTS.operator}`,
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1440, height: 900 },
    trace: 'off',
  },
});
