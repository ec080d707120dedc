// Stage ingest: reads a source folder (pipeline/sources/read.ts): every document checked, the bad
// ones reported and skipped. Run alone, it writes build/ingest.json for the next stage.
import type { Problem } from '../errors.js';
import type { SourceText } from '../sources/document.js';
import { readSources } from '../sources/read.js';
import { isMain, runStage } from '../lib/stage-io.js';

export interface IngestResult {
  /** In document-id order (code points), the order every later stage relies on. */
  docs: SourceText[];
  problems: Problem[];
}

export async function ingest(dir: string): Promise<IngestResult> {
  const { sources, problems } = await readSources(dir);
  return { docs: sources, problems };
}

if (isMain(import.meta.url)) {
  await runStage('ingest', async ({ sources, write }) => {
    const result = await ingest(sources);
    write('ingest', result);
    return `${result.docs.length} documents, ${result.problems.length} problems`;
  });
}
