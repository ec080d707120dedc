// One annotation pass per sentence, read by every rule: tokens, cue words by vocabulary, and typed
// spans (places, secretaries' names, equipment, programmes, money, counts, years, year ranges,
// dates). Each kind is computed once, when a rule first asks for it, and kept with the sentence.
import { findAmounts, findCounts, type Amount, type Count } from '../../lib/amounts.js';
import { findDates, findYearRanges, findYears, type DateMention, type YearMention, type YearRange } from '../../lib/dates.js';
import type { Designation, EquipmentNoun, Maker, Mention, PlaceMention, Program, Reference, Secretary } from '../../lib/reference.js';
import type { Sentence } from '../context.js';
import { tokenAt, tokenEnd, tokenize, type Token } from './tokens.js';
import type { Cue } from './vocabulary.js';

/** Where a span lies among the tokens: [t0, t1). Offsets are in the sentence text. */
export interface At {
  t0: number;
  t1: number;
  start: number;
  end: number;
}

export type Spanned<T> = T & At;

export class Annotated {
  readonly tokens: Token[];
  private cache = new Map<string, unknown>();

  constructor(
    readonly sentence: Sentence,
    readonly ref: Reference,
    /** The publication date the relative dates resolve against (EDTF). */
    readonly published: string,
  ) {
    this.tokens = tokenize(sentence.text);
  }

  get text(): string {
    return this.sentence.text;
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  /** Puts character spans on the tokens they cover. */
  at<T extends { start: number; end: number }>(spans: readonly T[]): Spanned<T>[] {
    return spans.map((s) => ({ ...s, t0: tokenAt(this.tokens, s.start), t1: Math.max(tokenAt(this.tokens, s.start) + 1, tokenEnd(this.tokens, s.end)) }));
  }

  get cues(): Cue[] {
    return this.once('cues', () => this.ref.vocabulary.find(this.tokens));
  }

  /** The runs of one vocabulary. */
  cue(vocab: string): Cue[] {
    if (!this.ref.vocabulary.has(vocab)) throw new Error(`internal error: no vocabulary named "${vocab}"`);
    return this.cues.filter((c) => c.vocab === vocab);
  }

  /** Does token t start (or lie in) a run of the vocabulary? */
  inVocab(t: number, vocab: string): Cue | undefined {
    return this.cues.find((c) => c.vocab === vocab && c.t0 <= t && t < c.t1);
  }

  get places(): Spanned<PlaceMention>[] {
    return this.once('places', () => this.at(this.ref.findPlaces(this.text)));
  }

  get secretaryNames(): Spanned<Mention<Secretary>>[] {
    return this.once('secretaries', () => this.at(this.ref.findSecretaryNames(this.text)));
  }

  get equipment(): Spanned<Mention<Designation>>[] {
    return this.once('equipment', () => this.at(this.ref.findEquipment(this.text)));
  }

  get equipmentNouns(): Spanned<Mention<EquipmentNoun>>[] {
    return this.once('nouns', () => this.at(this.ref.findEquipmentNouns(this.text)));
  }

  get programs(): Spanned<Mention<Program>>[] {
    return this.once('programs', () => this.at(this.ref.findPrograms(this.text)));
  }

  get makers(): Spanned<Mention<Maker>>[] {
    return this.once('makers', () => this.at(this.ref.findMakers(this.text)));
  }

  get money(): Spanned<Amount>[] {
    return this.once('money', () => this.at(findAmounts(this.text)));
  }

  get counts(): Spanned<Count>[] {
    return this.once('counts', () => this.at(findCounts(this.text, this.money)));
  }

  get years(): Spanned<YearMention>[] {
    return this.once('years', () => this.at(findYears(this.text)));
  }

  get yearRanges(): Spanned<YearRange>[] {
    return this.once('ranges', () => this.at(findYearRanges(this.text)));
  }

  get dates(): Spanned<DateMention>[] {
    return this.once('dates', () => this.at(findDates(this.text, this.published)));
  }

  /** The sentence text of tokens [t0, t1). */
  slice(t0: number, t1: number): string {
    if (t1 <= t0) return '';
    return this.text.slice(this.tokens[t0]!.start, this.tokens[t1 - 1]!.end);
  }
}
