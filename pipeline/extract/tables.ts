// Flattened tables as they come out of government reports: a header naming fiscal years and what
// each column holds, then one line per program with a figure per column. One fact per row and year.
import { scaleNote } from '../lib/amounts.js';
import type { Country } from '../lib/reference.js';
import type { AmountBasis } from '../types.js';
import type { DocContext, Sentence } from './context.js';
import type { Mention, TrainingFact } from './facts.js';
import { allMatches } from '../lib/text.js';

interface Group {
  year: number;
  basis: AmountBasis | null;
  label: string;
}

type Measure = 'trainees' | 'amount';

export interface TableState {
  groups: Group[] | null;
  measures: Measure[] | null;
  scale: number;
  country: Country | null;
  /** The table has rows that are not security assistance: its grand total mixes them in. */
  mixed: boolean;
  /** Country headings and country rows since the table's header: a total after two or more is for no one country. */
  sections: number;
  /** A scale note was read since the last country heading. */
  scaledInSection: boolean;
  /** The rows read since the table's header, for the totals that add them up. */
  rows: TrainingFact[];
}

// Rows of foreign-aid tables that are not military training or security assistance.
/** A table's total line. */
const TOTAL_ROW = /^(?:grand\s+)?totals?\b/i;

const NOT_SECURITY = /\b(?:development\s+assistance|global\s+health|health\s+programs?|food\s+for\s+peace|food|economic\s+support|humanitarian|disaster|migration|refugee|child\s+survival|democracy)\b/i;

export function newTableState(): TableState {
  return { groups: null, measures: null, scale: 1, country: null, mixed: false, sections: 0, scaledInSection: false, rows: [] };
}

const FY_HEADER = /\b(?:FY|Fiscal\s+Year)\s?((?:19|20)\d\d|\d\d)\b\s*([A-Z][a-z]+)?/g;
const BASIS_WORDS: Record<string, AmountBasis> = {
  actual: 'actual', actuals: 'actual', spent: 'actual',
  planned: 'planned', plan: 'planned', estimate: 'planned', estimated: 'planned', projected: 'planned',
  request: 'requested', requested: 'requested',
  enacted: 'appropriated', appropriated: 'appropriated',
};
// A cell: a dollar figure, a plain number, or a dash for an empty cell.
const CELL = String.raw`(?:\$\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?|-{1,2}|–|—|N\/A)`;
/** Row labels are program names; a longer "label" is a sentence of prose that ends in a number. */
const MAX_LABEL = 90;
const ROW = new RegExp(String.raw`^(\*?[A-Za-z][^$\d]*?)\s+((?:${CELL}\s+)*${CELL})\s*$`);
const CELL_TOKEN = new RegExp(String.raw`^${CELL}$`);

