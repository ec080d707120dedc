// The training rules, in priority order: table rows first (a table line is no prose), then figures
// shared between countries or years, then one figure per clause.
import { registry } from '../rule.js';
import type { TrainingEnv, TrainingMention } from './env.js';
import { amountsApart, pairs } from './pairs.js';
import { figure, series, shares } from './prose.js';
import { tableRow } from './table.js';

export const TRAINING_RULES = registry<TrainingEnv, TrainingMention>([tableRow, shares, series, pairs, amountsApart, figure]);
