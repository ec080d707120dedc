// Tables as they come out of reports and web pages, one line per row: a header naming the years (and
// what each column holds: students, courses, dollars), then a row per programme with a cell per
// column. Read by their header, whatever the layout: cells separated by spaces or run together
// ("2,357,0006,260,000"), a column of totals, a total line, country headings, "($ in thousands)".
// One mention per row and year; a total carries the figures it adds up.
import { scaleNote } from '../../../lib/amounts.js';
import type { Program } from '../../../lib/reference.js';
import type { AmountBasis } from '../../../types.js';
import type { Annotated } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { TrainingEnv, TrainingMention } from './env.js';
import { BASIS_WORDS, captionYear, columnsFor, headerMeasures, headerYears, MAX_LABEL, parseCell, prose, splitRow, TOTAL, type TableState } from './table-layout.js';

/** Lower-case words a programme's name may hold ("Train and Equip", "Nonproliferation, Anti-Terrorism, Demining & Related Programs"). */
const LABEL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'to', 'on', 'with', 'by']);

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
    {
      // A scanned scale note beside the years, a row whose empty second cell was lost, a region's row.
      text: 'Spending plan\n\nRESOURCE SUMMARY\n(5 ill thousands) FY 2008 FY 2009\nMexico 215,500 48,000\nHaiti 2,500\nCentral America 24,800',
      published: '2008-09-04',
      expect: [
        { recipient_iso3: 'MEX', start_year: 2008, amount_usd: 215_500_000 },
        { recipient_iso3: 'MEX', start_year: 2009, amount_usd: 48_000_000 },
        { recipient_iso3: 'HTI', start_year: 2008, amount_usd: 2_500_000 },
        { recipient_iso3: null, start_year: 2008, amount_usd: 24_800_000 },
      ],
    },
  ],
  counterExamples: [
    { text: 'Budget\n\nFY2010 FY2011\nDevelopment Assistance 5,000 6,000' },
    { text: 'Plan\n\nFY 2008 FY 2009\nGrant military and police aid to Honduras, All Programs, 2010-2015\n\nSeptember 18, 2007' },
  ],
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
  // A label may end in a number ("Section 1004"), not in a figure with thousands ("... 245,300": a cell).
  const splits = splitRow(text).filter((r) => /^[*A-Za-z]/.test(r.label) && r.label.length <= MAX_LABEL && !/\d,\d{3}$/.test(r.label));
  const row = splits.find((r) => columnsFor(state, r.cells) !== null);
  // A dated line ("September 18, 2007") or a caption ending in years ("..., All Programs, 2010-2015") is no row of figures.
  if (!row || a.dates.some((d) => d.t0 <= 1 && d.t1 >= a.tokens.length - 1)) return [];
  if (row.cells.every((c) => /^(?:19[4-9]\d|20\d\d)$|^[-–—]/.test(c))) return [];
  const label = row.label.replace(/^\*/, '').replace(/[:.]+$/, '').trim();
  // A sentence that ends in a number ("This is expected to grow to about $6.5 million in 1999.1") is prose, not a row.
  if (label.split(/\s+/).filter((w) => /^[a-z]+$/.test(w) && !LABEL_WORDS.has(w)).length > 3) return [];
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
  // A row for a region ("Central America 25,000") is no one country's.
  const regional = env.ctx.ref.regionNamed(label);
  const recipient = (total && state.sections >= 2) || regional ? null : (own ?? state.country ?? (env.ctx.mainCountry?.region === 'lac' ? env.ctx.mainCountry : null));
  const program: Program | null = env.ctx.ref.findPrograms(label)[0]?.entry ?? null;
  const training = columns.some((c) => c.measure === 'trainees' || c.measure === 'courses');
  const byYear = new Map<string, { year: number | null; amount: number | null; trainees: number | null; courses: number | null; basis: AmountBasis | null }>();
  columns.forEach((c, i) => {
    const value = parseCell(row.cells[i]!);
    const key = `${c.year}|${c.basis}`;
    const slot = byYear.get(key) ?? byYear.set(key, { year: c.year, amount: null, trainees: null, courses: null, basis: c.basis }).get(key)!;
    if (value === null || c.measure === 'other') return;
    if (c.measure === 'amount') slot.amount = Math.round(value * state.scale * 100) / 100;
    // People and courses are whole numbers: a cell with decimals is no count.
    else if (Number.isInteger(value)) slot[c.measure] = value;
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

