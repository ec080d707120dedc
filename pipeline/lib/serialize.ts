// Bytes of the published files: CSV (UTF-8, CRLF, formula guard) and JSON (schema key order).
import { stringify } from 'csv-stringify/sync';

/**
 * A text cell starting with one of these is read as a formula by spreadsheets, so it gets a leading
 * `'`. A cell that already starts with `'` gets one too, so that removing one `'` always gives the
 * text back.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

/** Plain decimal notation: never an exponent, never locale separators. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`invalid number: ${n}`);
  if (Number.isInteger(n)) return BigInt(n).toString();
  const fixed = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Cells quoted: those RFC 4180 requires (a comma, quote or line break), and those holding a semicolon
 * or a tab: a spreadsheet whose locale separates fields with ";" (Spanish, Portuguese, French,
 * German) would otherwise split "x;=1+1" into two cells, the second a live formula.
 */
const QUOTED = /[",;\t\r\n]/;

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const records = rows.map((row) => columns.map((c) => csvCell(row[c])));
  return stringify([columns, ...records], { record_delimiter: '\r\n', quoted_match: QUOTED });
}

export function ordered(columns: string[], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
