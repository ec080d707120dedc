// Per-document work: the part of a run that grows with the corpus. The main thread lists the source
// folder and reads and checks every document (cheap, with the ingest stage's own readSources); the language work and the fact rules
// (expensive) run in worker threads (pipeline/workers.ts) or, for a handful of documents, right here.
// Both sides use this module, so a document gives the same facts wherever it is extracted.
import type { ArmsFact, Fact } from './extract/facts.js';
import { sentenceSpans } from './extract/nlp.js';
import type { Claim } from './extract/visits.js';
import { Reference } from './lib/reference.js';
import { extractDocument, type DocumentFacts } from './stages/extract.js';
import { readSources, type ReadResult, type SourceDoc, type SourceText } from './stages/ingest.js';

export { readSources, type ReadResult, type SourceText };

/**
 * The document as the global stages (merge, review, validate, report) take it. They read the text,
 * never the sentence spans, which stay with the worker that made them.
 */
export function asSourceDoc(source: SourceText): SourceDoc {
  return { ...source, sentences: [] };
}

/** Time spent on one document, in milliseconds. */
export interface DocumentTimes {
  nlp: number;
  rules: number;
}

/** The language work and the fact rules for one document. Pure but for the timings. */
export function extractSource(source: SourceText, ref: Reference): { found: DocumentFacts; times: DocumentTimes } {
  const started = performance.now();
  const sentences = sentenceSpans(source.text);
  const annotated = performance.now();
  const found = extractDocument({ ...source, sentences }, ref);
  return { found, times: { nlp: annotated - started, rules: performance.now() - annotated } };
}

/** The reference tables as plain data, to rebuild the same `Reference` in a worker without reading or re-validating them. */
export type ReferenceData = ConstructorParameters<typeof Reference>[0];

export function referenceData(ref: Reference): ReferenceData {
  return { countries: ref.countries, secretaries: ref.secretaries, equipment: { designations: ref.designations, nouns: ref.nouns }, programs: ref.programs, words: ref.words };
}

/**
 * A document's facts as JSON (for the cache and shard partials). An item's `part_of` is the aggregate
 * fact object itself; stored, it is the aggregate's index among the document's facts.
 */
export interface StoredFacts {
  facts: StoredFact[];
  claims: Claim[];
}

type StoredFact = Exclude<Fact, ArmsFact> | (Omit<ArmsFact, 'part_of'> & { part_of: number | StoredFact | null });

export function storeFacts(found: DocumentFacts): StoredFacts {
  const index = new Map<Fact, number>(found.facts.map((f, i) => [f, i]));
  const store = (f: Fact): StoredFact => {
    if (f.table !== 'arms-purchases' || f.part_of === null) return f;
    // An aggregate that is not among the facts (no rule makes one today) is stored whole.
    return { ...f, part_of: index.get(f.part_of) ?? store(f.part_of) };
  };
  return { facts: found.facts.map(store), claims: found.claims };
}

export function loadFacts(stored: StoredFacts): DocumentFacts {
  const facts: Fact[] = stored.facts.map((f) => ({ ...f }) as Fact);
  const load = (f: StoredFact, at: Fact): void => {
    if (f.table !== 'arms-purchases' || f.part_of === null) return;
    const arms = at as ArmsFact;
    if (typeof f.part_of === 'number') arms.part_of = facts[f.part_of] as ArmsFact;
    else {
      const parent = { ...f.part_of } as Fact;
      load(f.part_of, parent);
      arms.part_of = parent as ArmsFact;
    }
  };
  stored.facts.forEach((f, i) => load(f, facts[i]!));
  return { facts, claims: stored.claims };
}
