// The data page in a real browser: reports/index.html opened from disk (file://) in chromium, beside
// an output folder, as a reader who downloads the release would open it. Runs on the fixture
// (hostile text included) and, when the repository has pipeline output, on that too.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataDictionary } from '../pipeline/report/dictionary.js';
import type { ReportInput } from '../pipeline/report/input.js';
import { renderCharts } from '../pipeline/stages/chart.js';
import { exportDataset } from '../pipeline/stages/export.js';
import { buildReports } from '../pipeline/stages/report.js';
import { FACT_TABLES, TABLES, type Dataset } from '../pipeline/types.js';
import { CHROMIUM, hasChromium, launchBrowser } from './helpers/browser.js';
import { reportInput } from './helpers/report-fixture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Pipeline output to test the page on besides the fixture: the repository's, or another run's (REPORT_TEST_OUTPUT=dir). */
const REPO_OUTPUT = process.env.REPORT_TEST_OUTPUT ?? join(ROOT, 'output');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

async function put(root: string, files: Map<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** An output folder made by the export stage, the charts and the dictionary; reports built from the same input. */
async function fixtureSite(dir: string): Promise<ReportInput> {
  const input = reportInput();
  const output = exportDataset(input.data, { version: input.version });
  for (const [path, svg] of input.charts) output.set(path, svg);
  output.set('README.md', buildDataDictionary(input.data, input.version));
  await put(join(dir, 'output'), output);
  return { ...input, outputFiles: [...output.keys()].sort() };
}

/** The repository's own output/ as the pipeline last wrote it, reports rebuilt from it with the code under test. */
async function repoSite(dir: string): Promise<ReportInput> {
  await cp(REPO_OUTPUT, join(dir, 'output'), { recursive: true });
  const read = (path: string) => readFileSync(join(REPO_OUTPUT, path), 'utf8');
  const data = Object.fromEntries(TABLES.map((t) => [t, JSON.parse(read(`data/${t}.json`))])) as unknown as Dataset;
  const outputFiles = filesUnder(REPO_OUTPUT);
  return {
    data,
    documents: data.sources.map((s) => {
      const facts = { 'secdef-visits': 0, 'arms-purchases': 0, training: 0 };
      for (const table of FACT_TABLES) facts[table] = new Set(data.evidence.filter((e) => e.source_id === s.id && e.table === table).map((e) => e.record_id)).size;
      return { id: s.id, title: s.title, publisher: s.publisher, url: s.url, facts };
    }),
    problems: [],
    review: { reviewed: 0, dropped: [], amendments: [] },
    claims: [],
    charts: new Map(outputFiles.filter((f) => f.startsWith('charts/')).map((f) => [f, read(f)])),
    outputFiles,
    previous: null,
    version: (JSON.parse(read('datapackage.json')) as { version: string }).version,
    outputHref: '../output',
    baseUrl: null,
  };
}

const SITES = [
  { name: 'fixture', build: fixtureSite },
  ...(existsSync(join(REPO_OUTPUT, 'datapackage.json')) ? [{ name: 'repository output', build: repoSite }] : []),
];

describe.each(SITES)('index.html in chromium ($name)', ({ build }) => {
  let browser: Browser;
  let dir: string;
  let pageUrl: string;
  let input: ReportInput;

  beforeAll(async () => {
    if (!hasChromium()) throw new Error(`chromium is required for the browser tests and is not at ${CHROMIUM}: run "npm run browser:install"`);
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    input = await build(dir);
    await put(join(dir, 'reports'), buildReports(input));
    pageUrl = pathToFileURL(join(dir, 'reports', 'index.html')).href;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Opens the page and records everything that went wrong on it. */
  async function open(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
    page.on('request', (r) => !r.url().startsWith(pathToFileURL(dir).href) && problems.push(`request outside the release folder: ${r.url()}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pageUrl, { waitUntil: 'load' });
    return { page, problems };
  }

  it('loads from disk without a console error, page error, failed request or request elsewhere', async () => {
    const { page, problems } = await open();
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.context().close();
  });

  it('points every relative link and image at a file that exists, and every #link at an element', async () => {
    const { page } = await open();
    const targets = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
      ...[...document.querySelectorAll('img[src]')].map((i) => i.getAttribute('src')!),
    ]);
    const ids = new Set(await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id)));
    const broken: string[] = [];
    for (const target of targets) {
      if (target.startsWith('#')) {
        if (!ids.has(decodeURIComponent(target.slice(1)))) broken.push(target);
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        const url = new URL(target, pageUrl);
        if (!existsSync(fileURLToPath(url))) broken.push(target);
      }
    }
    expect(targets.length).toBeGreaterThan(10);
    expect(broken).toEqual([]);
    await page.context().close();
  });

  it('shows the three charts', async () => {
    const { page } = await open();
    const images = page.locator('.chart img');
    expect(await images.count()).toBe(3);
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      const src = String(await img.getAttribute('src'));
      const natural = await img.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0));
      const box = await img.boundingBox();
      expect(natural, src).toBeGreaterThan(0);
      expect(box!.width * box!.height, src).toBeGreaterThan(0);
      expect(await img.isVisible()).toBe(true);
    }
    await page.context().close();
  });

  it('names each table by its caption and each filter by its label', async () => {
    const { page } = await open();
    for (const table of FACT_TABLES) {
      await expect.poll(() => page.getByRole('table', { name: new RegExp(`\\(${input.data[table].length} rows?\\)$`) }).and(page.locator(`#table-${table}`)).count()).toBe(input.data[table].length ? 1 : 0);
      if (input.data[table].length) expect(await page.getByRole('searchbox', { name: /^Filter: / }).and(page.locator(`#table-${table}-filter`)).count()).toBe(1);
    }
    await page.context().close();
  });

  it('filters each fact table as the reader types', async () => {
    const { page } = await open();
    for (const table of FACT_TABLES) {
      const rows = input.data[table];
      if (rows.length === 0) continue;
      const filter = page.getByLabel(/^Filter/).and(page.locator(`#table-${table}-filter`));
      const visible = page.locator(`#table-${table} tbody tr:visible`);
      const status = page.locator(`#table-${table}-status`);
      await expect.poll(() => visible.count()).toBe(rows.length);
      // A row id that no other row mentions (an aggregate's id is in its items' part_of) is in exactly one row.
      const target = rows.find((r) => rows.every((o) => o === r || !JSON.stringify(o).includes(r.id)))!;
      await filter.fill(target.id.toUpperCase());
      expect(await visible.count()).toBe(1);
      expect(await visible.first().locator('td').last().textContent()).toBe(target.id);
      expect(await status.textContent()).toBe(`1 of ${rows.length} rows match`);
      await filter.fill('zz-no-such-text-zz');
      expect(await visible.count()).toBe(0);
      await filter.fill('');
      expect(await visible.count()).toBe(rows.length);
    }
    await page.context().close();
  });

  it('fits a 320 px screen: only the tables scroll sideways, inside their containers', async () => {
    const { page, problems } = await open({ viewport: { width: 320, height: 640 }, isMobile: true });
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      // For the failure message: what sticks out outside the scroll containers.
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => !el.closest('.scroll') && el.getBoundingClientRect().right > 321)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`),
    }));
    expect(overflow.page, `wider than the screen: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(320);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe-core with no serious or critical violation (${colorScheme})`, async () => {
      // axe is injected as a script, which the page's own Content-Security-Policy would block.
      const { page } = await open({ colorScheme, bypassCSP: true });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await page.context().close();
    });
  }
});

describe('embed code copied from the data page', () => {
  let browser: Browser;
  let dir: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    if (!hasChromium()) throw new Error(`chromium is required for the browser tests and is not at ${CHROMIUM}: run "npm run browser:install"`);
    dir = await mkdtemp(join(tmpdir(), 'report-embed-'));
    // The release served over HTTP, as a newsroom's data site would serve it.
    server = createServer((req, res) => {
      const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      if (!path.startsWith(dir) || !existsSync(path)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': path.endsWith('.svg') ? 'image/svg+xml' : path.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream' });
      res.end(readFileSync(path));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const base = reportInput();
    const charts = renderCharts(base.data, { version: base.version });
    const output = exportDataset(base.data, { version: base.version });
    for (const [path, svg] of charts) output.set(path, svg);
    await put(join(dir, 'site', 'output'), output);
    const input = { ...base, charts, outputFiles: [...output.keys()].sort(), baseUrl: `${origin}/site/output/` };
    await put(join(dir, 'site', 'reports'), buildReports(input));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows every chart when pasted into a page in another folder, on a phone and a desktop', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    await page.goto(`${origin}/site/reports/index.html`);
    const pasted: string[] = [];
    for (const button of await page.locator('#charts button[data-copy]').all()) {
      await button.click();
      await expect.poll(() => page.locator('#copy-status').textContent()).toBe('Code copied to the clipboard.');
      pasted.push(await page.evaluate(() => navigator.clipboard.readText()));
      await page.evaluate(() => (document.getElementById('copy-status')!.textContent = ''));
    }
    await context.close();
    // Three charts, each with light and dark code.
    expect(pasted).toHaveLength(6);
    const elsewhere = join(dir, 'somewhere', 'else', 'entirely');
    await mkdir(elsewhere, { recursive: true });
    await writeFile(join(elsewhere, 'story.html'), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Story</title></head><body><main>${pasted.join('\n<p>Paragraph.</p>\n')}</main></body></html>`);
    for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
      const reader = await browser.newPage({ viewport });
      await reader.goto(pathToFileURL(join(elsewhere, 'story.html')).href);
      await reader.waitForFunction(() => [...document.images].every((i) => i.complete));
      const images = await reader.evaluate(() => [...document.images].map((i) => ({ src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width })));
      expect(images).toHaveLength(6);
      for (const image of images) {
        expect(image.src.startsWith(`${origin}/site/output/charts/`), image.src).toBe(true);
        expect(image.src.includes('-narrow'), image.src).toBe(viewport.width < 600);
        expect(image.natural, image.src).toBeGreaterThan(0);
        expect(image.shown, image.src).toBeGreaterThan(0);
      }
      await reader.close();
    }
  }, 60_000);
});
