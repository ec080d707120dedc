// The published files read by tools we did not write (issue #15), on the committed output/ (which
// tests/pipeline.test.ts holds equal to a fresh run): the Frictionless reader validates the
// descriptor and reads every resource; a pandas-style reader (UTF-8, header row) and a spreadsheet
// reader of the Excel twin get every accent and header; researchers find what they need to cite.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { toXlsx } from '../pipeline/lib/xlsx.js';
import { lastDayOf, releaseDate } from '../pipeline/report/citation.js';
import { TABLES, type SourceRow } from '../pipeline/types.js';
import { ROOT } from './fixtures/bad-input.js';

const OUTPUT = join(ROOT, 'output');
const json = (table: string) => JSON.parse(readFileSync(join(OUTPUT, 'data', `${table}.json`), 'utf8')) as Record<string, unknown>[];
const work = mkdtempSync(join(tmpdir(), 'readers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** CSV text cells carry a leading ' when they start like a formula; the JSON twin has the raw text. */
const unguard = (v: string) => (/^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v);

describe('the Frictionless reader (datapackage on npm)', () => {
  it('validates datapackage.json and reads every resource, keys and foreign keys included', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/read-outputs.mjs'), OUTPUT], { encoding: 'utf8' });
    for (const table of TABLES) expect(out).toMatch(new RegExp(`^${table}: ${json(table).length} rows read`, 'm'));
  });

  it('fails on a CSV with a byte-order mark, which it reads into the first column name', () => {
    const copy = join(work, 'bom');
    cpSync(OUTPUT, copy, { recursive: true });
    const csv = join(copy, 'data', 'sources.csv');
    writeFileSync(csv, `\uFEFF${readFileSync(csv, 'utf8')}`);
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/read-outputs.mjs'), copy], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^data\/sources\.csv: /m);
  });
});

describe('a pandas-style reader: the bytes decoded as UTF-8, a header row', () => {
  it('gets every column name and every accented character of every table', () => {
    let accents = 0;
    for (const table of TABLES) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(OUTPUT, 'data', `${table}.csv`)));
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual(COLUMNS[table]);
      const rows = json(table);
      parsed.data.forEach((cells, i) => {
        for (const column of COLUMNS[table]) {
          const value = rows[i]![column];
          if (typeof value !== 'string') continue;
          expect(unguard(cells[column]!)).toBe(value);
          if (/[^\x00-\x7f]/.test(value)) accents++;
        }
      });
    }
    expect(accents, 'the data holds accented text to check').toBeGreaterThan(10);
  });
});

describe('the Excel twin, read by a spreadsheet reader', () => {
  it('gives every table with its header, text (accents, formula-like starts) as text, numbers as numbers', () => {
    for (const table of TABLES) {
      const book = XLSX.read(readFileSync(join(OUTPUT, 'data', `${table}.xlsx`)), { type: 'buffer' });
      expect(book.SheetNames).toEqual([table]);
      const sheet = book.Sheets[table]!;
      const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0];
      expect(header).toEqual(COLUMNS[table]);
      const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: null });
      expect(rows).toEqual(json(table));
    }
  });

  it('keeps what XML cannot carry, and what looks like a formula, as the exact text', () => {
    const hostile = ['=1+2', 'tab\there', 'bell\u0007', '_x0041_ stays', 'ok € Peréz', '<b>&amp;</b>'];
    const book = XLSX.read(toXlsx('t', ['a', 'n', 'b'], hostile.map((a, i) => ({ a, n: i + 0.5, b: i % 2 === 0 }))), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.t!, { defval: null });
    expect(rows).toEqual(hostile.map((a, i) => ({ a, n: i + 0.5, b: i % 2 === 0 })));
    expect(book.Sheets.t!.A2!.t).toBe('s');
    // Byte for byte the same workbook each time: no clock in the zip.
    expect(Buffer.from(toXlsx('t', ['a'], [{ a: 'x' }])).equals(Buffer.from(toXlsx('t', ['a'], [{ a: 'x' }])))).toBe(true);
  });
});

describe('what a researcher needs to cite a release', () => {
  const pkg = JSON.parse(readFileSync(join(OUTPUT, 'datapackage.json'), 'utf8'));
  const sources = json('sources') as unknown as SourceRow[];

  it('the descriptor has the version, the release date (from the data), the homepage package.json gives (none while it gives none) and contributors', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.version).toBe(project.version);
    expect(pkg.created).toBe(`${releaseDate(sources)}T00:00:00Z`);
    expect(pkg.homepage).toBe(project.homepage);
    expect(typeof project.homepage === 'undefined' || /^https:\/\//.test(project.homepage)).toBe(true);
    expect(pkg.contributors).toEqual([{ title: project.contributors[0].name, role: 'author' }]);
    // No empty foreign-key list: the Frictionless profile refuses one.
    for (const r of pkg.resources) expect(r.schema.foreignKeys ?? ['absent']).not.toEqual([]);
  });

  it('the release date is the newest day a source was accessed, else the last day its publication date stands for', () => {
    const newest = sources.map((s) => s.accessed).filter(Boolean).sort().at(-1);
    expect(releaseDate(sources)).toBe(newest);
    expect(releaseDate([{ accessed: null, published: '2014' }, { accessed: null, published: '2013-02' }])).toBe('2014-12-31');
    expect(lastDayOf('2016-02')).toBe('2016-02-29');
    expect(lastDayOf('2014-04-28/2014-05')).toBe('2014-05-31');
    expect(releaseDate([{ accessed: '2015-01-02', published: '2014' }])).toBe('2015-01-02');
  });

  it('the data dictionary gives version, release date and a suggested citation; CITATION.cff and the licences are there', () => {
    const readme = readFileSync(join(OUTPUT, 'README.md'), 'utf8');
    expect(readme).toContain(`Data dictionary of version ${pkg.version}, released ${pkg.created.slice(0, 10)}.`);
    expect(readme).toMatch(/Suggested citation:\n\n> .+\(version \d+\.\d+\.\d+, released \d{4}-\d\d-\d\d\) \\\[Data set\\\]/);
    const cff = readFileSync(join(OUTPUT, 'CITATION.cff'), 'utf8');
    expect(cff).toContain(`version: "${pkg.version}"`);
    expect(cff).toContain(`date-released: "${pkg.created.slice(0, 10)}"`);
    // The project's own files are the release's: a version or date change shows in both.
    expect(readFileSync(join(ROOT, 'CITATION.cff'), 'utf8'), 'CITATION.cff: copy output/CITATION.cff after npm run pipeline').toBe(cff);
    expect(readFileSync(join(ROOT, 'LICENSE-DATA.md'), 'utf8'), 'LICENSE-DATA.md: copy output/LICENSE.md').toBe(readFileSync(join(OUTPUT, 'LICENSE.md'), 'utf8'));
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('every source says when it was accessed where its sidecar does', () => {
    expect(COLUMNS.sources).toContain('accessed');
    const withDate = sources.filter((s) => s.accessed !== null);
    expect(withDate.length).toBeGreaterThan(100);
    for (const s of withDate) expect(JSON.parse(readFileSync(join(ROOT, 'sources', `${s.id}.meta.json`), 'utf8')).accessed).toBe(s.accessed);
  });
});
