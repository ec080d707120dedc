// The layout of a flattened table: its state (header years, columns, scale, country heading), the
// header lines (years, measures, a caption's year), and the split of a row into a label and cells.
import type { Country } from '../../../lib/reference.js';
import type { AmountBasis } from '../../../types.js';
import type { Annotated } from '../../annotate/sentence.js';
import type { TrainingMention } from './env.js';

export type Measure = 'amount' | 'trainees' | 'courses' | 'other';

export interface Column {
  /** null: the row's total over the years. */
  year: number | null;
  measure: Measure;
  basis: AmountBasis | null;
}

export interface TableState {
  years: { year: number; basis: AmountBasis | null }[] | null;
  columns: Column[] | null;
  /** The header has a total column after the years. */
  totalColumn: boolean;
  scale: number;
  country: Country | null;
  /** The table has rows that are not security assistance: its total mixes them in. */
  mixed: boolean;
  /** Country headings and rows since the header: a total after two or more is for no one country. */
  sections: number;
  /** The mentions of the rows read since the header, for the totals that add them up. */
  rows: TrainingMention[];
  /** A scale note was read since the last country heading (a new header without one is in dollars). */
  scaledInSection: boolean;
  /** Mentions that already add up to something: a row's cells under its total, rows' totals under the grand total. */
  counted: Set<TrainingMention>;
  /** The year of a caption just read, for a header that names measures but no years. */
  caption: number | null;
}

export function newTableState(): TableState {
  return { years: null, columns: null, totalColumn: false, scale: 1, country: null, mixed: false, sections: 0, rows: [], counted: new Set(), scaledInSection: false, caption: null };
}

export const BASIS_WORDS: Record<string, AmountBasis> = { actual: 'actual', actuals: 'actual', estimate: 'estimated', estimated: 'estimated', request: 'requested', requested: 'requested', enacted: 'appropriated', supp: 'appropriated', supplemental: 'appropriated', planned: 'planned', projected: 'projected' };
/** A cell: dollars or a count, with thousands commas when run together; a dash or N/A for none. */
export const CELL = /^(?:\$\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^(?:-{1,2}|–|—|N\/A)/;
/** Row labels are programme names; a longer "label" is prose that ends in a number. */
export const MAX_LABEL = 90;
export const TOTAL = /^(?:grand\s+)?totals?\b:?/i;

/**
 * The years of a header line: "FY 2006 FY 2007", "FY2014 Actual FY2015 Request", "2010 2011 ...
 * Program Total", and years run together with the words ("Aid Program201020112012Program Total").
 * A line with any other number is a row, not a header.
 */
export function headerYears(a: Annotated): { year: number; basis: AmountBasis | null }[] | null {
  // A note in parentheses ("($ in thousands) FY 2008 FY 2009") is no column.
  const text = a.text.replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
  const out: { year: number; basis: AmountBasis | null }[] = [];
  const runs = [...text.matchAll(/\d+/g)];
  for (const run of runs) {
    const digits = run[0];
    const years = digits.length % 4 === 0 ? digits.match(/\d{4}/g)!.map(Number) : [];
    if (years.length === 0 || years.some((y, k) => y < 1940 || y > 2100 || (k > 0 && y !== years[k - 1]! + 1))) {
      // "FY08": a two-digit fiscal year.
      if (digits.length === 2 && /fy\s?$/i.test(text.slice(0, run.index))) out.push({ year: 2000 + Number(digits), basis: null });
      else return null;
      continue;
    }
    const word = /^\s*([A-Za-z]+)/.exec(text.slice(run.index! + digits.length))?.[1]?.toLowerCase() ?? '';
    for (const y of years) out.push({ year: y, basis: years.length === 1 ? (BASIS_WORDS[word] ?? null) : null });
  }
  const fiscal = /\b(?:FY|fiscal\s+years?)\b/i.test(text) || /FY\s?\d/.test(text);
  // A year may come twice when its columns differ in basis ("FY 2007 FY2007" over "Actual Supp").
  return out.length >= 2 || (out.length === 1 && fiscal) ? out : null;
}

/** A sentence of prose, not a header: more than a few lower-case words that are no header words ("in 1996, and has not received ... since 1995"). */
export function prose(a: Annotated): boolean {
  const plain = a.tokens.filter((t) => t.kind === 'word' && !t.cap && !(t.norm in BASIS_WORDS) && !/^(?:fy|fiscal|years?|and|of|in|thousands|dollars)$/.test(t.norm));
  return plain.length > 3;
}

/** The year a short caption ends with before a colon (a footnote number may follow): "... personnel, 2001:2". */
export function captionYear(a: Annotated): number | null {
  const t = a.tokens;
  let k = t.length - 1;
  if (t[k]?.kind === 'number' && t[k - 1]?.text === ':') k -= 2;
  else if (t[k]?.text === ':') k -= 1;
  else return null;
  const year = t[k]?.kind === 'number' && /^\d{4}$/.test(t[k]!.text) ? Number(t[k]!.text) : null;
  return year !== null && year >= 1940 && year <= 2100 && t.filter((x) => x.kind === 'word').length <= 14 ? year : null;
}

/** The measures a header line names, in order ("Training Sessions Individual Students Course Count Dollar Value ..."). */
export function headerMeasures(a: Annotated): Measure[] | null {
  if (a.tokens.some((x) => x.kind === 'number')) return null;
  const found = [
    ...a.cue('table-trainees').map((c) => ({ c, m: 'trainees' as Measure })),
    ...a.cue('table-courses').map((c) => ({ c, m: 'courses' as Measure })),
    ...a.cue('table-amount').map((c) => ({ c, m: 'amount' as Measure })),
    ...a.cue('table-other').map((c) => ({ c, m: 'other' as Measure })),
  ].sort((x, y) => x.c.t0 - y.c.t0);
  return found.length >= 2 || (found.length === 1 && found[0]!.m !== 'other') ? found.map((f) => f.m) : null;
}

/** The ways a line splits into a label and a run of cells that reaches its end ("Section 1004 19 $0 0 $0": from "1004" or from "19"). */
export function splitRow(text: string): { label: string; cells: string[] }[] {
  const out: { label: string; cells: string[] }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!/[\d$\-–—N]/.test(text[i]!) || (i > 0 && /[\d,.]/.test(text[i - 1]!))) continue;
    const cells: string[] = [];
    let k = i;
    while (k < text.length) {
      const m = CELL.exec(text.slice(k));
      if (!m) break;
      cells.push(m[0]);
      k += m[0].length;
      while (text[k] === ' ') k++;
    }
    if (k === text.length && cells.length > 0) out.push({ label: text.slice(0, i).trim(), cells });
  }
  return out;
}

