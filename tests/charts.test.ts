// The chart stage: three self-contained, accessible, deterministic SVGs, checked as XML with jsdom,
// plus snapshot tests that a person can open and look at.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { money, shortPublishers, surname } from '../pipeline/charts/format.js';
import { renumberIds, sourceLine } from '../pipeline/charts/svg.js';
import { textWidth, truncate } from '../pipeline/charts/text.js';
import { CHART_FILES, renderCharts } from '../pipeline/stages/chart.js';
import { EMPTY, FULL, HOSTILE, INFO, VERSION, arms, crowded, dataset, training, visit } from './helpers/chart-fixtures.js';

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'snapshots');
const PREFIX: Record<string, string> = {
  'charts/arms-purchases.svg': 'arms',
  'charts/training-spending.svg': 'training',
  'charts/secdef-visits.svg': 'visits',
};

function parse(svg: string): Document {
  // XML parsing: a well-formedness error throws.
  return new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
}

function texts(doc: Document): string[] {
  return [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');
}

/** The visible source line, which may wrap: every text from "Source:" on. */
function sourceText(doc: Document): string {
  const all = texts(doc);
  const i = all.findIndex((t) => t.startsWith('Source: '));
  return i < 0 ? '' : all.slice(i).join(' ');
}

const full = renderCharts(FULL, INFO);
const empty = renderCharts(EMPTY, INFO);
const stress = renderCharts(crowded(), INFO);

describe('renderCharts', () => {
  it('returns exactly the three chart files', () => {
    expect([...full.keys()]).toEqual([...CHART_FILES]);
    expect([...empty.keys()]).toEqual([...CHART_FILES]);
  });

  for (const [label, charts] of [
    ['full', full],
    ['empty', empty],
    ['crowded', stress],
  ] as const) {
    describe(`${label} dataset`, () => {
      for (const path of CHART_FILES) {
        const svg = charts.get(path)!;
        const prefix = PREFIX[path]!;

        it(`${path} is one self-contained, accessible SVG`, () => {
          const doc = parse(svg);
          const root = doc.documentElement;
          expect(root.localName).toBe('svg');
          expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
          expect(root.getAttribute('role')).toBe('img');
          expect(root.getAttribute('viewBox')).toMatch(/^0 0 640 \d+$/);
          expect(root.hasAttribute('width')).toBe(false);
          expect(root.hasAttribute('height')).toBe(false);
          const title = root.querySelector(':scope > title');
          const desc = root.querySelector(':scope > desc');
          expect(title?.textContent?.length).toBeGreaterThan(10);
          expect(desc?.textContent?.length).toBeGreaterThan(20);
          expect(root.getAttribute('aria-labelledby')).toBe(`${title!.id} ${desc!.id}`);
          // The visible title is the <title>.
          expect(texts(doc)[0]).toBe(title!.textContent);
          const style = root.querySelector(':scope > style')!.textContent!;
          expect(style).toContain('@media (prefers-color-scheme: dark)');
          expect(style).toContain('width: 100%');
          expect(style).toMatch(/font-family: system-ui,[^;]*sans-serif;/);
          expect(style).not.toMatch(/@import|@font-face|url\(/);
        });

        it(`${path} has no script, event handler, foreign element or outside reference`, () => {
          const doc = parse(svg);
          expect(svg).not.toMatch(/<script|<img|<iframe|<foreignObject|javascript:/i);
          for (const el of doc.querySelectorAll('*')) {
            expect(el.namespaceURI).toBe('http://www.w3.org/2000/svg');
            expect(['script', 'foreignObject', 'image', 'a', 'use'].includes(el.localName), el.localName).toBe(false);
            for (const attr of el.attributes) {
              expect(attr.name.toLowerCase().startsWith('on'), `${el.localName} ${attr.name}`).toBe(false);
              if (/href$/i.test(attr.name)) expect(attr.value.startsWith('#')).toBe(true);
              for (const m of attr.value.matchAll(/url\(([^)]*)\)/g)) expect(m[1]!.startsWith('#')).toBe(true);
            }
          }
        });

        it(`${path} has unique ids, all prefixed "${prefix}-"`, () => {
          const ids = [...parse(svg).querySelectorAll('[id]')].map((e) => e.id);
          expect(ids.length).toBeGreaterThanOrEqual(2);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(id.startsWith(`${prefix}-`), id).toBe(true);
        });

        it(`${path} shows a source line with the publishers and the dataset version`, () => {
          const source = sourceText(parse(svg));
          expect(source).toContain(`Dataset version ${VERSION}`);
          expect(source).toContain('American Forces Press Service');
          // Shortened: the qualifier after the name is gone.
          expect(source).not.toContain('(Center for International Policy)');
        });
      }
    });
  }

  it('says "No facts yet" for empty tables', () => {
    for (const path of CHART_FILES) {
      const doc = parse(empty.get(path)!);
      expect(texts(doc)).toContain('No facts yet');
      expect(doc.querySelector('desc')!.textContent).toMatch(/empty/);
    }
  });

  it('keeps hostile text as text', () => {
    for (const path of ['charts/arms-purchases.svg', 'charts/training-spending.svg'] as const) {
      const svg = full.get(path)!;
      const doc = parse(svg);
      const all = texts(doc).join('\n');
      expect(all).toContain(HOSTILE.script);
      expect(all).toContain(HOSTILE.attribute);
      expect(svg).toContain('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(doc.querySelectorAll('script, img').length).toBe(0);
    }
    const visits = parse(full.get('charts/secdef-visits.svg')!);
    expect(texts(visits).some((t) => t.startsWith('</svg><script>'))).toBe(true);
  });

  it('is deterministic: same bytes twice, whatever was drawn in between', () => {
    renderCharts(crowded(), INFO);
    // Plot's global clip and marker counters have moved on; the output must not show it.
    Plot.plot({ marks: [Plot.dot([1, 2], { x: (d: number) => d, clip: true })], document: new JSDOM('').window.document });
    expect(renderCharts(FULL, INFO)).toEqual(full);
    expect(renderCharts(EMPTY, INFO)).toEqual(empty);
  });

  it('does not depend on the order of publishers', () => {
    const reversed = renderCharts(FULL, { ...INFO, publishers: [...INFO.publishers].reverse() });
    expect(reversed).toEqual(full);
  });
});

describe('arms purchases chart', () => {
  const doc = parse(full.get('charts/arms-purchases.svg')!);
  const all = texts(doc);

  it('labels values and quantities and states the finding', () => {
    expect(all).toContain('at least $1.15 billion');
    expect(all).toContain('$20,000');
    expect(all.some((t) => t.startsWith('3,335 × M1152'))).toBe(true);
    expect(doc.querySelector('desc')!.textContent).toContain("Mexico's largest stated purchase was at least $1.15 billion in 2015: military equipment");
  });

  it('lists parts under their purchase without counting them again', () => {
    expect(all).toContain('incl. 21 × UH-60 Black Hawk');
    expect(all).toContain('incl. HMMWV');
    // The part with its own value is drawn as a hollow dot and named as included.
    expect(all).toContain('about $40 million');
    expect(all).toContain('incl. ammunition');
    expect(doc.querySelector('desc')!.textContent).toContain('3 items that are part of a larger purchase are listed under it and not counted twice');
  });

  it('keeps purchases without a value, in the "no value" column', () => {
    expect(all).toContain('no value');
    expect(all).toContain('18 × UH-60 Black Hawk (proposed)');
    expect(all).toContain('existing (heavyweight) torpedoes (delivered)');
    // One dot per purchase or valued part: 10 purchases + 1 valued part.
    expect(doc.querySelectorAll('circle').length).toBe(10);
  });

  it('uses a log scale whose ticks cover $20,000 to $1.2 billion', () => {
    expect(all).toEqual(expect.arrayContaining(['$10k', '$100k', '$1M', '$10M', '$100M', '$1B']));
  });
});

describe('training spending chart', () => {
  const doc = parse(full.get('charts/training-spending.svg')!);
  const all = texts(doc);

  it('counts facts without amounts in the subtitle', () => {
    expect(all[1]).toBe('US$ by period · 3 facts without amounts not shown');
    expect(all).toContain('1 amount without a year is not shown.');
  });

  it('draws each amount as a bar over its years', () => {
    const rects = [...doc.querySelectorAll('g.r-bar rect, g.r-open rect')];
    // 13 amounts, one without a year.
    expect(rects.length).toBe(12);
    const widths = rects.map((r) => Number(r.getAttribute('width')));
    const oneYear = Math.min(...widths);
    // Merida 2008–2011 spans four years; the 2010–2015 training six.
    expect(widths.filter((w) => Math.abs(w - (4 * (oneYear + 3) - 3)) < 0.1)).toHaveLength(1);
    expect(widths.filter((w) => Math.abs(w - (6 * (oneYear + 3) - 3)) < 0.1)).toHaveLength(1);
    expect(doc.querySelectorAll('g.r-open rect').length).toBe(1);
  });

  it('labels amounts from $20 to $1.6 billion and states the finding', () => {
    expect(all).toEqual(expect.arrayContaining(['$20', '$43,914', 'at least $1.6 billion', 'through 2011']));
    expect(doc.querySelector('desc')!.textContent).toContain('The largest amount shown is at least $1.6 billion for Mexico over 2008–2011: Merida Initiative (appropriated).');
  });
});

describe('defense secretary visits chart', () => {
  const doc = parse(full.get('charts/secdef-visits.svg')!);
  const all = texts(doc);

  it('labels visits with surnames and marks inferred names', () => {
    expect(all).toEqual(expect.arrayContaining(['Perry', 'Rumsfeld?', 'Shanahan?', 'Austin', 'unnamed']));
    expect(all.some((t) => t.startsWith('? = name inferred from the table of office terms'))).toBe(true);
    expect(doc.querySelector('desc')!.textContent).toContain('3 names marked “?” are inferred from the table of office terms');
  });

  it('stacks several visits in one year and country', () => {
    const positions = (name: string) =>
      [...doc.querySelectorAll('text')].filter((t) => t.textContent === name).map((t) => t.getAttribute('transform'));
    const mattis = positions('Mattis');
    expect(new Set(mattis).size).toBe(mattis.length);
    const hagel = positions('Hagel');
    expect(new Set(hagel).size).toBe(hagel.length);
    const dots = [...doc.querySelectorAll('circle')].map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`);
    expect(new Set(dots).size).toBe(dots.length);
    // Every dated visit has a dot; the undated one is counted in a note.
    expect(dots.length).toBe(24);
    expect(all).toContain('1 visit without a year is not shown.');
  });
});

describe('chart helpers', () => {
  it('formats money without the host locale', () => {
    expect(money(1_150_000_000)).toBe('$1.15 billion');
    expect(money(556_000_000)).toBe('$556 million');
    expect(money(999_999_999)).toBe('$1 billion');
    expect(money(228_000)).toBe('$228,000');
    expect(money(20)).toBe('$20');
  });

  it('takes surnames', () => {
    expect(surname('William J. Perry')).toBe('Perry');
    expect(surname('Lloyd J. Austin III')).toBe('Austin');
    expect(surname('Mattis')).toBe('Mattis');
  });

  it('shortens, deduplicates and sorts publishers', () => {
    expect(shortPublishers(['Voice of America (VOA)', 'Defense Security Cooperation Agency (DSCA), X', 'Defense Security Cooperation Agency (DSCA) notification', 'Voice of America'])).toEqual([
      'Defense Security Cooperation Agency',
      'Voice of America',
    ]);
  });

  it('cuts a long source line but never the version', () => {
    const many = Array.from({ length: 30 }, (_, i) => `Publisher number ${i + 1}`);
    const line = sourceLine(many, '9.9.9');
    expect(line).toMatch(/and \d+ more · Dataset version 9\.9\.9$/);
    expect(sourceLine([], '1.0.0')).toContain('Dataset version 1.0.0');
  });

  it('truncates to the width it is given', () => {
    const cut = truncate('military equipment, including ammunition, Humvees and helicopters', 200, 20);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 20)).toBeLessThanOrEqual(200);
  });

  it('renumbers Plot ids and their references with the chart prefix', () => {
    const document = new JSDOM('').window.document;
    const svg = Plot.plot({
      document,
      marks: [Plot.dot([1, 2], { x: (d: number) => d, clip: true }), Plot.lineY([1, 2], { marker: 'circle' })],
    }) as unknown as SVGSVGElement;
    const before = [...svg.querySelectorAll('[id]')].map((e) => e.id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    renumberIds(svg, 'demo');
    const after = [...svg.querySelectorAll('[id]')].map((e) => e.id);
    expect(after).toEqual(after.map((_, i) => `demo-${i + 1}`));
    const refs = [...svg.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)).join(' ');
    for (const id of before) expect(refs).not.toContain(`#${id})`);
    for (const id of after) expect(refs).toContain(`url(#${id})`);
  });

  it('handles a single row of each kind', () => {
    const one = renderCharts(
      dataset({
        'secdef-visits': [visit({ country_iso3: 'MEX', country: 'Mexico', secretary: 'Chuck Hagel', year: 2014 })],
        'arms-purchases': [arms({ buyer_iso3: 'MEX', buyer: 'Mexico', item: 'radios' })],
        training: [training({ description: 'no amount' })],
      }),
      INFO,
    );
    for (const svg of one.values()) expect(() => parse(svg)).not.toThrow();
    expect(texts(parse(one.get('charts/training-spending.svg')!))).toContain('No amounts yet');
    expect(texts(parse(one.get('charts/arms-purchases.svg')!))).toContain('radios');
  });
});

/**
 * Snapshot test in the way Observable Plot does it: the chart is compared byte for byte with
 * tests/snapshots/<name>.svg. When it differs, the new chart is written beside it as
 * <name>-changed.svg (git-ignored) so a person can open both, and the test fails. Run with
 * UPDATE_SNAPSHOTS=1 to accept the change (the snapshot is overwritten and the test passes).
 * When the snapshot does not exist yet, it is written and the test passes: that first creation is
 * the one to look at and commit.
 */
function matchSnapshot(name: string, actual: string): void {
  const expectedPath = join(SNAPSHOTS, `${name}.svg`);
  const changedPath = join(SNAPSHOTS, `${name}-changed.svg`);
  mkdirSync(SNAPSHOTS, { recursive: true });
  if (!existsSync(expectedPath)) {
    writeFileSync(expectedPath, actual);
    return;
  }
  const expected = readFileSync(expectedPath, 'utf8');
  if (expected === actual) {
    rmSync(changedPath, { force: true });
    return;
  }
  if (process.env.UPDATE_SNAPSHOTS) {
    writeFileSync(expectedPath, actual);
    rmSync(changedPath, { force: true });
    return;
  }
  writeFileSync(changedPath, actual);
  expect.fail(`${name}.svg differs from its snapshot: compare tests/snapshots/${name}.svg with ${name}-changed.svg, and run with UPDATE_SNAPSHOTS=1 to accept it`);
}

describe('snapshots', () => {
  for (const path of CHART_FILES) {
    const name = path.replace(/^charts\/|\.svg$/g, '');
    it(`${name} matches tests/snapshots/${name}.svg`, () => matchSnapshot(name, full.get(path)!));
    it(`${name} (empty) matches tests/snapshots/${name}-empty.svg`, () => matchSnapshot(`${name}-empty`, empty.get(path)!));
  }
});
