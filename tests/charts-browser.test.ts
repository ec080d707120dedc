// The charts in a real browser, as embedded: the data page's embed code pasted into an article page
// (a column of at most 760 px with 8 px margins) at 320, 375, 768 and 1280 px. The code must pick
// the narrow file under 600 px; the chosen SVG, inlined at the width the image is shown, must have
// every <text> inside the chart, none overlapping another (getBoundingClientRect), none under 12 px
// on the screen, and pass axe-core. Charts stay light in a dark-mode browser unless the dark file
// is chosen. Runs on the fixture, a crowded dataset of 150 rows per table, an empty one and, when
// the repository has pipeline output, its data.
// Chromium is required: without /usr/bin/chromium (or CHROMIUM_PATH) these tests fail, they do not skip.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedCode, embeddable } from '../pipeline/report/embed.js';
import { CHARTS, renderCharts } from '../pipeline/stages/chart.js';
import { TABLES, type Dataset } from '../pipeline/types.js';
import { CHROMIUM, hasChromium, launchBrowser } from './helpers/browser.js';
import { EMPTY, FULL, INFO, crowded } from './helpers/chart-fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const REPO_DATA = join(ROOT, 'output/data');
/** Overlap allowed between two text boxes, and past the chart's edge, in CSS px. */
const TOLERANCE = 1;
const WIDTHS = [320, 375, 768, 1280] as const;
/** The smallest text a reader should have to read, in CSS px. */
const MIN_TEXT_PX = 12;

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  px: number;
}

function repoData(): Dataset | null {
  if (!existsSync(join(REPO_DATA, 'training.json'))) return null;
  return Object.fromEntries(TABLES.map((t) => [t, JSON.parse(readFileSync(join(REPO_DATA, `${t}.json`), 'utf8'))])) as unknown as Dataset;
}

const DATASETS: [string, Dataset][] = [['fixture', FULL], ['crowded', crowded()], ['empty', EMPTY]];
const repo = repoData();
if (repo) DATASETS.push(['repository data', repo]);

/** An article page elsewhere: the embed code in a column, as a news site would hold it. */
function article(code: string, scheme: 'light' | 'dark' = 'light'): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Article</title>
<style>body{margin:0;background:${scheme === 'dark' ? '#111' : '#fff'}}main{max-width:760px;margin:0 auto;padding:0 8px}</style></head>
<body><main><h1>An article</h1><p>Text before the chart.</p>${code}<p>Text after the chart.</p></main></body></html>`;
}

let browser: Browser | undefined;
let dir = '';

beforeAll(async () => {
  if (!hasChromium()) throw new Error(`chromium is required for the chart tests and was not found at ${CHROMIUM}; install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'charts-browser-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** Every <text> of the SVG inlined at `width` px (in the same tab): its box and its size on the screen. */
async function measure(page: Page, svg: string, width: number): Promise<{ svg: Box; texts: Box[] }> {
  return page.evaluate(
    ([markup, w]) => {
      let holder = document.getElementById('measure');
      if (!holder) {
        holder = document.createElement('div');
        holder.id = 'measure';
        document.body.append(holder);
      }
      holder.style.width = `${w}px`;
      holder.innerHTML = markup;
      const root = holder.querySelector('svg')!;
      const scale = root.getBoundingClientRect().width / root.viewBox.baseVal.width;
      const box = (el: Element, text = '', px = 0) => {
        const r = el.getBoundingClientRect();
        return { text, left: r.left, top: r.top, right: r.right, bottom: r.bottom, px };
      };
      return {
        svg: box(root),
        texts: [...root.querySelectorAll('text')].map((t) => box(t, t.textContent ?? '', parseFloat(getComputedStyle(t).fontSize) * scale)),
      };
    },
    [svg, width] as const,
  );
}

function overlaps(a: Box, b: Box): boolean {
  const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return x > TOLERANCE && y > TOLERANCE;
}

