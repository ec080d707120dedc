// The arms rules, in priority order.
import { registry } from '../rule.js';
import { deal, pack } from './deal.js';
import type { ArmsEnv, ArmsMention } from './env.js';
import { cost, itemLine, restated, sameEquipment } from './follow.js';

export const ARMS_RULES = registry<ArmsEnv, ArmsMention>([deal, pack, itemLine, cost, restated, sameEquipment]);
