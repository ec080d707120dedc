// Sentence spans from wink-nlp, as UTF-16 offsets into the original text.
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The wink-nlp steps the rules read: sentence boundaries. The default pipe also tags parts of
 * speech, negation, sentiment and named and custom entities, which nothing here reads (about half of
 * readDoc's time); tokens and sentences come out the same without them.
 */
export const NLP_PIPE = ['sbd'] as const;

const nlp = winkNLP(model, [...NLP_PIPE]);
const its = nlp.its;

export interface Span {
  start: number;
  end: number;
}

/**
 * Sentences never cross a line break: titles, datelines and flattened table rows are lines of their
 * own, which wink-nlp would otherwise glue to the next sentence.
 */
export function sentenceSpans(text: string): Span[] {
  if (text.trim() === '') return [];
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tokenStart: number[] = new Array(values.length + 1);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    tokenStart[i] = at;
    at += values[i]!.length;
  }
  tokenStart[values.length] = at;
  // wink-nlp keeps every character in token values and preceding spaces; if a future model did not,
  // offsets would drift, so fall back to line-based sentences rather than publish wrong offsets.
  if (at !== text.length) return splitLines(text, [{ start: 0, end: text.length }]);
  const tokenEnd = (i: number) => tokenStart[i]! + values[i]!.length;

  const raw: Span[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const [first, last] = s.out(its.span) as unknown as [number, number];
    raw.push({ start: tokenStart[first]!, end: tokenEnd(last) });
  });
  return splitFootnotes(text, splitLines(text, joinContinuations(text, raw)));
}

/**
 * A sentence never opens with a lower-case word or a decimal point: wink-nlp ends one after an
 * initialism or a number ("in standard U.S. government configuration", "12 M2 .50 cal Machine
 * Guns"), and the piece after belongs to the sentence before.
 */
function joinContinuations(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    const opening = text.slice(span.start, span.start + 2);
    const between = last ? text.slice(last.end, span.start) : '';
    // A full stop after a space is a decimal point: "M2 .50".
    const decimal = last !== undefined && /\s\.$/.test(text.slice(last.start, last.end)) && /^\d/.test(opening);
    if (last && (/^(?:\p{Ll}|\.\d)/u.test(opening) || decimal) && !between.includes('\n')) last.end = span.end;
    else out.push({ ...span });
  }
  return out;
}

// A footnote number after a sentence's full stop: "in Peru.3 The", "in 1999.1 Other" (a year has no decimals).
const FOOTNOTE = /(?:\p{L}|\b(?:19|20)\d\d)[.!?]["”’]?(\d{1,3})\s+(?=\p{Lu})/gu;

/** Sentences end after a footnote number: wink-nlp leaves it at the start of the next sentence or inside a year's "decimal". */
function splitFootnotes(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    let start = span.start;
    // A sentence that starts with the footnote of the one before: "3 The training center's graduates".
    const lead = /^(\d{1,3})\s+(?=\p{Lu})/u.exec(text.slice(start, span.end));
    const previous = out.at(-1);
    if (lead && previous && previous.end === start && /[.!?]["”’]?$/.test(text.slice(previous.start, previous.end))) {
      previous.end = start + lead[1]!.length;
      start += lead[0].length;
    }
    for (const m of text.slice(start, span.end).matchAll(FOOTNOTE)) {
      const end = start + m.index! + m[0].trimEnd().length;
      out.push({ start, end });
      start = start + m.index! + m[0].length;
    }
    if (start < span.end) out.push({ start, end: span.end });
  }
  return out;
}

function splitLines(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    let start = span.start;
    for (let i = span.start; i <= span.end; i++) {
      if (i === span.end || text[i] === '\n' || text[i] === '\r') {
        const trimmed = trim(text, start, i);
        if (trimmed) out.push(trimmed);
        start = i + 1;
      }
    }
  }
  return out;
}

function trim(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}
