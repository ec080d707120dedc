// Training and security-assistance spending: one line per stated amount, grouped by recipient, drawn
// as a bar over the years the amount covers (a multi-year amount is one bar across its years, never a
// point) and labelled with the amount, the period and what it paid for. Amounts differ by up to eight
// orders of magnitude ($20 for one exchange, $1.6 billion for a program), so the amount is a label,
// not a length. Facts without an amount are counted in the subtitle, not drawn.
import { compareCodePoints } from '../lib/text.js';
import type { TrainingRow } from '../types.js';
import { widenYears, yearStep, yearTicks } from './axis.js';
import { count, integer, list, money, qualifiedMoney, yearSpan } from './format.js';
import { type LabelPart, drawParts, placeBlock, widthOfParts, wrapParts } from './labels.js';
import { type ChartSpec, PAD, type Scene, TEXT, WIDTH, emptyBody, lineHeight } from './svg.js';
import { clean, truncate } from './text.js';

const ROW = 31;
const BAR = 13;
/** Line step of a label placed above its bar, when it is too long to sit beside it. */
const TWO_LINE = 26;
const LABEL_GAP = 9;
/** At least this many years on the axis, so that one bar is not the whole width. */
const MIN_YEARS = 8;
const MIN_TICK_SPACING = 60;
const NO_RECIPIENT = 'Several or unnamed recipients';

interface Amount {
  row: TrainingRow;
  recipient: string;
  amount: number;
  start: number;
  end: number;
  /** Only the end year is stated ("delivered as of 2011"). */
  openStart: boolean;
}

function amounts(rows: TrainingRow[]): Amount[] {
  const out: Amount[] = [];
  for (const row of rows) {
    if (row.amount_usd == null) continue;
    const a = row.start_year ?? row.end_year;
    const b = row.end_year ?? row.start_year;
    if (a == null || b == null) continue;
    const recipient = clean(row.recipient) || row.recipient_iso3 || NO_RECIPIENT;
    out.push({ row, recipient, amount: row.amount_usd, start: Math.min(a, b), end: Math.max(a, b), openStart: row.start_year == null });
  }
  return out;
}

/** "in 2001", "2008–2011", "through 2011". */
function period(a: Amount): string {
  if (a.openStart) return `through ${a.end}`;
  return a.start === a.end ? `in ${a.start}` : yearSpan(a.start, a.end);
}

/** The period in a sentence: "in 2001", "over 2008–2011", "through 2011". */
function periodPhrase(a: Amount): string {
  return a.openStart || a.start === a.end ? period(a) : `over ${period(a)}`;
}

/** "IMET (planned), 21 trainees": program (or description), basis unless actual, trainees. */
function what(a: Amount): string {
  const name = clean(a.row.program) || clean(a.row.description) || a.row.category;
  const basis = a.row.amount_basis && a.row.amount_basis !== 'actual' && !name.toLowerCase().includes(a.row.amount_basis) ? ` (${a.row.amount_basis})` : '';
  return `${name}${basis}${a.row.trainees != null ? `, ${integer(a.row.trainees)} trainees` : ''}`;
}

function groups(items: Amount[]): { name: string; items: Amount[]; largest: Amount }[] {
  const by = new Map<string, Amount[]>();
  for (const a of items) by.set(a.recipient, [...(by.get(a.recipient) ?? []), a]);
  return [...by.entries()]
    .map(([name, list]) => {
      list.sort((a, b) => a.start - b.start || a.end - b.end || b.amount - a.amount || compareCodePoints(a.row.id, b.row.id));
      const largest = list.reduce((m, a) => (a.amount > m.amount ? a : m));
      return { name, items: list, largest };
    })
    .sort((a, b) => b.largest.amount - a.largest.amount || compareCodePoints(a.name, b.name));
}

