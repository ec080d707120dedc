// Year axes shared by the training and visits charts.

/** Steps between labelled years, smallest first: ticks land on round years. */
const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100] as const;

/** Smallest round step whose ticks are at least `minSpacing` units apart. */
export function yearStep(unitsPerYear: number, minSpacing: number): number {
  return YEAR_STEPS.find((s) => s * unitsPerYear >= minSpacing) ?? 100;
}

/** Multiples of `step` from `first` to `last` inclusive. */
export function yearTicks(first: number, last: number, step: number): number[] {
  const ticks: number[] = [];
  for (let t = Math.ceil(first / step) * step; t <= last; t += step) ticks.push(t);
  return ticks;
}

/** [first, last] widened evenly to span at least `min` years. */
export function widenYears(first: number, last: number, min: number): [number, number] {
  const missing = min - (last - first);
  if (missing <= 0) return [first, last];
  const before = Math.floor(missing / 2);
  return [first - before, last + (missing - before)];
}
