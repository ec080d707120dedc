#!/usr/bin/env -S npx tsx
// Stage extract: every document through the rules (pipeline/extract/document.ts), on every core
// (pipeline/workers.ts); a document whose facts are in the cache (pipeline/cache.ts) or, with
// --merge, in the shards' partials (pipeline/shard.ts) is not extracted again. The facts come back in
// document order, so nothing after this stage depends on threads, cache or shards.
import { DocumentCache } from '../cache.js';
import { UsageError } from '../errors.js';
import { extractDocument, type DocumentFacts } from '../extract/document.js';
import type { Keys } from '../keys.js';
import type { Reference } from '../lib/reference.js';
import { readPartials } from '../shard.js';
import type { SourceText } from '../sources/document.js';
import { loadFacts, storeFacts, type StoredFacts } from '../stored-facts.js';
import { extractAll, type ExtractStats } from '../workers.js';
import { mergeDocuments, type ExtractResult } from './review.js';
import { isMain, jsonState, needs, type Stage } from './stage.js';

export { mergeDocuments, type DocumentFacts, type ExtractResult };

/** Every document through the rules, then the mentions merged, on this thread (tests, npm run eval). */
export function extract(docs: SourceText[], ref: Reference): ExtractResult {
  return mergeDocuments(docs, docs.map((doc) => extractDocument(doc, ref)));
}

export const extractStage: Stage<'extract'> = {
  name: 'extract',
  title: "runs the rules over every document that changed (the others' facts come from the cache)",
  reads: ['ingest'],
  async run(state, ctx) {
    const { docs } = needs(state, 'ingest');
    const { options } = ctx;
    const keys = ctx.keys();
    const cache = options.cache && !options.merge ? new DocumentCache(options.cache, keys.extraction) : null;
    const partials = options.merge ? (await readPartials(options.merge)).documents : null;
    if (partials) checkPartials(docs, keys, partials);
    const { found, stats } = await extractAll(docs, {
      // Read when a document is to be extracted, not before: a run whose facts are all known never reads them.
      get ref() {
        return ctx.reference();
      },
      setting: options.workers,
      known: (source) => (partials ? partials.get(source.id)! : (cache?.get(keys.document(source)) ?? null)),
      extracted: cache ? (source, _i, facts) => cache.put(keys.document(source), facts) : undefined,
      progress: ctx.progress,
    });
    const failed = (await cache?.flush()) ?? null;
    if (failed) ctx.log(`warning: the cache in ${options.cache} could not be written (${failed.message}); the run goes on without it`);
    else await cache?.prune();
    return { result: found, summary: describe(stats, partials !== null) };
  },
  ...jsonState<DocumentFacts[]>(
    (found) => found.map(storeFacts),
    (json) => (json as StoredFacts[]).map(loadFacts),
  ),
};

function describe(stats: ExtractStats, merging: boolean): string {
  const where = stats.extracted === 0 ? '' : stats.threads > 0 ? ` on ${stats.threads} threads` : ' on the main thread';
  const cpu = stats.extracted === 0 ? '' : `; nlp ${(stats.nlp / 1000).toFixed(1)} s, rules ${(stats.rules / 1000).toFixed(1)} s of thread time`;
  return `${stats.documents} documents: ${stats.extracted} extracted${where}, ${stats.known} from ${merging ? 'partials' : 'cache'}${cpu}`;
}

/** Every document of the source folder has an entry in the partials, made from the same document, lexicons and code. */
function checkPartials(sources: SourceText[], keys: Keys, entries: Map<string, { key: string }>): void {
  const ids = new Set(sources.map((s) => s.id));
  for (const s of sources) {
    const entry = entries.get(s.id);
    if (!entry) throw new UsageError(`--merge: no partial holds document ${s.id}; were the shards run on this source folder?`);
    if (entry.key !== keys.document(s)) throw new UsageError(`--merge: the partial entry of ${s.id} was made from another version of the document, the lexicons or the extraction code; run its shard again`);
  }
  for (const id of entries.keys()) if (!ids.has(id)) throw new UsageError(`--merge: the partials hold document ${id}, which the source folder does not have (or which is rejected now)`);
}

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('extract'));
