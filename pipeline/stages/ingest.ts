#!/usr/bin/env -S npx tsx
// Stage ingest: reads the source folder (pipeline/sources/read.ts): every document checked, the bad
// ones reported and skipped. With --shard, only the shard's documents.
import { shardOf } from '../shard.js';
import { readSources } from '../sources/read.js';
import { isMain, jsonState, type IngestResult, type Stage } from './stage.js';

export type { IngestResult };

/** Every document of a folder read and checked, in id order; the bad ones named in `problems`. */
export async function ingest(dir: string, keep?: (id: string) => boolean): Promise<IngestResult> {
  const { sources, problems } = await readSources(dir, keep);
  return { docs: sources, problems };
}

export const ingestStage: Stage<'ingest'> = {
  name: 'ingest',
  title: 'reads and checks the source documents',
  reads: [],
  async run(_state, { options }) {
    const shard = options.shard;
    const result = await ingest(options.sources, shard ? (id) => shardOf(id, shard.count) === shard.index : undefined);
    return { result, summary: `${result.docs.length} documents${shard ? ` (shard ${shard.index}/${shard.count})` : ''}, ${result.problems.length} problems` };
  },
  ...jsonState<IngestResult>(),
};

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('ingest'));
