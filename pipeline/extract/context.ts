// What the rules need to know about a document beyond one sentence: paragraphs, the dateline,
// the speaker of a speech, the country the document is mostly about, and its programs.
import type { SourceMeta } from '../sources/document.js';
import type { Span } from './nlp.js';
import type { Country, Program, Reference, Secretary } from '../lib/reference.js';
import { findDates, findYearRanges, findYears, publicationStart, type CalendarDate } from '../lib/dates.js';

/** A document as the rules read it: its matching view (pipeline/lib/normalize.ts) and sentence spans in it. */
export interface AnnotatedDoc {
  id: string;
  meta: SourceMeta;
  text: string;
  sentences: Span[];
}

export interface Sentence {
  index: number;
  /** UTF-16 offsets into the document text. */
  start: number;
  end: number;
  text: string;
  paragraph: number;
}

export interface Dateline {
  country: Country;
  city: string | null;
  date: CalendarDate | null;
  /** The sentence that opens with it. */
  sentence: number;
}

export interface DocContext {
  doc: AnnotatedDoc;
  ref: Reference;
  sentences: Sentence[];
  published: CalendarDate;
  dateline: Dateline | null;
  /** The Latin American or Caribbean country named most often (title counted twice). */
  mainCountry: Country | null;
  /** The one year the title names ("Military and Police Training in Latin America, 2012"): the time of figures that state none. */
  documentYear: number | null;
  /** The document names the United States (a place, "U.S.", "American", "Washington", "Pentagon"): U.S. training can be in it. */
  mentionsUs: boolean;
  /** A program the title names (a document about the Merida Initiative). */
  titleProgram: Program | null;
  /** Secretaries the title or text names in full (from the terms table), in order of first mention. */
  named: Secretary[];
  /** The secretary the story is about: the first one named in the title or the first lines. */
  storySecretary: Secretary | null;
  /**
   * Where "here" is: the dateline's place, or else the first place the story's secretary is found
   * visiting (a local paper writing "Cohen ... in Kingston", then "who stopped here"). Set as the
   * sentences are read.
   */
  here: { country: Country; city: string | null } | null;
}

// "LIMA, Peru, Aug. 18, 2005 –", "BUENOS AIRES —", "WASHINGTON, May 16, 2014 –",
// "BOGOTA, Aug 17 (Reuters) -", "SAO PAULO (Reuters) -"
const DATELINE = /^([A-Z][A-Z.'\- ]+[A-Z.])(?:,\s*([A-Z][\p{L}.' ]+?))?(?:,\s*([A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?))?(?:\s*\([^)]{1,40}\))?\s*(?:[–—]|-{1,2})(?:\s|$|(?=\p{Lu}))/u;

/**
 * The most characters a rule reads at once. The longest sentence of the real documents and test sets
 * is about 550 characters; a longer "sentence" (a text with no full stop, a run of spaces, a list of
 * thousands of places) is read in windows of this size, so that no rule's work on one window, however
 * it grows with the window, grows faster than the text.
 */
export const MAX_RULE_CHARS = 1000;

/** Splits a span longer than MAX_RULE_CHARS at white space (or anywhere, for a run without any). */
function windows(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  while (end - start > MAX_RULE_CHARS) {
    let cut = start + MAX_RULE_CHARS;
    const space = text.lastIndexOf(' ', cut);
    if (space > start + MAX_RULE_CHARS / 2) cut = space;
    out.push([start, cut]);
    start = cut;
    while (start < end && /\s/.test(text[start]!)) start++;
  }
  if (end > start) out.push([start, end]);
  return out;
}