/** Reads one line as table structure (heading, header, scale note) or a row; rows give facts. */
export function readTableLine(s: Sentence, ctx: DocContext, mention: Mention, state: TableState): TrainingFact[] {
  const text = s.text.trim();
  const scale = scaleNote(text);
  if (scale) {
    state.scale = scale;
    state.scaledInSection = true;
  }
  // A line that is only a country's name starts that country's section.
  const heading = ctx.ref.placeNamed(text.replace(/[:*]+$/, '').trim());
  if (heading && heading.kind === 'country' && heading.country.region === 'lac') {
    // A country's section: its rows go on in the columns read so far, unless it brings a header of
    // its own (then it is a new table, with its own scale).
    state.country = heading.country;
    state.mixed = false;
    state.sections++;
    state.scaledInSection = false;
    return [];
  }
  const fy = allMatches(text, FY_HEADER);
  if (fy.length >= 1 && !ROW.test(text.replace(FY_HEADER, ''))) {
    if (state.sections > 0 && !state.scaledInSection) state.scale = 1;
    state.sections = 0;
    state.groups = fy.map((m) => {
      const year = m[1]!.length === 2 ? 2000 + Number(m[1]) - (Number(m[1]) >= 50 ? 100 : 0) : Number(m[1]);
      const word = (m[2] ?? '').toLowerCase();
      return { year, basis: BASIS_WORDS[word] ?? null, label: `FY${year}${m[2] ? ` ${word}` : ''}` };
    });
    state.measures = null;
    state.rows = [];
    return [];
  }
  if (state.groups && /\b(?:students|trainees|dollar|value|amount|cost)\b/i.test(text) && !/\d/.test(text)) {
    const measures = allMatches(text, /\b(students|trainees|trained\s+personnel|dollar\s+value|value|amount|cost)\b/gi).map((m) => (/value|amount|cost|dollar/i.test(m[1]!) ? 'amount' : 'trainees') as Measure);
    state.measures = measures;
    return [];
  }
  if (!state.groups) return [];
  // Cells are read from the end of the line, as many as the columns; the rest is the label, which
  // may hold digits of its own ("Section 1004 Counter-Drug 86 $412,380 0 $0").
  const tokens = text.split(/\s+/);
  let cellCount = 0;
  while (cellCount < tokens.length && CELL_TOKEN.test(tokens[tokens.length - 1 - cellCount]!)) cellCount++;
  const wanted = state.measures?.length ?? null;
  if (cellCount === 0 || (wanted !== null && cellCount < wanted)) return [];
  const take = wanted ?? cellCount;
  const cells = tokens.slice(tokens.length - take);
  const label = tokens.slice(0, tokens.length - take).join(' ').replace(/^\*/, '').trim();
  if (!label || !/^[A-Za-z]/.test(label) || label.length > MAX_LABEL) return [];
  if (NOT_SECURITY.test(label)) {
    state.mixed = true;
    return [];
  }
  if (state.mixed && /^(?:grand\s+)?total\b/i.test(label)) return [];
  const measures = state.measures ?? inferMeasures(cells, state.groups.length, state.scale !== 1);
  if (!measures || cells.length !== measures.length) return [];
  const perGroup = measures.length / state.groups.length;
  if (!Number.isInteger(perGroup)) return [];
  // A row per country ("Costa Rica 17.4 21.9") is that country's; it counts as a section for the total.
  const named = ctx.ref.placeNamed(label);
  const rowCountry = named?.kind === 'country' && named.country.region === 'lac' ? named.country : null;
  if (rowCountry) state.sections++;
  // "TOTAL" under two countries' sections or rows is the sum of them all: no one recipient.
  const acrossSections = state.sections >= 2 && /^(?:grand\s+)?total\b/i.test(label);
  const recipient = acrossSections ? null : (rowCountry ?? state.country ?? ctx.mainCountry);
  const program = ctx.ref.findPrograms(label)[0]?.entry ?? null;
  const facts: TrainingFact[] = [];
  state.groups.forEach((group, g) => {
    let amount: number | null = null;
    let trainees: number | null = null;
    for (let k = 0; k < perGroup; k++) {
      const value = parseCell(cells[g * perGroup + k]!);
      if (measures[g * perGroup + k] === 'amount') amount = value === null ? null : Math.round(value * state.scale * 100) / 100;
      else trainees = value;
    }
    if (!amount && !trainees) return;
    facts.push({
      table: 'training',
      rule: 'training/table-row',
      mention,
      provider_iso3: 'USA',
      recipient_iso3: recipient?.iso3 ?? null,
      recipient: recipient?.name ?? null,
      program: program?.name ?? null,
      category: 'training',
      amount_usd: amount,
      amount_qualifier: amount === null ? null : 'exact',
      amount_basis: amount === null ? null : group.basis,
      start_year: group.year,
      end_year: group.year,
      trainees,
      courses: null,
      location: null,
      description: `${label}, ${group.label}`,
      cumulative: false,
      total: TOTAL_ROW.test(label),
      part_of: null,
    });
  });
  for (const f of facts) if (f.total) linkParts(f, state.rows);
  state.rows.push(...facts);
  return facts;
}

/** A total line and the rows above it that it adds up (same year and basis, since the last total): linked only when they sum to it. */
function linkParts(total: TrainingFact, rows: TrainingFact[]): void {
  const parts: TrainingFact[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.start_year !== total.start_year || r.amount_basis !== total.amount_basis) continue;
    if (r.total) break;
    parts.push(r);
  }
  const adds = (f: (x: TrainingFact) => number | null) => f(total) !== null && f(total)! > 0 && Math.abs(parts.reduce((n, p) => n + (f(p) ?? 0), 0) - f(total)!) <= f(total)! * 0.01;
  if (parts.length >= 2 && (adds((x) => x.amount_usd) || adds((x) => x.trainees))) for (const p of parts) p.part_of = total;
}

/** Without a column header: dollar cells are amounts, the others counts; in a table "($ in thousands)" all are money. */
function inferMeasures(cells: string[], groups: number, money: boolean): Measure[] | null {
  if (cells.length % groups !== 0) return null;
  return cells.map((c) => (money || c.startsWith('$') ? 'amount' : 'trainees'));
}

function parseCell(cell: string): number | null {
  if (/^(?:-{1,2}|–|—|N\/A)$/.test(cell)) return null;
  const n = Number(cell.replace(/[$,\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}
