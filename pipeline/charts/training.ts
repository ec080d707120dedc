// Training and security-assistance money: bars on one dollar scale (the length of a bar is its
// money), one panel per amount basis (requested, appropriated, spent...: different measures, never
// side by side in one ranking), the largest amounts of each. It draws exactly the amounts the data
// dictionary's safe sum counts: totals and running totals are left out, so that no total is drawn
// beside the parts it adds up (its parts are drawn), and no running total beside what it includes.
import { compareCodePoints } from '../lib/text.js';
import { basisOf, countedTraining, type BasisKey } from '../report/sums.js';
import type { TrainingRow } from '../types.js';
import { type BarRow, type Panel, barsBody } from './bars.js';
import { count, money, qualifiedMoney } from './format.js';
import { emptyBody } from './frame.js';
import type { ChartPart } from './svg.js';
import { clean } from './text.js';

/** Bars drawn in all; each basis gets at least MIN_PER_PANEL and at most MAX_PER_PANEL of them. */
const BUDGET = 20;
const MIN_PER_PANEL = 2;
const MAX_PER_PANEL = 6;
const NO_RECIPIENT = 'Several recipients';

/** Budget cycle order, then what was spent, then forecasts; an unstated basis last. */
const BASES: { key: BasisKey; title: string }[] = [
  { key: 'requested', title: 'Requested in a budget' },
  { key: 'planned', title: 'Planned' },
  { key: 'appropriated', title: 'Appropriated by Congress' },
  { key: 'allocated', title: 'Allocated' },
  { key: 'obligated', title: 'Obligated (committed)' },
  { key: 'actual', title: 'Actual (spent)' },
  { key: 'delivered', title: 'Delivered' },
  { key: 'estimated', title: 'Estimated' },
  { key: 'projected', title: 'Projected' },
  { key: 'not stated', title: 'Basis not stated' },
];

/** Fiscal years are marked where the source speaks of them ("FY2008", "fiscal 2013"). */
function period(row: TrainingRow): string {
  const fy = /\bFY|\bfiscal\b/i.test(`${row.quote} ${row.description}`) ? 'FY' : '';
  const end = row.end_year ?? row.start_year;
  if (end === null) return '';
  if (row.start_year === null) return `as of ${fy}${end}`;
  return row.start_year === end ? `${fy}${end}` : `${fy}${row.start_year}–${end}`;
}

function what(row: TrainingRow): string {
  return clean(row.program) || clean(row.description);
}

function bar(row: TrainingRow): BarRow {
  // The period first, so that a long description never cuts it; not twice when the description says it.
  const when = period(row);
  const said = row.end_year !== null && what(row).includes(String(row.end_year));
  const detail = when && !said ? `${when} · ${what(row)}` : what(row);
  return {
    label: [
      { text: clean(row.recipient) || NO_RECIPIENT, role: 'value' },
      { text: detail, role: 'muted' },
    ],
    value: row.amount_usd!,
    valueText: qualifiedMoney(row.amount_usd!, row.amount_qualifier),
  };
}

const largestFirst = (a: TrainingRow, b: TrainingRow) => b.amount_usd! - a.amount_usd! || compareCodePoints(a.id, b.id);

export function trainingChart(rows: TrainingRow[]): ChartPart<TrainingRow> {
  const counted = countedTraining(rows);
  const groups = BASES.map((b) => ({ ...b, rows: counted.filter((r) => basisOf(r) === b.key).sort(largestFirst) })).filter((g) => g.rows.length);
  const perPanel = Math.min(MAX_PER_PANEL, Math.max(MIN_PER_PANEL, Math.floor(BUDGET / Math.max(1, groups.length))));
  const panels: Panel[] = groups.map((g) => {
    const rest = g.rows.length - perPanel;
    return { title: g.title, rows: g.rows.slice(0, perPanel).map(bar), more: rest > 0 ? `${perPanel} largest of ${g.rows.length}` : null };
  });
  const drawn = groups.flatMap((g) => g.rows.slice(0, perPanel));
  const totals = rows.filter((r) => r.amount_usd !== null && (r.total || r.cumulative)).length;
  const withoutAmount = rows.filter((r) => r.amount_usd === null).length;

  const notes: string[] = [];
  notes.push('Kinds of amount (requested, appropriated, spent...) measure different things and are never added together or ranked as one.');
  if (counted.length > drawn.length) notes.push(`The ${count(perPanel, 'largest amount')} of each kind; all ${count(counted.length, 'amount')} are in training.csv.`);
  if (totals) notes.push(`Totals and running totals (${count(totals, 'row')}) are not drawn: the amounts they add up are, so nothing is drawn beside its parts.`);
  if (drawn.length) notes.push('FY: U.S. fiscal year (October to September), where the source says so.');
  if (withoutAmount) notes.push(`${count(withoutAmount, 'fact')} without an amount (trainees, courses) ${withoutAmount === 1 ? 'is' : 'are'} not drawn.`);

  return {
    spec: {
      prefix: 'training',
      title: 'U.S. military training and security assistance',
      subtitle: 'Largest stated amounts in U.S. dollars, by kind of amount',
      notes,
      desc: describe(rows.length, groups),
      body: (scene, top) => (rows.length === 0 ? emptyBody(scene, top) : panels.length === 0 ? emptyBody(scene, top, 'No amounts yet') : barsBody(panels, scene, top)),
    },
    drawn,
    years: drawn.flatMap((r) => [r.start_year, r.end_year].filter((y): y is number => y !== null)),
  };
}

function describe(total: number, groups: { title: string; rows: TrainingRow[] }[]): string {
  if (total === 0) return 'No training or assistance spending yet: the table is empty.';
  if (groups.length === 0) return 'No amounts yet: the training rows state trainees or courses only.';
  const top = (g: { title: string; rows: TrainingRow[] }) => {
    const r = g.rows[0]!;
    const when = period(r);
    return `${g.title.toLowerCase()}, ${money(r.amount_usd!)} for ${clean(r.recipient) || 'several recipients'}${what(r) ? `: ${what(r)}` : ''}${when ? `, ${when}` : ''}`;
  };
  return [
    `Bars of stated training and security-assistance amounts in U.S. dollars, by kind of amount; kinds are never added together. The largest of each kind: ${groups.map(top).join('; ')}.`,
    'Totals and running totals are left out, their parts drawn instead.',
  ].join(' ');
}
