// Stage review: applies the editors' corrections file (sources/corrections.json): reject a row by id,
// amend one field, or add a fact with its quote. Every correction comes back with what became of it.
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { validate } from '../lib/schemas.js';
import { codePointIndexer, sha256 } from '../lib/text.js';
import type { Merged } from '../extract/merge.js';
import { slug } from '../extract/merge.js';
import { FACT_TABLES, type EvidenceRow, type FactTable, type FactRows } from '../types.js';
import type { SourceDoc } from './ingest.js';
import { isMain, runStage } from '../lib/stage-io.js';
import { join } from 'node:path';
import { COLUMNS, toRow } from '../lib/columns.js';
import type { IngestResult } from './ingest.js';

export type Correction =
  | { action: 'reject'; table: FactTable; id: string; reason: string }
  | { action: 'amend'; table: FactTable; id: string; field: string; value: string | number | boolean | null; reason: string }
  | { action: 'add'; table: FactTable; row: Record<string, unknown> & { source_id: string; quote: string }; reason: string };

export interface CorrectionOutcome {
  index: number;
  correction: Correction;
  status: 'applied' | 'unmatched';
  /** The row the correction touched or created. */
  id: string | null;
  message: string;
}

/** Columns an amendment may not touch: they tie the row to its evidence. */
const FIXED = new Set(['id', 'source_id', 'quote', 'char_start', 'char_end']);

export function readCorrections(file: string): Correction[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError('bad-corrections', file, `is not valid JSON (${(error as Error).message})`);
  }
  const errors = validate('corrections', data);
  if (errors.length > 0) throw new InputError('bad-corrections', file, errors[0]!.message, errors[0]!.field);
  return (data as { corrections: Correction[] }).corrections;
}

export function review(merged: Merged, corrections: Correction[], docs: SourceDoc[], columns: Record<FactTable, string[]>): Merged & { outcomes: CorrectionOutcome[] } {
  // Copies: the extractor's rows stay as they were found.
  const rows: FactRows = {
    'secdef-visits': merged.rows['secdef-visits'].map((r) => ({ ...r })),
    'arms-purchases': merged.rows['arms-purchases'].map((r) => ({ ...r })),
    training: merged.rows.training.map((r) => ({ ...r })),
  };
  let evidence = [...merged.evidence];
  const outcomes: CorrectionOutcome[] = [];
  const byId = new Map(docs.map((d) => [d.id, d]));
  corrections.forEach((correction, index) => {
    const table = rows[correction.table] as unknown as Record<string, unknown>[];
    const done = (status: CorrectionOutcome['status'], id: string | null, message: string) => outcomes.push({ index, correction, status, id, message });
    if (correction.action === 'reject') {
      const at = table.findIndex((r) => r.id === correction.id);
      if (at < 0) return done('unmatched', correction.id, `no ${correction.table} row has id ${correction.id}`);
      table.splice(at, 1);
      evidence = evidence.filter((e) => e.record_id !== correction.id);
      for (const r of table) if (r.part_of === correction.id) r.part_of = null;
      return done('applied', correction.id, 'row removed');
    }
    if (correction.action === 'amend') {
      const row = table.find((r) => r.id === correction.id);
      if (!row) return done('unmatched', correction.id, `no ${correction.table} row has id ${correction.id}`);
      if (FIXED.has(correction.field) || !(correction.field in row)) return done('unmatched', correction.id, `field "${correction.field}" cannot be amended`);
      const before = row[correction.field];
      row[correction.field] = correction.value;
      return done('applied', correction.id, `${correction.field}: ${JSON.stringify(before)} → ${JSON.stringify(correction.value)}`);
    }
    const doc = byId.get(correction.row.source_id);
    if (!doc) return done('unmatched', null, `no source document ${correction.row.source_id}`);
    const at = doc.text.indexOf(correction.row.quote);
    if (at < 0) return done('unmatched', null, `the quote is not in ${correction.row.source_id}.txt`);
    const cp = codePointIndexer(doc.text);
    const id = `${correction.table.split('-')[0]}-added-${slug(correction.row.source_id)}-${sha256(JSON.stringify(correction.row)).slice(0, 8)}`;
    const cite = { source_id: doc.id, quote: correction.row.quote, char_start: cp(at), char_end: cp(at + correction.row.quote.length) };
    const row: Record<string, unknown> = {};
    for (const column of columns[correction.table]) row[column] = column === 'id' ? id : column in cite ? cite[column as keyof typeof cite] : (correction.row[column] ?? defaultFor(column));
    table.push(row);
    evidence.push(toRow<EvidenceRow>('evidence', { record_id: id, table: correction.table, ...cite, rule: 'editor/added' }));
    return done('applied', id, 'row added');
  });
  for (const t of FACT_TABLES) (rows[t] as { id: string }[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rows, evidence, outcomes };
}

function defaultFor(column: string): unknown {
  return column === 'secretary_inferred' ? false : null;
}

if (isMain(import.meta.url)) {
  await runStage('review', ({ sources, read, write }) => {
    const corrections = readCorrections(join(sources, 'corrections.json'));
    const result = review(read<Merged>('extract'), corrections, read<IngestResult>('ingest').docs, COLUMNS);
    write('review', result);
    return `${result.outcomes.filter((o) => o.status === 'applied').length} of ${corrections.length} corrections applied`;
  });
}
