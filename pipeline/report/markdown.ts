// Markdown building blocks for summary.md, changes.md and the data dictionary. Data text is escaped
// so that it reads as text wherever it lands: in a paragraph, a list item or a table cell.
import { formatNumber } from '../lib/serialize.js';

/** Inline text: one line, Markdown and HTML punctuation escaped, pipes safe inside table cells. */
export function mdText(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** A code span that survives backticks and pipes in its content (GFM table cells split on `|`). */
export function mdCode(value: string): string {
  const text = value.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A value as people read it in a report line: empty for null, numbers in plain decimals, text quoted. */
export function mdValue(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return `"${mdText(value)}"`;
  return mdText(JSON.stringify(value));
}

/** A GFM table. Cells must already be Markdown (escaped with mdText or mdCode); `right` aligns numeric columns. */
export function mdTable(headers: string[], rows: string[][], right: number[] = []): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  const rule = headers.map((_, i) => (right.includes(i) ? '--:' : '---'));
  return [line(headers), `|${rule.join('|')}|`, ...rows.map(line)].join('\n');
}

/** Sections joined by blank lines, with the single trailing newline every generated file ends with. */
export function mdDocument(blocks: (string | null | false)[]): string {
  return `${blocks.filter((b): b is string => typeof b === 'string' && b !== '').join('\n\n')}\n`;
}

/** "1 row", "3 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
