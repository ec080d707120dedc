// The extraction targets, held on every gold set we have: a rule change that costs precision or
// recall anywhere fails here, with the misses and extra rows in the message.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../pipeline/evaluate.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SETS = ['sources', 'tests/fixtures/heldout', 'tests/fixtures/blind', 'tests/fixtures/heldout-3'];
const F1_TARGET = { 'secdef-visits': 0.9, 'arms-purchases': 0.85, training: 0.8 } as const;

describe.each(SETS)('gold set %s', (set) => {
  it('meets the targets: precision >= 0.95, F1 per table, no trap rows', async () => {
    const { scores } = await evaluate(join(ROOT, set), join(ROOT, set, 'gold'));
    for (const table of ['secdef-visits', 'arms-purchases', 'training'] as const) {
      const s = scores[table];
      const detail = `${table}: misses ${JSON.stringify(s.misses)} extras ${JSON.stringify(s.extras)}`;
      expect(s.precision, detail).toBeGreaterThanOrEqual(0.95);
      expect(s.f1, detail).toBeGreaterThanOrEqual(F1_TARGET[table]);
      expect(s.traps, detail).toEqual([]);
    }
  });
});