export function parseCell(cell: string): number | null {
  if (/^(?:-{1,2}|–|—|N\/A)$/.test(cell)) return null;
  const n = Number(cell.replace(/[$,\s]/g, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The columns of a row's cells: as many as the header's, or fewer cells in a table with a total column when they add up to the last (empty years left out). */
export function columnsFor(state: TableState, cells: string[]): Column[] | null {
  const years = state.years!;
  const columns: Column[] = state.columns ?? [...years.map((y) => ({ year: y.year, measure: 'amount' as Measure, basis: y.basis })), ...(state.totalColumn ? [{ year: null, measure: 'amount' as Measure, basis: null }] : [])];
  if (!state.columns && !cells.some((c) => c.startsWith('$')) && state.scale === 1 && !state.totalColumn) for (const c of columns) c.measure = cells.some((x) => x.includes(',')) ? 'amount' : 'trainees';
  if (cells.length === columns.length) return columns;
  // A row of a table of years alone with fewer cells than years: its empty cells were lost when the
  // table was flattened, and a reader takes the cells from the first year on.
  if (!state.totalColumn && !state.columns && cells.length < columns.length) return columns.slice(0, cells.length);
  if (!state.totalColumn || state.columns || cells.length > columns.length || cells.length < 2) return null;
  // Fewer cells than years (empty cells lost when the table was flattened): when the cells add up
  // to the last, they are read from the first year on, as a reader of the flattened row would.
  const values = cells.map((c) => parseCell(c) ?? 0);
  const sum = values.slice(0, -1).reduce((n, v) => n + v, 0);
  if (Math.abs(sum - values.at(-1)!) > Math.max(1, values.at(-1)! * 0.01)) return null;
  return [...columns.slice(0, cells.length - 1), columns.at(-1)!];
}
