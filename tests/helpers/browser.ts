// Debian's chromium driven by playwright-core: the project never downloads a browser build.
// `npm run browser:install` (or .ci/run) installs it with apt-get.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** Headless chromium with the flags a machine without outside network needs (no background calls home). */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium()) throw new Error(`no browser at ${CHROMIUM}: run "npm run browser:install" (installs Debian's chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
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
