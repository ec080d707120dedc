// Property tests (issue #5) over ingest and extraction, with random input and mutated real documents:
// nothing crashes, every offset slices the quote back (code points), every row fits its schema, and
// the CSV of the result says what its JSON says.
//
//   npm test                                      FUZZ_RUNS cases per property (default 200)
//   scripts/fuzz.sh                               10,000 cases per property, random seed (printed)
//   FUZZ_RUNS=500 FUZZ_SEED=123 npx vitest run tests/fuzz.test.ts      a given count and seed
//
// A failure prints the seed and the shrunk counterexample; FUZZ_SEED with FUZZ_PATH replays it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { DEFAULT_REFERENCE_DIR, loadReference } from '../pipeline/lib/reference.js';
import { formatNumber } from '../pipeline/lib/serialize.js';
import { exportDataset } from '../pipeline/stages/export.js';
import { extract } from '../pipeline/stages/extract.js';
import { ingest } from '../pipeline/stages/ingest.js';
import { documentFromText, sourceRow, type SourceText as SourceDoc, type SourceMeta } from '../pipeline/sources/document.js';
import { firstInvalidUtf8 } from '../pipeline/sources/decode.js';
import { scanJson } from '../pipeline/lib/json.js';
import { validateDataset } from '../pipeline/stages/validate.js';
import { FACT_TABLES, TABLES, type Dataset } from '../pipeline/types.js';
import { SOURCES } from './fixtures/bad-input.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? 20_240_505 : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;
/** Generous: about 40 ms a case for the extraction properties, never under two minutes. */
const TIMEOUT = Math.max(120_000, RUNS * 40);
const params = { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) };

const reference = loadReference(DEFAULT_REFERENCE_DIR);

interface RealDoc {
  id: string;
  text: string;
  meta: SourceMeta;
  metaJson: string;
}
const real: RealDoc[] = readdirSync(SOURCES)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const id = f.slice(0, -4);
    const metaJson = readFileSync(join(SOURCES, `${id}.meta.json`), 'utf8');
    return { id, text: readFileSync(join(SOURCES, f), 'utf8'), meta: JSON.parse(metaJson) as SourceMeta, metaJson };
  });

/** What real texts trip over, and what the extractor looks for: both make mutations bite. */
const TRAPS = [
  '\u00a0', '\u200b', '\u200e', '\u200f', '\u202e', '\u2066', '\ufeff', '\u00ad', '\u2028', '\u0301',
  '\u201c', '\u201d', '\u2018', '\u2019', '\u2013', '\u2014', '\u2026', "'", '"',
  '\r\n', '\r', '\n', '\n\n', '\t', ' ', '.', ',', ';', '(', ')', '$', '%',
  '😀', '𝐀', '🇲🇽', 'é', 'ñ', 'İ', 'ı', 'ß',
  '=', '+', '-', '@', '=SUM(1)', '<script>', '</svg>', '"><img onerror=alert(1)>', '&amp;', ']]>',
  '$1.15 billion', '($ in thousands)', '$60 million', 'FY2008-2011', 'from 2010 to 2015', '3,335', 'twenty-one', '1995', '2014',
  'Secretary of Defense Chuck Hagel', 'Defense Secretary', 'Hagel', 'Mattis', 'he', 'the Pentagon chief',
  'traveled to', 'visited', 'arrived in', 'will also stop in', 'Mexico', 'Guatemala City', 'Brazilian', 'Honduras',
  'Black Hawk helicopters', 'UH-60M', 'Humvees', 'patrol boats', 'requested', 'delivered', 'bought', 'donated',
  'IMET', 'Merida Initiative', 'trainees', 'courses', 'training',
];

/** One edit of a text, by code point positions. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TRAPS), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 12 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('upper' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(text: string, edits: Edit[]): string {
  let chars = [...text];
  for (const e of edits) {
    const at = chars.length === 0 ? 0 : (e as { at?: number }).at! % (chars.length + 1);
    if (e.kind === 'insert') chars.splice(at, 0, ...e.text);
    else if (e.kind === 'delete') chars.splice(at, e.length);
    else if (e.kind === 'duplicate') chars.splice(at, 0, ...chars.slice(at, at + e.length));
    else if (e.kind === 'crlf') chars = [...chars.join('').replace(/\r?\n/g, '\r\n')];
    else chars.splice(at, e.length, ...[...chars.slice(at, at + e.length).join('').toUpperCase()]);
  }
  return chars.join('');
}

/** A real document cut to a window of whole lines (short texts keep the cases fast), then edited. */
const mutatedDoc = fc
  .record({
    doc: fc.constantFrom(...real),
    from: fc.nat(),
    lines: fc.integer({ min: 1, max: 25 }),
    edits: fc.array(edit, { maxLength: 6 }),
  })
  .map(({ doc, from, lines, edits }) => {
    const all = doc.text.split('\n');
    const start = from % all.length;
    // The title line stays first, as in a source file.
    const window = [all[0]!, ...all.slice(Math.max(1, start), Math.max(1, start) + lines)].join('\n');
    return { doc, text: applyEdits(window, edits) };
  });

