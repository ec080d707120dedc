#!/usr/bin/env -S npx tsx
// Screenshots for people to look at, taken in chromium:
// - the data page (reports/index.html opened from disk) as a reader first sees it: the first screen
//   of a desktop (1280×900) and of a phone (375×812), not the whole page;
// - each chart as embedded: the data page's embed code in an article page (a column of at most
//   760 px), at 375 and 1280 px wide, the picture alone.
//
//   npx tsx scripts/screenshots.ts [REPORTS_DIR [OUTPUT_DIR]]     (default: reports output)
//
// Writes REPORTS_DIR/screenshots/desktop.png, phone.png and <chart>-375.png, <chart>-1280.png.
// Exits 1 when a page or chart is missing or logs an error, 2 on a bad command line.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { embedCode, embeddable } from '../pipeline/report/embed.js';
import { CHARTS } from '../pipeline/stages/chart.js';
import { launchBrowser } from '../tests/helpers/browser.js';

const PAGE_VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, deviceScaleFactor: 1, isMobile: false },
  { name: 'phone', width: 375, height: 812, deviceScaleFactor: 2, isMobile: true },
] as const;
const CHART_WIDTHS = [375, 1280] as const;

function watch(page: Page, label: string, errors: string[]): void {
  page.on('console', (m) => m.type() === 'error' && errors.push(`${label}: console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${label}: page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`${label}: request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
}

/** The data page's first screen on a desktop and a phone. */
async function pageShots(browser: Browser, index: string, out: string, errors: string[]): Promise<void> {
  for (const viewport of PAGE_VIEWPORTS) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: viewport.deviceScaleFactor,
      isMobile: viewport.isMobile,
      hasTouch: viewport.isMobile,
      colorScheme: 'light',
    });
    const tab = await context.newPage();
    watch(tab, viewport.name, errors);
    await tab.goto(pathToFileURL(index).href, { waitUntil: 'load' });
    const file = join(out, `${viewport.name}.png`);
    await tab.screenshot({ path: file, fullPage: false, animations: 'disabled' });
    process.stderr.write(`screenshots: ${file}\n`);
    await context.close();
  }
}

/** Each chart's embed code in an article page, at a phone's and a desktop's width. */
async function chartShots(browser: Browser, output: string, out: string, errors: string[]): Promise<void> {
  const charts = new Map(readdirSync(join(output, 'charts')).map((f) => [`charts/${f}`, readFileSync(join(output, 'charts', f), 'utf8')]));
  const work = await mkdtemp(join(tmpdir(), 'screenshots-'));
  try {
    for (const chart of CHARTS) {
      const e = embeddable(chart.slug, charts, new Set(charts.keys()));
      if (!e) {
        errors.push(`${chart.slug}: no charts/${chart.slug}.svg in ${output}`);
        continue;
      }
      const article = join(work, `${chart.slug}.html`);
      const code = embedCode(e, (p) => pathToFileURL(join(output, p)).href, 'light');
      await writeFile(article, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${chart.slug}</title><style>body{margin:0}main{max-width:760px;margin:0 auto;padding:8px}</style></head><body><main>${code}</main></body></html>`);
      for (const width of CHART_WIDTHS) {
        const tab = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: 'light' });
        watch(tab, `${chart.slug} at ${width} px`, errors);
        await tab.goto(pathToFileURL(article).href, { waitUntil: 'load' });
        const file = join(out, `${chart.slug}-${width}.png`);
        await tab.locator('picture').screenshot({ path: file, animations: 'disabled' });
        process.stderr.write(`screenshots: ${file}\n`);
        await tab.close();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 2 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write('usage: npx tsx scripts/screenshots.ts [REPORTS_DIR [OUTPUT_DIR]]\n');
    return 2;
  }
  const reports = resolve(args[0] ?? 'reports');
  const output = resolve(args[1] ?? 'output');
  const index = join(reports, 'index.html');
  for (const needed of [index, join(output, 'charts')]) {
    if (!existsSync(needed)) {
      process.stderr.write(`screenshots: no ${needed}; run "npm run pipeline" first\n`);
      return 1;
    }
  }
  const out = join(reports, 'screenshots');
  await mkdir(out, { recursive: true });
  const browser = await launchBrowser();
  const errors: string[] = [];
  try {
    await pageShots(browser, index, out, errors);
    await chartShots(browser, output, out, errors);
  } finally {
    await browser.close();
  }
  for (const e of errors) process.stderr.write(`screenshots: ${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
