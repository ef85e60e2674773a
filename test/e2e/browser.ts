import { type BrowserContext, chromium } from 'playwright-core';
import { temporaryFolder } from '../support/temporaryFolder';

export const CHROMIUM = process.env.LIGHTFIELD_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags that keep it off this machine's closed network. */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(temporaryFolder('lf-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
