// The text the rules read, and the way back to the text as published. Sources keep every character
// verbatim (quotes and offsets are the published text's), but for matching: NFC composition ("Bogota"
// + a combining accent is "Bogotá"), no soft hyphens or invisible format characters (zero-width
// spaces and joiners, bidi marks) inside words and numbers, and no space-like grouping inside
// numbers ("1 150", "2 500" with a no-break, narrow or thin space, as Spanish-language sources write
// thousands). Other no-break and narrow spaces become plain spaces, and a run of spaces and tabs one
// space: no rule reads the width of a gap, and a long run of blanks is what makes patterns that
// allow blanks in several places slow.

export interface MatchingView {
  /** The text the rules read. */
  text: string;
  /** True when `text` is the published text itself (nothing to map back). */
  same: boolean;
  /** Offset in the published text of the character at `i` in the view (a start). */
  start(i: number): number;
  /** Offset in the published text just after the character at `i - 1` in the view (an end). */
  end(i: number): number;
}

// Soft hyphen, format characters (Cf: zero-width space and joiners, word joiner, bidi marks and
// isolates, a BOM inside the text).
const INVISIBLE = /[\u00ad\p{Cf}]/u;
// Space-like characters that group the digits of a number, and other spaces to read as plain ones.
const GROUPING_SPACES = /[\u00a0\u2007\u2008\u2009\u202f]/;
const COMBINING = /\p{M}/u;
const DIGIT = /[0-9]/;
/** Only what these patterns touch makes a text differ from its view: most texts are taken as they are. */
const ANYTHING_TO_DO = /[\u00ad\p{Cf}\u00a0\u2007\u2008\u2009\u202f\p{M}\t]| {2}/u;
const BLANK = /[ \t\u00a0\u2007\u2008\u2009\u202f]/;

export function matchingView(published: string): MatchingView {
  if (!ANYTHING_TO_DO.test(published)) return { text: published, same: true, start: (i) => i, end: (i) => i };
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (chars: string, from: number, to: number) => {
    for (const c of chars) {
      for (let k = 0; k < c.length; k++) {
        starts.push(from);
        ends.push(to);
      }
      out.push(c);
    }
  };
  let i = 0;
  while (i < published.length) {
    const c = published[i]!;
    if (INVISIBLE.test(c)) {
      i++;
      continue;
    }
    if (GROUPING_SPACES.test(c) && i > 0 && DIGIT.test(published[i - 1]!) && /^[0-9]{3}(?![0-9])/.test(published.slice(i + 1, i + 5))) {
      // "1 150" (a digit, the space, exactly three digits and no fourth): one number.
      i++;
      continue;
    }
    if (BLANK.test(c)) {
      let j = i + 1;
      while (j < published.length && BLANK.test(published[j]!)) j++;
      emit(' ', i, j);
      i = j;
      continue;
    }
    // A base character (a surrogate pair whole) and the combining marks after it, composed.
    let j = i + (published.codePointAt(i)! > 0xffff ? 2 : 1);
    while (j < published.length && COMBINING.test(String.fromCodePoint(published.codePointAt(j)!))) j += published.codePointAt(j)! > 0xffff ? 2 : 1;
    emit(j - i === 1 ? c : published.slice(i, j).normalize('NFC'), i, j);
    i = j;
  }
  const text = out.join('');
  if (text === published) return { text: published, same: true, start: (x) => x, end: (x) => x };
  return {
    text,
    same: false,
    start: (x) => (x < starts.length ? starts[x]! : published.length),
    end: (x) => (x <= 0 ? 0 : ends[x - 1]!),
  };
}
