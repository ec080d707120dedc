// Stage review: the editors' records applied to each document's facts (pipeline/review/), then
// mentions of one fact, in one document or several, merged into rows with their evidence. Run alone,
// it reads build/ingest.json and build/extract.json and writes build/review.json.
import type { Problem } from '../errors.js';
import type { DocumentFacts } from '../extract/document.js';
import type { StoredFacts } from '../documents.js';
import type { Claim } from '../extract/facts.js';
import { loadReference, referenceDirFor, type Reference } from '../lib/reference.js';
import { isMain, runStage } from '../lib/stage-io.js';
import { review, type Amendment, type Dropped } from '../review/apply.js';
import { readRecords } from '../review/records.js';
import type { SourceText } from '../sources/document.js';
import { mergeDocuments, type ExtractResult } from './extract.js';
import type { IngestResult } from './ingest.js';

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

export type { Claim };

if (isMain(import.meta.url)) {
  const { loadFacts } = await import('../documents.js');
  await runStage('review', ({ sources, read, write }) => {
    const { docs } = read<IngestResult>('ingest');
    const result = reviewStage(sources, docs, read<StoredFacts[]>('extract').map(loadFacts), loadReference(referenceDirFor(sources)));
    write('review', result);
    return `${result.reviewed} records applied: ${result.dropped.length} rows dropped, ${result.amendments.length} fields amended`;
  });
}
