// The chart stage: three charts in four files each (wide and narrow, light and dark), each one
// self-contained, accessible and deterministic SVG, checked as XML with jsdom; what they draw
// checked against the data (money as length, no total beside its parts, bases and stages apart,
// every visit a dot), credits naming only the documents behind each chart; and snapshot tests that
// a person can open and look at.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { money, shortPublishers, surname } from '../pipeline/charts/format.js';
import { FRAMES } from '../pipeline/charts/frame.js';
import { renumberIds } from '../pipeline/charts/svg.js';
import { textWidth, truncate } from '../pipeline/charts/text.js';
import { CHARTS, CHART_FILES, chartPath, renderCharts } from '../pipeline/stages/chart.js';
import type { SourceRow } from '../pipeline/types.js';
import { DOCS, EMPTY, FULL, HOSTILE, INFO, PUBLISHERS, VERSION, arms, crowded, dataset, training, visit } from './helpers/chart-fixtures.js';

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'snapshots');
const PREFIX = { 'arms-purchases': 'arms', 'training-spending': 'training', 'secdef-visits': 'visits' } as const;
const VARIANTS = [
  ['wide', 'light', ''],
  ['narrow', 'light', '-narrow'],
  ['wide', 'dark', '-dark'],
  ['narrow', 'dark', '-narrow-dark'],
] as const;

function parse(svg: string): Document {
  // XML parsing: a well-formedness error throws.
  return new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
}

function texts(doc: Document): string[] {
  return [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');
}

/** The credits: every text from the coverage line on, joined (lines may wrap). */
function credits(doc: Document): string {
  const all = texts(doc);
  const i = all.findIndex((t) => t.startsWith('As stated in ') || t.startsWith('No document states'));
  return i < 0 ? '' : all.slice(i).join(' ');
}

/** Where Plot put a text: its translate(x,y). */
function position(el: Element): { x: number; y: number } {
  const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '')!;
  return { x: Number(m[1]), y: Number(m[2]) };
}

/** The vertical position of the first text that reads `text`. */
function yOf(doc: Document, text: string): number {
  const el = [...doc.querySelectorAll('text')].find((t) => t.textContent === text);
  expect(el, text).toBeDefined();
  return position(el!).y;
}

/** Each bar with the value text level with it: [value text, bar width]. */
function bars(doc: Document): [string, number][] {
  const values = [...doc.querySelectorAll('text')].filter((t) => /^(about |at least |up to )?\$/.test(t.textContent ?? ''));
  return [...doc.querySelectorAll('g.r-bar rect')].map((r) => {
    const cy = Number(r.getAttribute('y')) + Number(r.getAttribute('height')) / 2;
    const text = values.find((t) => Math.abs(position(t).y - cy) < 0.5);
    return [text?.textContent ?? '?', Number(r.getAttribute('width'))];
  });
}

const full = renderCharts(FULL, INFO);
const empty = renderCharts(EMPTY, INFO);
const stress = renderCharts(crowded(), INFO);
const svgOf = (charts: Map<string, string>, slug: keyof typeof PREFIX, suffix = '') => parse(charts.get(`charts/${slug}${suffix}.svg`)!);

