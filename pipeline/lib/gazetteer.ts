// Matching names in text: lexicons of names (case-sensitive) and a gazetteer that finds every
// lexicon's names in a text in one pass over its words, longest match first.
export interface Mention<T> {
  start: number;
  end: number;
  text: string;
  entry: T;
}

/** A lexicon: names (case-sensitive) and what each stands for. */
export class Lexicon<T> {
  readonly byText = new Map<string, T>();

  /** `variant`: a pattern that may follow a name ending in a digit ("F-16" + "AM", "AIM-120" + "C-8"). */
  constructor(readonly variant: RegExp | null = null) {}

  add(text: string, entry: T): void {
    const key = text.trim();
    if (key && !this.byText.has(key)) this.byText.set(key, entry);
  }

  get(text: string): T | undefined {
    return this.byText.get(text);
  }
}

interface IndexedName {
  lexicon: number;
  key: string;
  entry: unknown;
  /** The length of the name's first word. */
  first: number;
  /** The character after the first word and its separator, or -1 for a name of one word. */
  next: number;
}

/**
 * Finds the names of several lexicons in a text in one pass: on word boundaries, longest name first,
 * matches of one lexicon never overlapping (those of different lexicons may). Names are indexed by
 * their first word, so a text is read once, word by word, whatever the lexicons' sizes; one regular
 * expression per lexicon was most of the extractor's time, and then one pass per lexicon was.
 */
export class Gazetteer {
  /** Names by the hash of their first word (see `wordHash`): a word is looked up without slicing it out of the text. */
  private readonly byFirstWord = new Map<number, IndexedName[]>();
  private readonly hashes = new Uint8Array(1 << 16);
  private readonly cache = new Map<string, Mention<unknown>[][]>();

  constructor(private readonly lexicons: Lexicon<unknown>[]) {
    lexicons.forEach((lexicon, index) => {
      for (const [key, entry] of lexicon.byText) {
        const first = /^[\p{L}\p{N}]+/u.exec(key)?.[0];
        if (!first) continue;
        const hash = wordHash(first, 0, first.length);
        this.hashes[hash & 0xffff] = 1;
        const list = this.byFirstWord.get(hash) ?? [];
        list.push({ lexicon: index, key, entry, first: first.length, next: key.length > first.length + 1 ? key.charCodeAt(first.length + 1) : -1 });
        this.byFirstWord.set(hash, list);
      }
    });
    for (const list of this.byFirstWord.values()) list.sort((a, b) => a.lexicon - b.lexicon || b.key.length - a.key.length || (a.key < b.key ? -1 : 1));
  }

  /** The mentions of each lexicon (in the constructor's order) in a text. */
  scan(text: string): Mention<unknown>[][] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const out: Mention<unknown>[][] = this.lexicons.map(() => []);
    // Where each lexicon may match next: after its last match.
    const resume = new Array<number>(this.lexicons.length).fill(0);
    const length = text.length;
    let i = 0;
    while (i < length) {
      if (!isWordChar(text, i)) {
        i++;
        continue;
      }
      let hash = 0;
      let j = i;
      while (j < length && isWordChar(text, j)) hash = (hash * 31 + text.charCodeAt(j++)) | 0;
      hash &= HASH_MASK;
      // Most words begin no name: a bit per hash tells without a lookup.
      const names = this.hashes[hash & 0xffff] ? this.byFirstWord.get(hash) : undefined;
      if (names) {
        let done = -1;
        // A name of several words needs the text to go on as it does ("the Bahamas" after "the").
        const after = text.charCodeAt(j + 1);
        for (const { lexicon, key, entry, first, next } of names) {
          // Names whose first word has another length only share the hash.
          if (lexicon === done || i < resume[lexicon]! || first !== j - i || (next >= 0 && next !== after)) continue;
          if (!text.startsWith(key, i)) continue;
          let end = i + key.length;
          const variant = this.lexicons[lexicon]!.variant;
          if (variant && isDigit(key.charCodeAt(key.length - 1))) {
            variant.lastIndex = end;
            const more = variant.exec(text);
            if (more && endsWord(text, end + more[0].length)) end += more[0].length;
          }
          if (!endsWord(text, end)) continue;
          out[lexicon]!.push(Object.freeze({ start: i, end, text: text.slice(i, end), entry }));
          resume[lexicon] = end;
          done = lexicon;
        }
      }
      i = j;
    }
    // The same sentence is looked up by several rules in a row: keep the last few answers, frozen,
    // since every caller gets the same objects.
    for (const found of out) Object.freeze(found);
    if (this.cache.size >= SCAN_CACHE) this.cache.clear();
    this.cache.set(text, out);
    return out;
  }
}

/** A hash of text[i..j), kept within small integers (the fastest Map keys); `scan` computes it inline. */
function wordHash(text: string, i: number, j: number): number {
  let hash = 0;
  for (let k = i; k < j; k++) hash = (hash * 31 + text.charCodeAt(k)) | 0;
  return hash & HASH_MASK;
}
const HASH_MASK = 0x3fffffff;

const isDigit = (c: number) => c >= 48 && c <= 57;

/** A letter or digit at i (ASCII by code, the rest by Unicode property). */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(text.charAt(i));
}
/** Texts remembered: a document's worth of sentences, since every rule looks up the same ones. */
const SCAN_CACHE = 512;

/** A name ends here: no letter or digit follows, nor a hyphen joined to one ("Mexico-based" is not Mexico). */
function endsWord(text: string, at: number): boolean {
  const next = text.charAt(at);
  if (next && /[\p{L}\p{N}]/u.test(next)) return false;
  return !(next === '-' && /[\p{L}\p{N}]/u.test(text.charAt(at + 1)));
}
