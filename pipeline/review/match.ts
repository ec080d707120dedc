// "This row is that fact of the record": the matching rules of the gold format (sources/gold/README.md),
// shared by the evaluation (which scores the extractor against the records) and the review stage
// (which publishes what the records say).
import { fold } from '../lib/text.js';
import type { ArmsRow, FactTable, TrainingRow, VisitRow } from '../types.js';
import type { GoldArms, GoldTraining, GoldVisit } from './records.js';

const surname = (name: string) => fold(name).split(' ').filter((w) => !/^(?:jr|sr|iii|ii|iv)\.?$/.test(w)).at(-1) ?? '';
const within = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 0.01;

type VisitFields = Pick<VisitRow, 'country_iso3' | 'year' | 'secretary'>;
type ArmsFields = Pick<ArmsRow, 'buyer_iso3' | 'year' | 'quantity' | 'value_usd'>;
type TrainingFields = Pick<TrainingRow, 'recipient_iso3' | 'amount_usd' | 'trainees' | 'courses' | 'start_year' | 'end_year'>;

export const MATCH = {
  /** Same country and year; and, when the record names a secretary, the same surname. */
  'secdef-visits': (g: GoldVisit, r: VisitFields) => r.country_iso3 === g.country && r.year === g.year && (!g.secretary || (r.secretary !== null && surname(r.secretary) === surname(g.secretary))),
  /** Same buyer; same year when both give one; same quantity and value within 1% when the record gives them. */
  'arms-purchases': (g: GoldArms, r: ArmsFields) =>
    r.buyer_iso3 === g.buyer && (g.year === null || r.year === null || r.year === g.year) && (g.quantity === null || r.quantity === g.quantity) && (g.value_usd === null || (r.value_usd !== null && within(r.value_usd, g.value_usd))),
  /** Same recipient, amount within 1%, trainees, courses and years, each when the record gives it. */
  training: (g: GoldTraining, r: TrainingFields) =>
    (g.recipient === null || r.recipient_iso3 === g.recipient) &&
    (g.amount_usd === null || (r.amount_usd !== null && within(r.amount_usd, g.amount_usd))) &&
    (g.trainees === null || r.trainees === g.trainees) &&
    (g.courses === null || r.courses === g.courses) &&
    (g.start_year === null || r.start_year === g.start_year) &&
    (g.end_year === null || r.end_year === g.end_year),
} as const satisfies Record<FactTable, unknown>;

export const sameSurname = (a: string, b: string) => surname(a) === surname(b);

/**
 * A maximum matching of record facts to rows, each used at most once (augmenting paths): gold index
 * → row index. Facts that are not optional are matched first, so an optional one never takes the
 * row a required one needs.
 */
export function matchFacts<G extends { optional?: boolean }, R>(gold: G[], rows: R[], ok: (g: G, r: R) => boolean): Map<number, number> {
  const rowOf = new Map<number, number>();
  const goldOf = new Map<number, number>();
  const tryGold = (g: number, seen: Set<number>): boolean => {
    for (let r = 0; r < rows.length; r++) {
      if (seen.has(r) || !ok(gold[g]!, rows[r]!)) continue;
      seen.add(r);
      if (!goldOf.has(r) || tryGold(goldOf.get(r)!, seen)) {
        goldOf.set(r, g);
        rowOf.set(g, r);
        return true;
      }
    }
    return false;
  };
  const order = gold.map((_, i) => i).sort((a, b) => Number(Boolean(gold[a]!.optional)) - Number(Boolean(gold[b]!.optional)));
  for (const g of order) tryGold(g, new Set());
  return rowOf;
}
