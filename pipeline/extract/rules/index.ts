// Every table's rule registry, in one place, for what lists the rules (the per-rule precision of
// `npm run eval`). The harness (tests/rules.test.ts) finds the registries on disk and checks that this
// list holds each of them: a table's registry lands here when its rules do.
import type { FactTable } from '../../types.js';
import { ARMS_RULES } from './arms/index.js';
import { TRAINING_RULES } from './training/index.js';
import { VISIT_RULES } from './visits/index.js';

export const RULE_REGISTRIES: Partial<Record<FactTable, readonly { id: string }[]>> = {
  'secdef-visits': VISIT_RULES,
  'arms-purchases': ARMS_RULES,
  training: TRAINING_RULES,
};
