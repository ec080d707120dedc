// Arms purchases: one line per purchase, grouped by buyer, in year order, with its stated value as a
// dot on a log scale (values run from thousands to billions of dollars) and a direct label.
// Items that are part of a larger purchase (`part_of`) sit under it without a dot of their own, so no
// amount is drawn or counted twice; purchases without a stated value sit in a "no value" column.
import { compareCodePoints } from '../lib/text.js';
import type { ArmsRow } from '../types.js';
import { count, integer, list, moneyTick, possessive, qualifiedMoney } from './format.js';
import { type Bounds, type LabelPart, type Side, placeBlock, placeLabel, sideThatFits } from './labels.js';
import { type ChartSpec, PAD, type Scene, TEXT, WIDTH, emptyBody, lineHeight, widthOf } from './svg.js';
import { clean, truncate, wrap } from './text.js';

const ROW = 31;
/** Distance from an item's own line down to its dot and value, when the label is too long for one line. */
const TWO_LINE = 26;
const LABEL_GAP = 12;
/** Fewer decades than this and the scale is widened, so that small differences do not look huge. */
const MIN_DECADES = 3;
/** Narrowest spacing of labelled ticks; closer decades get every other label. */
const MIN_TICK_SPACING = 64;

interface Purchase {
  row: ArmsRow;
  buyer: string;
  /** Items whose part_of points here. */
  parts: ArmsRow[];
  /** part_of is set but names no row in the table: shown, never summed. */
  orphan: boolean;
}

interface Buyer {
  name: string;
  purchases: Purchase[];
  largest: Purchase | null;
}

/** "21 × UH-60 Black Hawk (purchased)": quantity, designation (or item as written), status. */
function itemText(row: ArmsRow, omitStatus = false): string {
  const name = clean(row.designation) || clean(row.item) || 'item not stated';
  const what = row.quantity != null ? `${integer(row.quantity)} × ${name}` : name;
  return row.status && !omitStatus ? `${what} (${row.status})` : what;
}

function byValueDesc(a: ArmsRow, b: ArmsRow): number {
  return (b.value_usd ?? -1) - (a.value_usd ?? -1);
}

function groups(rows: ArmsRow[]): Buyer[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string, ArmsRow[]>();
  for (const r of rows) if (r.part_of && ids.has(r.part_of)) children.set(r.part_of, [...(children.get(r.part_of) ?? []), r]);
  const buyers = new Map<string, Purchase[]>();
  for (const row of rows) {
    if (row.part_of && ids.has(row.part_of)) continue;
    const buyer = clean(row.buyer) || row.buyer_iso3;
    const parts = (children.get(row.id) ?? []).sort((a, b) => byValueDesc(a, b) || compareCodePoints(a.id, b.id));
    buyers.set(buyer, [...(buyers.get(buyer) ?? []), { row, buyer, parts, orphan: row.part_of != null }]);
  }
  return [...buyers.entries()]
    .map(([name, purchases]) => {
      purchases.sort(
        (a, b) =>
          (a.row.year ?? Infinity) - (b.row.year ?? Infinity) || byValueDesc(a.row, b.row) || compareCodePoints(a.row.id, b.row.id),
      );
      const counted = purchases.filter((p) => p.row.value_usd != null && !p.orphan);
      const largest = counted.reduce<Purchase | null>((m, p) => (m && m.row.value_usd! >= p.row.value_usd! ? m : p), null);
      return { name, purchases, largest };
    })
    .sort((a, b) => (b.largest?.row.value_usd ?? -1) - (a.largest?.row.value_usd ?? -1) || compareCodePoints(a.name, b.name));
}

/** Powers of ten around the values, at least MIN_DECADES wide. */
function logDomain(values: number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1e6, 1e9];
  let lo = Math.floor(Math.log10(Math.min(...positive)));
  let hi = Math.ceil(Math.log10(Math.max(...positive)));
  while (hi - lo < MIN_DECADES) {
    if ((hi - lo) % 2 === 0) hi++;
    else lo--;
  }
  return [lo, hi];
}

