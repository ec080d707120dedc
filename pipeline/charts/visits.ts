// Defense secretary visits: one timeline per country, a dot per visit at its year (dots of one year
// stacked), the number of visits at the end of the line. Countries with the most visits first; past
// MAX_COUNTRIES the rest share one line, so that every visit is drawn however many there are.
// A hollow dot: the source does not name the secretary (inferred from the terms of office, or none).
import { compareCodePoints } from '../lib/text.js';
import type { VisitRow } from '../types.js';
import { widenYears, yearStep, yearTicks } from './axis.js';
import { count, integer, list, surname } from './format.js';
import { type Scene, emptyBody } from './frame.js';
import type { ChartPart } from './svg.js';
import { clean } from './text.js';

const MAX_COUNTRIES = 16;
const MIN_YEARS = 10;
const NAME_W = { wide: 170, narrow: 80 } as const;
const DOT_R = { wide: 5, narrow: 3 } as const;
/** A body taller than this gets its year axis at the bottom too. */
const TALL = 420;

interface Line {
  name: string;
  visits: VisitRow[];
}

function lines(rows: VisitRow[]): { lines: Line[]; others: number } {
  const by = new Map<string, VisitRow[]>();
  for (const row of rows) {
    if (row.year === null) continue;
    const country = clean(row.country) || row.country_iso3;
    by.set(country, [...(by.get(country) ?? []), row]);
  }
  const all = [...by.entries()].map(([name, visits]) => ({ name, visits })).sort((a, b) => b.visits.length - a.visits.length || compareCodePoints(a.name, b.name));
  // A shared line for two countries would save nothing.
  if (all.length <= MAX_COUNTRIES + 1) return { lines: all, others: 0 };
  const rest = all.slice(MAX_COUNTRIES - 1);
  return { lines: [...all.slice(0, MAX_COUNTRIES - 1), { name: `${integer(rest.length)} other countries`, visits: rest.flatMap((l) => l.visits) }], others: rest.length };
}

function body(all: Line[], scene: Scene, top: number): number {
  const { pad, width } = scene;
  const wide = scene.frame.name === 'wide';
  const r = DOT_R[scene.frame.name];
  const pitch = 2 * r + 2;
  const years = all.flatMap((l) => l.visits.map((v) => v.year!));
  const [y0, y1] = widenYears(Math.min(...years) - 0.5, Math.max(...years) + 0.5, MIN_YEARS);
  const countW = Math.max(scene.widthOf('visits', 'tick'), ...all.map((l) => scene.widthOf(integer(l.visits.length), 'value')));
  const x0 = pad + NAME_W[scene.frame.name] + r + 6;
  const x1 = width - pad - countW - 10 - Math.max(r, scene.widthOf('0000', 'tick') / 2);
  const x = (year: number) => x0 + ((year - y0) / (y1 - y0)) * (x1 - x0);
  const ticks = yearTicks(Math.ceil(y0), Math.floor(y1), yearStep((x1 - x0) / (y1 - y0), scene.widthOf('0000', 'tick') + (wide ? 24 : 4)));
  const axis = (cy: number) => {
    for (const t of ticks) scene.text(x(t), cy, String(t), 'tick', 'middle');
    scene.text(width - pad, cy, 'visits', 'tick', 'end');
  };
  axis(top + scene.lineHeight('tick') / 2);
  let y = top + scene.lineHeight('tick') + 4;
  const gridTop = y;
  const lh = scene.lineHeight('label');

  for (const line of all) {
    const names = scene.wrap(line.name, 'label', NAME_W[scene.frame.name], 3);
    const stacks = new Map<number, number>();
    for (const v of line.visits) stacks.set(v.year!, (stacks.get(v.year!) ?? 0) + 1);
    const deepest = Math.max(...stacks.values());
    const height = Math.max(names.length * lh, deepest * pitch + 6);
    names.forEach((n, i) => scene.text(pad, y + (height - names.length * lh) / 2 + lh * (i + 0.5), n, 'label'));
    const placed = new Map<number, number>();
    const sorted = [...line.visits].sort((a, b) => a.year! - b.year! || Number(a.secretary_inferred || !a.secretary) - Number(b.secretary_inferred || !b.secretary) || compareCodePoints(a.id, b.id));
    for (const v of sorted) {
      const k = placed.get(v.year!) ?? 0;
      placed.set(v.year!, k + 1);
      const n = stacks.get(v.year!)!;
      scene.dot(x(v.year!), y + height / 2 + (k - (n - 1) / 2) * pitch, r, v.secretary && !v.secretary_inferred ? 'solid' : 'hollow');
    }
    scene.text(width - pad, y + height / 2, integer(line.visits.length), 'value', 'end');
    y += height;
    scene.line(pad, y, width - pad, y, 'grid');
  }
  for (const t of ticks) scene.line(x(t), gridTop, x(t), y, 'grid');
  if (y - top > TALL) {
    axis(y + 4 + scene.lineHeight('tick') / 2);
    y += 4 + scene.lineHeight('tick');
  }
  return y;
}

