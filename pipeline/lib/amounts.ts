// Money amounts and counts as written in English news and government reports.
import type { Qualifier } from '../types.js';
import { allMatches } from './text.js';

export interface Amount {
  /** Offsets in the searched text, qualifier words included. */
  start: number;
  end: number;
  usd: number;
  qualifier: Qualifier;
}

/** Largest amount read, in dollars: ten trillion, above the whole U.S. federal budget. */
const MAX_USD = 1e13;
/** Largest count read: more than any army's rifles. */
const MAX_COUNT = 1e8;

const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3,
  million: 1e6, mn: 1e6, mln: 1e6, m: 1e6,
  billion: 1e9, bn: 1e9, b: 1e9,
  trillion: 1e12, tn: 1e12,
};

const QUALIFIERS: [RegExp, Qualifier][] = [
  [/(?:more than|over|at least|in excess of|upwards of|no less than|exceeding|above)\s+$/i, 'at_least'],
  [/(?:up to|as (?:high|much) as|no more than|less than|under|a maximum of|not to exceed|at most)\s+$/i, 'at_most'],
  [/(?:almost|nearly|about|approximately|around|roughly|some|close to|(?:in|on|of) the order of|an estimated|estimated(?: (?:total )?(?:cost|value|case value)(?: is| of)?)?|est\.)\s+$/i, 'approximate'],
];

// "$1 150 million", "1 150 Humvees" with plain spaces: thousands grouped by a space (as Spanish-language
// sources write them) cannot be told from two numbers side by side, so neither part is read. Grouping
// by a no-break, narrow or thin space is read whole (pipeline/lib/normalize.ts).
const SPACE_GROUPED = String.raw`(?! \d{3}(?![\w-]|[.,]\d))`;

// A number in words, as far as amounts need them: "eighty-one", "one hundred and forty".
const WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)`;
// "$1.15 billion", "US$ 12 million", "USD 5.5m", "$21,957", "12 million dollars", "$3.2bn",
// "eighty-one million dollars" (translations and transcripts spell them out). Another country's
// dollar ("TT$2.1 billion", "J$5 million", "R$ 4 million") is not a U.S. dollar amount.
const MONEY = new RegExp(
  String.raw`(?:(?:US|U\.S\.)\s?\$|USD\s?|(?<![A-Za-z])\$)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)${SPACE_GROUPED}(?:\s?(thousand|million|billion|trillion|mln|mn|bn|tn|[mbk])\b)?` +
    String.raw`|\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s(thousand|million|billion|trillion)\s(?:U\.S\.\s|US\s)?dollars\b` +
    String.raw`|\b((?:a\s+)?${WORD}(?:(?:[\s-]+|\s+and\s+)${WORD})*)\s(thousand|million|billion|trillion)\s(?:U\.S\.\s|US\s)?dollars\b`,
  'gi',
);

/** Every dollar amount in a text, with the qualifier the words before it give. */
export function findAmounts(text: string, scale = 1): Amount[] {
  const out: Amount[] = [];
  for (const m of allMatches(text, MONEY)) {
    const digits = m[1] ?? m[3];
    const unit = (m[2] ?? m[4] ?? m[6])?.toLowerCase();
    const figure = digits !== undefined ? Number(digits.replace(/,/g, '')) : wordsToNumber(m[5]!);
    let usd = figure * (unit ? SCALES[unit]! : 1) * scale;
    usd = Math.round(usd * 100) / 100;
    // A figure beyond any budget ("$1,000,000,... million" as a run of digits) is no amount.
    if (!Number.isFinite(usd) || usd > MAX_USD) continue;
    const { start, qualifier } = qualified(text, m.index!, 60);
    out.push({ start, end: m.index! + m[0].length, usd, qualifier });
  }
  return out;
}

/** The qualifier words right before a figure ("more than", "up to", "about"), and where they start. */
function qualified(text: string, at: number, reach: number): { start: number; qualifier: Qualifier } {
  const before = text.slice(Math.max(0, at - reach), at);
  for (const [pattern, qualifier] of QUALIFIERS) {
    const hit = pattern.exec(before);
    if (hit) return { start: at - hit[0].length, qualifier };
  }
  return { start: at, qualifier: 'exact' };
}

/**
 * "($ in thousands)", "(in thousands of dollars)", "$000s": the factor a table's figures are given in.
 * A short parenthesis ending in the unit counts however its first words came out of a scan
 * ("($ thousands)", "(5 ill thousands)").
 */
export function scaleNote(text: string): number | null {
  if (/\(\s*(?:\$|US\$|dollars)?\s*in\s+thousands(?:\s+of\s+(?:U\.S\.\s)?dollars)?\s*\)|\(\s*(?:\S{1,4}\s+){0,2}thousands\s*\)|\$\s?000s?\b|in thousands of (?:U\.S\. )?dollars/i.test(text)) return 1e3;
  if (/\(\s*(?:\$|US\$|dollars)?\s*in\s+millions(?:\s+of\s+(?:U\.S\.\s)?dollars)?\s*\)|\(\s*(?:\S{1,4}\s+){0,2}millions\s*\)|in millions of (?:U\.S\. )?dollars/i.test(text)) return 1e6;
  return null;
}

const UNITS: Record<string, number> = {
  a: 1, an: 1, one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, dozen: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export interface Count {
  start: number;
  end: number;
  value: number;
  qualifier: Qualifier;
}

const NUMBER_WORD = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen)(?:\s+(?:hundred|thousand))?`;
// A measure, not a count: "38-foot", "2,400-tonne", "155-mm".
const UNIT = String.raw`(?:foot|feet|ft|meters?|metres?|m|tons?|tonnes?|mm|millimet(?:er|re)s?|inch(?:es)?|km|kilomet(?:er|re)s?|miles?|knots?|kg|pounds?|lbs?|liters?|litres?|calib(?:er|re)|gallons?|years?|months?|days?|weeks?|hours?)`;
// "3,335", "21", "Eight", "twenty-four (24)", "a dozen"; not money, not years, not decimals, not measures.
const COUNT = new RegExp(
  String.raw`(?<![\w$.,/-])(?<!\d )(\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)(?!\s?%)(?![-\u2010]${UNIT}\b)${SPACE_GROUPED}` + String.raw`|\b(${NUMBER_WORD})\b(?![-\u2010])(?:\s*\((\d[\d,]*)\))?`,
  'gi',
);

/** Whole-number counts in a text (digits or words), with "more than"/"about" qualifiers; money is not a count. */
export function findCounts(text: string, amounts: readonly { start: number; end: number }[] = findAmounts(text)): Count[] {
  const out: Count[] = [];
  for (const m of allMatches(text, COUNT)) {
    if (amounts.some((a) => m.index! < a.end && m.index! + m[0].length > a.start)) continue;
    let value: number;
    if (m[1]) value = Number(m[1].replace(/,/g, ''));
    else if (m[3]) value = Number(m[3].replace(/,/g, ''));
    else value = wordsToNumber(m[2]!);
    if (!Number.isSafeInteger(value) || value > MAX_COUNT) continue;
    const { start, qualifier } = qualified(text, m.index!, 40);
    out.push({ start, end: m.index! + m[0].length, value, qualifier });
  }
  return out;
}

export function wordsToNumber(words: string): number {
  let total = 0;
  for (const w of words.toLowerCase().split(/[-\s]+/)) {
    if (w === 'hundred') total = (total || 1) * 100;
    else if (w === 'thousand') total = (total || 1) * 1000;
    else if (w in UNITS) total += w === 'dozen' && total === 1 ? 11 : UNITS[w]!;
  }
  return total;
}