export function armsChart(rows: ArmsRow[], source: string): ChartSpec {
  const buyers = groups(rows);
  const purchases = buyers.flatMap((b) => b.purchases);
  const noValue = purchases.filter((p) => p.row.value_usd == null);
  const parts = purchases.flatMap((p) => p.parts);

  const body = (scene: Scene, top: number): number => {
    if (rows.length === 0) return emptyBody(scene, top);
    // Load inputs: the columns. Year | "no value" dots | log scale.
    const years = purchases.map((p) => (p.row.year == null ? '—' : String(p.row.year)));
    const yearW = Math.max(...years.map((y) => widthOf(y, 'label')), widthOf('0000', 'label')) + 12;
    const naLabel = 'no value';
    const naW = noValue.length ? widthOf(naLabel, 'tick') + 10 : 0;
    const naX = PAD + yearW + naW / 2;
    const [d0, d1] = logDomain([...purchases.map((p) => p.row.value_usd ?? 0), ...parts.map((r) => r.value_usd ?? 0)]);
    const tickHalf = Math.max(widthOf(moneyTick(10 ** d0), 'tick'), widthOf(moneyTick(10 ** d1), 'tick')) / 2;
    const x0 = PAD + yearW + naW + tickHalf + (naW ? 10 : 0);
    const x1 = WIDTH - PAD - tickHalf;
    const x = (v: number): number => x0 + ((Math.log10(v) - d0) / (d1 - d0)) * (x1 - x0);
    const step = Math.ceil(MIN_TICK_SPACING / ((x1 - x0) / (d1 - d0)));

    // Axis on top, grid through the rows.
    const axisY = top + lineHeight('tick') / 2;
    for (let d = d0; d <= d1; d += step) scene.text(x(10 ** d), axisY, moneyTick(10 ** d), 'tick', 'middle');
    if (naW) scene.text(naX, axisY, naLabel, 'tick', 'middle');
    let y = top + lineHeight('tick') + 6;
    const gridTop = y;
    const bounds = { left: PAD + yearW, right: WIDTH - PAD, gap: LABEL_GAP };

    for (const buyer of buyers) {
      y += 8;
      scene.text(PAD, y + lineHeight('head') / 2, truncate(buyer.name, WIDTH - 2 * PAD, TEXT.head.size, true), 'head');
      y += lineHeight('head');
      let lastYear = '';
      for (const p of buyer.purchases) {
        const year = p.row.year == null ? '—' : String(p.row.year);
        if (year !== lastYear) scene.text(PAD, y + ROW / 2, year, 'label');
        lastYear = year;
        const value = p.row.value_usd;
        const dotX = value != null ? x(value) : naX;
        const item = itemText(p.row) + (p.orphan ? ', part of another purchase' : '');
        const drawn = drawRow(scene, y, dotX, value != null ? qualifiedMoney(value, p.row.value_qualifier) : null, item, bounds, value != null);
        scene.dot(dotX, drawn.cy, value != null && !p.orphan ? 'solid' : 'hollow');
        y = drawn.bottom;
        // Items of the purchase, one line each, hanging from its dot by a dashed connector.
        let lastY = drawn.cy;
        for (const part of p.parts) {
          const text = `incl. ${itemText(part, part.status === p.row.status)}`;
          if (part.value_usd != null) {
            // An item with its own value: a hollow dot, since the value is already inside the parent's.
            const own = drawRow(scene, y, x(part.value_usd), qualifiedMoney(part.value_usd, part.value_qualifier), text, bounds, false);
            scene.dot(x(part.value_usd), own.cy, 'hollow');
            lastY = own.cy;
            y = own.bottom;
          } else {
            lastY = y + ROW / 2;
            const partBounds = { ...bounds, gap: LABEL_GAP + 2, prefer: drawn.side };
            const lines = placeBlock(scene, dotX, lastY, [{ text, role: 'muted' }], partBounds, TWO_LINE, 2);
            if (lines === null) placeLabel(scene, dotX, lastY, [{ text, role: 'muted' }], partBounds);
            y += ROW + ((lines ?? 1) - 1) * TWO_LINE;
          }
        }
        if (p.parts.length) scene.line(dotX, drawn.cy + 8, dotX, lastY + 6, 'connector');
      }
      scene.line(PAD, y + 4, WIDTH - PAD, y + 4, 'grid');
      y += 4;
    }
    for (let d = d0; d <= d1; d += step) scene.line(x(10 ** d), gridTop, x(10 ** d), y, 'grid');
    return y;
  };

  return {
    prefix: 'arms',
    title: 'Arms purchases, by buyer and year',
    subtitle: 'Stated value in US dollars, on a log scale',
    notes: parts.length
      ? ['Items listed under a purchase are part of its value and are not counted again.']
      : [],
    desc: describe(buyers, noValue.length, parts.length),
    source,
    body,
  };
}

/**
 * One purchase (or item) line: the value and the item beside the dot at `dotX` when they fit, else
 * the item on its own line(s) above and the value beside the dot. Returns the dot's line and the
 * bottom of the row.
 */
function drawRow(
  scene: Scene,
  y: number,
  dotX: number,
  money: string | null,
  item: string,
  bounds: Bounds,
  strong: boolean,
): { cy: number; bottom: number; side: Side } {
  const value: LabelPart[] = money ? [{ text: money, role: strong ? 'value' : 'muted' }] : [];
  const label: LabelPart = { text: item, role: strong ? 'label' : 'muted' };
  let cy = y + ROW / 2;
  if (!money || sideThatFits(dotX, [...value, label], bounds)) {
    const { side } = placeLabel(scene, dotX, cy, [...value, label], bounds);
    return { cy, bottom: y + ROW, side };
  }
  for (const line of wrap(item, bounds.right - bounds.left, TEXT[label.role].size, false, 2)) {
    scene.text(bounds.left, cy, line, label.role);
    cy += TWO_LINE;
  }
  const { side } = placeLabel(scene, dotX, cy, value, bounds);
  return { cy, bottom: cy + ROW / 2, side };
}

function describe(buyers: Buyer[], noValue: number, parts: number): string {
  if (buyers.length === 0) return 'No arms purchases yet: the table is empty.';
  const valued = buyers.filter((b) => b.largest);
  const shown = valued.slice(0, 3).map((b) => {
    const p = b.largest!;
    const when = p.row.year != null ? ` in ${p.row.year}` : '';
    return `${possessive(b.name)} largest stated purchase was ${qualifiedMoney(p.row.value_usd!, p.row.value_qualifier)}${when}: ${itemText(p.row)}.`;
  });
  const sentences: string[] = [];
  sentences.push(...shown);
  if (valued.length > 3) sentences.push(`${count(valued.length - 3, 'other buyer')} also have stated values.`);
  const without = buyers.filter((b) => !b.largest).map((b) => b.name);
  if (without.length) sentences.push(`No value is stated for any purchase by ${list(without)}.`);
  if (noValue) sentences.push(`${count(noValue, 'purchase')} without a stated value ${noValue === 1 ? 'is' : 'are'} shown in the “no value” column.`);
  if (parts) sentences.push(`${count(parts, 'item')} that ${parts === 1 ? 'is' : 'are'} part of a larger purchase ${parts === 1 ? 'is' : 'are'} listed under it and not counted twice.`);
  return sentences.join(' ');
}