describe.each(DATASETS)('charts embedded in chromium (%s)', (name, data) => {
  const charts = renderCharts(data, INFO);
  const has = new Set(charts.keys());
  const site = () => join(dir, name.replace(/\W+/g, '-'));
  const code = CHARTS.map((c) => embedCode(embeddable(c.slug, charts, has)!, (p) => `../${p}`, 'light')).join('\n<p>Between the charts.</p>\n');

  beforeAll(async () => {
    await mkdir(join(site(), 'charts'), { recursive: true });
    await mkdir(join(site(), 'article'), { recursive: true });
    for (const [path, svg] of charts) await writeFile(join(site(), path), svg);
    await writeFile(join(site(), 'article', 'index.html'), article(code));
  });

  for (const width of WIDTHS) {
    it(`at ${width} px: each chart from the right file, no text outside or overlapping, none under ${MIN_TEXT_PX} px`, async () => {
      const page = await browser!.newPage({ viewport: { width, height: 900 } });
      try {
        await page.goto(pathToFileURL(join(site(), 'article', 'index.html')).href);
        await page.waitForFunction(() => [...document.images].every((i) => i.complete));
        const shown = await page.evaluate(() => [...document.images].map((i) => ({ src: i.currentSrc, natural: i.naturalWidth, width: i.getBoundingClientRect().width })));
        expect(shown).toHaveLength(CHARTS.length);
        const narrow = width < 600;
        const problems: string[] = [];
        for (const [i, chart] of CHARTS.entries()) {
          const file = `charts/${chart.slug}${narrow ? '-narrow' : ''}.svg`;
          expect(shown[i]!.natural, file).toBeGreaterThan(0);
          expect(shown[i]!.src.endsWith(`/${file}`), shown[i]!.src).toBe(true);
          const { svg, texts } = await measure(page, charts.get(file)!, shown[i]!.width);
          expect(svg.right - svg.left).toBeCloseTo(shown[i]!.width, 0);
          expect(texts.length).toBeGreaterThan(3);
          for (const t of texts) {
            if (t.left < svg.left - TOLERANCE || t.right > svg.right + TOLERANCE || t.top < svg.top - TOLERANCE || t.bottom > svg.bottom + TOLERANCE) problems.push(`${file}: "${t.text}" leaves the chart`);
            if (t.px < MIN_TEXT_PX) problems.push(`${file}: "${t.text}" is ${t.px.toFixed(1)} px`);
          }
          for (let a = 0; a < texts.length; a++) {
            for (let b = a + 1; b < texts.length; b++) if (overlaps(texts[a]!, texts[b]!)) problems.push(`${file}: "${texts[a]!.text}" overlaps "${texts[b]!.text}"`);
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  it('passes axe-core: every file inline, and the embed code in an article', async () => {
    const page = await browser!.newPage();
    try {
      await page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Charts</title></head><body><main>${[...charts.values()].join('\n')}</main></body></html>`);
      expect(await runAxe(page)).toEqual([]);
      await page.goto(pathToFileURL(join(site(), 'article', 'index.html')).href);
      expect(await runAxe(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('colours as embedded', () => {
  /** The colour of each chart's top-left corner as an <img> shows it, in a browser set to dark mode. */
  async function corners(svgs: string[]): Promise<string[]> {
    const page = await browser!.newPage({ viewport: { width: 700, height: 700 }, colorScheme: 'dark' });
    try {
      const out: string[] = [];
      for (const svg of svgs) {
        await page.setContent(article(`<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" alt="chart" width="600" height="600" style="display:block">`, 'dark'));
        await page.waitForFunction(() => document.images[0]!.complete);
        // Drawn at 600 px, its top-left pixel is in the padding: the background, never a glyph.
        out.push(
          await page.evaluate(() => {
            const canvas = document.createElement('canvas');
            canvas.width = 600;
            canvas.height = 600;
            const ctx = canvas.getContext('2d')!;
            ctx.drawImage(document.images[0]!, 0, 0, 600, 600);
            return [...ctx.getImageData(1, 1, 1, 1).data.slice(0, 3)].join(',');
          }),
        );
      }
      return out;
    } finally {
      await page.close();
    }
  }

  it('stay light in an <img> when the reader’s system is dark, and are dark only in the dark files', async () => {
    const charts = renderCharts(FULL, INFO);
    for (const chart of CHARTS) {
      const files = ['', '-narrow', '-dark', '-narrow-dark'].map((suffix) => charts.get(`charts/${chart.slug}${suffix}.svg`)!);
      expect(await corners(files)).toEqual(['255,255,255', '255,255,255', '24,25,27', '24,25,27']);
    }
  }, 60_000);

  it('turn dark inline only where the host page sets the class chart-dark', async () => {
    const svg = renderCharts(FULL, INFO).get('charts/arms-purchases.svg')!;
    const page = await browser!.newPage({ colorScheme: 'dark' });
    try {
      await page.setContent(`<!DOCTYPE html><div id="plain">${svg}</div><div id="dark" class="chart-dark">${svg.replace(/id="arms-/g, 'id="arms-x-')}</div>`);
      const fills = await page.evaluate(() => ['plain', 'dark'].map((id) => getComputedStyle(document.querySelector(`#${id} .bg`)!).fill));
      expect(fills).toEqual(['rgb(255, 255, 255)', 'rgb(24, 25, 27)']);
    } finally {
      await page.close();
    }
  }, 30_000);
});