describe('renderCharts', () => {
  it('returns each chart wide and narrow, light and dark; the wide light ones under the contract names', () => {
    const expected = CHARTS.flatMap((c) => VARIANTS.map(([, , suffix]) => `charts/${c.slug}${suffix}.svg`));
    expect([...full.keys()].sort()).toEqual(expected.sort());
    expect([...empty.keys()].sort()).toEqual(expected.sort());
    expect(CHART_FILES).toEqual(['charts/arms-purchases.svg', 'charts/training-spending.svg', 'charts/secdef-visits.svg']);
    expect(chartPath('secdef-visits', 'narrow', 'dark')).toBe('charts/secdef-visits-narrow-dark.svg');
  });

  for (const [label, charts] of [
    ['full', full],
    ['empty', empty],
    ['crowded', stress],
  ] as const) {
    describe(`${label} dataset`, () => {
      for (const chart of CHARTS) {
        for (const [frame, theme, suffix] of VARIANTS) {
          const path = `charts/${chart.slug}${suffix}.svg`;
          const svg = charts.get(path)!;
          const ids = `${PREFIX[chart.slug]}${suffix}`;

          it(`${path} is one self-contained, accessible SVG, light unless it is the dark file`, () => {
            const doc = parse(svg);
            const root = doc.documentElement;
            expect(root.localName).toBe('svg');
            expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
            expect(root.getAttribute('role')).toBe('img');
            expect(root.getAttribute('viewBox')).toMatch(new RegExp(`^0 0 ${FRAMES[frame].width} \\d+$`));
            expect(root.hasAttribute('width')).toBe(false);
            expect(root.hasAttribute('height')).toBe(false);
            expect(root.getAttribute('class')).toBe(`chart-${PREFIX[chart.slug]}${theme === 'dark' ? ' chart-dark' : ''}`);
            const title = root.querySelector(':scope > title');
            const desc = root.querySelector(':scope > desc');
            expect(title?.textContent?.length).toBeGreaterThan(10);
            expect(desc?.textContent?.length).toBeGreaterThan(20);
            expect(root.getAttribute('aria-labelledby')).toBe(`${ids}-title ${ids}-desc`);
            // The visible title is the <title>, on one line or several.
            expect(texts(doc).slice(0, 3).join(' ')).toContain(title!.textContent!.split(' ')[0]);
            const style = root.querySelector(':scope > style')!.textContent!;
            // Never the reader's system setting: an <img> in a light page would turn black.
            expect(style).not.toContain('prefers-color-scheme');
            expect(style).toContain(`.chart-${PREFIX[chart.slug]}.chart-dark .bg`);
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

          it(`${path} has unique ids, all prefixed "${ids}-"`, () => {
            const found = [...parse(svg).querySelectorAll('[id]')].map((e) => e.id);
            expect(found.length).toBeGreaterThanOrEqual(2);
            expect(new Set(found).size).toBe(found.length);
            for (const id of found) expect(id.startsWith(`${ids}-`), id).toBe(true);
          });

          it(`${path} draws no text smaller than its frame's smallest size`, () => {
            const sizes = [...parse(svg).querySelectorAll('[font-size]')].map((g) => Number(g.getAttribute('font-size')));
            expect(sizes.length).toBeGreaterThan(2);
            expect(Math.min(...sizes)).toBe(frame === 'wide' ? 16 : 13);
          });

          it(`${path} credits its coverage, its sources and the dataset with its version`, () => {
            const line = credits(parse(svg));
            expect(line).toMatch(/^(As stated in \d+ documents?(, \d{4}(–\d{4})?)?|No document states any of these facts yet); not a complete record\. Source: /);
            expect(line).toContain(`Data: U.S. defense relations with Latin America and the Caribbean, version ${VERSION} (CC BY 4.0).`);
          });
        }
      }
    });
  }

  it('says "No facts yet" for empty tables', () => {
    for (const path of CHART_FILES) {
      const doc = parse(empty.get(path)!);
      expect(texts(doc)).toContain('No facts yet');
      expect(doc.querySelector('desc')!.textContent).toMatch(/empty/);
      expect(credits(doc)).toContain('Source: none yet.');
    }
  });

  it('keeps hostile text as text', () => {
    for (const slug of ['arms-purchases', 'training-spending', 'secdef-visits'] as const) {
      const svg = full.get(`charts/${slug}.svg`)!;
      const all = texts(parse(svg)).join('\n');
      expect(all).toContain('</svg><script>');
      expect(svg).toContain('&lt;/svg&gt;&lt;script&gt;');
      expect(parse(svg).querySelectorAll('script, img').length).toBe(0);
      // The hostile publisher is named as text in the credits of every chart with a row it states.
      expect(credits(parse(svg))).toContain(HOSTILE.attribute);
    }
  });

  it('is deterministic: same bytes twice, whatever was drawn in between', () => {
    renderCharts(crowded(), INFO);
    // Plot's global clip and marker counters have moved on; the output must not show it.
    Plot.plot({ marks: [Plot.dot([1, 2], { x: (d: number) => d, clip: true })], document: new JSDOM('').window.document });
    expect(renderCharts(FULL, INFO)).toEqual(full);
    expect(renderCharts(EMPTY, INFO)).toEqual(empty);
  });

  it('does not depend on the order of the sources', () => {
    expect(renderCharts({ ...FULL, sources: [...FULL.sources].reverse() }, INFO)).toEqual(full);
  });
});

describe('credits', () => {
  it('name only the publishers of the documents behind the chart’s rows', () => {
    const arms = credits(svgOf(full, 'arms-purchases'));
    const visits = credits(svgOf(full, 'secdef-visits'));
    const training = credits(svgOf(full, 'training-spending'));
    // In code-point order: the hostile publisher's '"' comes first.
    expect(arms).toContain('Source: "><img onerror=x>; Defense Security Cooperation Agency.');
    expect(visits).toContain('Source: "><img onerror=x>; American Forces Press Service.');
    expect(training).toContain('Source: "><img onerror=x>; U.S. Department of State.');
    for (const other of ['Voice of America', 'Anchorage Daily News', 'Security Assistance Monitor']) {
      expect(arms + visits + training).not.toContain(other);
    }
  });

  it('count the documents behind the rows drawn and the years of the facts', () => {
    // Visits cite two documents, from 1995 to 2021 (the undated visit is not drawn).
    expect(credits(svgOf(full, 'secdef-visits'))).toMatch(/^As stated in 2 documents, 1995–2021; not a complete record\./);
    expect(credits(svgOf(full, 'arms-purchases'))).toMatch(/^As stated in 2 documents, 2002–2016; not a complete record\./);
  });

  it('name as many publishers as fit in two lines and count the rest, or count them all', () => {
    const many: SourceRow[] = Array.from({ length: 40 }, (_, i) => ({ ...FULL.sources[0]!, id: `many-${i}`, publisher: `Regional Newspaper Number ${String(i + 1).padStart(2, '0')}` }));
    const rows = (sources: SourceRow[]) => sources.map((s, i) => arms({ buyer_iso3: 'MEX', buyer: 'Mexico', item: 'radios', value_usd: 1000 * (i + 1), year: 2000 + (i % 20), status: 'ordered', source_id: s.id }));
    const charts = renderCharts({ ...dataset({ 'arms-purchases': rows(many) }), sources: [...FULL.sources, ...many] }, INFO);
    // 18 deals drawn (the largest), from 18 documents and publishers.
    for (const suffix of ['', '-narrow']) {
      const line = credits(svgOf(charts, 'arms-purchases', suffix));
      expect(line).toMatch(/Source: Regional Newspaper Number 23(; Regional Newspaper Number \d+)* and \d+ more\./);
      expect(line).not.toContain('Number 22');
    }
    const long: SourceRow[] = many.map((s) => ({ ...s, publisher: `${s.publisher} ${'and its very long name '.repeat(12)}`.trim().replace(/ /g, '-') }));
    const counted = renderCharts({ ...dataset({ 'arms-purchases': rows(long) }), sources: [...FULL.sources, ...long] }, INFO);
    expect(credits(svgOf(counted, 'arms-purchases', '-narrow'))).toContain('Source: 18 documents from 18 publishers.');
  });

  it('say so when no facts are drawn', () => {
    expect(credits(svgOf(empty, 'arms-purchases'))).toMatch(/^No document states any of these facts yet; not a complete record\./);
  });
});

describe('training chart', () => {
  const doc = svgOf(full, 'training-spending');
  const all = texts(doc);

  it('draws money as length: bar widths are proportional to dollars on one scale for every panel', () => {
    const drawn = new Map(bars(doc));
    const perDollar = drawn.get('$573 million')! / 573e6;
    expect(drawn.get('$400 million')! / 400e6).toBeCloseTo(perDollar, 10);
    expect(drawn.get('$60 million')! / 60e6).toBeCloseTo(perDollar, 10);
    // Tiny amounts are still drawn, 1.5 units long at least.
    expect(drawn.get('$47,000')).toBe(1.5);
  });

  it('draws no total beside its parts and no running total: exactly the amounts the safe sum counts', () => {
    const values = bars(doc).map(([v]) => v);
    // The FY2000 TOTAL line, the $1.6 billion to date and the $504 million delivered to date are left out...
    for (const left of ['$414,171', 'at least $1.6 billion', '$504 million']) expect(values).not.toContain(left);
    // ... and the parts of the total are drawn.
    expect(values).toEqual(expect.arrayContaining(['$228,000', '$142,237', '$400 million']));
    expect(all.join(' ')).toContain('Totals and running totals (3 rows) are not drawn: the amounts they add up are, so nothing is drawn beside its parts.');
  });

  it('keeps bases apart, one panel each in budget order, and labels fiscal years', () => {
    const panels = ['Requested in a budget', 'Planned', 'Appropriated by Congress', 'Actual (spent)', 'Basis not stated'];
    const at = panels.map((p) => yOf(doc, p));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Each bar sits in its basis's panel: the planned IMET below "Planned", above "Appropriated".
    expect(yOf(doc, '$250,000')).toBeGreaterThan(yOf(doc, 'Planned'));
    expect(yOf(doc, '$250,000')).toBeLessThan(yOf(doc, 'Appropriated by Congress'));
    const labels = all.join(' ');
    expect(labels).toContain('FY2004 · Andean Counterdrug');
    expect(labels).toContain('FY2001 · IMET');
    // A period the source does not call fiscal is not labelled FY.
    expect(labels).toContain('2010–2015 · Pentagon training');
    expect(all).toContain('3 facts without an amount (trainees, courses) are not drawn.');
  });

  it('shows the largest amounts of each basis with 150 rows, and says where the rest are', () => {
    const crowdedDoc = svgOf(stress, 'training-spending');
    const rows = bars(crowdedDoc);
    expect(rows.length).toBeLessThanOrEqual(20);
    expect(texts(crowdedDoc).join(' ')).toMatch(/The 2 largest amounts of each kind; all \d+ amounts are in training\.csv\./);
    expect(texts(crowdedDoc).filter((t) => /^2 largest of \d+$/.test(t)).length).toBe(10);
  });
});

describe('arms purchases chart', () => {
  const doc = svgOf(full, 'arms-purchases');
  const all = texts(doc);

  it('draws one bar per deal, its value as length, a package whole with its items inside', () => {
    const drawn = bars(doc);
    const values = drawn.map(([v]) => v);
    // Chile's deal at its latest valued stage (ordered, $660 million), not also at $700 million.
    expect(values).toContain('$660 million');
    expect(values).not.toContain('about $700 million');
    expect(values).not.toContain('about $40 million');
    expect(values).toContain('at least $1.15 billion');
    const width = new Map(drawn);
    expect(width.get('$406 million')! / 406e6).toBeCloseTo(width.get('$660 million')! / 660e6, 10);
    expect(all).toContain('2 deals without a stated value are not drawn; they are in arms-purchases.csv.');
  });

  it('keeps notified ceilings apart from deals ordered, bought or delivered', () => {
    const offered = yOf(doc, 'Proposed or approved (notified ceilings, not sales)');
    expect(offered).toBeGreaterThan(yOf(doc, 'Ordered, bought or delivered'));
    expect(yOf(doc, 'at least $1.15 billion')).toBeLessThan(offered);
    expect(yOf(doc, 'about $1.2 billion')).toBeGreaterThan(offered);
    const labels = all.join(' ').replace(/\u00a0/g, ' ');
    expect(labels).toContain('approved 2014 · 3,335 × M1152');
    expect(labels).toContain('2013 · 24 × Mi-17 from Russia');
  });

  it('shows the largest deals with 150 rows, and says where the rest are', () => {
    const crowdedDoc = svgOf(stress, 'arms-purchases');
    expect(bars(crowdedDoc).length).toBeLessThanOrEqual(18);
    expect(texts(crowdedDoc).join(' ')).toMatch(/The \d+ largest deals of each kind; all \d+ deals with a value are in arms-purchases\.csv\./);
  });
});

describe('defense secretary visits chart', () => {
  const doc = svgOf(full, 'secdef-visits');
  const all = texts(doc);

  it('draws every dated visit as a dot, hollow when the source names no secretary', () => {
    // 25 visits, one without a year.
    expect(doc.querySelectorAll('circle').length).toBe(24);
    // Rumsfeld? (Guatemala 2005), Shanahan?, Carter?, and the unnamed Argentina 2005.
    expect(doc.querySelectorAll('g.d-hollow circle').length).toBe(4);
    expect(all).toContain('1 visit without a year is not drawn.');
    // Who travelled, since the dots do not say: the secretaries with most visits, in a note.
    expect(all).toContain('Most visits here: Mattis 6, Hagel 4, Rumsfeld 3, Carter 2, Gates 2.');
  });

  it('stacks visits of one year and country, and counts them per country', () => {
    const dots = [...doc.querySelectorAll('circle')].map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`);
    expect(new Set(dots).size).toBe(dots.length);
    // The count at the end of the country's line.
    expect(Math.abs(yOf(doc, 'Colombia') - yOf(doc, '6'))).toBeLessThan(1);
    expect(doc.querySelector('desc')!.textContent).toContain(
      'In these documents, the most visits are to Colombia (6: Mattis 2017, Mattis 2018, Mattis 2018, Shanahan (inferred) 2018, Esper 2019 and Austin 2021) and Mexico (6: Perry 1995, Gates 2010, Hagel 2014, Hagel 2014, Carter 2015 and Mattis 2017).',
    );
  });

  it('draws every one of 150 visits, the countries with fewest sharing a line', () => {
    const data = crowded();
    const crowdedDoc = svgOf(stress, 'secdef-visits');
    const dated = data['secdef-visits'].filter((v) => v.year !== null).length;
    expect(crowdedDoc.querySelectorAll('circle').length).toBe(dated);
    expect(texts(crowdedDoc).some((t) => /^\d+ other$/.test(t) || /^\d+ other countries$/.test(t))).toBe(true);
    expect(texts(crowdedDoc).join(' ')).toContain('share the last line; every visit is in secdef-visits.csv.');
  });
});

describe('charts of 150 rows per table', () => {
  for (const chart of CHARTS) {
    it(`${chart.slug} stays a chart: at most twice as tall as wide in the wide frame`, () => {
      const [, , , height] = svgOf(stress, chart.slug).documentElement.getAttribute('viewBox')!.split(' ').map(Number);
      expect(height!).toBeLessThanOrEqual(2 * FRAMES.wide.width);
    });
  }
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
    expect(PUBLISHERS.length).toBeGreaterThan(3);
    expect(DOCS.arms).toBe('doc-3');
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
    expect(texts(svgOf(one, 'training-spending'))).toContain('No amounts yet');
    expect(texts(svgOf(one, 'arms-purchases'))).toContain('No stated values yet');
    expect(svgOf(one, 'secdef-visits').querySelectorAll('circle').length).toBe(1);
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
  for (const chart of CHARTS) {
    for (const suffix of ['', '-narrow']) {
      const name = `${chart.slug}${suffix}`;
      it(`${name} matches tests/snapshots/${name}.svg`, () => matchSnapshot(name, full.get(`charts/${name}.svg`)!));
    }
    it(`${chart.slug} (empty) matches tests/snapshots/${chart.slug}-empty.svg`, () => matchSnapshot(`${chart.slug}-empty`, empty.get(chartPath(chart.slug))!));
  }
});
