// Dates: the EDTF subset of the input contract, year ranges, and relative dates resolved against the
// publication date. Everything works on calendar fields in UTC, never the machine's time zone.
import * as chrono from 'chrono-node';
import { allMatches } from './text.js';

export interface CalendarDate {
  year: number;
  month?: number;
  day?: number;
}

const EDTF_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseDate(value: string): CalendarDate | null {
  const m = EDTF_DATE.exec(value);
  if (!m) return null;
  const date: CalendarDate = { year: Number(m[1]) };
  if (m[2]) {
    date.month = Number(m[2]);
    if (date.month < 1 || date.month > 12) return null;
  }
  if (m[3]) {
    date.day = Number(m[3]);
    if (date.day < 1 || date.day > daysIn(date.year, date.month!)) return null;
  }
  return date;
}

/** The years a fact may have (the tables' schemas say the same). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** Checks a value of the EDTF subset the sidecars use: a date at day, month or year precision, or an interval. */
export function checkEdtf(value: string): string | null {
  const parts = value.split('/');
  if (parts.length > 2) return 'not an ISO 8601 / EDTF date or interval';
  const dates = parts.map(parseDate);
  if (dates.some((d) => d === null)) return 'not a real calendar date (YYYY, YYYY-MM, YYYY-MM-DD or start/end)';
  // Every fact's year must lie in the datasets' years; a document outside them could state none.
  if (dates.some((d) => d!.year < FIRST_YEAR || d!.year > LAST_YEAR)) return `a year outside ${FIRST_YEAR}-${LAST_YEAR}, the years the datasets cover`;
  if (dates.length === 2 && formatDate(dates[0]!) > formatDate(dates[1]!)) return 'interval ends before it starts';
  return null;
}

export function formatDate(d: CalendarDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return d.day ? `${d.year}-${pad(d.month!)}-${pad(d.day)}` : d.month ? `${d.year}-${pad(d.month)}` : String(d.year);
}

/** The earliest date a publication date allows: relative phrases resolve against it. */
export function publicationStart(published: string): CalendarDate {
  return parseDate(published.split('/')[0]!)!;
}

export interface DateMention {
  /** Offsets in the sentence. */
  start: number;
  end: number;
  date: CalendarDate;
  relative: boolean;
}

const WEEKDAY = /^(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?$/i;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_NAME = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?/i;
const FUTURE = /\b(?:will|is (?:scheduled|slated|set|expected|due) to|plans? to|next)\b/i;

/**
 * Dates in one sentence: chrono-node for written dates and relative phrases, resolved against the
 * publication date at the precision the two together support.
 */
export function findDates(sentence: string, published: string): DateMention[] {
  // chrono-node is the slowest step of the rules: skip sentences with nothing it could read, and
  // remember the last answer (several rules ask about the same sentence in a row).
  if (!MAY_HAVE_DATE.test(sentence)) return [];
  if (lastDates.sentence === sentence && lastDates.published === published) return lastDates.result;
  const result = parseDates(sentence, published);
  lastDates = { sentence, published, result };
  return result;
}

let lastDates: { sentence: string; published: string; result: DateMention[] } = { sentence: '', published: '', result: [] };
// What chrono-node can read: a month or weekday name, a relative word, or a numeric date. A bare
// year ("in 2005") it does not read; findYears does.
const MAY_HAVE_DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|today|tonight|yesterday|tomorrow|last|next|this|ago)|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}/i;

