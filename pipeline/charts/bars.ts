// Ranked bars in panels, on one linear dollar scale shared by every panel, so that a bar's length is
// its money wherever it is drawn. Wide frame: the label in a column left of its bar. Narrow frame:
// the label on its own line(s) above the bar. The value follows the end of each bar.
import { moneyTick } from './format.js';
import { type LabelPart, drawParts, wrapParts } from './labels.js';
import type { Scene } from './frame.js';

export interface BarRow {
  /** What the bar is: the first part bold (who), the rest muted (what, when). */
  label: LabelPart[];
  value: number;
  /** The value in words beside the bar ("about $1.2 billion"). */
  valueText: string;
}

export interface Panel {
  title: string;
  rows: BarRow[];
  /** After the title, muted: how many of how many ("2 largest of 13"). */
  more: string | null;
}

const BAR = { wide: 14, narrow: 11 } as const;
const GAP = 8;
/** A bar of a positive amount is drawn at least this long, so that it shows. */
const MIN_BAR = 1.5;
const NICE = [1, 2, 2.5, 5] as const;

/** Ticks from 0 by a round step up to `max`, at least `spacing` units apart on a scale of `span` units for `max`. */
function ticks(max: number, span: number, spacing: number): number[] {
  const top = max > 0 ? max : 1;
  for (let k = Math.floor(Math.log10(top)) - 2; ; k++) {
    for (const m of NICE) {
      const step = m * 10 ** k;
      if ((span * step) / top >= spacing) return Array.from({ length: Math.floor(top / step + 1e-9) + 1 }, (_, i) => i * step);
    }
  }
}

export function barsBody(panels: Panel[], scene: Scene, top: number): number {
  const { pad, width } = scene;
  const wide = scene.frame.name === 'wide';
  const right = width - pad;
  const rows = panels.flatMap((p) => p.rows);
  const max = Math.max(0, ...rows.map((r) => r.value));
  const labelW = wide ? Math.round((width - 2 * pad) * 0.46) : 0;
  const x0 = pad + labelW + (wide ? GAP + 2 : 0);
  // The scale ends early enough for every value text to fit after its bar.
  let x1 = right;
  for (const r of rows) {
    if (r.value > 0) x1 = Math.min(x1, x0 + ((right - GAP - scene.widthOf(r.valueText, 'value') - x0) * max) / r.value);
  }
  x1 = Math.max(x1, x0 + (right - x0) * 0.4);
  const tickW = scene.widthOf(moneyTick(max), 'tick');
  x1 = Math.min(x1, right - tickW / 2);
  const domain = max > 0 ? max : 1;
  const marks = ticks(max, x1 - x0, tickW + 14);
  const x = (v: number) => x0 + (v / domain) * (x1 - x0);

  const axisY = top + scene.lineHeight('tick') / 2;
  for (const t of marks) {
    const w = scene.widthOf(moneyTick(t), 'tick');
    if (x(t) - w / 2 < pad) scene.text(pad, axisY, moneyTick(t), 'tick');
    else scene.text(x(t), axisY, moneyTick(t), 'tick', 'middle');
  }
  let y = top + scene.lineHeight('tick') + 4;
  const bar = BAR[scene.frame.name];
  // The grid runs behind the bars only, never through a label or a panel title.
  const spans: [number, number][] = [];
  const span = (a: number, b: number) => {
    const last = spans[spans.length - 1];
    if (last && a - last[1] < 8) last[1] = b;
    else spans.push([a, b]);
  };

  for (const panel of panels) {
    y += 8;
    const title: LabelPart[] = [{ text: panel.title, role: 'head' }, ...(panel.more ? [{ text: panel.more, role: 'muted' as const }] : [])];
    for (const line of wrapParts(scene, title, width - 2 * pad, 3)) {
      drawParts(scene, pad, y + scene.lineHeight('head') / 2, line, width - 2 * pad);
      y += scene.lineHeight('head');
    }
    for (const row of panel.rows) {
      const lines = wrapParts(scene, row.label, wide ? labelW : width - 2 * pad, 2);
      const lh = scene.lineHeight('label');
      lines.forEach((line, i) => drawParts(scene, pad, y + lh * (i + 0.5), line, wide ? labelW : width - 2 * pad));
      // Wide: the bar level with the label's block; narrow: on its own line under the label.
      const cy = wide ? y + (lines.length * lh) / 2 : y + lines.length * lh + lh / 2;
      const end = row.value > 0 ? Math.max(x(row.value), x0 + MIN_BAR) : x0;
      if (row.value > 0) scene.rect(x0, cy - bar / 2, end, cy + bar / 2, 'bar');
      scene.text(end + (row.value > 0 ? 5 : 0), cy, row.valueText, 'value');
      const bottom = y + (wide ? Math.max(lines.length * lh, bar + 8) : (lines.length + 1) * lh);
      if (wide) span(y - 2, bottom + 2);
      else span(cy - lh / 2 - 1, cy + lh / 2 + 1);
      y = bottom + (wide ? 4 : 6);
    }
    y += 4;
  }
  for (const [a, b] of spans) for (const t of marks) scene.line(x(t), a, x(t), b, t === 0 ? 'axis' : 'grid');
  return y;
}
