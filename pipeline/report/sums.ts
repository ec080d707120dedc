// The filters that add up each fact table without counting anything twice, exactly as the data
// dictionary words them (report/dictionary.ts, "Adding up without counting twice"). The charts draw
// what these filters count, and tests/sums.test.ts checks them against hand-computed figures.
import { compareCodePoints } from '../lib/text.js';
import { ARMS_STATUSES, type AmountBasis, type ArmsRow, type TrainingRow } from '../types.js';

/**
 * Training rows that are added up: an amount stated, not a total (its parts are rows of their own,
 * so totals of totals count nothing twice either) and not a running total.
 */
export function countedTraining(rows: readonly TrainingRow[]): TrainingRow[] {
  return rows.filter((r) => r.amount_usd !== null && !r.total && !r.cumulative);
}

/** An empty basis is a basis of its own: "not stated". */
export type BasisKey = AmountBasis | 'not stated';

export function basisOf(row: TrainingRow): BasisKey {
  return row.amount_basis ?? 'not stated';
}

/** Training money per basis, with the documented filter: bases are never added together. */
export function trainingSums(rows: readonly TrainingRow[]): Map<BasisKey, number> {
  const sums = new Map<BasisKey, number>();
  for (const r of countedTraining(rows)) sums.set(basisOf(r), (sums.get(basisOf(r)) ?? 0) + r.amount_usd!);
  return sums;
}

const STAGE = new Map<string, number>(ARMS_STATUSES.map((s, i) => [s, i]));

/** Latest stage first, then the latest year, then the larger value; the id only makes ties stable. */
function laterFirst(a: ArmsRow, b: ArmsRow): number {
  const stage = (r: ArmsRow) => (r.status === null ? -1 : STAGE.get(r.status)!);
  return stage(b) - stage(a) || (b.year ?? -1) - (a.year ?? -1) || (b.value_usd ?? -1) - (a.value_usd ?? -1) || compareCodePoints(a.id, b.id);
}

/**
 * One row per deal that states a value: of the rows of a `deal_id` whose `part_of` is empty and
 * whose value is stated, the one at the latest stage (then the latest year, then the larger value).
 */
export function countedDeals(rows: readonly ArmsRow[]): ArmsRow[] {
  const best = new Map<string, ArmsRow>();
  for (const r of rows) {
    if (r.part_of !== null || r.value_usd === null) continue;
    const held = best.get(r.deal_id);
    if (!held || laterFirst(r, held) < 0) best.set(r.deal_id, r);
  }
  return [...best.values()].sort((a, b) => compareCodePoints(a.id, b.id));
}

/** The row that stands for each deal, valued or not: the counted row, else the latest stage. */
export function dealRows(rows: readonly ArmsRow[]): ArmsRow[] {
  const counted = new Map(countedDeals(rows).map((r) => [r.deal_id, r]));
  const latest = new Map<string, ArmsRow>();
  for (const r of rows) {
    if (r.part_of !== null || counted.has(r.deal_id)) continue;
    const held = latest.get(r.deal_id);
    if (!held || laterFirst(r, held) < 0) latest.set(r.deal_id, r);
  }
  return [...counted.values(), ...latest.values()].sort((a, b) => compareCodePoints(a.id, b.id));
}
