// A rule: one named mechanism of the extractor, in a file of its own, with an id, a priority (lower
// runs first), what it emits, and its own examples. Examples are texts with the facts they must give;
// counter-examples are texts on which the rule must make no fact (other rules may: a follow-on rule's
// counter-example needs the deal sentence before it). The harness
// (tests/rules.test.ts) finds every table's registry (rules/<table>/index.ts) and runs every rule's
// examples with all rules, then with that rule switched off: an example must pass with it and fail
// without it (at least one expected fact or claim missing), so a rule that does nothing, or whose
// examples another rule already covers, is found. An example shows what only its rule does.
import type { FactTable } from '../../types.js';
import type { Annotated } from '../annotate/sentence.js';

/** A fact an example must give: the fields that matter, as in the published row. */
export type Expected = Record<string, string | number | boolean | null>;

export interface Example {
  /** The document text: first line the title, as in a source file. */
  text: string;
  /** Publication date (EDTF); 2014-05-01 when not given. */
  published?: string;
  /**
   * Facts of the rule's table the text gives: each entry is matched by its fields against the rows
   * as the extractor publishes them (before review), e.g. `{ secretary, country_iso3, start_date }`.
   */
  expect?: Expected[];
  /**
   * Claims about the record the text makes (pipeline/claims.ts), for a rule that states claims rather
   * than, or as well as, facts (`visits/ever-claim`): each entry matched by the fields of a `Claim`
   * (kind, country_iso3, since, ordinal, secretary, year). Switched off, the rule must lose one.
   */
  expectClaims?: Expected[];
  /**
   * Rules that must name a mention among the evidence, for a rule whose work is to link a sentence
   * to a fact already stated (`arms/restated`: "the sale of these fighters" is another mention of
   * the deal) and so adds evidence rather than a row. Switched off, the mention must be lost.
   */
  expectEvidence?: { rule: string; quote?: string }[];
}

export interface Rule<Env, Out> {
  id: string;
  table: FactTable;
  priority: number;
  description: string;
  examples: Example[];
  counterExamples: Example[];
  find(a: Annotated, env: Env): Out[];
}

/**
 * The rules of one table, in priority order; a second rule with an id already used is refused. Give
 * each rule of a table its own priority: ties fall back to the id, an order nobody chose.
 */
export function registry<Env, Out>(rules: Rule<Env, Out>[]): Rule<Env, Out>[] {
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`internal error: two rules named ${r.id}`);
    if (!/^(?:visits|arms|training)\/[a-z0-9-]+$/.test(r.id)) throw new Error(`internal error: rule id "${r.id}" is not <table>/<name>`);
    ids.add(r.id);
  }
  return [...rules].sort((x, y) => x.priority - y.priority || (x.id < y.id ? -1 : 1));
}

/** Rules switched off for one extraction (the harness does it; the pipeline never does). */
export interface RuleSwitches {
  off?: ReadonlySet<string>;
}

export function enabled<R extends { id: string }>(rules: R[], switches?: RuleSwitches): R[] {
  return switches?.off?.size ? rules.filter((r) => !switches.off!.has(r.id)) : rules;
}
