// The charts in a real browser: each SVG inline in an HTML page at 100% width, at a phone width
// (320 px) and a desktop width (960 px), light and dark. Every <text> is measured with
// getBoundingClientRect: no two labels may overlap and none may leave the chart.
// Chromium is required: without /usr/bin/chromium (or CHROMIUM_PATH) these tests fail, they do not skip.
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHART_FILES, renderCharts } from '../pipeline/stages/chart.js';
import { CHROMIUM, hasChromium, launchBrowser } from './helpers/browser.js';
import { EMPTY, FULL, INFO, crowded } from './helpers/chart-fixtures.js';

/** Overlap allowed between two text boxes, and past the chart's edge, in CSS px. */
const TOLERANCE = 1;
const WIDTHS = [320, 960] as const;

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Measured {
  svg: Box;
  texts: Box[];
  background: string;
}

let browser: Browser | undefined;

/** The shared browser, launched on first use: each test fails (never skips) when chromium is missing. */
async function getBrowser(): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(`chromium is required for the chart layout tests and was not found at ${CHROMIUM}; install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  browser ??= await launchBrowser();
  return browser;
}

afterAll(async () => {
  await browser?.close();
});

async function measure(svg: string, width: number, colorScheme: 'light' | 'dark'): Promise<Measured> {
  const page = await (await getBrowser()).newPage({ viewport: { width, height: 800 }, colorScheme });
  try {
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}</style></head><body><div>${svg}</div></body></html>`);
    return await page.evaluate(() => {
      const box = (el: Element, text = ''): Box => {
        const r = el.getBoundingClientRect();
        return { text, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const root = document.querySelector('svg')!;
      const bg = root.querySelector('.bg');
      return {
        svg: box(root),
        texts: [...root.querySelectorAll('text')].map((t) => box(t, t.textContent ?? '')),
        background: bg ? getComputedStyle(bg).fill : '',
      };
    });
  } finally {
    await page.close();
  }
}

function overlaps(a: Box, b: Box): boolean {
  const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return x > TOLERANCE && y > TOLERANCE;
}

const datasets = [
  ['fixture', renderCharts(FULL, INFO)],
  ['crowded', renderCharts(crowded(), INFO)],
  ['empty', renderCharts(EMPTY, INFO)],
] as const;

describe('charts in chromium', () => {
  for (const [name, charts] of datasets) {
    for (const path of CHART_FILES) {
      for (const width of WIDTHS) {
        it(`${name} ${path} at ${width} px: labels neither overlap nor leave the chart`, async () => {
          const { svg, texts } = await measure(charts.get(path)!, width, 'light');
          // Responsive: the chart takes the page's width, its height follows the viewBox.
          expect(svg.right - svg.left).toBeCloseTo(width, 0);
          expect(texts.length).toBeGreaterThan(3);
          const outside = texts.filter(
            (t) => t.left < svg.left - TOLERANCE || t.right > svg.right + TOLERANCE || t.top < svg.top - TOLERANCE || t.bottom > svg.bottom + TOLERANCE,
          );
          expect(outside.map((t) => t.text)).toEqual([]);
          const clashes: string[] = [];
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              if (overlaps(texts[i]!, texts[j]!)) clashes.push(`"${texts[i]!.text}" overlaps "${texts[j]!.text}"`);
            }
          }
          expect(clashes).toEqual([]);
        }, 30_000);
      }
    }
  }

  it('follows the reader’s colour scheme', async () => {
    const svg = datasets[0][1].get('charts/arms-purchases.svg')!;
    const light = await measure(svg, 640, 'light');
    const dark = await measure(svg, 640, 'dark');
    expect(light.background).toBe('rgb(255, 255, 255)');
    expect(dark.background).toBe('rgb(24, 25, 27)');
  }, 30_000);
});
