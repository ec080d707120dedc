// Stage ingest: reads a source folder (<id>.txt + <id>.meta.json pairs), validates each sidecar,
// decodes the text and segments it. A bad document is reported and skipped; the others go through.
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputError, toProblem, type Problem } from '../errors.js';
import { annotate, type EntitySpan, type Span } from '../extract/nlp.js';
import { validate } from '../lib/schemas.js';
import { codePointLength, compareCodePoints, sha256 } from '../lib/text.js';
import { checkEdtf } from '../lib/dates.js';
import type { SourceRow } from '../types.js';
import { isMain, runStage } from '../lib/stage-io.js';

export interface SourceMeta {
  title: string;
  publisher: string;
  url: string;
  published: string;
  language?: string;
  license?: string;
  excerpt?: boolean;
  notes?: string;
}

export interface SourceDoc {
  id: string;
  meta: SourceMeta;
  text: string;
  sha256: string;
  characters: number;
  /** UTF-16 offsets into text; converted to code points when rows are published. */
  sentences: Span[];
  entities: EntitySpan[];
}

export interface IngestResult {
  docs: SourceDoc[];
  problems: Problem[];
}

/** Largest text file read, in bytes. Real articles are under 200 kB; a larger file is almost surely a mistake. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** Largest sidecar read, in bytes. */
export const MAX_META_BYTES = 64 * 1024;

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const TEXT_SUFFIX = '.txt';
const META_SUFFIX = '.meta.json';

/** Files of a source folder that are not documents and that ingest leaves to other stages. */
export const NOT_DOCUMENTS = new Set(['corrections.json', 'README.md', 'reference', 'gold']);

export async function ingest(dir: string): Promise<IngestResult> {
  const problems: Problem[] = [];
  const pairs = await listPairs(dir, problems);
  const docs: SourceDoc[] = [];
  for (const [id, pair] of pairs) {
    try {
      docs.push(await readDocument(dir, id, pair));
    } catch (error) {
      if (error instanceof InputError) problems.push(toProblem(error));
      else throw error;
    }
  }
  return { docs, problems };
}

interface Pair {
  text?: string;
  meta?: string;
}

async function listPairs(dir: string, problems: Problem[]): Promise<Map<string, Pair>> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new InputError('no-sources', dir, 'source folder cannot be read (does it exist?)');
  }
  const pairs = new Map<string, Pair>();
  for (const name of entries.sort(compareCodePoints)) {
    if (NOT_DOCUMENTS.has(name) || name.startsWith('.')) continue;
    const kind = name.endsWith(META_SUFFIX) ? 'meta' : name.endsWith(TEXT_SUFFIX) ? 'text' : null;
    const file = join(dir, name);
    if (!kind) {
      problems.push({ code: 'unknown-file', file, message: 'not a source document (expected <id>.txt or <id>.meta.json); ignored' });
      continue;
    }
    const id = name.slice(0, -(kind === 'meta' ? META_SUFFIX : TEXT_SUFFIX).length);
    if (!ID.test(id) || id.includes('..')) {
      problems.push({ code: 'bad-id', file, message: `file name "${name}" is not a valid document id (lower-case letters, digits, ".", "_", "-"; no spaces, no "..")` });
      continue;
    }
    const pair = pairs.get(id) ?? {};
    pair[kind] = file;
    pairs.set(id, pair);
  }
  for (const [id, pair] of pairs) {
    if (!pair.text || !pair.meta) {
      const missing = pair.text ? `${id}${META_SUFFIX}` : `${id}${TEXT_SUFFIX}`;
      problems.push({ code: 'missing-pair', file: (pair.text ?? pair.meta)!, message: `has no ${missing} beside it; document skipped` });
      pairs.delete(id);
    }
  }
  return pairs;
}

async function readDocument(dir: string, id: string, pair: Pair): Promise<SourceDoc> {
  const meta = parseMeta(pair.meta!, (await readLimited(dir, pair.meta!, MAX_META_BYTES)).toString('utf8').replace(/^\uFEFF/, ''));
  const bytes = await readLimited(dir, pair.text!, MAX_TEXT_BYTES);
  return documentFromText(id, decodeText(pair.text!, bytes), meta, bytes);
}

/** The sources-table row of a document. */
export function sourceRow(doc: SourceDoc): SourceRow {
  return {
    id: doc.id,
    title: doc.meta.title,
    publisher: doc.meta.publisher,
    url: doc.meta.url,
    published: doc.meta.published,
    language: doc.meta.language ?? null,
    license: doc.meta.license ?? null,
    excerpt: doc.meta.excerpt ?? null,
    sha256: doc.sha256,
    characters: doc.characters,
  };
}

/** A document from text already in memory (the file reader above, tests, the benchmark). */
export function documentFromText(id: string, text: string, meta: SourceMeta, bytes: Uint8Array = Buffer.from(text, 'utf8')): SourceDoc {
  const { sentences, entities } = annotate(text);
  return { id, meta, text, sha256: sha256(bytes), characters: codePointLength(text), sentences, entities };
}

/** Reads a file after checking it is a regular file inside the folder and under the size limit. */
async function readLimited(dir: string, file: string, limit: number): Promise<Buffer> {
  const link = await lstat(file);
  if (link.isSymbolicLink()) {
    const target = await realpath(file).catch(() => null);
    const root = await realpath(dir);
    if (!target || relative(root, target).startsWith('..') || relative(root, target).split(sep)[0] === '..') {
      throw new InputError('symlink-outside', file, 'is a link that points outside the source folder; refused');
    }
  }
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new InputError('not-a-file', file, 'is not a regular file');
    if (stat.size > limit) {
      throw new InputError('too-large', file, `is ${stat.size} bytes, over the limit of ${limit} bytes; refused`);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function parseMeta(file: string, json: string): SourceMeta {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new InputError('bad-json', file, `is not valid JSON (${(error as Error).message})`);
  }
  const errors = validate('source', data);
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new InputError('bad-meta', file, errors.length > 1 ? `${first.message} (and ${errors.length - 1} more)` : first.message, first.field);
  }
  const meta = data as SourceMeta;
  const dateError = checkEdtf(meta.published);
  if (dateError) throw new InputError('bad-meta', file, `${dateError} ("${meta.published}")`, 'published');
  return meta;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8; a leading BOM is dropped (offsets count from the first character after it). */
function decodeText(file: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new InputError('empty', file, 'is empty');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError('utf16', file, 'is UTF-16; save it as UTF-8');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InputError('bad-encoding', file, `is not valid UTF-8 (first bad byte at offset ${firstInvalidByte(bytes)})`);
  }
  if (text.includes('\u0000')) throw new InputError('binary', file, 'contains NUL bytes: a binary file, not text');
  if (text.trim() === '') throw new InputError('empty', file, 'has no text');
  return text;
}

function firstInvalidByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest prefix that decodes (a cut may split one valid character: step back 3).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

if (isMain(import.meta.url)) {
  await runStage('ingest', async ({ sources, write }) => {
    const result = await ingest(sources);
    write('ingest', result);
    return `${result.docs.length} documents, ${result.problems.length} problems`;
  });
}
