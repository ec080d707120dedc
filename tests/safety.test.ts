// Text from sources never becomes markup or a formula (issue #5): the real pipeline runs on the real
// sources plus a hostile document (tests/fixtures/hostile/), and its outputs are parsed the way a
// browser (jsdom) and a spreadsheet (papaparse, SheetJS) would read them. Schemas are strict: each
// one is fed invalid rows and must reject them with a readable message naming the field.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblem, InputError } from '../pipeline/errors.js';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { DEFAULT_REFERENCE_DIR, loadReference } from '../pipeline/lib/reference.js';
import { schemaOf, validate } from '../pipeline/lib/schemas.js';
import { toCsv } from '../pipeline/lib/serialize.js';
import { extract } from '../pipeline/stages/extract.js';
import { ingest } from '../pipeline/stages/ingest.js';
import { sourceRow, type SourceText as SourceDoc } from '../pipeline/sources/document.js';
import { RuleBugError, validateDataset } from '../pipeline/stages/validate.js';
import { TABLES, type Dataset, type Table } from '../pipeline/types.js';
import { HOSTILE_DIR, runCli, SOURCES, type CliResult } from './fixtures/bad-input.js';

const HOSTILE_ID = 'hostile-markup';
const hostileMeta = JSON.parse(readFileSync(join(HOSTILE_DIR, `${HOSTILE_ID}.meta.json`), 'utf8')) as Record<string, string>;
/** Every payload of the hostile fixture calls alert(): found in live markup, it would run. */
const PAYLOAD = /alert\(/;
const GUARDED_START = /^[=+\-@\t\r]/;

let work: string;
let out: string;
let reports: string;
let run: CliResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'safety-'));
  const sources = join(work, 'sources');
  cpSync(SOURCES, sources, { recursive: true, filter: (src) => !src.includes('/gold') });
  for (const name of readdirSync(HOSTILE_DIR)) cpSync(join(HOSTILE_DIR, name), join(sources, name));
  out = join(work, 'output');
  reports = join(work, 'reports');
  run = await runCli(['--sources', sources, '--out', out, '--reports', reports]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const readJson = (table: Table) => JSON.parse(readFileSync(join(out, `data/${table}.json`), 'utf8')) as Record<string, unknown>[];

describe('the hostile document goes through', () => {
  it('exits 0 and its rows carry the markup and the formula starts', () => {
    expect(run.code, run.stderr).toBe(0);
    const quotes = (['secdef-visits', 'arms-purchases', 'training'] as const).flatMap((t) => readJson(t)).filter((r) => r.source_id === HOSTILE_ID).map((r) => r.quote as string);
    // Without these the tests below would prove nothing.
    for (const start of ['=', '+', '-', '@']) expect(quotes.some((q) => q.startsWith(start)), `a quote starting with ${start}`).toBe(true);
    expect(quotes.some((q) => q.includes('<script>'))).toBe(true);
    expect(quotes.some((q) => q.includes('</svg>'))).toBe(true);
    const source = readJson('sources').find((s) => s.id === HOSTILE_ID)!;
    expect(source.title).toBe(hostileMeta.title);
    expect(source.publisher).toBe(hostileMeta.publisher);
  });
});

describe('SVG charts', () => {
  const charts = () => readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg'));

  it('are well-formed XML with no script, handler, foreign content or outside reference', () => {
    expect(charts().length).toBeGreaterThanOrEqual(3);
    for (const name of charts()) {
      const svg = readFileSync(join(out, 'charts', name), 'utf8');
      // The XML parser throws on anything that is not well-formed: an unescaped "<" or "&" would.
      const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
      expect(doc.documentElement.localName, name).toBe('svg');
      expect(doc.querySelectorAll('svg').length, `${name}: one <svg>, no smuggled second one`).toBe(1);
      for (const el of doc.querySelectorAll('*')) {
        expect(el.namespaceURI, `${name}: <${el.localName}>`).toBe('http://www.w3.org/2000/svg');
        expect(['script', 'foreignObject', 'iframe', 'img', 'image', 'object', 'embed'], `${name}: <${el.localName}>`).not.toContain(el.localName);
        for (const attr of el.attributes) {
          expect(attr.name, `${name}: ${attr.name} on <${el.localName}>`).not.toMatch(/^on/i);
          if (/href$/i.test(attr.name)) expect(attr.value, `${name}: ${attr.name}`).toMatch(/^#/);
          expect(attr.value, `${name}: ${attr.name}`).not.toMatch(/javascript:|url\((?!#)/i);
        }
      }
    }
  });

  it('show source text as text: the publisher line keeps its "><img as characters', () => {
    const texts = charts().map((name) => new JSDOM(readFileSync(join(out, 'charts', name), 'utf8'), { contentType: 'image/svg+xml' }).window.document.documentElement.textContent ?? '');
    // The source line names the publishers; the hostile one's markup must arrive as visible text.
    expect(texts.some((t) => t.includes('"><img'))).toBe(true);
  });
});

describe('reports/index.html', () => {
  let doc: Document;
  beforeAll(() => {
    doc = new JSDOM(readFileSync(join(reports, 'index.html'), 'utf8')).window.document;
  });

  it('has no element, handler or link that came from source text', () => {
    for (const s of doc.querySelectorAll('script')) expect(s.textContent ?? '', 'a script with a payload in it').not.toMatch(PAYLOAD);
    expect(doc.querySelectorAll('iframe, object, embed, img[src="x"], svg[onload]').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) expect(attr.value, `${attr.name} on <${el.localName}>`).not.toMatch(PAYLOAD);
        if (/^(?:href|src|action|formaction|xlink:href)$/i.test(attr.name)) expect(attr.value.trim(), `${attr.name} on <${el.localName}>`).not.toMatch(/^(?:javascript|data|vbscript):/i);
      }
    }
  });

  it('shows the hostile title, publisher and quotes as text', () => {
    const text = doc.body.textContent ?? '';
    expect(text).toContain(hostileMeta.title);
    expect(text).toContain(hostileMeta.publisher);
    expect(text).toContain('</title></svg><script>alert(4)</script>');
    expect(text).toContain('<iframe src="javascript:alert(5)"></iframe>');
  });
});

describe('Markdown files', () => {
  it('carry no live tag from source text (outside code spans)', () => {
    const files = [join(reports, 'summary.md'), join(reports, 'changes.md'), join(out, 'README.md')];
    for (const file of files) {
      const md = readFileSync(file, 'utf8').replace(/`[^`\n]*`/g, '');
      expect(md, file).not.toMatch(/(?<!\\)<\/?(?:script|img|iframe|svg|style|title)\b/i);
    }
  });
});

/** The CSV rows of a table, as a spreadsheet user importing it as UTF-8 would read them (header row). */
function readCsv(table: Table): { header: string[]; rows: string[][] } {
  const text = readFileSync(join(out, `data/${table}.csv`), 'utf8');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  if (rows.at(-1)?.length === 1 && rows.at(-1)![0] === '') rows.pop();
  return { header: header!, rows };
}

function fieldTypes(table: Table): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as { resources: { name: string; schema: { fields: { name: string; type: string }[] } }[] };
  return new Map(pkg.resources.find((r) => r.name === table)!.schema.fields.map((f) => [f.name, f.type]));
}

describe('CSV formula guard', () => {
  it('guards every text cell starting with = + - @ (papaparse), and only those; numbers stay numbers', () => {
    let guarded = 0;
    for (const table of TABLES) {
      const { header, rows } = readCsv(table);
      const json = readJson(table);
      const types = fieldTypes(table);
      expect(header).toEqual(COLUMNS[table]);
      expect(rows).toHaveLength(json.length);
      rows.forEach((cells, i) => {
        header.forEach((column, c) => {
          const value = json[i]![column];
          const cell = cells[c]!;
          if (value === null) return expect(cell, `${table}.${column}`).toBe('');
          if (typeof value === 'number') {
            expect(['number', 'integer']).toContain(types.get(column));
            expect(cell, `${table}.${column}`).toMatch(/^-?\d+(?:\.\d+)?$/);
            return expect(Number(cell)).toBe(value);
          }
          if (typeof value === 'boolean') return expect(cell).toBe(String(value));
          const text = value as string;
          if (GUARDED_START.test(text)) {
            guarded++;
            expect(cell, `${table}.${column}`).toBe(`'${text}`);
          } else expect(cell, `${table}.${column}`).toBe(text);
        });
      });
    }
    expect(guarded, 'the hostile quotes, title, publisher and licence').toBeGreaterThanOrEqual(7);
  });

  it('leaves no formula for a spreadsheet (SheetJS reads every CSV)', () => {
    for (const table of TABLES) {
      const book = XLSX.read(readFileSync(join(out, `data/${table}.csv`)), { type: 'buffer', raw: false });
      const sheet = book.Sheets[book.SheetNames[0]!]!;
      const types = fieldTypes(table);
      const header = COLUMNS[table];
      for (const [ref, cell] of Object.entries(sheet)) {
        if (ref.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        expect(c.f, `${table} ${ref} is a formula: ${c.f}`).toBeUndefined();
        const { r, c: col } = XLSX.utils.decode_cell(ref);
        if (r === 0) continue;
        const type = types.get(header[col]!);
        if (type === 'number' || type === 'integer') expect(c.t, `${table} ${ref}`).toBe('n');
        if (typeof c.v === 'string' && c.v.startsWith("'")) expect(c.t).toBe('s');
      }
    }
  });

  it('guards tab and CR starts and negative-looking text, never a negative number (toCsv)', () => {
    const csv = toCsv(['text', 'number'], [
      { text: '\tTab start', number: -5 },
      { text: '\rCR start', number: -0.25 },
      { text: '-5', number: 12 },
      { text: 'plain', number: 0 },
    ]);
    const rows = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n' }).data;
    expect(rows.slice(1, 5)).toEqual([
      ["'\tTab start", '-5'],
      ["'\rCR start", '-0.25'],
      ["'-5", '12'],
      ['plain', '0'],
    ]);
  });

  it('quotes a cell holding a semicolon, so that a ";" locale cannot split a formula out of it', () => {
    const csv = toCsv(['text'], [{ text: 'x;=1+1' }, { text: 'a\tb' }]);
    expect(csv).toContain('\r\n"x;=1+1"\r\n"a\tb"\r\n');
    // Read as a spreadsheet in such a locale does: ";" as the separator, quotes respected.
    const rows = Papa.parse<string[]>(csv, { delimiter: ';', newline: '\r\n' }).data;
    expect(rows[1]).toEqual(['x;=1+1']);
  });
});