function parseDates(sentence: string, published: string): DateMention[] {
  const ref = publicationStart(published);
  const refKnowsDay = ref.day !== undefined;
  const instant = new Date(Date.UTC(ref.year, (ref.month ?? 1) - 1, ref.day ?? 1, 12));
  const future = FUTURE.test(sentence);
  const out: DateMention[] = [];
  for (const r of chrono.parse(sentence, { instant, timezone: 0 })) {
    const text = r.text;
    const start = r.start;
    const explicitYear = /\b\d{4}\b/.test(text);
    const relative = !explicitYear;
    if (relative && !refKnowsDay && !(start.isCertain('month') && ref.month !== undefined)) {
      // "last week" against a publication known only to the month or year gives at most the year;
      // "last year", "two years ago" move whole years, which any publication date can do.
      const years = /\byears?\b/i.test(text) ? start.get('year')! : ref.year;
      out.push({ start: r.index, end: r.index + text.length, date: { year: years }, relative });
      continue;
    }
    let year = start.get('year')!;
    let month = start.get('month') ?? undefined;
    let day: number | undefined = start.get('day') ?? undefined;
    const weekday = WEEKDAY.exec(text.trim());
    if (weekday) {
      const target = WEEKDAYS.indexOf(weekday[1]!.toLowerCase());
      const base = Date.UTC(ref.year, ref.month! - 1, ref.day!);
      const baseDay = new Date(base).getUTCDay();
      const delta = future ? ((target - baseDay + 7) % 7 || 7) : -(((baseDay - target + 7) % 7) || 7);
      const d = new Date(base + delta * 86400000);
      year = d.getUTCFullYear();
      month = d.getUTCMonth() + 1;
      day = d.getUTCDate();
    } else if (!explicitYear && MONTH_NAME.test(text) && month !== undefined && ref.month !== undefined) {
      // A month with no year is the nearest one on the side the tense points to: "Aug. 17" in
      // past-tense reporting published in April is last year's August, "in April" written in October
      // this year's April.
      const after = month > ref.month || (month === ref.month && (day ?? 0) > (ref.day ?? 31));
      // "since January" looks back whatever the rest of the sentence says about next year.
      const forward = future && !/\bsince\s+$/i.test(sentence.slice(0, r.index));
      year = ref.year + (forward ? (after ? 0 : 1) : after ? -1 : 0);
    }
    const date: CalendarDate = { year };
    if (start.isCertain('month') || weekday || start.isCertain('day') || /\bweek\b/i.test(text)) date.month = month;
    if (start.isCertain('day') || weekday) date.day = day;
    // "last week" names no day, "last month" no day either: keep only what the phrase supports.
    if (/\b(?:week|month)\b/i.test(text)) delete date.day;
    out.push({ start: r.index, end: r.index + text.length, date, relative });
  }
  return out;
}

export interface YearRange {
  start: number;
  end: number;
  from: number;
  to: number;
}

const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;
// "from 2010 to 2015", "between 2010 and 2015", "2010-2015", "2010–15", "FY2008-2011", "FY08-11",
// "fiscal years 2010 through 2015"
const RANGE = new RegExp(
  String.raw`\b(?:from|between)\s+(?:(?:fiscal\s+(?:years?\s+)?|FY\s?))?(${YEAR})\s+(?:to|and|through|until)\s+(?:(?:fiscal\s+(?:years?\s+)?|FY\s?))?(${YEAR})\b` +
    String.raw`|\b(?:fiscal\s+years?\s+|FYs?\s?)(\d{2}|${YEAR})\s*(?:-|–|—|to|through|and)\s*(?:FY\s?)?(\d{2}|${YEAR})\b` +
    String.raw`|\b(${YEAR})\s*(?:-|–|—)\s*(\d{2}|${YEAR})\b` +
    String.raw`|\b(${YEAR})\s+(?:through|to)\s+(${YEAR})\b`,
  'gi',
);

function expandYear(value: string, base?: number): number {
  if (value.length === 4) return Number(value);
  const n = Number(value);
  if (base !== undefined) return Math.floor(base / 100) * 100 + n;
  return n >= 50 ? 1900 + n : 2000 + n;
}

export function findYearRanges(sentence: string): YearRange[] {
  const out: YearRange[] = [];
  for (const m of allMatches(sentence, RANGE)) {
    const a = m[1] ?? m[3] ?? m[5] ?? m[7];
    const b = m[2] ?? m[4] ?? m[6] ?? m[8];
    if (!a || !b) continue;
    const from = expandYear(a);
    const to = expandYear(b, from);
    if (to < from || to - from > 50) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, from, to });
  }
  return out;
}

export interface YearMention {
  start: number;
  end: number;
  year: number;
  /** The word before the year: "in", "since", "by", "FY" ... lower-cased. */
  cue: string;
}

// "since fiscal year 2019" is a "since" year like "since 2019".
const SINGLE_YEAR = new RegExp(String.raw`(?:\b(since)\s+(?:fiscal\s+year\s+|FY\s?)|\b(in|since|by|until|during|of|from|for|to|after|before|year|FY|fiscal year)\s+)?\b(?:FY\s?)?(${YEAR})\b(?!\s*(?:-|–)\s*\d)`, 'gi');

/** Four-digit years with the word before them; decades ("1980s") are not years. */
export function findYears(sentence: string): YearMention[] {
  const out: YearMention[] = [];
  for (const m of allMatches(sentence, SINGLE_YEAR)) {
    const after = sentence.slice(m.index! + m[0].length, m.index! + m[0].length + 1);
    if (after === 's' || after === "'") continue;
    const yearStart = m.index! + m[0].length - m[3]!.length;
    out.push({ start: yearStart, end: yearStart + 4, year: Number(m[3]), cue: (m[1] ?? m[2] ?? '').toLowerCase() });
  }
  return out;
}
