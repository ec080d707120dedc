// The editors' corrections file: reject, amend and add, each reported; stale ones reported too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { readCorrections, review, type Correction } from '../pipeline/stages/review.js';
import { validateDataset } from '../pipeline/stages/validate.js';
import { sourceRow } from '../pipeline/stages/ingest.js';
import { docOf, reference } from './helpers/extract.js';
import { extract } from '../pipeline/stages/extract.js';

const text = [
  'Carter in Colombia',
  '',
  'BOGOTA, Colombia, April 14, 2016 — Defense Secretary Ash Carter arrived here today for talks.',
  '',
  'Colombia bought 10 UH-60 Black Hawk helicopters from the United States for $200 million in 2015.',
  '',
  'Carter also praised the Colombian navy, which trained 120 Honduran sailors in 2015.',
].join('\n');
const doc = docOf(text, '2016-04-14', 'carter-colombia');
const merged = extract([doc], reference);

function apply(corrections: Correction[]) {
  const reviewed = review(merged, corrections, [doc], COLUMNS);
  const checked = validateDataset({ ...reviewed.rows, sources: [sourceRow(doc)], evidence: reviewed.evidence }, [doc]);
  return { reviewed, checked };
}

describe('corrections', () => {
  it('rejects a row and its evidence', () => {
    const id = merged.rows['arms-purchases'][0]!.id;
    const { reviewed, checked } = apply([{ action: 'reject', table: 'arms-purchases', id, reason: 'test' }]);
    expect(reviewed.outcomes[0]).toMatchObject({ status: 'applied', id });
    expect(checked.data['arms-purchases']).toEqual([]);
    expect(checked.data.evidence.some((e) => e.record_id === id)).toBe(false);
    expect(checked.problems).toEqual([]);
  });

  it('amends one field and leaves the citation alone', () => {
    const row = merged.rows['secdef-visits'][0]!;
    const { reviewed, checked } = apply([{ action: 'amend', table: 'secdef-visits', id: row.id, field: 'city', value: 'Bogotá', reason: 'accent' }]);
    expect(reviewed.outcomes[0]!.message).toContain('"Bogota" → "Bogotá"');
    expect(checked.data['secdef-visits'][0]).toMatchObject({ city: 'Bogotá', quote: row.quote });
    const fixed = apply([{ action: 'amend', table: 'secdef-visits', id: row.id, field: 'quote', value: 'x', reason: 'no' }]);
    expect(fixed.reviewed.outcomes[0]!.status).toBe('unmatched');
  });

  it('adds a fact with its quote, computing the offsets', () => {
    const quote = 'Carter also praised the Colombian navy, which trained 120 Honduran sailors in 2015.';
    const { reviewed, checked } = apply([
      {
        action: 'add',
        table: 'training',
        row: { source_id: 'carter-colombia', quote, provider_iso3: 'COL', recipient_iso3: 'HND', recipient: 'Honduras', category: 'training', trainees: 120, start_year: 2015, end_year: 2015, description: 'Colombian navy training of Honduran sailors' },
        reason: 'training by Colombia, kept on purpose',
      },
    ]);
    const added = checked.data.training.find((r) => r.id === reviewed.outcomes[0]!.id)!;
    expect(added).toMatchObject({ recipient_iso3: 'HND', trainees: 120, quote });
    expect([...text].slice(added.char_start, added.char_end).join('')).toBe(quote);
    expect(checked.problems).toEqual([]);
  });

  it('reports corrections that match nothing, and a quote not in the document', () => {
    const { reviewed } = apply([
      { action: 'reject', table: 'training', id: 'training-nothing', reason: 'stale' },
      { action: 'add', table: 'training', row: { source_id: 'carter-colombia', quote: 'Not in the text.' }, reason: 'bad' },
    ]);
    expect(reviewed.outcomes.map((o) => o.status)).toEqual(['unmatched', 'unmatched']);
  });

  it('rejects a malformed corrections file with the file and field named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corrections-'));
    const file = join(dir, 'corrections.json');
    writeFileSync(file, JSON.stringify({ corrections: [{ action: 'reject', table: 'arms-purchases', id: 'x' }] }));
    expect(() => readCorrections(file)).toThrow(/must match|is missing|reason/);
    writeFileSync(file, '{ not json');
    expect(() => readCorrections(file)).toThrow(/not valid JSON/);
  });
});
