// Beyond one machine: `--shard I/N` extracts the I-th of N shards of the documents (a document's shard
// is fixed by a hash of its id) and writes a partial result; `--merge` reads the partials of all N
// shards back and the run goes on as a single run would, from the same facts in the same order.
//
// A partial (shard-I-of-N.json) holds, per document of the shard: its id, its cache key (a hash of its
// id, sidecar and text and of the reference tables and extraction code), its row of the sources
// table and its facts and claims. The merge reads the texts again from the source folder (the quotes
// and offsets of every row come from them) and refuses a partial whose keys do not match them.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UsageError } from './errors.js';
import { loadFacts, storeFacts, type StoredFacts } from './documents.js';
import { sha256 } from './lib/text.js';
import type { DocumentFacts } from './stages/extract.js';
import type { SourceRow } from './types.js';

export const PARTIAL_FORMAT = 'defense-relations-partial/1';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/4" → the second of four shards. */
export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, such as 1/4 (got "${spec}")`);
  return { index, count };
}

/** The shard (1-based) a document belongs to among `count`: fixed by its id, whatever else is in the folder. */
export function shardOf(id: string, count: number): number {
  return (Number.parseInt(sha256(id).slice(0, 8), 16) % count) + 1;
}

export function partialName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

export interface PartialDocument extends StoredFacts {
  id: string;
  key: string;
  source: SourceRow;
}

export interface PartialHeader {
  format: typeof PARTIAL_FORMAT;
  shard: Shard;
  documents: number;
}

/**
 * Writes a partial: one document per line, in document order, streamed to a temporary file that is
 * renamed into place when complete. Returns the file written.
 */
export async function writePartial(dir: string, shard: Shard, documents: { id: string; key: string; source: SourceRow; found: DocumentFacts }[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, partialName(shard));
  const staging = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(staging);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await new Promise<void>((resolve, reject) => out.once('drain', resolve).once('error', reject));
  };
  try {
    const header: PartialHeader = { format: PARTIAL_FORMAT, shard, documents: documents.length };
    await write(`{"header":${JSON.stringify(header)},"documents":[`);
    for (const [i, d] of documents.entries()) {
      const stored: PartialDocument = { id: d.id, key: d.key, source: d.source, ...storeFacts(d.found) };
      await write(`${i === 0 ? '' : ','}\n${JSON.stringify(stored)}`);
    }
    await write('\n]}\n');
    out.end();
    await finished(out);
    await rename(staging, file);
  } catch (error) {
    out.destroy();
    await rm(staging, { force: true });
    throw error;
  }
  return file;
}

/** The partial files named on the command line: files, or folders holding shard-*-of-*.json files. */
async function partialFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`--merge: ${path} does not exist`);
    if (statSync(path).isDirectory()) {
      const names = (await readdir(path)).filter((n) => /^shard-\d+-of-\d+\.json$/.test(n)).sort();
      if (names.length === 0) throw new UsageError(`--merge: ${path} holds no shard-I-of-N.json partial`);
      files.push(...names.map((n) => join(path, n)));
    } else files.push(path);
  }
  return files;
}

/**
 * Reads the partials of a complete set of shards: every shard of 1..N exactly once, all made with the
 * same N. Returns each document's entry by id.
 */
export async function readPartials(paths: string[]): Promise<{ count: number; documents: Map<string, PartialDocument> }> {
  const files = await partialFiles(paths);
  const byShard = new Map<number, string>();
  const documents = new Map<string, PartialDocument>();
  let count: number | null = null;
  for (const file of files) {
    let data: { header?: PartialHeader; documents?: PartialDocument[] };
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`--merge: ${file} is not a partial result (${(error as Error).message})`);
    }
    const header = data.header;
    if (header?.format !== PARTIAL_FORMAT || !Array.isArray(data.documents)) throw new UsageError(`--merge: ${file} is not a partial result (format ${PARTIAL_FORMAT})`);
    if (count !== null && header.shard.count !== count) throw new UsageError(`--merge: ${basename(file)} is one of ${header.shard.count} shards, the others of ${count}`);
    count = header.shard.count;
    if (byShard.has(header.shard.index)) throw new UsageError(`--merge: shard ${header.shard.index}/${count} is given twice (${byShard.get(header.shard.index)} and ${file})`);
    byShard.set(header.shard.index, file);
    for (const d of data.documents) {
      if (shardOf(d.id, count) !== header.shard.index) throw new UsageError(`--merge: ${file} holds ${d.id}, which belongs to shard ${shardOf(d.id, count)}/${count}`);
      documents.set(d.id, d);
    }
  }
  if (count === null) throw new UsageError('--merge needs at least one partial (a folder or a shard-I-of-N.json file)');
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byShard.has(i));
  if (missing.length > 0) throw new UsageError(`--merge: shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing; every shard of ${count} is needed`);
  return { count, documents };
}

/** A document's facts from its partial entry. */
export function partialFacts(entry: PartialDocument): DocumentFacts {
  return loadFacts(entry);
}
