// The editors' records (gold/<id>.json): the review stage publishes what a record says (rows
// confirmed, amended, added; rows it lacks dropped and listed), leaves documents without a record
// unreviewed, and sets aside a record it cannot trust with one line per problem, losing nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblem } from '../pipeline/errors.js';
import { extractDocument } from '../pipeline/extract/document.js';
import { sourceRow } from '../pipeline/sources/document.js';
import { reviewStage } from '../pipeline/stages/review.js';
import { validateDataset } from '../pipeline/stages/validate.js';
import { docOf, reference } from './helpers/extract.js';

const TEXT = [
  'Carter in Colombia',
  '',
  'BOGOTA, Colombia, April 14, 2016 — Defense Secretary Ash Carter arrived here today for talks.',
  '',
  'Colombia bought 10 UH-60 Black Hawk helicopters from the United States for $200 million in 2015.',
  '',
  'The Pentagon spent $5 million in 2015 training Colombian police.',
].join('\n');
const SENTENCES = TEXT.split('\n').filter((l) => l.includes('.'));
const doc = docOf(TEXT, '2016-04-14', 'carter-colombia');
const other = docOf('Hagel in Peru\n\nLIMA, Peru, Oct. 14, 2014 — Defense Secretary Chuck Hagel arrived here today.', '2014-10-14', 'hagel-peru');
let sources: string;

beforeAll(() => {
  sources = mkdtempSync(join(tmpdir(), 'review-'));
  mkdirSync(join(sources, 'gold'));
});
afterAll(() => rmSync(sources, { recursive: true, force: true }));

/** The record the test writes for the Carter document (undefined: no record). */
function run(record: unknown, raw?: string) {
  rmSync(join(sources, 'gold'), { recursive: true, force: true });
  mkdirSync(join(sources, 'gold'));
  if (record !== undefined || raw !== undefined) writeFileSync(join(sources, 'gold', 'carter-colombia.json'), raw ?? JSON.stringify(record));
  const docs = [doc, other];
  const reviewed = reviewStage(sources, docs, docs.map((d) => extractDocument(d, reference)), reference);
  const checked = validateDataset({ ...reviewed.rows, sources: docs.map(sourceRow), evidence: reviewed.evidence }, docs);
  expect(checked.problems).toEqual([]);
  return { reviewed, data: checked.data };
}

const VISIT = { secretary: 'Ash Carter', country: 'COL', city: 'Bogota', year: 2016, date: '2016-04-14', quote: SENTENCES[0]! };
const ARMS = { buyer: 'COL', seller: 'USA', item: 'UH-60 Black Hawk helicopters', quantity: 10, value_usd: 200_000_000, year: 2015, status: 'purchased', quote: SENTENCES[1]! };
const TRAINING = { provider: 'USA', recipient: 'COL', amount_usd: 5_000_000, start_year: 2015, end_year: 2015, trainees: null, courses: null, description: 'training of Colombian police', quote: SENTENCES[2]! };
const record = (over: Record<string, unknown> = {}) => ({ doc: 'carter-colombia.txt', visits: [VISIT], arms: [ARMS], training: [TRAINING], ...over });

