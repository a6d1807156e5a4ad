import type { Page } from '@playwright/test';

/**
 * Records, from before the page's first byte is parsed, whether `text` is ever in its document
 * (a note shown for a moment, then replaced); answers a check to call later. The page's script is
 * a string: a function would be sent as the test's bundler rewrote it, helpers the page lacks.
 */
export async function watchForText(page: Page, text: string): Promise<() => Promise<boolean>> {
  await page.addInitScript({
    content: `(() => {
      const check = () => {
        if (document.documentElement?.textContent?.includes(${JSON.stringify(text)})) window.__weirSawText = true;
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
    })();`,
  });
  return async () => (await page.evaluate('window.__weirSawText === true')) === true;
}
