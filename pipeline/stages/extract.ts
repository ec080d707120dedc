// Stage extract: every document through the rules (pipeline/extract/document.ts), then mentions of
// the same fact merged into rows with their evidence. Run alone, it reads build/ingest.json.
import type { Reference } from '../lib/reference.js';
import { extractDocument, type DocumentFacts } from '../extract/document.js';
import type { Fact } from '../extract/facts.js';
import { mergeFacts, type Merged } from '../extract/merge.js';
import type { Claim } from '../extract/facts.js';
import type { SourceText } from '../sources/document.js';
import { isMain, runStage } from '../lib/stage-io.js';
import { loadReference, referenceDirFor } from '../lib/reference.js';
import type { IngestResult } from './ingest.js';

export type { DocumentFacts };

export interface ExtractResult extends Merged {
  claims: Claim[];
}

/** Every document through the rules, then the mentions merged. The runner does the first half per core (pipeline/documents.ts). */
export function extract(docs: SourceText[], ref: Reference): ExtractResult {
  return mergeDocuments(docs, docs.map((doc) => extractDocument(doc, ref)));
}

/**
 * The global half of the stage: each document's facts (`found[i]` from `docs[i]`, wherever and
 * whenever it was extracted) merged into rows. Facts go in in document order, so the rows do not
 * depend on which worker, cache or shard produced them.
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

if (isMain(import.meta.url)) {
  const { storeFacts } = await import('../documents.js');
  await runStage('extract', ({ sources, read, write }) => {
    const { docs } = read<IngestResult>('ingest');
    const ref = loadReference(referenceDirFor(sources));
    const found = docs.map((doc) => extractDocument(doc, ref));
    write('extract', found.map(storeFacts));
    return `${found.reduce((n, f) => n + f.facts.length, 0)} facts in ${docs.length} documents`;
  });
}