export function buildContext(doc: AnnotatedDoc, ref: Reference): DocContext {
  const text = doc.text;
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let last = 0;
  for (const s of doc.sentences) {
    // Paragraphs are lines: articles put one paragraph on a line, and a table row is a line of its own.
    if (sentences.length > 0 && text.slice(last, s.start).includes('\n')) paragraph++;
    for (const [start, end] of windows(text, s.start, s.end)) sentences.push({ index: sentences.length, start, end, text: text.slice(start, end), paragraph });
    last = s.end;
  }
  const published = publicationStart(doc.meta.published);
  // Sentence by sentence rather than over the whole text: the rules look up the same sentences later.
  const named = [...new Set([doc.meta.title, ...sentences.map((s) => s.text)].flatMap((t) => ref.findSecretaryNames(t).map((m) => m.entry)))];
  const context: DocContext = {
    doc,
    ref,
    sentences,
    published,
    dateline: findDateline(sentences.slice(0, 8), ref, doc.meta.published),
    mainCountry: mainCountry(doc, sentences, ref),
    documentYear: titleYear(doc.meta.title),
    mentionsUs: US_NAMED.test(text) || sentences.some((s) => ref.findPlaces(s.text).some((p) => p.country.region === 'usa')),
    titleProgram: ref.findPrograms(doc.meta.title)[0]?.entry ?? null,
    named,
    storySecretary: storySecretary(doc, sentences, ref, named, published.year),
    here: null,
  };
  if (context.dateline?.country.region === 'lac') context.here = { country: context.dateline.country, city: context.dateline.city };
  return context;
}

/** The title's year when it names exactly one (a range or two years name no one year). */
function titleYear(title: string): number | null {
  if (findYearRanges(title).length > 0) return null;
  const years = [...new Set(findYears(title).map((y) => y.year))];
  return years.length === 1 ? years[0]! : null;
}

const US_NAMED = /\b(?:U\.S\.|US|USA|American|Americans|Washington|Pentagon|SOUTHCOM|Southern Command)\b/;

function storySecretary(doc: AnnotatedDoc, sentences: Sentence[], ref: Reference, named: Secretary[], year: number): Secretary | null {
  for (const text of [doc.meta.title, ...sentences.slice(0, STORY_LEAD_SENTENCES).map((s) => s.text)]) {
    const full = ref.findSecretaryNames(text)[0];
    if (full) return full.entry;
    // "Rumsfeld in Peru": a surname in the title, named in full further down.
    const bySurname = named.find((s) => new RegExp(`\\b${s.surname}\\b`).test(text));
    if (bySurname) return bySurname;
    // "Remarks by Secretary Carter": a title and the surname of the secretary in office then.
    const titled = ref.secretaries.find((s) => ref.inOffice(s, year) && new RegExp(`\\b(?:Secretary|Secretary of Defense|Defense Secretary)\\s+${s.surname}\\b`).test(text));
    if (titled) return titled;
  }
  // "Bolivian leader lectures Gates about US behavior": a headline's bare surname of the secretary then in office.
  return ref.secretaries.find((s) => ref.inOffice(s, year) && new RegExp(`\\b${s.surname}\\b`).test(doc.meta.title)) ?? null;
}

/** How many opening sentences (title, byline, dateline, lead) name the story's secretary. */
const STORY_LEAD_SENTENCES = 6;

// "Brasilia, July 27, 2022:": a place in title case, then a full date, then a colon or a dash.
const DATED_LINE = /^(\p{Lu}[\p{L}.' ]+?),\s*(?:(\p{Lu}[\p{L}.' ]+?),\s*)?([A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})\s*(?::|[–—]|-{1,2})(?:\s|$)/u;

function findDateline(first: Sentence[], ref: Reference, published: string): Dateline | null {
  for (const s of first) {
    const m = DATELINE.exec(s.text) ?? DATED_LINE.exec(s.text);
    if (!m) continue;
    const place = ref.placeNamed(m[1]!.trim()) ?? ref.placeNamed(titleCase(m[1]!.trim()));
    if (!place) continue;
    const country = (m[2] && ref.placeNamed(m[2].trim())?.country) || place.country;
    const date = m[3] ? (findDates(m[3], published)[0]?.date ?? null) : null;
    return { country, city: place.kind === 'city' ? titleCase(m[1]!.trim()) : null, date, sentence: s.index };
  }
  return null;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function mainCountry(doc: AnnotatedDoc, sentences: Sentence[], ref: Reference): Country | null {
  const counts = new Map<Country, number>();
  const add = (text: string, weight: number) => {
    for (const p of ref.findPlaces(text)) {
      if (p.country.region !== 'lac') continue;
      counts.set(p.country, (counts.get(p.country) ?? 0) + weight);
    }
  };
  add(doc.meta.title, 2);
  for (const s of sentences) add(s.text, 1);
  let best: Country | null = null;
  let bestCount = 0;
  for (const [country, n] of counts) {
    if (n > bestCount || (n === bestCount && best && country.iso3 < best.iso3)) {
      best = country;
      bestCount = n;
    }
  }
  return best;
}
