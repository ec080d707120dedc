// One reader of time for every table: the period a figure's own clause gives it. A point ("in 2012",
// "FY2009 funds", "last year", "that same fiscal year"), a range ("from 2010 to 2015", "FY2008-2011",
// "over the past five years" = publication year minus five to publication year), an open interval
// ("since the programme began in 2008" = 2008 to publication). Reporting time ("said last week") and
// dates of side clauses (", who took office last year,") date nothing. With no time in the text, the
// figure holds as of publication, and the period says so.
import { wordsToNumber } from '../lib/amounts.js';
import type { Annotated } from './annotate/sentence.js';

export interface Period {
  start: number | null;
  end: number | null;
  /** A running total: everything so far, not one period's figure. */
  cumulative: boolean;
  /** 'text': the text states the years; 'publication': none stated, the publication year stands in. */
  from: 'text' | 'publication';
}

export interface TimeContext {
  publishedYear: number;
  /** Tokens where a count of things starts ("1,968 M107 projectiles"): a number there is no year. */
  counts?: ReadonlySet<number>;
  /**
   * An event's time rather than a figure's period: the time expression nearest the word, range or
   * point ("frigates procured in 2005 and commissioned between 2006 and 2008" were bought in 2005).
   */
  event?: boolean;
  /** The years of the sentence before (for "that same year", "the same period"). */
  previousYears: number[];
}

const PERFECT = ['has', 'have'];

/**
 * Tokens [t0, t1) of a side clause (", who took office last year,", ", closing a search that began
 * in 2015"), whose dates date nothing of the figure's.
 */
function sideClauses(a: Annotated): { t0: number; t1: number }[] {
  const out: { t0: number; t1: number }[] = [];
  a.tokens.forEach((t, i) => {
    const next = a.tokens[i + 1];
    const participle = next !== undefined && next.kind === 'word' && !next.cap && next.norm.length > 5 && next.norm.endsWith('ing') && a.inVocab(i + 1, 'including') === undefined && next.norm !== 'according';
    if (t.text !== ',' || !(['who', 'whom', 'whose', 'which'].includes(next?.norm ?? '') || participle)) return;
    const end = a.tokens.findIndex((u, j) => j > i + 1 && (u.text === ',' || u.text === '.' || u.text === ';'));
    out.push({ t0: i, t1: end < 0 ? a.tokens.length : end });
  });
  return out;
}

const reportedAt = (a: Annotated, t0: number, t1: number) => a.inVocab(t0 - 1, 'reporting-verb') !== undefined || a.inVocab(t1, 'reporting-verb') !== undefined;

/**
 * A year in a law's name ("Section 1004 of the 1991 NDAA", "the 1961 Act") or owned with its noun
 * ("their 1982 war", "its 2010 budget") names a thing, and dates no figure.
 */
function namingYear(a: Annotated, y: { t0: number; t1: number }): boolean {
  const next = a.tokens[y.t1]?.text ?? '';
  if (['their', 'its', 'his', 'her', 'our'].includes(a.tokens[y.t0 - 1]?.norm ?? '') && /^[a-z]+$/.test(next)) return true;
  return a.tokens[y.t0 - 1]?.norm === 'the' && (/^[A-Z]{3,}$/.test(next) || next === 'Act');
}

/**
 * The period of a figure at token `at`, read in tokens [from, to) (its clause); when the clause gives
 * several times, the one closest to the figure.
 */
