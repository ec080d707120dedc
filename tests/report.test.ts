// The report stage on a small dataset of our own, hostile text included: summary.md, changes.md,
// index.html (parsed with jsdom) and the data dictionary.
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { validate } from '../pipeline/lib/schemas.js';
import { diffTable } from '../pipeline/report/changes.js';
import { buildDataDictionary } from '../pipeline/report/dictionary.js';
import { escapeHtml, svgText } from '../pipeline/report/html.js';
import { mdCode, mdText } from '../pipeline/report/markdown.js';
import { buildReports } from '../pipeline/stages/report.js';
import { CHART_FILES } from '../pipeline/stages/chart.js';
import { exportDataset } from '../pipeline/stages/export.js';
import { FACT_TABLES, TABLES } from '../pipeline/types.js';
import { HOSTILE, charts, dataset, problems, reportInput, review } from './helpers/report-fixture.js';

const reports = buildReports(reportInput());
const summary = reports.get('summary.md')!;
const changes = reports.get('changes.md')!;
const html = reports.get('index.html')!;

/** Cells of a GFM table line: split on pipes that no backslash escapes. */
function cells(line: string): string[] {
  return line.replace(/^\|\s?|\s?\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

function tableLines(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(heading);
  expect(start, `no "${heading}" in the report`).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rest = lines.slice(first);
  const end = rest.findIndex((l) => !l.startsWith('|'));
  return rest.slice(0, end < 0 ? undefined : end);
}

describe('the fixture', () => {
  it('is valid against the schemas, hostile text and all', () => {
    const data = dataset();
    for (const table of TABLES) for (const row of data[table]) expect(validate(table, row), `${table} ${JSON.stringify(row).slice(0, 60)}`).toEqual([]);
  });
});

describe('buildReports', () => {
  it('returns the three reports, byte for byte the same on every call', () => {
    expect([...reports.keys()].sort()).toEqual(['changes.md', 'index.html', 'summary.md']);
    expect(buildReports(reportInput())).toEqual(reports);
    for (const text of reports.values()) expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  });
});

describe('summary.md', () => {
  it('counts rows per table and facts per document', () => {
    const rows = tableLines(summary, '## Rows per table').slice(2).map(cells);
    const data = dataset();
    expect(rows).toEqual(TABLES.map((t) => [`\`${t}\``, String(data[t].length)]));
    const docs = tableLines(summary, '## Facts per document').slice(2).map(cells);
    expect(docs[0]).toEqual(['`000_4fc6a45fc6b0fc80`', "U.S. Defense Secretary Hagel's trip to Mexico and Guatemala", '3', '2', '1']);
    expect(docs[1]).toHaveLength(5);
  });

  it('lists every problem with its file, field or line and reason, one table row each', () => {
    const rows = tableLines(summary, '## Problems (3)').slice(2).map(cells);
    expect(rows).toHaveLength(problems.length);
    expect(rows[0]).toEqual(['`sources/broken.meta.json`', 'field `published`', '`invalid-meta`', 'is not in the expected form ("2014-13")']);
    expect(rows[1]!.slice(0, 2)).toEqual(['`sources/latin1.txt`', 'line 7']);
    // The hostile message stays in its cell and reads as text, not markup.
    expect(rows[2]).toHaveLength(4);
    expect(rows[2]![3]).toContain('\\<script\\>');
    expect(summary).not.toMatch(/(?<!\\)<script/);
  });

  it("gives the review per table, and lists the rows the records dropped and the fields they amended", () => {
    const counts = tableLines(summary, '## Review: the extractor against its editors').slice(2).map(cells);
    expect(counts.map((r) => r[0])).toEqual(['`secdef-visits`', '`arms-purchases`', '`training`']);
    // arms: one confirmed row (the fixture's), no dropped row: every row the extractor wrote is stated.
    const arms = counts[1]!;
    expect(arms.slice(1, 6).map(Number).reduce((a, b) => a + b)).toBe(dataset()['arms-purchases'].length);
    expect(arms[6]).toBe('100%');
    const dropped = tableLines(summary, '### Dropped (1)').slice(2).map(cells);
    expect(dropped[0]!.slice(0, 3)).toEqual(['`secdef-visits`', `\`${review.dropped[0]!.source_id}\``, '`visits/travel`']);
    const amended = tableLines(summary, '### Amended fields (2)').slice(2).map(cells);
    expect(amended[0]!.slice(2, 5)).toEqual(['`value_qualifier`', '"approximate"', '"at\\_least"']);
    expect(amended[1]![5]).toContain('\\');
  });

  it('reports the claims check: sentence, verdict, evidence rows and rows set aside', () => {
    expect(summary).toContain('## Claims check (3: 1 contradicted, 1 without independent evidence)');
    expect(summary).toContain('Rows that only claim sentences state are set aside: they neither confirm nor contradict.');
    const rows = tableLines(summary, '## Claims check').slice(2).map(cells);
    expect(rows[0]).toEqual([
      '`000_4fc6a45fc6b0fc80`',
      'Chuck Hagel: first visit to Guatemala since 1995 (2014)',
      'Hagel is the first Secretary of Defense to visit Guatemala since William Perry in 1995.',
      'consistent',
      '`visit-william-perry-gtm-1995`',
      '—',
      'Other sentences state a visit to Guatemala in 1995 (William Perry 1995) and none between 1995 and 2014.',
    ]);
    expect(rows[1]!.slice(1, 4)).toEqual(['first visit ever to Honduras (2017)', 'The first visit ever "\\>\\<img src=x onerror="window.\\_\\_pwned=\'img\'"\\>', '**contradicted**']);
    expect(rows[2]!.slice(3, 6)).toEqual(['no independent evidence', '—', '`visit-2005-mex-rumsfeld`']);
  });

  it('says so when there is nothing to report', () => {
    const quiet = buildReports(reportInput({ problems: [], review: { reviewed: 0, dropped: [], amendments: [] }, claims: [] })).get('summary.md')!;
    expect(quiet).toContain('No problems');
    expect(quiet).toContain('### Dropped (0)\n\nNone.');
    expect(quiet).toContain('## Claims check\n\nNo document claims');
  });
});

describe('changes.md', () => {
  it('lists rows added, removed and changed, field by field', () => {
    expect(changes).toContain('# Changes in version 0.1.0');
    const visits = changes.slice(changes.indexOf('## secdef-visits'), changes.indexOf('## arms-purchases'));
    expect(visits).toContain('### Added (1)\n\n- `visit-william-perry-gtm-1995`: William Perry, Guatemala, 1995');
    const arms = changes.slice(changes.indexOf('## arms-purchases'), changes.indexOf('## training'));
    expect(arms).toContain('### Changed (1)\n\n- `arms-mex-2014-deal`\n  - `value_usd`: 1000000000 → 1150000000\n  - `value_qualifier`: "approximate" → "at\\_least"');
    expect(arms).not.toContain('Added');
    const training = changes.slice(changes.indexOf('## training'), changes.indexOf('## sources'));
    expect(training).toContain('### Removed (1)\n\n- `training-col-fmf-2014`');
    expect(changes).toContain('## sources\n\nNo changes.');
  });

  it('says "No previous output" without a previous release and "No changes" when nothing changed', () => {
    expect(buildReports(reportInput({ previous: null })).get('changes.md')).toMatch(/No previous output/);
    expect(buildReports(reportInput({ previous: dataset() })).get('changes.md')).toMatch(/No changes/);
  });

  it('diffs by key, treating a missing key and null alike and keeping the schema order of fields', () => {
    const before = [{ id: 'a', quote: 'x', year: 2014, city: null }];
    const after = [{ id: 'a', quote: 'y', year: 2015 }];
    const diff = diffTable('secdef-visits', before, after);
    expect(diff.changed).toEqual([{ key: 'a', fields: [{ field: 'quote', before: 'x', after: 'y' }, { field: 'year', before: 2014, after: 2015 }] }]);
    expect(COLUMNS['secdef-visits'].indexOf('quote')).toBeLessThan(COLUMNS['secdef-visits'].indexOf('year'));
  });
});

describe('index.html', () => {
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  const all = (selector: string) => [...doc.querySelectorAll(selector)];

  it('creates no element and no attribute from data text', () => {
    expect(all('script')).toHaveLength(1);
    expect(all('iframe, object, embed, base, form')).toHaveLength(0);
    // Each chart is one picture: the wide, light file as the image, the narrow and dark files as sources.
    expect(all('img').map((i) => i.getAttribute('src')).sort()).toEqual(CHART_FILES.map((p) => `../output/${p}`).sort());
    expect(all('picture source').map((s) => s.getAttribute('srcset')).sort()).toEqual([...charts().keys()].filter((p) => !CHART_FILES.includes(p)).map((p) => `../output/${p}`).sort());
    const handlers = all('*').flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
    expect(handlers).toEqual([]);
    const hrefs = all('[href]').map((a) => a.getAttribute('href')!);
    expect(hrefs.filter((h) => !/^(https?:\/\/|#|\.\.\/output\/|summary\.md$|changes\.md$)/.test(h))).toEqual([]);
    // The hostile text is there, as text.
    const visits = doc.getElementById('table-secdef-visits')!;
    expect(visits.textContent).toContain(HOSTILE.attribute);
    expect(visits.textContent).toContain(HOSTILE.script);
    expect(doc.getElementById('table-arms-purchases')!.textContent).toContain(HOSTILE.formula);
  });

  it('runs no script but its own', () => {
    const live = new JSDOM(html, { runScripts: 'dangerously' });
    expect((live.window as unknown as { __pwned?: string }).__pwned).toBeUndefined();
    // Its own script ran: the filters are shown.
    expect(live.window.document.querySelector('[data-filter]')!.hasAttribute('hidden')).toBe(false);
    live.window.close();
  });

  it('allows exactly its own style and script in the Content-Security-Policy', () => {
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(doc.querySelector('script')!.textContent!)}`);
    expect(csp).toContain(`style-src ${hash(doc.querySelector('style')!.textContent!)}`);
  });

  it('links every download: CSV and JSON of every table, the data package and the data dictionary', () => {
    const hrefs = new Set(all('a[href]').map((a) => a.getAttribute('href')));
    for (const t of TABLES) for (const ext of ['csv', 'json']) expect(hrefs, `${t}.${ext}`).toContain(`../output/data/${t}.${ext}`);
    expect(hrefs).toContain('../output/datapackage.json');
    expect(hrefs).toContain('../output/README.md');
    for (const h of hrefs) if (h?.startsWith('#')) expect(doc.getElementById(h.slice(1)), h).not.toBeNull();
    expect(all('a[href^="javascript"]')).toHaveLength(0);
  });

  it('links only the files the output folder has', () => {
    const input = reportInput();
    input.outputFiles = input.outputFiles.filter((f) => f !== 'README.md' && f !== 'charts/training-spending.svg');
    const page = new JSDOM(buildReports(input).get('index.html')!).window.document;
    expect(page.querySelector('a[href$="README.md"]')).toBeNull();
    expect(page.querySelectorAll('img')).toHaveLength(2);
  });

  it('shows each chart with its description as alt text and embed code that pastes safely', () => {
    for (const path of CHART_FILES) {
      const svg = charts().get(path)!;
      const img = doc.querySelector(`img[src="../output/${path}"]`)!;
      expect(img.getAttribute('alt')).toBe(svgText(svg, 'desc'));
      expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['720', '360']);
      // The page follows the reader's setting (it is dark-aware itself), so its pictures may too.
      const sources = [...img.closest('picture')!.querySelectorAll('source')].map((s) => [s.getAttribute('media'), s.getAttribute('srcset')]);
      const stem = `../output/${path.replace(/\.svg$/, '')}`;
      expect(sources).toEqual([
        ['(prefers-color-scheme: dark) and (max-width: 599px)', `${stem}-narrow-dark.svg`],
        ['(prefers-color-scheme: dark)', `${stem}-dark.svg`],
        ['(max-width: 599px)', `${stem}-narrow.svg`],
      ]);
      const chart = img.closest('.chart')!;
      const codes = [...chart.querySelectorAll('pre > code')].map((c) => c.textContent!);
      expect(codes).toHaveLength(2);
      // Light code, then dark code; neither follows the reader's system setting.
      expect(codes[0]).toBe(
        `<picture>\n  <source media="(max-width: 599px)" srcset="${stem}-narrow.svg" width="300" height="480">\n  <img src="${stem}.svg" alt="${svgText(svg, 'desc')!.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}" width="720" height="360" style="display:block;width:100%;height:auto">\n</picture>`,
      );
      expect(codes[1]).toContain(`srcset="${stem}-narrow-dark.svg"`);
      expect(codes[1]).toContain(`<img src="${stem}-dark.svg"`);
      for (const code of codes) {
        expect(code).not.toContain('prefers-color-scheme');
        const pasted = new JSDOM(code).window.document;
        expect(pasted.querySelectorAll('img')).toHaveLength(1);
        expect(pasted.querySelector('img')!.getAttribute('alt')).toBe(svgText(svg, 'desc'));
        expect(pasted.querySelectorAll('[onerror], script')).toHaveLength(0);
      }
    }
    expect(doc.getElementById('charts')!.textContent).toContain('published without a base URL, so the addresses in the code are relative to this page');
  });

  it('writes absolute chart addresses into the embed code when the release has a base URL', () => {
    const page = new JSDOM(buildReports(reportInput({ baseUrl: 'https://data.example.org/defense/v1/' })).get('index.html')!).window.document;
    const codes = [...page.querySelectorAll('#charts pre > code')].map((c) => c.textContent!);
    expect(codes).toHaveLength(6);
    for (const code of codes) {
      const urls = [...code.matchAll(/(?:src|srcset)="([^"]+)"/g)].map((m) => m[1]!);
      expect(urls).toHaveLength(2);
      for (const url of urls) expect(url).toMatch(/^https:\/\/data\.example\.org\/defense\/v1\/charts\/[a-z-]+\.svg$/);
    }
    expect(page.getElementById('charts')!.textContent).toContain('The code loads the files from https://data.example.org/defense/v1/');
    // The page's own pictures still load from beside it.
    expect([...page.querySelectorAll('img')].every((i) => i.getAttribute('src')!.startsWith('../output/charts/'))).toBe(true);
  });

  it('says what the data covers: documents, publishers, years and countries per table, not a complete record', () => {
    const text = doc.querySelector('header .coverage')!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('The tables are a compilation of what these documents state, not a complete record: 2 documents from 2 publishers.');
    expect(text).toContain('Secretary of Defense visits: 4 rows from 2 documents by 2 publishers, 1995–2017, 3 countries');
    expect(text).toContain('Arms purchases: 3 rows from 2 documents by 2 publishers, 2014–2017, 2 countries');
  });

  it('makes every fact table browsable: caption, scoped headers, quote, source link and id, labelled filter', () => {
    const data = dataset();
    for (const t of FACT_TABLES) {
      const table = doc.getElementById(`table-${t}`) as HTMLTableElement;
      expect(table.caption!.textContent).toContain(`(${data[t].length} rows)`);
      expect([...table.tHead!.querySelectorAll('th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
      const rows = [...table.tBodies[0]!.rows];
      expect(rows).toHaveLength(data[t].length);
      data[t].forEach((row, i) => {
        const cellsText = [...rows[i]!.cells].map((c) => c.textContent);
        expect(rows[i]!.cells[0]!.tagName).toBe('TH');
        expect(cellsText).toContain(row.quote);
        expect(cellsText.at(-1)).toBe(row.id);
      });
      const input = doc.getElementById(`table-${t}-filter`)!;
      expect(doc.querySelector(`label[for="table-${t}-filter"]`)!.textContent).toMatch(/^Filter/);
      expect(input.getAttribute('aria-controls')).toBe(`table-${t}`);
    }
    // A row cites its document by id, linked to the document's line in the sources table, which
    // links to the page (the title is written once there, not once per row).
    const source = doc.querySelector('#table-secdef-visits tbody tr td.source a')!;
    expect(source.getAttribute('href')).toBe('#source-000_4fc6a45fc6b0fc80');
    expect(source.textContent).toBe('000_4fc6a45fc6b0fc80');
    const line = doc.getElementById('source-000_4fc6a45fc6b0fc80')!;
    expect(line.querySelector('a[href^="http"]')!.getAttribute('href')).toBe(dataset().sources[0]!.url);
    // The javascript: URL of the hostile source is text, not a link.
    expect(doc.querySelector(`#source-${dataset().sources.at(-1)!.id} a[href^="javascript"]`)).toBeNull();
  });

  it('has the structure assistive technology needs', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(all('h1')).toHaveLength(1);
    const levels = all('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1));
    expect(all('header, main, footer, nav[aria-label]')).toHaveLength(4);
    for (const input of all('input')) expect(doc.querySelector(`label[for="${input.id}"]`), input.id).not.toBeNull();
    expect(all('table').every((t) => t.querySelector('caption'))).toBe(true);
    expect(doc.querySelector('meta[name=viewport]')).not.toBeNull();
    expect(doc.querySelector('style')!.textContent).toContain('prefers-color-scheme:dark');
  });
});

describe('escaping helpers', () => {
  it('escapeHtml escapes markup and both quote kinds', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });

  it('mdText and mdCode keep text on one line and inside its table cell', () => {
    expect(mdText('a|b\nc <b>*d*</b>')).toBe('a\\|b c \\<b\\>\\*d\\*\\</b\\>');
    expect(mdCode('x`y|z')).toBe('`` x`y\\|z ``');
  });
});

describe('buildDataDictionary', () => {
  const readme = buildDataDictionary(dataset(), '0.1.0');

  it('describes every column of every table, with what one row is', () => {
    for (const t of TABLES) {
      const start = readme.indexOf(`### ${t}\n`);
      expect(start, t).toBeGreaterThan(0);
      const section = readme.slice(start).split(/\n#{2,3} /)[0]!;
      const lines = section.split('\n').filter((l) => l.startsWith('| `'));
      expect(lines.map((l) => cells(l)[0]), t).toEqual(COLUMNS[t].map((c) => `\`${c}\``));
      for (const line of lines) expect(cells(line), line).toHaveLength(7);
    }
    expect(readme).toContain('What one row is: A visit by a U.S. Secretary of Defense');
  });

  it('gives types, units, allowed values and examples from the data', () => {
    const row = (column: string, table = 'arms-purchases') => {
      const section = readme.slice(readme.indexOf(`### ${table}\n`));
      return cells(section.split('\n').find((l) => l.startsWith(`| \`${column}\` |`))!);
    };
    expect(row('value_usd')).toEqual(expect.arrayContaining(['number', 'yes', 'USD (nominal, as stated)', '`1150000000`']));
    expect(row('char_start')[3]).toBe('Unicode code points');
    expect(row('status')[4]).toBe('one of `proposed`, `approved`, `ordered`, `purchased`, `delivered`');
    expect(row('city', 'secdef-visits')[6]).toBe('`Guatemala City`');
    expect(row('courses', 'training')[6]).toBe('`4`');
    expect(row('secretary_inferred', 'secdef-visits')).toEqual(expect.arrayContaining(['boolean', 'no', '`false`']));
  });

  it('says what the data covers, per table, and that it is not a complete record', () => {
    const section = readme.slice(readme.indexOf('## What the data covers'), readme.indexOf('## Files'));
    expect(section).toContain('The tables are a compilation of what these documents state, not a complete record: 2 documents from 2 publishers');
    const rows = section.split('\n').filter((l) => l.startsWith('| `')).map(cells);
    expect(rows).toEqual([
      ['`secdef-visits`', '4', '2', '2', '1995–2017', '3'],
      ['`arms-purchases`', '3', '2', '2', '2014–2017', '2'],
      ['`training`', '2', '2', '2', '2010–2017', '2'],
    ]);
    const description = (JSON.parse(exportDataset(dataset(), { version: '0.1.0' }).get('datapackage.json') as string) as { description: string }).description;
    expect(description).toContain('not a complete record: 2 documents from 2 publishers. secdef-visits: 4 rows from 2 documents by 2 publishers, 1995–2017, 3 countries;');
  });

  it('explains missing values, the CSV dialect, the formula guard, citation, licence and traceability', () => {
    expect(readme).toContain('empty cell in CSV and `null` in JSON');
    expect(readme).toMatch(/UTF-8 without a byte-order mark.*CRLF.*RFC 4180/);
    expect(readme).toContain("starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` in the CSV files only");
    expect(readme).toContain('JSON files keep the raw text; numbers are never touched');
    expect(readme).toMatch(/## How to cite\n\n.*version 0\.1\.0/);
    expect(readme).toContain('CC-BY-4.0');
    expect(readme).toContain('source texts keep their own licence');
    expect(readme).toMatch(/`quote`.*`char_start`\/`char_end`.*Unicode code points/);
  });
});
