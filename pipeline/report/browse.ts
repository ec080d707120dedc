// The browsable fact tables of the data page: key columns, the quote, the source document (link and
// id) and the row id, with a text filter per table. Every cell goes through escapeHtml.
import { formatNumber } from '../lib/serialize.js';
import type { ArmsRow, FactTable, Qualifier, SourceRow, TrainingRow, VisitRow } from '../types.js';
import { escapeHtml, groupDigits, link, scrollTable } from './html.js';
import { TABLE_TITLES, yearRange } from './tables.js';

interface Column<R> {
  header: string;
  /** Cell content, already HTML. */
  cell: (row: R) => string;
  className?: 'num' | 'quote' | 'wide';
}

const text = (v: string | null | undefined) => (v ? escapeHtml(v) : '');
const count = (v: number | null) => (v === null ? '' : groupDigits(v));
const QUALIFIER_WORDS: Record<Qualifier, string> = { exact: '', approximate: 'about ', at_least: 'at least ', at_most: 'up to ' };
const money = (v: number | null, q: Qualifier | null) => (v === null ? '' : `${escapeHtml(q ? QUALIFIER_WORDS[q] : '')}${groupDigits(v)}`);

function visitDates(r: VisitRow): string {
  const day = (d: string) => `<span class="nowrap">${escapeHtml(d)}</span>`;
  if (r.start_date && r.end_date && r.end_date !== r.start_date) return `${day(r.start_date)} – ${day(r.end_date)}`;
  return r.start_date ? day(r.start_date) : r.year === null ? '' : formatNumber(r.year);
}

const VISIT_COLUMNS: Column<VisitRow>[] = [
  { header: 'Secretary', cell: (r) => (r.secretary ? escapeHtml(r.secretary) + (r.secretary_inferred ? ' <span class="note">(from the terms of office)</span>' : '') : '<span class="note">not named</span>') },
  { header: 'Country', cell: (r) => `${escapeHtml(r.country)} <span class="note">${escapeHtml(r.country_iso3)}</span>` },
  { header: 'City', cell: (r) => text(r.city) },
  { header: 'Dates', cell: visitDates },
];

const ARMS_COLUMNS: Column<ArmsRow>[] = [
  { header: 'Buyer', cell: (r) => escapeHtml(r.buyer) },
  { header: 'Seller', cell: (r) => text(r.seller) },
  { header: 'Item', cell: (r) => escapeHtml(r.item) + (r.designation && r.designation !== r.item ? ` <span class="note">(${escapeHtml(r.designation)})</span>` : ''), className: 'wide' },
  { header: 'Category', cell: (r) => text(r.category) },
  { header: 'Quantity', cell: (r) => count(r.quantity), className: 'num' },
  { header: 'Value (USD)', cell: (r) => money(r.value_usd, r.value_qualifier), className: 'num' },
  { header: 'Year', cell: (r) => (r.year === null ? '' : formatNumber(r.year)), className: 'num' },
  { header: 'Status', cell: (r) => text(r.status) },
  { header: 'Part of', cell: (r) => (r.part_of ? `<code class="id">${escapeHtml(r.part_of)}</code>` : '') },
];

const TRAINING_COLUMNS: Column<TrainingRow>[] = [
  { header: 'Recipient', cell: (r) => text(r.recipient) || '<span class="note">not stated</span>' },
  { header: 'Program', cell: (r) => text(r.program) },
  { header: 'Category', cell: (r) => escapeHtml(r.category) },
  { header: 'Amount (USD)', cell: (r) => money(r.amount_usd, r.amount_qualifier), className: 'num' },
  { header: 'Basis', cell: (r) => text(r.amount_basis) },
  { header: 'Years', cell: (r) => escapeHtml(yearRange(r.start_year, r.end_year)), className: 'num' },
  { header: 'Trainees', cell: (r) => count(r.trainees), className: 'num' },
  { header: 'What the figure covers', cell: (r) => escapeHtml(r.description), className: 'wide' },
];

const COLUMNS_OF = { 'secdef-visits': VISIT_COLUMNS, 'arms-purchases': ARMS_COLUMNS, training: TRAINING_COLUMNS } as unknown as Record<FactTable, Column<Record<string, unknown>>[]>;

/** Short names for headings and labels. */
export const SHORT_NAMES: Record<FactTable, string> = {
  'secdef-visits': 'Secretary of Defense visits',
  'arms-purchases': 'Arms purchases',
  training: 'Training and security assistance',
};

/** Shortest names, for column headers of counts. */
export const COUNT_NAMES: Record<FactTable, string> = { 'secdef-visits': 'Visits', 'arms-purchases': 'Arms', training: 'Training' };

const cls = (c?: string) => (c ? ` class="${c}"` : '');

/**
 * The document a row cites, by id, linked to its line in the sources table: a title is written once
 * there, not once per row (a long title on a document with thousands of rows made pages of hundreds
 * of megabytes).
 */
function sourceCell(sourceId: string, sources: Map<string, SourceRow>): string {
  const id = escapeHtml(sourceId);
  return sources.has(sourceId) ? `<a href="#source-${id}"><code class="id">${id}</code></a>` : `<code class="id">${id}</code>`;
}

/** One fact table: heading, filter (shown by the script) and the scrolling table. */
export function factTableSection(table: FactTable, rows: Record<string, unknown>[], sources: Map<string, SourceRow>, description: string): string {
  const columns = COLUMNS_OF[table];
  const id = `table-${table}`;
  const heading = `<h2 id="${id}-h">${escapeHtml(SHORT_NAMES[table])}</h2>\n<p>${escapeHtml(description)} Each row quotes the sentence that states the fact and links to its source.</p>`;
  if (rows.length === 0) return `<section id="${table}" aria-labelledby="${id}-h">\n${heading}\n<p>No rows in this release.</p>\n</section>`;
  const head = [...columns.map((c) => `<th scope="col"${cls(c.className)}>${escapeHtml(c.header)}</th>`), '<th scope="col">Quote</th>', '<th scope="col">Source</th>', '<th scope="col">Row id</th>'];
  const body = rows.map((row) => {
    const [first, ...rest] = columns.map((c) => c.cell(row));
    const restCells = rest.map((cell, i) => `<td${cls(columns[i + 1]!.className)}>${cell}</td>`);
    return `<tr><th scope="row">${first}</th>${restCells.join('')}<td class="quote">${escapeHtml(row.quote)}</td><td class="source">${sourceCell(String(row.source_id), sources)}</td><td><code class="id nowrap">${escapeHtml(row.id)}</code></td></tr>`;
  });
  const filter = `<div class="filter" data-filter="${id}" hidden>
<label for="${id}-filter">Filter: ${escapeHtml(SHORT_NAMES[table])}</label>
<input type="search" id="${id}-filter" autocomplete="off" spellcheck="false" aria-controls="${id}" aria-describedby="${id}-status">
<p id="${id}-status" role="status" aria-live="polite"></p>
</div>`;
  return `<section id="${table}" aria-labelledby="${id}-h">
${heading}
${filter}
${scrollTable(id, `${escapeHtml(TABLE_TITLES[table])} (${escapeHtml(groupDigits(rows.length))} ${rows.length === 1 ? 'row' : 'rows'})`, head.join(''), body, id)}
</section>`;
}
