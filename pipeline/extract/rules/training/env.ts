// What the training rules read beyond a sentence's annotation, and what they emit: figures of U.S.
// training or security assistance (money, trainees, courses) with their recipient, programme,
// period and basis, turned into facts by the training resolver.
import type { Amount } from '../../../lib/amounts.js';
import type { Country, Program } from '../../../lib/reference.js';
import type { AmountBasis } from '../../../types.js';
import type { Spanned } from '../../annotate/sentence.js';
import type { Clause } from '../visits/env.js';
import type { DocContext } from '../../context.js';
import type { TrainingFact } from '../../facts.js';
import type { Period } from '../../time.js';
import type { TableState } from './table-layout.js';

export interface TrainingEnv {
  ctx: DocContext;
  clauses: Clause[];
  /** The last training fact of the same paragraph: "an additional $20 million" continues it. */
  previous: TrainingFact | null;
  /** The years of the sentence before ("that same fiscal year"). */
  previousYears: number[];
  /** The one year of every figure so far whose text stated its time (null once two periods were stated): the time an undated past figure belongs to. */
  lastStatedYear: number | null;
  /** The document is a table's or a report's: its first line names a programme or a country; `security`: it is about training or security assistance. */
  title: { program: Program | null; security: boolean };
  /** The table being read, line by line (pipeline/extract/rules/training/table.ts). */
  table: TableState;
}

export interface TrainingMention {
  rule: string;
  /** The figure's first token (for the order of facts). */
  at: number;
  amount: Spanned<Amount> | null;
  trainees: number | null;
  courses: number | null;
  recipient: Country | null;
  program: Program | null;
  category: 'training' | 'assistance';
  basis: AmountBasis | null;
  period: Period;
  location: string | null;
  total?: boolean;
  /** A row of a table: its label and column ("IMET, FY2006"), which name the fact. */
  label?: string;
  /** For a total: the figures it adds up (earlier mentions; none is changed). */
  parts?: TrainingMention[];
}
