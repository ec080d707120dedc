// Offsets: the pipeline slices JavaScript strings (UTF-16 code units) internally and publishes
// offsets in Unicode code points, so that Python's text[start:end] equals the quote.
import { createHash } from 'node:crypto';

/** Maps UTF-16 indices of one text to code-point indices; identity when the text has no astral characters. */
export function codePointIndexer(text: string): (utf16: number) => number {
  const surrogates: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) surrogates.push(i);
    }
  }
  if (surrogates.length === 0) return (i) => i;
  return (i) => {
    let lo = 0;
    let hi = surrogates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (surrogates[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return i - lo;
  };
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Code-point comparison, independent of locale (String.prototype.localeCompare is not). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** A lower-case, ascii-folded form for lexicon lookup: "Peréz" and "Perez" meet here. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The matches of a global regular expression, as String.prototype.matchAll gives them, without the
 * copy of the expression matchAll makes on every call: for the long patterns the rules run over
 * every sentence that copy cost more than the matching.
 */
export function allMatches(text: string, re: RegExp): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`allMatches needs a global expression: ${re}`);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    // An empty match would match again at the same place: step over one character (code point with /u).
    if (m[0] === '') re.lastIndex = m.index + (re.unicode && (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
  }
  return out;
}
