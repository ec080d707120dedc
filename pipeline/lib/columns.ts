// Column order of each table: the order of properties in its JSON Schema. Every row is built by
// `toRow`, so that its keys are the table's columns in that order whatever built it.
import { schemaOf } from './schemas.js';
import { TABLES, type Table } from '../types.js';

export const COLUMNS = Object.fromEntries(TABLES.map((t) => [t, Object.keys(schemaOf(t).properties)])) as Record<Table, string[]>;

/** A row of `table` with its columns in schema order; a column the values lack is null. */
export function toRow<R>(table: Table, values: Record<string, unknown>): R {
  const columns = COLUMNS[table];
  for (const key of Object.keys(values)) if (!columns.includes(key)) throw new Error(`internal error: ${table} has no column "${key}"`);
  const row: Record<string, unknown> = {};
  for (const column of columns) row[column] = values[column] ?? null;
  return row as R;
}