export function periodOf(a: Annotated, at: number, from: number, to: number, time: TimeContext): Period {
  // The figure's own side clause ("..., which has provided $14.2 million since fiscal year 2019") dates it.
  const side = sideClauses(a).filter((c) => at < c.t0 || at >= c.t1);
  const inside = (s: { t0: number; t1: number }) => s.t0 >= from && s.t1 <= to && !side.some((c) => s.t0 >= c.t0 && s.t1 <= c.t1);
  const words = a.tokens.slice(from, to).map((t) => t.norm);
  // "a total of", "the overall riverine program": the word qualifies a noun and totals nothing.
  const adjective = (c: { t0: number; t1: number }) => c.t1 - c.t0 === 1 && ['total', 'overall'].includes(a.tokens[c.t0]!.norm) && ['a', 'an', 'the', 'its', 'their'].includes(a.tokens[c.t0 - 1]?.norm ?? '');
  const cumulative = a.cue('cumulative').some((c) => c.t0 >= from && c.t1 <= to && !adjective(c));
  const distance = (s: { t0: number; t1: number }) => (s.t0 >= at ? s.t0 - at : at - s.t1 + 1);
  const nearest = <T extends { t0: number; t1: number }>(xs: T[]) => [...xs].sort((x, y) => distance(x) - distance(y))[0];
  // A range: "from 2010 to 2015", "FY2008-2011", "fiscal years 2010 through 2012".
  const range = nearest(a.yearRanges.filter(inside));
  const closer = time.event && range ? a.years.filter((y) => inside(y) && !time.counts?.has(y.t0) && !(y.t0 >= range.t0 && y.t1 <= range.t1)).find((y) => distance(y) < distance(range)) : undefined;
  if (closer) return { start: closer.year, end: closer.year, cumulative, from: 'text' };
  if (range) return { start: range.from, end: range.to, cumulative, from: 'text' };
  // "over the past five years", "in the last 15 years", "during the past decade".
  for (let i = from; i < to - 2; i++) {
    const w = a.tokens[i]!.norm;
    if (!['past', 'last'].includes(w) || !['over', 'in', 'during', 'for', 'the'].includes(a.tokens[i - 1]?.norm ?? '')) continue;
    const next = a.tokens[i + 1]!;
    const n = next.norm === 'decade' ? 10 : next.kind === 'number' ? Number(next.text) : wordsToNumber(next.norm);
    const unit = next.norm === 'decade' ? 'decade' : a.tokens[i + 2]!.norm;
    if (n > 0 && n < 80 && /^(?:years?|decade)$/.test(unit)) return { start: time.publishedYear - n, end: time.publishedYear, cumulative: true, from: 'text' };
  }
  const years = a.years.filter((y) => inside(y) && !reportedAt(a, y.t0, y.t1) && !namingYear(a, y) && !time.counts?.has(y.t0));
  // "since 2008", "since fiscal year 2019", "since the programme began in 2008": to publication.
  const since = years.find((y) => y.cue === 'since') ?? years.find((y) => y.t0 > from && a.tokens.slice(from, y.t0).some((t) => t.norm === 'since') && ['in', ''].includes(y.cue));
  const points = years.filter((y) => y !== since && y.cue !== 'since');
  if (since) return { start: since.year, end: nearest(points)?.year ?? time.publishedYear, cumulative: true, from: 'text' };
  const point = nearest(points);
  if (point) return { start: cumulative ? null : point.year, end: point.year, cumulative, from: 'text' };
  // "since January": from that month to the time of writing.
  const sinceDate = a.dates.find((d) => inside(d) && a.tokens[d.t0 - 1]?.norm === 'since');
  if (sinceDate) return { start: sinceDate.date.year, end: time.publishedYear, cumulative: true, from: 'text' };
  // "last year", "this month", "next year": relative to publication; never the time of a report.
  const dated = nearest(a.dates.filter((d) => inside(d) && !reportedAt(a, d.t0, d.t1) && a.inVocab(d.t0, 'relative-time') !== undefined));
  if (dated) return { start: cumulative ? null : dated.date.year, end: dated.date.year, cumulative, from: 'text' };
  // "a program that has led the U.S. to give $8 billion", after "In 2001 ... signed": a running total since then.
  const earlier = a.years.filter((y) => y.t1 <= from && !reportedAt(a, y.t0, y.t1)).at(-1);
  if (earlier && words.some((w, i) => PERFECT.includes(w) && a.tokens[from + i + 1]?.kind === 'word')) return { start: earlier.year, end: time.publishedYear, cumulative: true, from: 'text' };
  // "that same fiscal year": the year of the sentence before.
  const same = a.cue('same-year').find(inside);
  if (same && time.previousYears.length > 0) {
    // "that same period": the span of the sentence before.
    if (a.tokens[same.t1 - 1]!.norm === 'period') return { start: Math.min(...time.previousYears), end: Math.max(...time.previousYears), cumulative, from: 'text' };
    const y = time.previousYears.at(-1)!;
    const shift = words.includes('following') || words.includes('next') || words.includes('later') ? 1 : words.includes('before') || words.includes('previous') ? -1 : 0;
    return { start: y + shift, end: y + shift, cumulative, from: 'text' };
  }
  // A figure of its own time ("32 members graduated on Friday") is of the publication year; a running total only ends there.
  return { start: cumulative ? null : time.publishedYear, end: time.publishedYear, cumulative, from: 'publication' };
}
