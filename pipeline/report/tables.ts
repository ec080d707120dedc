// What the reports say about each table: its title, the key that identifies a row, and a short
// plain-text label of a row for lists of added and removed rows.
import { schemaOf } from '../lib/schemas.js';
import { formatNumber } from '../lib/serialize.js';
import { TABLES, type ArmsRow, type EvidenceRow, type SourceRow, type Table, type TrainingRow, type VisitRow } from '../types.js';

/** The dataset's title; the data package (stages/export.ts) carries the same words. */
export const DATASET_TITLE = 'U.S. defense relations with Latin America and the Caribbean: visits, arms purchases and training';

export const TABLE_TITLES: Record<Table, string> = {
  'secdef-visits': 'U.S. Secretary of Defense visits to Latin America and the Caribbean',
  'arms-purchases': 'Arms purchases by Latin American and Caribbean governments',
  training: 'U.S. military training and security assistance for Latin America and the Caribbean',
  sources: 'Source documents',
  evidence: 'Evidence: every sentence that states each fact',
};

/** The table schemas, read once when the module loads, so that building a report reads no file. */
export const SCHEMAS = Object.fromEntries(TABLES.map((t) => [t, schemaOf(t)])) as Record<Table, ReturnType<typeof schemaOf>>;

export type Row = Record<string, unknown>;

/** What identifies a row across releases: `id`, or for evidence the mention it records. */
export function rowKey(table: Table, row: Row): string {
  if (table !== 'evidence') return String(row.id);
  const e = row as unknown as EvidenceRow;
  return `${e.record_id} @ ${e.source_id}:${formatNumber(e.char_start)}-${formatNumber(e.char_end)}`;
}

const join = (parts: (string | number | null | undefined)[], sep = ', ') =>
  parts.filter((p) => p !== null && p !== undefined && p !== '').map((p) => (typeof p === 'number' ? formatNumber(p) : p)).join(sep);

/** "Chuck Hagel, Mexico, 2014-04-24" and the like: enough to recognise a row without its id. */
export function rowLabel(table: Table, row: Row): string {
  switch (table) {
    case 'secdef-visits': {
      const r = row as unknown as VisitRow;
      return join([r.secretary ?? 'unnamed secretary', r.city ? `${r.city} (${r.country})` : r.country, r.start_date ?? r.year]);
    }
    case 'arms-purchases': {
      const r = row as unknown as ArmsRow;
      return join([`${r.buyer}: ${join([r.quantity, r.designation ?? r.item], ' × ')}`, r.status, r.year]);
    }
    case 'training': {
      const r = row as unknown as TrainingRow;
      return join([r.recipient ?? 'unspecified recipient', r.program, r.category, yearRange(r.start_year, r.end_year)]);
    }
    case 'sources': {
      const r = row as unknown as SourceRow;
      return join([r.title, r.publisher, r.published]);
    }
    case 'evidence': {
      const r = row as unknown as EvidenceRow;
      return `${r.table} row quoted from ${r.source_id}`;
    }
  }
}

/** "2010–2015", "2014", or empty. */
export function yearRange(start: number | null, end: number | null): string {
  if (start === null && end === null) return '';
  if (start === null || end === null || start === end) return formatNumber((start ?? end)!);
  return `${formatNumber(start)}–${formatNumber(end)}`;
}
