/** Debian's Chromium (never a downloaded browser), with launch flags that work without a network. */
export const chromiumLaunchOptions = {
  executablePath: process.env.WEIR_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
