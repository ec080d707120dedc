#!/usr/bin/env -S npx tsx
// Screenshots of the data page for people to look at: reports/index.html opened from disk in
// chromium, full page, on a desktop (1280×900) and a phone (375×812).
//
//   npx tsx scripts/screenshots.ts [REPORTS_DIR]     (default: reports)
//
// Writes REPORTS_DIR/screenshots/desktop.png and phone.png. Exits 1 when the page is missing or
// logs an error, 2 on a bad command line.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../tests/helpers/browser.js';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, deviceScaleFactor: 1, isMobile: false },
  { name: 'phone', width: 375, height: 812, deviceScaleFactor: 2, isMobile: true },
] as const;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write('usage: npx tsx scripts/screenshots.ts [REPORTS_DIR]\n');
    return 2;
  }
  const reports = resolve(args[0] ?? 'reports');
  const page = join(reports, 'index.html');
  if (!existsSync(page)) {
    process.stderr.write(`screenshots: no ${page}; run "npm run pipeline" first\n`);
    return 1;
  }
  const out = join(reports, 'screenshots');
  await mkdir(out, { recursive: true });
  const browser = await launchBrowser();
  const errors: string[] = [];
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: viewport.deviceScaleFactor,
        isMobile: viewport.isMobile,
        hasTouch: viewport.isMobile,
        colorScheme: 'light',
      });
      const tab = await context.newPage();
      tab.on('console', (m) => m.type() === 'error' && errors.push(`${viewport.name}: console: ${m.text()}`));
      tab.on('pageerror', (e) => errors.push(`${viewport.name}: page error: ${e.message}`));
      tab.on('requestfailed', (r) => errors.push(`${viewport.name}: request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
      const file = join(out, `${viewport.name}.png`);
      await tab.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      process.stderr.write(`screenshots: ${file}\n`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  for (const e of errors) process.stderr.write(`screenshots: ${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
