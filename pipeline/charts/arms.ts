// Arms purchases: the largest deals, one bar per deal on one dollar scale (the length of a bar is its
// value), in two panels that are never ranked together: deals ordered, bought or delivered, and
// deals only proposed or approved (a notified ceiling, not money paid). A deal's value is the one the
// data dictionary's safe sum counts: its latest stage that states a value, items of a priced package
// inside it. Deals without a stated value, and every row, are in the data, as the note says.
import { compareCodePoints } from '../lib/text.js';
import { countedDeals, dealRows } from '../report/sums.js';
import type { ArmsRow } from '../types.js';
import { type BarRow, type Panel, barsBody } from './bars.js';
import { count, integer, money, qualifiedMoney } from './format.js';
import { emptyBody } from './frame.js';
import type { ChartPart } from './svg.js';
import { clean } from './text.js';

/** Bars drawn in all, shared by the panels; each gets at least MIN_PER_PANEL. */
const BUDGET = 18;
const MIN_PER_PANEL = 3;

const STAGES = [
  { title: 'Ordered, bought or delivered', statuses: ['ordered', 'purchased', 'delivered'], word: false },
  { title: 'Proposed or approved (notified ceilings, not sales)', statuses: ['proposed', 'approved'], word: true },
  { title: 'Stage not stated', statuses: [null], word: false },
] as const;

/** "purchased 2015 · 21 × UH-60 Black Hawk from Russia": when first, so that a long item name never cuts it. */
function itemText(row: ArmsRow, withStatus: boolean): string {
  const name = clean(row.designation) || clean(row.item) || 'equipment';
  // "24 F16 fighter jets" already says how many. No-break spaces keep "21 × " on the line of its item.
  const counted = row.quantity != null && !name.startsWith(`${row.quantity} `) && !name.startsWith(`${integer(row.quantity)} `);
  const what = counted ? `${integer(row.quantity!)}\u00a0×\u00a0${name}` : name;
  const seller = row.seller_iso3 && row.seller_iso3 !== 'USA' && clean(row.seller) ? ` from ${clean(row.seller)}` : '';
  const when = [withStatus ? row.status : null, row.year].filter((x) => x !== null).join(' ');
  return `${when ? `${when} · ` : ''}${what}${seller}`;
}

function bar(row: ArmsRow, withStatus: boolean): BarRow {
  return {
    label: [
      { text: clean(row.buyer) || row.buyer_iso3, role: 'value' },
      { text: itemText(row, withStatus), role: 'muted' },
    ],
    value: row.value_usd!,
    valueText: qualifiedMoney(row.value_usd!, row.value_qualifier),
  };
}

const largestFirst = (a: ArmsRow, b: ArmsRow) => b.value_usd! - a.value_usd! || compareCodePoints(a.id, b.id);

export function armsChart(rows: ArmsRow[]): ChartPart<ArmsRow> {
  const valued = countedDeals(rows);
  const deals = dealRows(rows).length;
  const groups = STAGES.map((s) => ({ ...s, rows: valued.filter((r) => (s.statuses as readonly (string | null)[]).includes(r.status)).sort(largestFirst) })).filter((g) => g.rows.length);
  const perPanel = Math.max(MIN_PER_PANEL, Math.floor(BUDGET / Math.max(1, groups.length)));
  const panels: Panel[] = groups.map((g) => {
    const rest = g.rows.length - perPanel;
    return { title: g.title, rows: g.rows.slice(0, perPanel).map((r) => bar(r, g.word)), more: rest > 0 ? `${perPanel} largest of ${g.rows.length}` : null };
  });
  const drawn = groups.flatMap((g) => g.rows.slice(0, perPanel));
  const unvalued = deals - valued.length;

  const notes: string[] = [];
  notes.push('One bar per deal, at its latest stage that states a value; the items of a package priced whole are inside its value.');
  if (valued.length > drawn.length) notes.push(`The ${count(perPanel, 'largest deal')} of each kind; all ${count(valued.length, 'deal')} with a value are in arms-purchases.csv.`);
  if (unvalued) notes.push(`${count(unvalued, 'deal')} without a stated value ${unvalued === 1 ? 'is' : 'are'} not drawn; ${unvalued === 1 ? 'it is' : 'they are'} in arms-purchases.csv.`);

  return {
    spec: {
      prefix: 'arms',
      title: 'Arms purchases by Latin American and Caribbean governments',
      subtitle: 'Largest deals by stated value, in U.S. dollars (nominal)',
      notes,
      desc: describe(rows.length, deals, groups),
      body: (scene, top) => (rows.length === 0 ? emptyBody(scene, top) : panels.length === 0 ? emptyBody(scene, top, 'No stated values yet') : barsBody(panels, scene, top)),
    },
    drawn,
    years: drawn.map((r) => r.year).filter((y): y is number => y !== null),
  };
}

function describe(total: number, deals: number, groups: { title: string; rows: ArmsRow[] }[]): string {
  if (total === 0) return 'No arms purchases yet: the table is empty.';
  const valued = groups.reduce((n, g) => n + g.rows.length, 0);
  const sentences = [`Bars of the largest arms deals by stated value in U.S. dollars: ${count(deals, 'deal')}, ${integer(valued)} with a stated value.`];
  for (const g of groups) {
    const top = g.rows.slice(0, 3).map((r) => `${clean(r.buyer) || r.buyer_iso3} ${money(r.value_usd!)} for ${itemText(r, false)}`);
    sentences.push(`${g.title}, the largest: ${top.join('; ')}.`);
  }
  return sentences.join(' ');
}
