// Tables as they come out of reports and web pages, one line per row: a header naming the years (and
// what each column holds: students, courses, dollars), then a row per programme with a cell per
// column. Read by their header, whatever the layout: cells separated by spaces or run together
// ("2,357,0006,260,000"), a column of totals, a total line, country headings, "($ in thousands)".
// One mention per row and year; a total carries the figures it adds up.
import { scaleNote } from '../../../lib/amounts.js';
import type { Country, Program } from '../../../lib/reference.js';
import type { AmountBasis } from '../../../types.js';
import type { Annotated } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { TrainingEnv, TrainingMention } from './env.js';

type Measure = 'amount' | 'trainees' | 'courses' | 'other';

interface Column {
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

const BASIS_WORDS: Record<string, AmountBasis> = { actual: 'actual', actuals: 'actual', estimate: 'estimated', estimated: 'estimated', request: 'requested', requested: 'requested', enacted: 'appropriated', supp: 'appropriated', supplemental: 'appropriated', planned: 'planned', projected: 'projected' };
/** A cell: dollars or a count, with thousands commas when run together; a dash or N/A for none. */
const CELL = /^(?:\$\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^(?:-{1,2}|–|—|N\/A)/;
/** Row labels are programme names; a longer "label" is prose that ends in a number. */
const MAX_LABEL = 90;
const TOTAL = /^(?:grand\s+)?totals?\b:?/i;

/**
 * The years of a header line: "FY 2006 FY 2007", "FY2014 Actual FY2015 Request", "2010 2011 ...
 * Program Total", and years run together with the words ("Aid Program201020112012Program Total").
 * A line with any other number is a row, not a header.
 */
function headerYears(a: Annotated): { year: number; basis: AmountBasis | null }[] | null {
  const text = a.text;
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
function prose(a: Annotated): boolean {
  const plain = a.tokens.filter((t) => t.kind === 'word' && !t.cap && !(t.norm in BASIS_WORDS) && !/^(?:fy|fiscal|years?|and|of|in|thousands|dollars)$/.test(t.norm));
  return plain.length > 3;
}

/** The year a short caption ends with before a colon (a footnote number may follow): "... personnel, 2001:2". */
function captionYear(a: Annotated): number | null {
  const t = a.tokens;
  let k = t.length - 1;
  if (t[k]?.kind === 'number' && t[k - 1]?.text === ':') k -= 2;
  else if (t[k]?.text === ':') k -= 1;
  else return null;
  const year = t[k]?.kind === 'number' && /^\d{4}$/.test(t[k]!.text) ? Number(t[k]!.text) : null;
  return year !== null && year >= 1940 && year <= 2100 && t.filter((x) => x.kind === 'word').length <= 14 ? year : null;
}

/** The measures a header line names, in order ("Training Sessions Individual Students Course Count Dollar Value ..."). */
function headerMeasures(a: Annotated): Measure[] | null {
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
function splitRow(text: string): { label: string; cells: string[] }[] {
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

function parseCell(cell: string): number | null {
  if (/^(?:-{1,2}|–|—|N\/A)$/.test(cell)) return null;
  const n = Number(cell.replace(/[$,\s]/g, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

export const tableRow: Rule<TrainingEnv, TrainingMention> = {
  id: 'training/table-row',
  table: 'training',
  priority: 5,
  description: 'A row of a table of training or assistance figures, read by the table\'s header: one mention per year (and the row\'s total), a total line adding up the rows above.',
  examples: [
    {
      text: 'Foreign Military Training: Fiscal Years 2006 and 2007\n\nAntigua and Barbuda\n\nFY 2006 FY 2007\nProgram Training Sessions Individual Students Course Count Dollar Value Training Sessions Individual Students Course Count Dollar Value\nIMET 18 12 18 $121,596 13 11 12 $112,352',
      published: '2007-08',
      expect: [
        { recipient_iso3: 'ATG', start_year: 2006, amount_usd: 121_596, trainees: 12, courses: 18 },
        { recipient_iso3: 'ATG', start_year: 2007, amount_usd: 112_352, trainees: 11, courses: 12 },
      ],
    },
    {
      text: 'U.S. Aid to Honduras, 2010-2012\n\nAid Program201020112012Program Total\nForeign Military Financing1,514,000998,0001,000,0003,512,000',
      published: '2014',
      expect: [
        { recipient_iso3: 'HND', start_year: 2010, amount_usd: 1_514_000 },
        { recipient_iso3: 'HND', start_year: 2010, end_year: 2012, amount_usd: 3_512_000, total: true },
      ],
    },
  ],
  counterExamples: [{ text: 'Budget\n\nFY2010 FY2011\nDevelopment Assistance 5,000 6,000' }],
  find(a: Annotated, env: TrainingEnv): TrainingMention[] {
    const state = env.table;
    const text = a.text.trim();
    const scale = scaleNote(text);
    if (scale) {
      state.scale = scale;
      state.scaledInSection = true;
    }
    const named = env.ctx.ref.placeNamed(text.replace(/[:*]+$/, '').trim());
    if (named?.kind === 'country' && named.country.region === 'lac') {
      state.country = named.country;
      state.mixed = false;
      state.sections++;
      state.scaledInSection = false;
      return [];
    }
    const years = prose(a) ? null : headerYears(a);
    // "IMET courses taken by Guatemalan personnel, 2001:": a caption naming the year of the table under it.
    const caption = captionYear(a);
    if (caption !== null) {
      // A new table starts under its caption.
      state.caption = caption;
      state.years = null;
      state.columns = null;
      state.rows = [];
      state.counted = new Set();
      return [];
    }
    if (years) {
      // A country's section with a header of its own is a new table, with its own scale.
      if (state.sections > 0 && !state.scaledInSection) state.scale = 1;
      state.years = years;
      state.totalColumn = a.cue('table-total').some((c) => c.t0 > a.tokens.findIndex((x) => /\d{4}/.test(x.text)));
      state.columns = null;
      state.rows = [];
      state.counted = new Set();
      state.sections = 0;
      return [];
    }
    // A line of bases under the years: "Actual Supp Estimate Supp Request".
    const words = a.tokens.filter((t) => t.kind === 'word').map((t) => t.norm);
    if (state.years && words.length === state.years.length && words.every((w) => w in BASIS_WORDS)) {
      state.years = state.years.map((y, i) => ({ ...y, basis: BASIS_WORDS[words[i]!]! }));
      return [];
    }
    const measures = state.years || state.caption !== null ? headerMeasures(a) : null;
    if (measures && !state.years && state.caption !== null) state.years = [{ year: state.caption, basis: null }];
    if (measures && state.years) {
      const per = measures.length / state.years.length;
      state.columns = Number.isInteger(per) ? state.years.flatMap((y, i) => measures.slice(i * per, (i + 1) * per).map((m) => ({ year: y.year, measure: m, basis: y.basis }))) : null;
      return [];
    }
    if (!state.years) return [];
    return readRow(a, env, state, text);
  },
};

function readRow(a: Annotated, env: TrainingEnv, state: TableState, text: string): TrainingMention[] {
  // The split whose cells fit the header's columns (a label may hold a number: "Section 1004").
  const splits = splitRow(text).filter((r) => /^[*A-Za-z]/.test(r.label) && r.label.length <= MAX_LABEL);
  const row = splits.find((r) => columnsFor(state, r.cells) !== null);
  if (!row) return [];
  const label = row.label.replace(/^\*/, '').replace(/[:.]+$/, '').trim();
  if (a.cue('not-security-aid').length > 0 || /\b(?:development|economic|health|food|child survival)\b/i.test(label)) {
    state.mixed = true;
    return [];
  }
  const total = TOTAL.test(label);
  if (total && state.mixed) return [];
  const columns = columnsFor(state, row.cells);
  if (!columns) return [];
  const rowCountry = env.ctx.ref.placeNamed(label);
  const own = rowCountry?.kind === 'country' && rowCountry.country.region === 'lac' ? rowCountry.country : null;
  if (own) state.sections++;
  const recipient = total && state.sections >= 2 ? null : (own ?? state.country ?? (env.ctx.mainCountry?.region === 'lac' ? env.ctx.mainCountry : null));
  const program: Program | null = env.ctx.ref.findPrograms(label)[0]?.entry ?? null;
  const training = columns.some((c) => c.measure === 'trainees' || c.measure === 'courses');
  const byYear = new Map<string, { year: number | null; amount: number | null; trainees: number | null; courses: number | null; basis: AmountBasis | null }>();
  columns.forEach((c, i) => {
    const value = parseCell(row.cells[i]!);
    const key = `${c.year}|${c.basis}`;
    const slot = byYear.get(key) ?? byYear.set(key, { year: c.year, amount: null, trainees: null, courses: null, basis: c.basis }).get(key)!;
    if (value === null || c.measure === 'other') return;
    if (c.measure === 'amount') slot.amount = Math.round(value * state.scale * 100) / 100;
    else slot[c.measure] = value;
  });
  const first = state.years![0]!.year;
  const last = state.years!.at(-1)!.year;
  const out: TrainingMention[] = [];
  // Each figure adds up into one total: a row's cells into the row's total; the totals line's cells
  // into nothing but the grand total, which adds up the rows' totals (or the line's own cells).
  const free = (r: TrainingMention) => !state.counted.has(r);
  for (const v of byYear.values()) {
    const year = v.year;
    if (v.amount === null && v.trainees === null && v.courses === null) continue;
    const rowTotal = year === null;
    const parts = rowTotal ? (total ? [...state.rows.filter((r) => r.total && r.period.start !== r.period.end && free(r)), ...out.filter(free)] : out.filter((r) => !r.total)) : total ? state.rows.filter((r) => r.period.start === year && !r.total && free(r)) : undefined;
    for (const p of parts ?? []) state.counted.add(p);
    out.push({
      rule: 'training/table-row',
      at: 0,
      amount: v.amount === null ? null : { usd: v.amount, qualifier: 'exact', start: 0, end: 0, t0: 0, t1: 0 },
      trainees: v.trainees,
      courses: v.courses,
      recipient,
      program,
      category: training ? 'training' : program?.category === 'training' ? 'training' : 'assistance',
      basis: v.amount === null ? null : v.basis,
      period: { start: year ?? first, end: year ?? last, cumulative: false, from: 'text' },
      location: null,
      total: total || rowTotal,
      parts,
      label: `${label}, ${year === null ? `total ${first}-${last}` : `FY${year}${v.basis ? ` ${v.basis}` : ''}`}`,
    });
  }
  state.rows.push(...out);
  return out;
}

/** The columns of a row's cells: as many as the header's, or fewer cells in a table with a total column when they add up to the last (empty years left out). */
function columnsFor(state: TableState, cells: string[]): Column[] | null {
  const years = state.years!;
  const columns: Column[] = state.columns ?? [...years.map((y) => ({ year: y.year, measure: 'amount' as Measure, basis: y.basis })), ...(state.totalColumn ? [{ year: null, measure: 'amount' as Measure, basis: null }] : [])];
  if (!state.columns && !cells.some((c) => c.startsWith('$')) && state.scale === 1 && !state.totalColumn) for (const c of columns) c.measure = cells.some((x) => x.includes(',')) ? 'amount' : 'trainees';
  if (cells.length === columns.length) return columns;
  if (!state.totalColumn || state.columns || cells.length > columns.length || cells.length < 2) return null;
  // Fewer cells than years (empty cells lost when the table was flattened): when the cells add up
  // to the last, they are read from the first year on, as a reader of the flattened row would.
  const values = cells.map((c) => parseCell(c) ?? 0);
  const sum = values.slice(0, -1).reduce((n, v) => n + v, 0);
  if (Math.abs(sum - values.at(-1)!) > Math.max(1, values.at(-1)! * 0.01)) return null;
  return [...columns.slice(0, cells.length - 1), columns.at(-1)!];
}
