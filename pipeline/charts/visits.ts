// Defense secretary visits: a timeline per country, one dot per visit at its year, labelled with the
// secretary's surname ("Rumsfeld?" when the name comes from the table of office terms). Labels are
// packed into lanes per country, so several visits in one year and country stack instead of overlapping.
import { compareCodePoints } from '../lib/text.js';
import type { VisitRow } from '../types.js';
import { widenYears, yearStep, yearTicks } from './axis.js';
import { count, list, surname } from './format.js';
import { placeLabel } from './labels.js';
import { type ChartSpec, PAD, type Scene, TEXT, WIDTH, emptyBody, lineHeight, widthOf } from './svg.js';
import { clean, wrap } from './text.js';

const LANE = 29;
const BAND_PAD = 6;
const LABEL_GAP = 10;
/** Horizontal room kept free between two labels in one lane. */
const LANE_GAP = 12;
const DOT_HALF = 8;
const MIN_YEARS = 10;
/** Reserving room for right-hand labels may shrink the year scale to this share of the width, no more. */
const MIN_SCALE_SHARE = 0.72;
const MIN_TICK_SPACING = 58;
/** Country names longer than this are cut, so the timeline keeps most of the width. */
const MAX_NAME = 190;
/** A body taller than this gets its year axis at the bottom too. */
const TALL = 420;
const INFERRED_NOTE = '? = name inferred from the table of office terms';
const UNNAMED = 'unnamed';

interface Visit {
  row: VisitRow;
  year: number;
  country: string;
  label: string;
}

function visitLabel(row: VisitRow): string {
  if (!row.secretary) return UNNAMED;
  const name = surname(row.secretary) || UNNAMED;
  return row.secretary_inferred ? `${name}?` : name;
}

function groups(rows: VisitRow[]): { name: string; visits: Visit[] }[] {
  const by = new Map<string, Visit[]>();
  for (const row of rows) {
    if (row.year == null) continue;
    const country = clean(row.country) || row.country_iso3;
    by.set(country, [...(by.get(country) ?? []), { row, year: row.year, country, label: visitLabel(row) }]);
  }
  return [...by.entries()]
    .map(([name, visits]) => {
      visits.sort(
        (a, b) =>
          a.year - b.year ||
          compareCodePoints(a.row.start_date ?? '', b.row.start_date ?? '') ||
          compareCodePoints(a.label, b.label) ||
          compareCodePoints(a.row.id, b.row.id),
      );
      return { name, visits };
    })
    .sort((a, b) => b.visits.length - a.visits.length || compareCodePoints(a.name, b.name));
}

