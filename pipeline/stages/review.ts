#!/usr/bin/env -S npx tsx
// Stage review: the editors' records applied to each document's facts (pipeline/review/), then
// mentions of one fact, in one document or several, merged into rows with their evidence.
import type { Problem } from '../errors.js';
import type { DocumentFacts } from '../extract/document.js';
import type { Fact } from '../extract/facts.js';
import { mergeFacts, type Merged } from '../extract/merge.js';
import type { Claim } from '../extract/facts.js';
import type { Reference } from '../lib/reference.js';
import { review, type Amendment, type Dropped } from '../review/apply.js';
import { readRecords } from '../review/records.js';
import type { SourceText } from '../sources/document.js';
import { FACT_TABLES } from '../types.js';
import { isMain, jsonState, needs, type Stage } from './stage.js';

export interface ExtractResult extends Merged {
  claims: Claim[];
}

export interface ReviewResult extends ExtractResult {
  dropped: Dropped[];
  amendments: Amendment[];
  /** Records set aside (their documents published unreviewed), one line each. */
  problems: Problem[];
  /** Documents whose facts a record reviewed. */
  reviewed: number;
}

export function reviewStage(sources: string, docs: SourceText[], found: DocumentFacts[], ref: Reference): ReviewResult {
  const { records, problems } = readRecords(sources, docs, ref);
  const reviewed = review(docs, found, records, ref);
  return { ...mergeDocuments(docs, reviewed.found), dropped: reviewed.dropped, amendments: reviewed.amendments, problems, reviewed: records.size };
}

/**
 * Each document's facts (`found[i]` from `docs[i]`, wherever and whenever it was extracted) merged
 * into rows. Facts go in in document order, so the rows do not depend on which worker, cache or
 * shard produced them.
 */
export function mergeDocuments(docs: SourceText[], found: DocumentFacts[]): ExtractResult {
  const facts: Fact[] = [];
  const claims: Claim[] = [];
  for (const f of found) {
    for (const fact of f.facts) facts.push(fact);
    for (const claim of f.claims) claims.push(claim);
  }
  return { ...mergeFacts(facts, new Map(docs.map((d) => [d.id, d]))), claims };
}

export type { Claim };

export const reviewStep: Stage<'review'> = {
  name: 'review',
  title: "applies the editors' records (gold/<id>.json) and merges the mentions of each fact into rows",
  reads: ['ingest', 'extract'],
  async run(state, { options, reference }) {
    const r = reviewStage(options.sources, needs(state, 'ingest').docs, needs(state, 'extract'), reference());
    return { result: r, summary: `${r.reviewed} records: ${FACT_TABLES.map((t) => `${r.rows[t].length} ${t}`).join(', ')}; ${r.dropped.length} rows dropped` };
  },
  ...jsonState<ReviewResult>(),
};

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('review'));