describe('strict schemas', () => {
  let data: Dataset;
  let docs: SourceDoc[];
  beforeAll(async () => {
    const ingested = await ingest(SOURCES);
    docs = ingested.docs;
    const problems = ingested.problems;
    expect(problems).toEqual([]);
    const merged = extract(docs, loadReference(DEFAULT_REFERENCE_DIR));
    const checked = validateDataset({ ...merged.rows, sources: docs.map(sourceRow), evidence: merged.evidence }, docs);
    expect(checked.problems).toEqual([]);
    data = checked.data;
  });

  /** Rows as records, so that the tests can break them. */
  const rowsOf = (table: Table) => data[table] as unknown as Record<string, unknown>[];

  /** A value of the wrong type for a field, whatever its type. */
  const wrongType = (value: unknown) => (typeof value === 'string' ? 12345 : typeof value === 'number' ? 'twelve' : typeof value === 'boolean' ? 'yes' : { nested: true });

  it.each(TABLES)('%s: rejects an unknown field, a missing field and a value of the wrong type, naming the field', (table) => {
    const row = rowsOf(table)[0]!;
    expect(validate(table, row)).toEqual([]);
    const schema = schemaOf(table);
    const cases: [string, Record<string, unknown>][] = [['surprise', { ...row, surprise: 'x' }]];
    for (const field of schema.required ?? []) {
      const { [field]: _gone, ...rest } = row;
      cases.push([field, rest]);
    }
    for (const field of Object.keys(schema.properties)) cases.push([field, { ...row, [field]: wrongType(row[field]) }]);
    for (const [field, bad] of cases) {
      const errors = validate(table, bad);
      expect(errors.length, `${table}.${field} accepted: ${JSON.stringify(bad[field])}`).toBeGreaterThan(0);
      expect(errors.map((e) => e.field), `${table}.${field}`).toContain(field);
      for (const e of errors) expect(e.message, e.field).toMatch(/^[^\n]{4,200}$/);
    }
  });

  it.each(TABLES)('%s: rejects values outside an enum or a pattern', (table) => {
    const row = rowsOf(table)[0]!;
    const schema = schemaOf(table);
    let checked = 0;
    for (const [field, property] of Object.entries(schema.properties)) {
      if (!property.enum && !property.pattern && !property.format) continue;
      const errors = validate(table, { ...row, [field]: 'Not valid at all <>' });
      expect(errors.map((e) => e.field), `${table}.${field}`).toContain(field);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a row the extractor built that fails validation is a bug naming table, row, field, rule and document, never an input rejection', () => {
    const broken = structuredClone(data);
    const first = broken['arms-purchases'][0]!;
    (first as unknown as Record<string, unknown>).status = 'stolen';
    const rule = broken.evidence.find((e) => e.record_id === first.id)!.rule;
    expect(() => validateDataset(broken, docs)).toThrow(RuleBugError);
    try {
      validateDataset(broken, docs);
    } catch (error) {
      expect((error as Error).message).toContain(`arms-purchases row ${first.id} field "status"`);
      expect((error as Error).message).toContain(`rule ${rule} in ${first.source_id}`);
      expect((error as Error).message).not.toMatch(/\n/);
    }
  });

  it("a row an editor's record adds that fails validation is left out with one line naming the record, table, row and field; the rest are kept", () => {
    const broken = structuredClone(data);
    const [first, second] = broken['arms-purchases'];
    (first as unknown as Record<string, unknown>).status = 'stolen';
    (second as unknown as Record<string, unknown>).quote = `${second!.quote} (edited)`;
    for (const e of broken.evidence) if (e.record_id === first!.id || e.record_id === second!.id) e.rule = 'editor/added';
    const { data: kept, problems } = validateDataset(broken, docs);
    const mine = problems.filter((p) => p.field === 'status' || p.field === 'char_start');
    expect(mine.map((p) => p.field).sort()).toEqual(['char_start', 'status']);
    for (const p of mine) {
      const line = describeProblem(p);
      expect(line).toMatch(/^sources\/gold\/[a-z0-9._-]+\.json: .*row arms-[^ ]+ field "(status|char_start)": /);
      expect(line).not.toMatch(/\n/);
    }
    expect(kept['arms-purchases']).toHaveLength(data['arms-purchases'].length - 2);
  });

  it('rejects a bad reference table with one readable line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      const refs = join(dir, 'reference');
      mkdirSync(refs);
      cpSync(DEFAULT_REFERENCE_DIR, refs, { recursive: true });
      const countries = JSON.parse(readFileSync(join(refs, 'countries.json'), 'utf8')) as Record<string, unknown>[];
      countries[0] = { ...countries[0], capitol: 'misspelt field' };
      writeFileSync(join(refs, 'countries.json'), JSON.stringify(countries));
      try {
        loadReference(refs);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).describe()).toMatch(/countries\.json: field "0\.capitol": is not a known field/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
