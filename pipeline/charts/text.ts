// Text for charts: cleaning data strings for SVG, and estimating how wide a line of text is.
// jsdom has no layout engine, so label placement relies on a table of advance widths instead.
import { VISIBLE_CHAR_WIDTHS } from './widths.js';

/**
 * Data text made safe and tidy for a label: NFC, control characters and lone surrogates removed
 * (they are not allowed in XML), whitespace runs collapsed to one space. Escaping itself is left
 * to the serializer: text only ever reaches the SVG as a text node.
 */
export function clean(s: string | null | undefined): string {
  if (s == null) return '';
  return s
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Characters the table does not know: CJK and other wide scripts take a full em, the rest a
// generous 0.7 em, so that an unknown glyph makes a label look a little loose, never overlap.
const WIDE = 1000;
const UNKNOWN = 700;
// Bold glyphs not in the table: the ratio of bold to regular in the table is at most ~1.15.
const BOLD_FACTOR = 1.15;

function charWidth(ch: string, bold: boolean): number {
  const known = VISIBLE_CHAR_WIDTHS[bold ? 'bold' : 'regular'].get(ch);
  if (known !== undefined) return known;
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base && base !== ch) {
    let w = 0;
    for (const c of base) w += charWidth(c, bold);
    return w;
  }
  const cp = ch.codePointAt(0) ?? 0;
  if (/\p{M}/u.test(ch)) return 0;
  const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || cp >= 0x1f300;
  return (wide ? WIDE : UNKNOWN) * (bold ? BOLD_FACTOR : 1);
}

/** Estimated advance width of `text` at `size` px; an upper bound for the common system sans fonts. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch, bold);
  return (units / 1000) * size;
}

const ELLIPSIS = '…';

/** `text` cut at a word (or character) boundary with an ellipsis so that it fits in `max` px. */
export function truncate(text: string, max: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // Longest prefix that fits together with the ellipsis.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(chars.slice(0, mid).join('') + ELLIPSIS, size, bold) <= max) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join('');
  const space = cut.lastIndexOf(' ');
  // Prefer a word boundary when it does not throw away more than a third of the room.
  if (space > 0 && textWidth(cut.slice(0, space), size, bold) > max * 0.66) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,;:·–—-]+$/u, '');
  return cut ? cut + ELLIPSIS : '';
}

/** Greedy word wrap into lines no wider than `max` px; the last allowed line is truncated. */
export function wrap(text: string, max: number, size: number, bold = false, maxLines = 3): string[] {
  const words = text.split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, bold) <= max || !line) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines - 1) {
      line = words.slice(i).join(' ');
      break;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => truncate(l, max, size, bold));
}
