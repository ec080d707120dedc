// The date of one visit in a sentence: a date or year of its own clause ("arrived in Lima on Aug. 17",
// "came to Brasilia in 2005", "last year"), never one of a report ("said Monday"), of a past visit
// named beside it ("since 2005") or of something else ("last year's agreement").
import type { CalendarDate } from '../../../lib/dates.js';
import type { Annotated } from '../../annotate/sentence.js';
import { clauseAt, type PlaceRef, type VisitEnv } from './env.js';

/** Is token t right after a reporting verb, or right before one ("said Monday", "Monday said")? */
function reporting(a: Annotated, t0: number, t1: number): boolean {
  const before = a.tokens[t0 - 1];
  return (before !== undefined && a.inVocab(before.i, 'reporting-verb') !== undefined) || a.inVocab(t1, 'reporting-verb') !== undefined;
}

/** How far after its place a date still dates the visit, in tokens ("arrived in Lima on Aug. 17"). */
const AFTER_REACH = 8;

export function visitDate(a: Annotated, env: VisitEnv, place: PlaceRef, skipYears: ReadonlySet<number> = new Set()): CalendarDate | null {
  const clause = clauseAt(env.clauses, place.t0);
  // A written date of the clause, else of the sentence ("April 2010 — Gates flies into Bogota"),
  // before a relative one ("a day after", "last week").
  const own = dateIn(a, env, place, clause.t0, clause.t1, skipYears);
  const wide = dateIn(a, env, place, 0, a.tokens.length, skipYears);
  return own?.written ? own.date : wide?.written ? wide.date : (own?.date ?? wide?.date ?? null);
}

/** A date of the visit between tokens from and to: before the place, or a few words after it. */
function dateIn(a: Annotated, env: VisitEnv, place: PlaceRef, from: number, to: number, skipYears: ReadonlySet<number>): { date: CalendarDate; written: boolean } | null {
  // Up to the next place, and not past a "since": "since Donald Rumsfeld came here in August 2005"
  // dates another visit.
  const next = env.places.find((p) => p.t0 >= place.t1 && p.t0 < to && !p.referred)?.t0 ?? to;
  const since = a.tokens.findIndex((t, i) => i >= place.t1 && i < next && t.norm === 'since');
  const end = Math.min(since >= 0 ? since : next, place.t1 + AFTER_REACH);
  const inside = (s: { t0: number; t1: number }) => s.t0 >= from && s.t1 <= end && !(s.t0 < place.t0 && a.tokens.slice(s.t1, place.t0).some((t) => t.norm === 'since'));
  const dates = a.dates.filter((d) => inside(d) && !skipYears.has(d.date.year) && !reporting(a, d.t0, d.t1) && a.tokens[d.t1]?.norm !== "'s");
  const explicit = dates.find((d) => !d.relative);
  if (explicit) return { date: explicit.date, written: true };
  // A year of its own: right after the place ("came to Brasilia in 2005"), else earlier in the clause.
  const years = a.years.filter((y) => inside(y) && !skipYears.has(y.year) && (y.cue === 'in' || y.cue === 'during'));
  const own = years.find((y) => y.t0 >= place.t1) ?? years[0];
  if (own) return { date: { year: own.year }, written: true };
  return dates[0] ? { date: dates[0].date, written: false } : null;
}
