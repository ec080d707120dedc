// changes.md: release notes against the previous release in the same output folder (see
// report/previous.ts): rows added, removed and changed, per table, changed rows field by field.
import { COLUMNS } from '../lib/columns.js';
import { formatNumber } from '../lib/serialize.js';
import { compareCodePoints } from '../lib/text.js';
import { TABLES, type Dataset, type Table } from '../types.js';
import { mdCode, mdDocument, mdTable, mdText, mdValue } from './markdown.js';
import { rowKey, rowLabel, type Row } from './tables.js';

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TableChanges {
  added: Row[];
  removed: Row[];
  changed: { key: string; fields: FieldChange[] }[];
}

const byKey = (table: Table, rows: Row[]) => new Map(rows.map((r) => [rowKey(table, r), r]));
const sortedKeys = (keys: Iterable<string>) => [...keys].sort(compareCodePoints);

/** Columns compared: the schema's, then any others either row has (a column added or dropped between releases). */
function fieldsOf(table: Table, a: Row, b: Row): string[] {
  const extra = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !COLUMNS[table].includes(k)));
  return [...COLUMNS[table], ...sortedKeys(extra)];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function diffTable(table: Table, previous: Row[], current: Row[]): TableChanges {
  const before = byKey(table, previous);
  const after = byKey(table, current);
  const changes: TableChanges = { added: [], removed: [], changed: [] };
  for (const key of sortedKeys(after.keys())) {
    const now = after.get(key)!;
    const then = before.get(key);
    if (!then) {
      changes.added.push(now);
      continue;
    }
    const fields = fieldsOf(table, then, now)
      .filter((f) => !same(then[f], now[f]))
      .map((field) => ({ field, before: then[field], after: now[field] }));
    if (fields.length) changes.changed.push({ key, fields });
  }
  for (const key of sortedKeys(before.keys())) if (!after.has(key)) changes.removed.push(before.get(key)!);
  return changes;
}

const count = (c: TableChanges) => c.added.length + c.removed.length + c.changed.length;
const rows = (data: Dataset, table: Table) => data[table] as unknown as Row[];

export function buildChanges(current: Dataset, previous: Dataset | null, version: string): string {
  const title = `# Changes in version ${mdText(version)}`;
  if (!previous) {
    const counts = TABLES.map((t) => `${formatNumber(current[t].length)} ${t}`).join(', ');
    return mdDocument([title, `No previous output in this folder: this is its first release (rows: ${counts}).`]);
  }
  const diffs = TABLES.map((t) => [t, diffTable(t, rows(previous, t), rows(current, t))] as const);
  if (diffs.every(([, d]) => count(d) === 0)) return mdDocument([title, 'No changes: every table holds the same rows as the previous release in this folder.']);
  const overview = mdTable(
    ['Table', 'Added', 'Removed', 'Changed', 'Rows now'],
    diffs.map(([t, d]) => [mdCode(t), formatNumber(d.added.length), formatNumber(d.removed.length), formatNumber(d.changed.length), formatNumber(current[t].length)]),
    [1, 2, 3, 4],
  );
  return mdDocument([title, 'Compared with the previous release in this output folder.', overview, ...diffs.map(([t, d]) => tableSection(t, d))]);
}

function rowLine(table: Table, row: Row): string {
  return `- ${mdCode(rowKey(table, row))}: ${mdText(rowLabel(table, row))}`;
}

function tableSection(table: Table, d: TableChanges): string {
  if (count(d) === 0) return `## ${table}\n\nNo changes.`;
  const parts = [`## ${table}`];
  if (d.added.length) parts.push(`### Added (${formatNumber(d.added.length)})`, d.added.map((r) => rowLine(table, r)).join('\n'));
  if (d.removed.length) parts.push(`### Removed (${formatNumber(d.removed.length)})`, d.removed.map((r) => rowLine(table, r)).join('\n'));
  if (d.changed.length) {
    parts.push(
      `### Changed (${formatNumber(d.changed.length)})`,
      d.changed.map((c) => [`- ${mdCode(c.key)}`, ...c.fields.map((f) => `  - ${mdCode(f.field)}: ${mdValue(f.before)} → ${mdValue(f.after)}`)].join('\n')).join('\n'),
    );
  }
  return parts.join('\n\n');
}