/** Random text of every kind, with the traps mixed in. */
const randomText = fc
  .array(fc.oneof(fc.constantFrom(...TRAPS), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme-ascii', maxLength: 40 })), { minLength: 1, maxLength: 60 })
  .map((parts) => parts.join(' '));

// ---------------------------------------------------------------------------------------------

/** The checks every extraction result must pass. Returns the published dataset. */
function checkExtraction(docs: SourceDoc[]): Dataset {
  const merged = extract(docs, reference);
  const texts = new Map(docs.map((d) => [d.id, [...d.text]]));
  for (const table of FACT_TABLES) {
    for (const row of merged.rows[table]) {
      const chars = texts.get(row.source_id)!;
      expect(chars, `${table} ${row.id}: unknown source ${row.source_id}`).toBeDefined();
      expect(Number.isInteger(row.char_start) && Number.isInteger(row.char_end), `${table} ${row.id}`).toBe(true);
      expect(row.char_start >= 0 && row.char_start < row.char_end && row.char_end <= chars.length, `${table} ${row.id}: [${row.char_start}, ${row.char_end}) of ${chars.length}`).toBe(true);
      expect(chars.slice(row.char_start, row.char_end).join(''), `${table} ${row.id}`).toBe(row.quote);
    }
  }
  for (const e of merged.evidence) {
    const chars = texts.get(e.source_id)!;
    expect(chars.slice(e.char_start, e.char_end).join(''), `evidence of ${e.record_id}`).toBe(e.quote);
  }
  // The extractor's rows always fit their schemas: validate never has to drop one (a row of the
  // extractor's that did not would be a rule bug, which validate throws).
  const checked = validateDataset({ ...merged.rows, sources: docs.map(sourceRow), evidence: merged.evidence }, docs);
  expect(checked.problems, JSON.stringify(checked.problems.slice(0, 3))).toEqual([]);
  return checked.data;
}

/** A CSV cell read back: the formula guard undone on text, as the datapackage says. */
function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** CSV (papaparse) and JSON of each table hold the same rows. */
function checkCsvMatchesJson(data: Dataset): void {
  const files = exportDataset(data, { version: '0.0.0-fuzz' });
  for (const table of TABLES) {
    const json = JSON.parse(files.get(`data/${table}.json`) as string) as Record<string, unknown>[];
    const csv = files.get(`data/${table}.csv`) as string;
    expect(csv.startsWith('\uFEFF'), 'no byte-order mark: Frictionless readers take it for part of the first column name').toBe(false);
    const parsed = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n' });
    expect(parsed.errors, table).toEqual([]);
    const [header, ...rows] = parsed.data;
    if (rows.length > 0 && rows.at(-1)!.length === 1 && rows.at(-1)![0] === '') rows.pop();
    expect(header).toEqual(COLUMNS[table]);
    expect(rows.length, table).toBe(json.length);
    rows.forEach((cells, i) => {
      expect(cells.length, `${table} row ${i}`).toBe(header!.length);
      header!.forEach((column, c) => {
        const value = json[i]![column];
        const cell = cells[c]!;
        const where = `${table} row ${i} ${column}`;
        if (value === null) expect(cell, where).toBe('');
        else if (typeof value === 'number') {
          expect(cell, where).toBe(formatNumber(value));
          expect(Number(cell), where).toBe(value);
        } else if (typeof value === 'boolean') expect(cell, where).toBe(String(value));
        else {
          expect(value, `${where}: an empty string reads back as missing`).not.toBe('');
          expect(unguard(cell), where).toBe(value);
        }
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------

describe(`extraction (${RUNS} cases per property, seed ${SEED})`, () => {
  it(
    'mutated real documents: no crash, valid offsets, schema-valid rows, CSV = JSON',
    () => {
      fc.assert(
        fc.property(mutatedDoc, ({ doc, text }) => {
          const d = documentFromText(doc.id, text, doc.meta);
          checkCsvMatchesJson(checkExtraction([d]));
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'the same facts from NFC and NFD text (only quotes and offsets differ)',
    () => {
      const facts = (text: string, meta: SourceMeta) => {
        const { rows, evidence } = extract([documentFromText('nf', text, meta)], reference);
        const strip = <R extends object>(r: R) => ({ ...r, quote: undefined, char_start: undefined, char_end: undefined });
        return { rows: FACT_TABLES.map((t) => (rows[t] as object[]).map(strip)), evidence: evidence.map(strip) };
      };
      fc.assert(
        fc.property(mutatedDoc, ({ doc, text }) => {
          expect(facts(text.normalize('NFD'), doc.meta)).toEqual(facts(text.normalize('NFC'), doc.meta));
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'random text, several documents at once: no crash, valid offsets, CSV = JSON',
    () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(randomText, mutatedDoc.map((m) => m.text)), { minLength: 1, maxLength: 3 }), (texts) => {
          const docs = texts.map((t, i) => documentFromText(`fuzz-${i}`, t, real[i % real.length]!.meta));
          checkCsvMatchesJson(checkExtraction(docs));
        }),
        params,
      );
    },
    TIMEOUT,
  );
});

describe(`ingest (${RUNS} cases per property, seed ${SEED})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fuzz-ingest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Bytes of a text file: mutated real text, random bytes, or real text with random bytes spliced in. */
  const textBytes = fc.oneof(
    mutatedDoc.map(({ text }) => Buffer.from(text, 'utf8')),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.tuple(mutatedDoc, fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.nat()).map(([{ text }, junk, at]) => {
      const b = Buffer.from(text, 'utf8');
      const i = at % (b.length + 1);
      return Buffer.concat([b.subarray(0, i), Buffer.from(junk), b.subarray(i)]);
    }),
    fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe, 0x41, 0x00]), Buffer.alloc(0), Buffer.from('\r\n\r\n')),
  );
  /** Bytes of a sidecar: a real one, edited as text. */
  const metaBytes = fc.tuple(fc.constantFrom(...real), fc.array(edit, { maxLength: 3 })).map(([doc, edits]) => Buffer.from(applyEdits(doc.metaJson, edits), 'utf8'));

  it(
    'any pair of files: no crash; the document goes through with its text, or each problem names one of its files on one line',
    async () => {
      await fc.assert(
        fc.asyncProperty(textBytes, metaBytes, async (text, meta) => {
          for (const f of readdirSync(dir)) rmSync(join(dir, f));
          writeFileSync(join(dir, 'fuzzed.txt'), text);
          writeFileSync(join(dir, 'fuzzed.meta.json'), meta);
          const result = await ingest(dir);
          const files = [join(dir, 'fuzzed.txt'), join(dir, 'fuzzed.meta.json')];
          if (result.docs.length === 1) {
            expect(result.problems).toEqual([]);
            const doc = result.docs[0]!;
            // The text is exactly the file's bytes, less a leading BOM; valid offsets need nothing else.
            expect(Buffer.from(doc.text, 'utf8').equals(text.subarray(text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf ? 3 : 0))).toBe(true);
            expect(doc.characters).toBe([...doc.text].length);
            checkExtraction(result.docs);
          } else {
            expect(result.docs).toEqual([]);
            expect(result.problems.length).toBeGreaterThanOrEqual(1);
            expect(result.problems.length).toBeLessThanOrEqual(2);
            for (const p of result.problems) {
              expect(files).toContain(p.file);
              expect(p.message).toMatch(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/);
            }
          }
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it('finds the first byte that is not UTF-8 exactly where a strict decoder fails', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, at, b]) => {
        const buf = Buffer.from(s, 'utf8');
        if (buf.length > 0) buf[at % buf.length] = b;
        return new Uint8Array(buf);
      }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const bad = firstInvalidUtf8(b);
        const decodes = (n: number) => {
          try {
            strict.decode(b.subarray(0, n), { stream: true });
            return true;
          } catch {
            return false;
          }
        };
        let whole = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          whole = false;
        }
        expect(bad === -1).toBe(whole);
        // Everything before the offset is well-formed UTF-8.
        if (bad >= 0) expect(decodes(bad)).toBe(true);
      }),
      { ...params, numRuns: RUNS * 5 },
    );
  });

  it('points at the first character where a sidecar stops being JSON, exactly when JSON.parse fails (or a key is given twice)', () => {
    fc.assert(
      fc.property(metaBytes, fc.oneof(fc.json(), fc.string({ unit: 'grapheme-ascii', maxLength: 30 })), (meta, other) => {
        for (const text of [meta.toString('utf8'), other]) {
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = false;
          }
          const trouble = scanJson(text);
          // scanJson also refuses what JSON.parse takes silently: a key given twice in one object.
          if (trouble?.message.includes('given twice')) return;
          expect(trouble === null, JSON.stringify(text)).toBe(parses);
          if (trouble) expect(trouble.at >= 0 && trouble.at <= text.length).toBe(true);
        }
      }),
      { ...params, numRuns: RUNS * 5 },
    );
  });
});
