// What the arms rules read beyond a sentence's annotation, and what they emit: mentions of deals
// (a buyer, equipment, a status, a figure), of item lines under a deal, of a deal's cost stated
// apart, and of a deal named again. The arms resolver (resolve.ts) turns them into facts once the
// whole document is read; no mention is changed after it is emitted.
import type { Amount } from '../../../lib/amounts.js';
import type { Country, Designation } from '../../../lib/reference.js';
import type { ArmsStatus } from '../../../types.js';
import type { Spanned } from '../../annotate/sentence.js';
import type { DocContext } from '../../context.js';
import type { Mention } from '../../facts.js';
import type { Clause } from '../visits/env.js';

/** A piece of equipment as a sentence names it, with its count when it has one. */
export interface Item {
  /** The item's words, the count excluded. */
  t0: number;
  t1: number;
  /** Where the item's phrase starts: its count when it has one. */
  q0: number;
  /** As written: the words after the count ("UH-60M Black Hawk helicopters"). */
  text: string;
  designation: Designation | null;
  category: string | null;
  quantity: number | null;
}

export type MentionKind =
  /** A deal stated in full: buyer, equipment, status. */
  | 'deal'
  /** One amount for several items: the aggregate, its items pointing at it. */
  | 'package'
  /** A line of a list of items ("Four (4) Bell 412 helicopters"), under the deal stated before. */
  | 'item-line'
  /** The cost of the deal just stated, in a sentence of its own. */
  | 'cost'
  /** The deal just stated, named again ("the proposed sale of the torpedoes"). */
  | 'restated'
  /** The equipment of the deal just stated, in a deal of its own ("signed for the pair"). */
  | 'same-equipment';

export interface ArmsMention {
  rule: string;
  kind: MentionKind;
  mention: Mention;
  paragraph: number;
  buyer: Country | null;
  seller: Country | null;
  /** For a package: its items; for the rest, the one item (none for a cost). */
  items: Item[];
  value: Spanned<Amount> | null;
  year: number | null;
  status: ArmsStatus | null;
  /** For a package: the words that name the whole, when the text has them ("20 aircraft"). */
  whole?: Item;
  /** For a cost: the figure is for all the items just named ("both contracts"). */
  together?: boolean;
}

export interface ArmsEnv {
  ctx: DocContext;
  clauses: Clause[];
  mention: Mention;
  paragraph: number;
  /** The sentence before, in the same paragraph or the one before: its buyer and years. */
  previous: { paragraph: number; buyer: Country | null; years: number[] } | null;
  /** Every arms mention emitted so far in the document (read-only): the deal just stated. */
  earlier: readonly ArmsMention[];
}

export const STAGE: Record<ArmsStatus, number> = { proposed: 1, approved: 2, ordered: 3, purchased: 4, delivered: 5 };

/** The last deal of the document the rules may refer back to: a deal, a package or a same-equipment deal. */
export function lastDeal(env: ArmsEnv): ArmsMention | undefined {
  return env.earlier.findLast((m) => m.kind === 'deal' || m.kind === 'package' || m.kind === 'same-equipment');
}
