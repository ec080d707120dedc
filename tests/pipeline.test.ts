// End to end, as a user meets it: the real command over sources/ into a temporary folder, then the
// files read the way people read them (papaparse, a spreadsheet reader, JSON), checked against the
// schemas, the source texts and the seeds' gold annotations.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { score } from '../pipeline/evaluate.js';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { validate } from '../pipeline/lib/schemas.js';
import { TABLES, type Dataset } from '../pipeline/types.js';

const ROOT = new URL('..', import.meta.url).pathname;
let out = '';
let data: Dataset;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  out = join(dir, 'output');
  execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['pipeline/cli.ts', '--out', out, '--reports', join(dir, 'reports')], { cwd: ROOT, stdio: 'pipe' });
  data = Object.fromEntries(TABLES.map((t) => [t, JSON.parse(readFileSync(join(out, 'data', `${t}.json`), 'utf8'))])) as unknown as Dataset;
});

/** CSV text cells carry a leading ' when they start like a formula; the JSON twin has the raw text. */
const unguard = (v: string) => (/^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v);

describe('published files', () => {
  it('every row of every table is valid against its schema, with columns in schema order', () => {
    for (const table of TABLES) {
      for (const row of data[table] as unknown as Record<string, unknown>[]) {
        expect(validate(table, row), `${table} ${JSON.stringify(row).slice(0, 80)}`).toEqual([]);
        expect(Object.keys(row)).toEqual(COLUMNS[table]);
      }
    }
  });

  it('every quote is the code-point slice of its source text', () => {
    const texts = new Map(data.sources.map((s) => [s.id, [...readFileSync(join(ROOT, 'sources', `${s.id}.txt`), 'utf8').replace(/^\uFEFF/, '')]]));
    for (const row of [...data['secdef-visits'], ...data['arms-purchases'], ...data.training, ...data.evidence]) {
      expect(texts.get(row.source_id)!.slice(row.char_start, row.char_end).join('')).toBe(row.quote);
    }
  });

  it('each CSV read with papaparse equals its JSON twin', () => {
    for (const table of TABLES) {
      const csv = readFileSync(join(out, 'data', `${table}.csv`), 'utf8');
      expect(csv.startsWith('\uFEFF'), 'no byte-order mark (see the README: Frictionless readers take it into the first column name)').toBe(false);
      expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true, delimiter: ',' });
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual(COLUMNS[table]);
      const rows = data[table] as unknown as Record<string, unknown>[];
      expect(parsed.data).toHaveLength(rows.length);
      parsed.data.forEach((cells, i) => {
        for (const column of COLUMNS[table]) {
          const value = rows[i]![column];
          const cell = cells[column]!;
          if (value === null) expect(cell).toBe('');
          else if (typeof value === 'number') expect(Number(cell)).toBe(value);
          else if (typeof value === 'boolean') expect(cell).toBe(String(value));
          else expect(unguard(cell)).toBe(value);
        }
      });
    }
  });

  it('a spreadsheet reader importing the CSV as UTF-8 (the README\'s setting) sees the same cells, numbers as numbers', () => {
    for (const table of ['arms-purchases', 'training'] as const) {
      const book = XLSX.read(readFileSync(join(out, 'data', `${table}.csv`), 'utf8'), { type: 'string', raw: false });
      const sheet = book.Sheets[book.SheetNames[0]!]!;
      const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: null });
      const json = data[table] as unknown as Record<string, unknown>[];
      expect(rows).toHaveLength(json.length);
      rows.forEach((row, i) => {
        // A text cell that starts like a formula carries the guard the README documents (a leading ').
        for (const column of ['id', 'quote'] as const) expect(unguard(String(row[column]))).toEqual(json[i]![column]);
        for (const column of ['char_start', 'char_end'] as const) expect(row[column]).toEqual(json[i]![column]);
        const money = table === 'arms-purchases' ? 'value_usd' : 'amount_usd';
        expect(row[money] ?? null).toEqual(json[i]![money]);
      });
    }
  });

  it('the datapackage describes every file and every column', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.resources.map((r: { path: string }) => r.path).sort()).toEqual(readdirSync(join(out, 'data')).filter((f) => f.endsWith('.csv')).map((f) => `data/${f}`).sort());
    for (const resource of pkg.resources) {
      const header = readFileSync(join(out, resource.path), 'utf8').split('\r\n')[0]!.split(',');
      expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
      expect(resource.dialect.lineTerminator).toBe('\r\n');
    }
    expect(pkg.sources).toHaveLength(data.sources.length);
  });

  it('parts never count money twice: an item points at its package, which is no item itself', () => {
    const arms = data['arms-purchases'];
    const byId = new Map(arms.map((a) => [a.id, a]));
    for (const row of arms.filter((r) => r.part_of)) {
      const pkg = byId.get(row.part_of!);
      expect(pkg, row.id).toBeDefined();
      expect(pkg!.part_of, 'a package is not itself an item').toBeNull();
    }
  });
});

describe('the seeds', () => {
  const golds = readdirSync(join(ROOT, 'sources/gold'))
    .filter((f) => /^\d{3}_/.test(f))
    .map((f) => JSON.parse(readFileSync(join(ROOT, 'sources/gold', f), 'utf8')));

  it('every gold fact that is not optional is found, and no trap gives a row', () => {
    const scores = score(data, golds);
    for (const table of ['secdef-visits', 'arms-purchases', 'training'] as const) {
      expect(scores[table].misses, table).toEqual([]);
      expect(scores[table].traps, table).toEqual([]);
    }
  });

  it('the unnamed 2005 visit to Guatemala gets the secretary in office from the terms table, inferred unless another document names him', () => {
    const row = data['secdef-visits'].find((v) => v.country_iso3 === 'GTM' && v.year === 2005)!;
    expect(row).toMatchObject({ secretary: 'Donald Rumsfeld' });
    const named = data.evidence.filter((e) => e.record_id === row.id).some((e) => e.quote.includes('Rumsfeld'));
    expect(data.evidence.some((e) => e.record_id === row.id && e.source_id === '000_4fc6a45fc6b0fc80')).toBe(true);
    expect(row.secretary_inferred).toBe(!named);
  });

  it('the committed output is what the pipeline makes now', () => {
    for (const file of ['datapackage.json', ...readdirSync(join(out, 'data')).map((f) => `data/${f}`), ...readdirSync(join(out, 'charts')).map((f) => `charts/${f}`), 'README.md']) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(ROOT, 'output', file))), file).toBe(true);
    }
  });
});