export function visitsChart(rows: VisitRow[], source: string): ChartSpec {
  const countries = groups(rows);
  const visits = countries.flatMap((c) => c.visits);
  const withoutYear = rows.length - visits.length;
  const inferred = visits.filter((v) => v.row.secretary_inferred).length;
  const unnamed = visits.filter((v) => v.label === UNNAMED).length;

  const body = (scene: Scene, top: number): number => {
    if (rows.length === 0) return emptyBody(scene, top);
    if (visits.length === 0) return emptyBody(scene, top, 'No dated visits yet');
    // Long names wrap onto a second line (the band grows to two lanes) rather than being cut.
    const names = countries.map((c) => wrap(c.name, MAX_NAME, TEXT.label.size, false, 2));
    const nameW = Math.max(...names.flat().map((n) => widthOf(n, 'label')));
    const [y0, y1] = widenYears(Math.min(...visits.map((v) => v.year)) - 0.5, Math.max(...visits.map((v) => v.year)) + 0.5, MIN_YEARS);
    const x0 = PAD + nameW + 16 + DOT_HALF;
    // Labels read best all on the right of their dots: end the scale early enough for the latest
    // labels to fit, unless that would squeeze the years too much (then late labels flip left).
    const right = WIDTH - PAD - DOT_HALF;
    let x1 = right;
    for (const v of visits) {
      const f = (v.year - y0) / (y1 - y0);
      // One unit of slack keeps rounding from flipping the binding label to the left.
      x1 = Math.min(x1, x0 + (WIDTH - PAD - LABEL_GAP - widthOf(v.label, 'label') - 1 - x0) / f);
    }
    if (x1 - x0 < MIN_SCALE_SHARE * (right - x0)) x1 = right;
    const x = (year: number): number => x0 + ((year - y0) / (y1 - y0)) * (x1 - x0);
    const ticks = yearTicks(Math.ceil(y0), Math.floor(y1), yearStep((x1 - x0) / (y1 - y0), MIN_TICK_SPACING));
    const bounds = { left: x0 - DOT_HALF, right: WIDTH - PAD, gap: LABEL_GAP };

    const axis = (cy: number): void => {
      for (const t of ticks) scene.text(x(t), cy, String(t), 'tick', 'middle');
    };
    axis(top + lineHeight('tick') / 2);
    let y = top + lineHeight('tick') + 6;
    const gridTop = y;

    countries.forEach((country, i) => {
      // Process data: each visit goes to the first lane where its dot and label fit.
      const lanes: number[] = [];
      const placed = country.visits.map((v) => {
        const cx = x(v.year);
        const extent = placeLabel(null, cx, 0, [{ text: v.label, role: 'label' }], bounds);
        const from = Math.min(cx - DOT_HALF, extent.x1);
        const to = Math.max(cx + DOT_HALF, extent.x2);
        let lane = lanes.findIndex((end) => end + LANE_GAP <= from);
        if (lane < 0) lane = lanes.push(to) - 1;
        else lanes[lane] = to;
        return { v, cx, lane };
      });
      const bandTop = y;
      const laneY = (lane: number): number => bandTop + BAND_PAD + lane * LANE + LANE / 2;
      names[i]!.forEach((line, l) => scene.text(PAD, laneY(l), line, 'label'));
      for (const { v, cx, lane } of placed) {
        scene.dot(cx, laneY(lane), v.row.secretary_inferred || v.label === UNNAMED ? 'hollow' : 'solid');
        placeLabel(scene, cx, laneY(lane), [{ text: v.label, role: v.label === UNNAMED ? 'muted' : 'label' }], bounds);
      }
      y = bandTop + 2 * BAND_PAD + Math.max(lanes.length, names[i]!.length) * LANE;
      scene.line(PAD, y, WIDTH - PAD, y, 'grid');
    });
    for (const t of ticks) scene.line(x(t), gridTop, x(t), y, 'grid');
    if (y - top > TALL) {
      axis(y + 4 + lineHeight('tick') / 2);
      y += 4 + lineHeight('tick');
    }
    return y;
  };

  const notes: string[] = [];
  if (inferred) notes.push(`${INFERRED_NOTE} (hollow dot)`);
  if (unnamed) notes.push(`“${UNNAMED}”: the source names no secretary.`);
  if (withoutYear) notes.push(`${count(withoutYear, 'visit')} without a year ${withoutYear === 1 ? 'is' : 'are'} not shown.`);
  return {
    prefix: 'visits',
    title: 'U.S. defense secretaries’ visits',
    subtitle: 'To Latin America and the Caribbean, by year',
    notes,
    desc: describe(rows.length, countries, visits, inferred, withoutYear),
    source,
    body,
  };
}

function describe(total: number, countries: ReturnType<typeof groups>, visits: Visit[], inferred: number, withoutYear: number): string {
  if (total === 0) return 'No visits yet: the table is empty.';
  const sentences: string[] = [];
  const top = countries[0];
  if (top) {
    const years = visits.map((v) => v.year);
    sentences.push(
      `${count(visits.length, 'visit')} by U.S. Secretaries of Defense to ${count(countries.length, 'country', 'countries')} between ${Math.min(...years)} and ${Math.max(...years)}.`,
    );
    const tied = countries.filter((c) => c.visits.length === top.visits.length);
    const detail = (c: (typeof countries)[number]): string => `${c.name} (${list(c.visits.map((v) => `${v.label} ${v.year}`))})`;
    if (tied.length === 1) sentences.push(`${top.name} was visited most often, ${count(top.visits.length, 'time')}: ${list(top.visits.map((v) => `${v.label} ${v.year}`))}.`);
    else if (tied.length <= 3) sentences.push(`Most visited, ${count(top.visits.length, 'time')} each: ${list(tied.map(detail))}.`);
  }
  if (inferred) sentences.push(`${count(inferred, 'name')} marked “?” ${inferred === 1 ? 'is' : 'are'} inferred from the table of office terms, not stated in the source.`);
  if (withoutYear) sentences.push(`${count(withoutYear, 'visit')} without a year ${withoutYear === 1 ? 'is' : 'are'} not shown.`);
  return sentences.join(' ');
}
