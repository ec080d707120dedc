// Direct labels beside a mark: on the right when they fit, else on the left, else cut to the larger side.
import { type Scene, type TextRole, widthOf, TEXT } from './svg.js';
import { truncate } from './text.js';

export interface LabelPart {
  text: string;
  role: TextRole;
}

/** Space between the parts of one label. */
const PART_GAP = 7;
/** Below this many units a cut part is dropped rather than shown as "A…". */
const MIN_PART = 36;

export type Side = 'right' | 'left';

/** Where labels may go: between `left` and `right`, `gap` away from their mark, on `prefer` first. */
export interface Bounds {
  left: number;
  right: number;
  gap: number;
  prefer?: Side;
}

/**
 * Draws `parts` as one label on the line `y`, next to a mark at `x` (a point, or the [start, end] of
 * a bar): starting `gap` to its right, or ending `gap` to its left, within [left, right]. Parts keep
 * reading order; the first part (the value) is kept whole, the last one is cut when room runs out.
 * Returns the side used and the label's horizontal extent, for callers that pack labels into lanes;
 * with `scene` null it only measures.
 */
export function placeLabel(
  scene: Scene | null,
  x: number | [number, number],
  y: number,
  parts: LabelPart[],
  bounds: Bounds,
): { side: Side; x1: number; x2: number } {
  const [start, end] = typeof x === 'number' ? [x, x] : x;
  const fitted = fit(parts, bounds, start, end);
  const side = fitted.side;
  const widths = fitted.parts.map((p) => widthOf(p.text, p.role));
  const total = widthOfParts(fitted.parts);
  const x1 = side === 'right' ? end + bounds.gap : start - bounds.gap - total;
  let cursor = x1;
  fitted.parts.forEach((p, i) => {
    scene?.text(cursor, y, p.text, p.role);
    cursor += widths[i]! + PART_GAP;
  });
  return { side, x1, x2: x1 + total };
}

/** The side where `parts` fit whole next to a mark at `x`, or null when they fit on neither. */
export function sideThatFits(x: number | [number, number], parts: LabelPart[], bounds: Bounds): Side | null {
  const [start, end] = typeof x === 'number' ? [x, x] : x;
  const need = widthOfParts(parts);
  const roomRight = bounds.right - (end + bounds.gap);
  const roomLeft = start - bounds.gap - bounds.left;
  const order: Side[] = bounds.prefer === 'left' ? ['left', 'right'] : ['right', 'left'];
  return order.find((side) => need <= (side === 'right' ? roomRight : roomLeft)) ?? null;
}

/** Draws `parts` from `x` rightwards on the line `y`, cut to `room`. Returns the right end. */
export function drawParts(scene: Scene, x: number, y: number, parts: LabelPart[], room: number): number {
  let cursor = x;
  cut(parts, room).forEach((p, i) => {
    if (i) cursor += PART_GAP;
    scene.text(cursor, y, p.text, p.role);
    cursor += widthOf(p.text, p.role);
  });
  return cursor;
}

export function widthOfParts(parts: LabelPart[]): number {
  return parts.reduce((a, p) => a + widthOf(p.text, p.role), 0) + PART_GAP * Math.max(0, parts.length - 1);
}

function fit(
  parts: LabelPart[],
  bounds: Bounds,
  start: number,
  end: number,
): { side: Side; parts: LabelPart[] } {
  const fits = sideThatFits([start, end], parts, bounds);
  if (fits) return { side: fits, parts };
  const roomRight = bounds.right - (end + bounds.gap);
  const roomLeft = start - bounds.gap - bounds.left;
  const side: Side = roomRight >= roomLeft ? 'right' : 'left';
  return { side, parts: cut(parts, side === 'right' ? roomRight : roomLeft) };
}

/** Parts cut from the end until they fit in `room`. */
function cut(parts: LabelPart[], room: number): LabelPart[] {
  const out: LabelPart[] = [];
  let used = 0;
  for (const p of parts) {
    const gap = out.length ? PART_GAP : 0;
    const left = room - used - gap;
    const w = widthOf(p.text, p.role);
    if (w <= left) {
      out.push(p);
      used += gap + w;
      continue;
    }
    if (left >= MIN_PART || out.length === 0) {
      const text = truncate(p.text, Math.max(left, 0), TEXT[p.role].size, TEXT[p.role].bold);
      if (text) out.push({ text, role: p.role });
    }
    break;
  }
  return out;
}

/**
 * Word-wraps a label of several parts into at most `maxLines` lines no wider than `max`, keeping
 * each word's role; the last line is cut when the text runs longer.
 */
export function wrapParts(parts: LabelPart[], max: number, maxLines: number): LabelPart[][] {
  const words = parts.flatMap((p) => p.text.split(' ').filter(Boolean).map((text) => ({ text, role: p.role })));
  const lines: LabelPart[][] = [];
  let line: LabelPart[] = [];
  const merged = (l: LabelPart[]): LabelPart[] => {
    const out: LabelPart[] = [];
    for (const w of l) {
      const last = out[out.length - 1];
      if (last && last.role === w.role) last.text += ` ${w.text}`;
      else out.push({ ...w });
    }
    return out;
  };
  for (let i = 0; i < words.length; i++) {
    const candidate = merged([...line, words[i]!]);
    if (line.length === 0 || widthOfParts(candidate) <= max) {
      line.push(words[i]!);
      continue;
    }
    lines.push(merged(line));
    line = [words[i]!];
    if (lines.length === maxLines - 1) {
      line = words.slice(i);
      break;
    }
  }
  if (line.length) lines.push(merged(line));
  return lines.map((l) => cut(l, max));
}

/**
 * A label beside a mark on one line if it fits on either side, else wrapped into up to `maxLines`
 * lines on the side with more room (as a left-aligned block whose first line is level with the
 * mark). Returns the number of lines drawn, or null (nothing drawn) when even that would cut it.
 */
export function placeBlock(
  scene: Scene,
  x: number | [number, number],
  y: number,
  parts: LabelPart[],
  bounds: Bounds,
  lineStep: number,
  maxLines: number,
): number | null {
  if (sideThatFits(x, parts, bounds)) {
    placeLabel(scene, x, y, parts, bounds);
    return 1;
  }
  const [start, end] = typeof x === 'number' ? [x, x] : x;
  const roomRight = bounds.right - (end + bounds.gap);
  const roomLeft = start - bounds.gap - bounds.left;
  const room = Math.max(roomRight, roomLeft);
  const lines = wrapParts(parts, room, 99);
  if (lines.length > maxLines || lines.some((l) => widthOfParts(l) > room)) return null;
  const block = Math.max(...lines.map(widthOfParts));
  const left = roomRight >= roomLeft ? end + bounds.gap : start - bounds.gap - block;
  lines.forEach((line, i) => drawParts(scene, left, y + i * lineStep, line, block + 1));
  return lines.length;
}