export function trainingChart(rows: TrainingRow[], source: string): ChartSpec {
  const shown = amounts(rows);
  const recipients = groups(shown);
  const withoutAmount = rows.filter((r) => r.amount_usd == null).length;
  const withoutYear = rows.length - withoutAmount - shown.length;

  const body = (scene: Scene, top: number): number => {
    if (rows.length === 0) return emptyBody(scene, top);
    if (shown.length === 0) return emptyBody(scene, top, 'No amounts yet');
    const [y0, y1] = widenYears(Math.min(...shown.map((a) => a.start)), Math.max(...shown.map((a) => a.end)) + 1, MIN_YEARS);
    const x0 = PAD + 2;
    const x1 = WIDTH - PAD - 2;
    const x = (year: number): number => x0 + ((year - y0) / (y1 - y0)) * (x1 - x0);
    const ticks = yearTicks(y0, y1 - 1, yearStep((x1 - x0) / (y1 - y0), MIN_TICK_SPACING));

    const axisY = top + lineHeight('tick') / 2;
    for (const t of ticks) scene.text(x(t + 0.5), axisY, String(t), 'tick', 'middle');
    let y = top + lineHeight('tick') + 6;
    const gridTop = y;
    const bounds = { left: PAD, right: WIDTH - PAD, gap: LABEL_GAP };

    for (const group of recipients) {
      y += 8;
      scene.text(PAD, y + lineHeight('head') / 2, truncate(group.name, WIDTH - 2 * PAD, TEXT.head.size, true), 'head');
      y += lineHeight('head');
      for (const a of group.items) {
        let cy = y + ROW / 2;
        const bx1 = x(a.start) + 1.5;
        const bx2 = x(a.end + 1) - 1.5;
        const label: LabelPart[] = [
          { text: qualifiedMoney(a.amount, a.row.amount_qualifier), role: 'value' },
          { text: period(a), role: 'muted' },
          { text: what(a), role: 'label' },
        ];
        const beside = placeBlock(scene, [bx1, bx2], cy, label, bounds, TWO_LINE, 3);
        if (beside) {
          y += (beside - 1) * TWO_LINE;
        } else {
          // Too long to sit beside the bar even on three lines: the label goes on its own line(s)
          // above it, starting where the bar starts unless that would push it off the right edge.
          const lines = wrapParts(label, WIDTH - 2 * PAD, 3);
          const start = Math.max(PAD, Math.min(bx1, WIDTH - PAD - 1 - Math.max(...lines.map(widthOfParts))));
          for (const line of lines) {
            drawParts(scene, start, cy, line, WIDTH - PAD - start);
            cy += TWO_LINE;
            y += TWO_LINE;
          }
        }
        scene.rect(bx1, cy - BAR / 2, bx2, cy + BAR / 2, a.openStart ? 'open' : 'bar');
        y += ROW;
      }
      scene.line(PAD, y + 4, WIDTH - PAD, y + 4, 'grid');
      y += 4;
    }
    for (const t of ticks) scene.line(x(t + 0.5), gridTop, x(t + 0.5), y, 'grid');
    return y;
  };

  const missing = withoutAmount ? ` · ${count(withoutAmount, 'fact')} without amounts not shown` : '';
  const notes = ['Each bar spans the years an amount covers.'];
  if (shown.some((a) => a.openStart)) notes[0] += ' Pale bars: only the last year is stated.';
  if (withoutYear) notes.push(`${count(withoutYear, 'amount')} without a year ${withoutYear === 1 ? 'is' : 'are'} not shown.`);
  return {
    prefix: 'training',
    title: 'U.S. military training and aid',
    subtitle: missing ? `US$ by period${missing}` : 'Stated amounts in US$, by period and recipient',
    notes: shown.length ? notes : notes.slice(1),
    desc: describe(rows.length, shown, recipients, withoutAmount, withoutYear),
    source,
    body,
  };
}

function describe(
  total: number,
  shown: Amount[],
  recipients: ReturnType<typeof groups>,
  withoutAmount: number,
  withoutYear: number,
): string {
  if (total === 0) return 'No training or assistance spending yet: the table is empty.';
  const sentences: string[] = [];
  const top = recipients[0];
  if (top) {
    const a = top.largest;
    sentences.push(`The largest amount shown is ${qualifiedMoney(a.amount, a.row.amount_qualifier)} for ${top.name} ${periodPhrase(a)}: ${what(a)}.`);
    const others = recipients.slice(1, 3).map((g) => `${g.name === NO_RECIPIENT ? NO_RECIPIENT.toLowerCase() : g.name}, ${money(g.largest.amount)} ${periodPhrase(g.largest)}`);
    if (others.length) sentences.push(`Next come ${list(others)}.`);
    const amountsShown = shown.map((a) => a.amount);
    sentences.push(`${count(shown.length, 'amount')} for ${count(recipients.length, 'recipient')}, from ${money(Math.min(...amountsShown))} to ${money(Math.max(...amountsShown))}; ${count(shown.filter((a) => a.end > a.start).length, 'amount')} cover several years.`);
  }
  if (withoutAmount) sentences.push(`${count(withoutAmount, 'fact')} without amounts ${withoutAmount === 1 ? 'is' : 'are'} not shown.`);
  if (withoutYear) sentences.push(`${count(withoutYear, 'amount')} without a year ${withoutYear === 1 ? 'is' : 'are'} not shown.`);
  return sentences.join(' ');
}
