// Tokens of a sentence: words, numbers and punctuation with their offsets, and the forms the rules
// compare (lower case, and folded: no accents, straight apostrophes). Every rule reads these instead
// of the raw text, so that "a few words before" is a count of tokens, not of characters.
import { fold } from '../../lib/text.js';

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  /** Position among the sentence's tokens. */
  i: number;
  /** Offsets in the sentence text (UTF-16). */
  start: number;
  end: number;
  text: string;
  /** Folded: lower case, no accents, straight apostrophes ("Bogotá" → "bogota"). */
  norm: string;
  kind: TokenKind;
  /** Starts with a capital letter. */
  cap: boolean;
}

// A word: letters and digits, joined by inner hyphens, apostrophes or periods ("UH-60M", "don't",
// "U.S."), with the final period of an initialism ("U.S."). A number: digits with thousands commas
// and a decimal part. Anything else: one character of punctuation.
const TOKEN = /(?:\p{Lu}\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}])|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.\-][\p{L}\p{M}\p{N}]+)*|\S/gu;
const NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;

// Clitics that are words of their own: "didn't" is "did" + "n't", "Peru's" is "Peru" + "'s".
const CLITIC = /^(.+?)(n['’]t|['’]s)$/i;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const push = (start: number, value: string) => {
    const c = value.charCodeAt(0);
    const kind: TokenKind = NUMBER.test(value) ? 'number' : /[\p{L}\p{N}]/u.test(value[0]!) ? 'word' : 'punct';
    out.push({ i: out.length, start, end: start + value.length, text: value, norm: fold(value), kind, cap: c >= 65 && c <= 90 ? true : kind === 'word' && /^\p{Lu}/u.test(value) });
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const clitic = CLITIC.exec(m[0]);
    if (clitic && clitic[1]!.length > 0) {
      push(m.index, clitic[1]!);
      push(m.index + clitic[1]!.length, clitic[2]!);
    } else push(m.index, m[0]);
  }
  return out;
}

/**
 * The index of the token holding an offset, else the first one after it (tokens.length when none
 * does): the year of "FY2004" lies in that token.
 */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index just after the last token ending at or before an offset. */
export function tokenEnd(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
