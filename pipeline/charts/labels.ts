// Labels of several parts in different roles ("Colombia" bold, "Plan Colombia, 2001–2012" muted),
// measured, wrapped and cut in the scene's frame.
import type { Scene, TextRole } from './frame.js';
import { truncate } from './text.js';

export interface LabelPart {
  text: string;
  role: TextRole;
}

/** Space between the parts of one label. */
const PART_GAP = 6;
/** Below this many units a cut part is dropped rather than shown as "A…". */
const MIN_PART = 30;

function widthOfParts(scene: Scene, parts: LabelPart[]): number {
  return parts.reduce((a, p) => a + scene.widthOf(p.text, p.role), 0) + PART_GAP * Math.max(0, parts.length - 1);
}

/** Draws `parts` from `x` rightwards on the line `y`, cut to `room`. Returns the right end. */
export function drawParts(scene: Scene, x: number, y: number, parts: LabelPart[], room: number): number {
  let cursor = x;
  cut(scene, parts, room).forEach((p, i) => {
    if (i) cursor += PART_GAP;
    scene.text(cursor, y, p.text, p.role);
    cursor += scene.widthOf(p.text, p.role);
  });
  return cursor;
}

/** Parts cut from the end until they fit in `room`. */
function cut(scene: Scene, parts: LabelPart[], room: number): LabelPart[] {
  const out: LabelPart[] = [];
  let used = 0;
  for (const p of parts) {
    const gap = out.length ? PART_GAP : 0;
    const left = room - used - gap;
    const w = scene.widthOf(p.text, p.role);
    if (w <= left) {
      out.push(p);
      used += gap + w;
      continue;
    }
    if (left >= MIN_PART || out.length === 0) {
      const style = scene.frame.text[p.role];
      const text = truncate(p.text, Math.max(left, 0), style.size, style.bold);
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
export function wrapParts(scene: Scene, parts: LabelPart[], max: number, maxLines: number): LabelPart[][] {
  const words = parts.flatMap((p) => p.text.split(' ').filter(Boolean).map((text) => ({ text, role: p.role })));
  const merged = (l: LabelPart[]): LabelPart[] => {
    const out: LabelPart[] = [];
    for (const w of l) {
      const last = out[out.length - 1];
      if (last && last.role === w.role) last.text += ` ${w.text}`;
      else out.push({ ...w });
    }
    return out;
  };
  const lines: LabelPart[][] = [];
  let line: LabelPart[] = [];
  for (let i = 0; i < words.length; i++) {
    if (line.length === 0 || widthOfParts(scene, merged([...line, words[i]!])) <= max) {
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
  return lines.map((l) => cut(scene, l, max));
}
