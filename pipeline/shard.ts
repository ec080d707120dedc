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
import type { DocumentFacts } from './extract/document.js';
import { parseJson } from './lib/json.js';
import { sha256 } from './lib/text.js';
import type { SealedFacts } from './stored-facts.js';
import type { SourceRow } from './types.js';

export const PARTIAL_FORMAT = 'defense-relations-partial/1';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Most shards a corpus is split into: one document per shard for a corpus far larger than ours. */
export const MAX_SHARDS = 10_000;

/** "2/4" → the second of four shards. */
export function parseShard(spec: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(spec.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, such as 1/4 (got "${spec.slice(0, 40)}")`);
  return { index, count };
}

/** The shard (1-based) a document belongs to among `count`: fixed by its id, whatever else is in the folder. */
export function shardOf(id: string, count: number): number {
  return (Number.parseInt(sha256(id).slice(0, 8), 16) % count) + 1;
}

export function partialName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

export interface PartialDocument extends SealedFacts {
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
  // Loaded here: the command line reads --shard with this module, and must not wait for the schemas.
  const { sealFacts } = await import('./stored-facts.js');
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
      const stored: PartialDocument = { id: d.id, key: d.key, source: d.source, ...sealFacts(d.found) };
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
export async function readPartials(paths: string[]): Promise<{ count: number; documents: Map<string, DocumentFacts & { key: string }> }> {
  const [{ validate }, { unsealFacts }] = await Promise.all([import('./lib/schemas.js'), import('./stored-facts.js')]);
  const files = await partialFiles(paths);
  const byShard = new Map<number, string>();
  const documents = new Map<string, DocumentFacts & { key: string }>();
  let count: number | null = null;
  for (const file of files) {
    const refuse = (why: string): never => {
      throw new UsageError(`--merge: ${file}: ${why}`);
    };
    let data: { header?: PartialHeader; documents?: PartialDocument[] };
    try {
      data = parseJson(file, await readFile(file, 'utf8')) as typeof data;
    } catch (error) {
      return refuse(`is not a partial result (${(error as Error).message})`);
    }
    if (validate('partial', data).length > 0) refuse(`is not a partial result of this version (format ${PARTIAL_FORMAT}): ${validate('partial', data)[0]!.field} ${validate('partial', data)[0]!.message}`);
    const header = data.header!;
    if (count !== null && header.shard.count !== count) refuse(`is one of ${header.shard.count} shards, the others of ${count}`);
    count = header.shard.count;
    if (byShard.has(header.shard.index)) refuse(`shard ${header.shard.index}/${count} is given twice (also ${byShard.get(header.shard.index)})`);
    byShard.set(header.shard.index, file);
    if (header.documents !== data.documents!.length) refuse(`says ${header.documents} documents but holds ${data.documents!.length}`);
    for (const d of data.documents!) {
      if (shardOf(d.id, count) !== header.shard.index) refuse(`holds ${d.id}, which belongs to shard ${shardOf(d.id, count)}/${count}`);
      if (documents.has(d.id)) refuse(`holds ${d.id} twice`);
      const found = unsealFacts({ facts: d.facts, claims: d.claims, sha256: d.sha256 });
      if (!found) refuse(`the facts of ${d.id} are not what its shard wrote (edited or damaged); run its shard again`);
      documents.set(d.id, { ...found!, key: d.key });
    }
  }
  if (count === null) throw new UsageError('--merge needs at least one partial (a folder or a shard-I-of-N.json file)');
  const missing: string[] = [];
  for (let i = 1; i <= count && missing.length < 10; i++) if (!byShard.has(i)) missing.push(`${i}/${count}`);
  if (missing.length > 0) throw new UsageError(`--merge: shard(s) ${missing.join(', ')}${missing.length === 10 ? ' and more' : ''} missing; every shard of ${count} is needed`);
  return { count, documents };
}