describe('a record', () => {
  it('confirms the rows the extractor found as it says, keeping their evidence and rules', () => {
    const { data } = run(record());
    const arms = data['arms-purchases'].filter((r) => r.source_id === 'carter-colombia');
    expect(arms).toHaveLength(1);
    expect(arms[0]).toMatchObject({ quantity: 10, value_usd: 200_000_000, review: 'confirmed' });
    expect(data.evidence.find((e) => e.record_id === arms[0]!.id)?.rule).toMatch(/^arms\//);
    expect(data['secdef-visits'].find((r) => r.country_iso3 === 'PER')?.review).toBe('unreviewed');
  });

  it('amends a field the extractor read otherwise, and says so', () => {
    const { data, reviewed } = run(record({ arms: [{ ...ARMS, status: 'delivered', seller: 'USA' }], visits: [{ ...VISIT, city: 'Bogotá' }] }));
    expect(data['arms-purchases'].find((r) => r.source_id === 'carter-colombia')).toMatchObject({ status: 'delivered', review: 'amended' });
    expect(data['secdef-visits'].find((r) => r.country_iso3 === 'COL')).toMatchObject({ city: 'Bogotá', review: 'amended' });
    expect(reviewed.amendments).toContainEqual(expect.objectContaining({ table: 'arms-purchases', field: 'status', to: 'delivered' }));
  });

  it('adds a fact the extractor missed, from its quote, with offsets that slice back to it', () => {
    const sailors = { provider: 'USA', recipient: 'COL', amount_usd: null, start_year: null, end_year: 2016, trainees: 1, courses: null, description: 'one Colombian defense secretary', quote: SENTENCES[0]! };
    const { data } = run(record({ training: [TRAINING, sailors] }));
    const added = data.training.find((r) => r.review === 'added')!;
    expect(added).toMatchObject({ trainees: 1, quote: SENTENCES[0], source_id: 'carter-colombia' });
    expect([...TEXT].slice(added.char_start, added.char_end).join('')).toBe(added.quote);
    expect(data.evidence.find((e) => e.record_id === added.id)?.rule).toBe('editor/added');
  });

  it('drops a row of the extractor that it does not state, and lists it', () => {
    const { data, reviewed } = run(record({ arms: [] }));
    expect(data['arms-purchases'].filter((r) => r.source_id === 'carter-colombia')).toEqual([]);
    expect(reviewed.dropped).toContainEqual(expect.objectContaining({ table: 'arms-purchases', source_id: 'carter-colombia', quote: SENTENCES[1] }));
  });

  it('links an item to its package', () => {
    const pkg = { ...ARMS, item: 'helicopters and spares', quantity: null };
    const item = { ...ARMS, value_usd: null, part_of: 'the $200 million purchase' };
    const { data } = run(record({ arms: [pkg, item] }));
    const rows = data['arms-purchases'].filter((r) => r.source_id === 'carter-colombia');
    const parent = rows.find((r) => r.value_usd === 200_000_000)!;
    expect(rows.find((r) => r.id !== parent.id)?.part_of).toBe(parent.id);
  });
});

describe('a record it cannot trust is set aside: its document is published unreviewed, one line per problem', () => {
  const bad: [string, unknown, RegExp][] = [
    ['a value of the wrong type', record({ arms: [{ ...ARMS, quantity: 'ten' }] }), /gold\/carter-colombia\.json: row arms\[0\] field "quantity": must be integer,null/],
    ['null in a required field', record({ visits: [{ ...VISIT, country: null }] }), /row visits\[0\] field "country": must be string/],
    ['a field named after Object.prototype', record({ arms: [{ ...ARMS, constructor: 'x' }] }), /row arms\[0\] field "constructor": is not a known field/],
    ['a quote not in the document', record({ training: [{ ...TRAINING, quote: 'Not in the text.' }] }), /row training\[0\] field "quote": is not word for word/],
    ['a country the reference table does not know', record({ arms: [{ ...ARMS, seller: 'XYZ' }] }), /row arms\[0\] field "seller": "XYZ" is not a country/],
    ['an item with no package', record({ arms: [{ ...ARMS, value_usd: null, quantity: null, part_of: 'the deal' }] }), /row arms\[0\] field "part_of": names a package/],
  ];
  it.each(bad)('%s', (_what, rec, message) => {
    const { reviewed, data } = run(rec);
    const lines = reviewed.problems.map(describeProblem);
    expect(lines.join('\n')).toMatch(message);
    for (const line of lines) expect(line).toMatch(/^[^\n]+; the document is published unreviewed$/);
    const mine = data['arms-purchases'].filter((r) => r.source_id === 'carter-colombia');
    expect(mine.length, 'the extractor\'s rows are kept').toBeGreaterThan(0);
    for (const r of mine) expect(r.review).toBe('unreviewed');
  });

  it('a key given twice, or nesting a thousand deep', () => {
    for (const raw of ['{"doc": "carter-colombia.txt", "doc": "x.txt", "visits": [], "arms": [], "training": []}', `${'['.repeat(1000)}${']'.repeat(1000)}`]) {
      const { reviewed } = run(undefined, raw);
      expect(reviewed.problems.map(describeProblem).join('\n')).toMatch(/gold\/carter-colombia\.json: line 1: is not valid JSON \(column \d+\): (the key "doc" is given twice|nests deeper than 32 levels)/);
    }
  });

  it('a byte-order mark is no problem', () => {
    const { reviewed, data } = run(undefined, `\uFEFF${JSON.stringify(record())}`);
    expect(reviewed.problems).toEqual([]);
    expect(data['arms-purchases'].find((r) => r.source_id === 'carter-colombia')?.review).toBe('confirmed');
  });
});

describe('the editors\' records of sources/', () => {
  it('are all trusted by the review: no record is set aside (a refused record publishes its document unreviewed and the run exits 1)', async () => {
    const { readSources } = await import('../pipeline/sources/read.js');
    const { readRecords } = await import('../pipeline/review/records.js');
    const { sources } = await readSources('sources');
    const { records, problems } = readRecords('sources', sources, reference);
    expect(problems.map((p) => describeProblem(p))).toEqual([]);
    expect(records.size).toBe(sources.length);
  });
});