export function visitsChart(rows: VisitRow[]): ChartPart<VisitRow> {
  const { lines: all, others } = lines(rows);
  const drawn = all.flatMap((l) => l.visits);
  const withoutYear = rows.length - drawn.length;
  const unnamed = drawn.filter((v) => !v.secretary || v.secretary_inferred).length;
  const notes: string[] = ['Each dot is a visit in that year; dots of one year are stacked.'];
  const travelled = mostTravelled(drawn, 5);
  if (travelled.length) notes.push(`Most visits here: ${travelled.map(([name, n]) => `${name} ${n}`).join(', ')}.`);
  if (unnamed) notes.push('Hollow dot: the source does not name the secretary (the name is inferred from the terms of office, or unknown).');
  if (others) notes.push(`The ${count(others, 'country', 'countries')} with the fewest visits share the last line; every visit is in secdef-visits.csv.`);
  if (withoutYear) notes.push(`${count(withoutYear, 'visit')} without a year ${withoutYear === 1 ? 'is' : 'are'} not drawn.`);
  return {
    spec: {
      prefix: 'visits',
      title: 'U.S. defense secretaries’ visits to Latin America and the Caribbean',
      subtitle: 'Visits by year and country, as the documents state them',
      notes,
      desc: describe(rows.length, all, drawn),
      body: (scene, top) => (rows.length === 0 ? emptyBody(scene, top) : drawn.length === 0 ? emptyBody(scene, top, 'No dated visits yet') : body(all, scene, top)),
    },
    drawn,
    years: drawn.map((v) => v.year!),
  };
}

/** The secretaries with most visits, by surname, named ones only: [["Rumsfeld", 9], ...]. */
function mostTravelled(visits: VisitRow[], n: number): [string, number][] {
  const by = new Map<string, number>();
  for (const v of visits) if (v.secretary) by.set(surname(v.secretary), (by.get(surname(v.secretary)) ?? 0) + 1);
  return [...by.entries()].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0])).slice(0, n);
}

/** "Perry", "Rumsfeld (inferred)", "unnamed". */
function who(v: VisitRow): string {
  if (!v.secretary) return 'unnamed';
  return v.secretary_inferred ? `${surname(v.secretary)} (inferred)` : surname(v.secretary);
}

function describe(total: number, all: Line[], drawn: VisitRow[]): string {
  if (total === 0) return 'No visits yet: the table is empty.';
  if (drawn.length === 0) return 'No dated visits yet.';
  const years = drawn.map((v) => v.year!);
  const sentences = [`Dots of ${count(drawn.length, 'visit')} by U.S. Secretaries of Defense, ${Math.min(...years)} to ${Math.max(...years)}, by country and year.`];
  const most = all.filter((l) => l.visits.length === all[0]!.visits.length && !/ other countries$/.test(l.name));
  if (most.length <= 3) sentences.push(`In these documents, the most visits are to ${list(most.map((l) => `${l.name} (${l.visits.length}: ${list(l.visits.map((v) => `${who(v)} ${v.year}`))})`))}.`);
  const travelled = mostTravelled(drawn, 3);
  if (travelled.length) sentences.push(`Most visits by ${list(travelled.map(([name, n]) => `${name} (${n})`))}.`);
  return sentences.join(' ');
}
