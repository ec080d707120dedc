// Per-document work: the part of a run that grows with the corpus. The main thread lists the source
// folder and reads and checks every document (cheap, with the ingest stage's own readSources); the
// language work and the fact rules (expensive) run in worker threads (pipeline/workers.ts) or, for a
// handful of documents, right here.
// Both sides use this module, so a document gives the same facts wherever it is extracted.
import type { Reference } from './lib/reference.js';
import { extractDocument, type DocumentFacts, type DocumentTimes } from './extract/document.js';
import type { SourceText } from './sources/document.js';

export { readSources, type ReadResult } from './sources/read.js';
export { loadFacts, sealFacts, storeFacts, unsealFacts, type SealedFacts, type StoredFacts } from './stored-facts.js';
export { referenceData, type ReferenceData } from './workers.js';
export type { DocumentTimes, SourceText };

/** The language work and the fact rules for one document. Pure but for the timings. */
export function extractSource(source: SourceText, ref: Reference): { found: DocumentFacts; times: DocumentTimes } {
  const times: DocumentTimes = { nlp: 0, rules: 0 };
  const found = extractDocument(source, ref, times);
  return { found, times };
}
