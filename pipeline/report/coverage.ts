// What the data covers, said wherever it is shown (data dictionary, datapackage.json, data page):
// the tables compile what their documents state, not a complete record of every visit, sale or
// program. Per fact table: the documents and publishers behind its rows (their own citation and
// every evidence mention; publishers by name, as the charts credit them), the years of its facts
// and the countries they concern.
import { shortPublishers } from '../charts/format.js';
import { formatNumber } from '../lib/serialize.js';
import { FACT_TABLES, type Dataset, type FactTable } from '../types.js';

export interface TableCoverage {
  table: FactTable;
  rows: number;
  documents: number;
  publishers: number;
  /** First and last year of the facts, or null when none has a year. */
  years: [number, number] | null;
  countries: number;
}

export const NOT_COMPLETE = 'a compilation of what these documents state, not a complete record';

function yearsOf(data: Dataset, table: FactTable): number[] {
  switch (table) {
    case 'secdef-visits':
      return data[table].map((r) => r.year).filter((y): y is number => y !== null);
    case 'arms-purchases':
      return data[table].map((r) => r.year).filter((y): y is number => y !== null);
    case 'training':
      return data[table].flatMap((r) => [r.start_year, r.end_year]).filter((y): y is number => y !== null);
  }
}

function countriesOf(data: Dataset, table: FactTable): (string | null)[] {
  switch (table) {
    case 'secdef-visits':
      return data[table].map((r) => r.country_iso3);
    case 'arms-purchases':
      return data[table].map((r) => r.buyer_iso3);
    case 'training':
      return data[table].map((r) => r.recipient_iso3);
  }
}

export function tableCoverage(data: Dataset, table: FactTable): TableCoverage {
  const rows = data[table];
  const ids = new Set(rows.map((r) => r.id));
  const documents = new Set(rows.map((r) => r.source_id));
  for (const e of data.evidence) if (e.table === table && ids.has(e.record_id)) documents.add(e.source_id);
  const publishers = shortPublishers(data.sources.filter((s) => documents.has(s.id)).map((s) => s.publisher));
  const years = yearsOf(data, table);
  return {
    table,
    rows: rows.length,
    documents: documents.size,
    publishers: publishers.length,
    years: years.length ? [Math.min(...years), Math.max(...years)] : null,
    countries: new Set(countriesOf(data, table).filter((c) => c !== null)).size,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "45 rows from 46 documents by 17 publishers, 1994–2025, 17 countries". */
export function coverageText(c: TableCoverage): string {
  if (c.rows === 0) return 'no rows yet';
  const years = c.years ? (c.years[0] === c.years[1] ? `, ${c.years[0]}` : `, ${c.years[0]}–${c.years[1]}`) : '';
  return `${plural(c.rows, 'row')} from ${plural(c.documents, 'document')} by ${plural(c.publishers, 'publisher')}${years}, ${plural(c.countries, 'country', 'countries')}`;
}

/** Publishers counted by name, without the qualifiers some sidecars add ("..., Major Arms Sales"). */
export function publisherCount(data: Dataset): number {
  return shortPublishers(data.sources.map((s) => s.publisher)).length;
}

/** The whole statement: documents and publishers, then each fact table. */
export function coverageStatement(data: Dataset): string {
  const publishers = publisherCount(data);
  const tables = FACT_TABLES.map((t) => `${t}: ${coverageText(tableCoverage(data, t))}`).join('; ');
  return `The tables are ${NOT_COMPLETE}: ${plural(data.sources.length, 'document')} from ${plural(publishers, 'publisher')}. ${tables}.`;
}
