// Reading a source folder: <id>.txt + <id>.meta.json pairs. A bad document is reported and skipped;
// the others go through. Every problem is one line naming the file (relative to the working
// directory when inside it) and, where it helps, the field or line: file names and messages are
// escaped so that no control, line break or bidi character from a name or a file can break or
// disguise that line. Checks, in order: listing (id rule, letter-case collisions, half pairs), then
// per file: safe reading (pipeline/sources/files.ts), encoding (decode.ts), and for sidecars JSON
// (line and column), the schema, a real calendar date and an http(s) URL.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, toProblem, type Problem } from '../errors.js';
import { validate } from '../lib/schemas.js';
import { parseJson } from '../lib/json.js';
import { codePointLength, compareCodePoints, sha256 } from '../lib/text.js';
import { checkEdtf } from '../lib/dates.js';
import type { SourceMeta, SourceText } from './document.js';
import { badEncoding, decodeText, firstInvalidUtf8, utf8, wrongEncoding } from './decode.js';
import { fsReason, isFsError, oneLine, readLimited, shown, type Roots } from './files.js';

/**
 * Largest text file read, in bytes (5 MiB). Real articles are under 200 kB; a larger file is almost
 * surely a mistake. A file over it is refused from its size on disk, without being read.
 */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** Largest sidecar read, in bytes (64 KiB). */
export const MAX_META_BYTES = 64 * 1024;

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const TEXT_SUFFIX = '.txt';
const META_SUFFIX = '.meta.json';

/** Files of a source folder that are not documents and that ingest leaves to other stages. */
export const NOT_DOCUMENTS = new Set(['README.md', 'reference', 'gold']);

export interface ReadResult {
  /** In document-id order (code points), the order every later stage relies on. */
  sources: SourceText[];
  /** Listing problems first, then each document's, in document order: the order `ingest` reports them. */
  problems: Problem[];
}

/** Files read at once: enough to keep the disk and libuv's thread pool busy, few enough for any ulimit. */
const READ_CONCURRENCY = 32;

/**
 * Lists a source folder and reads every document in it, with the checks and messages of the ingest
 * stage. `wanted` picks the documents to read (a shard); the others are skipped unread.
 */
export async function readSources(dir: string, wanted: (id: string) => boolean = () => true): Promise<ReadResult> {
  const listing: Problem[] = [];
  const pairs = [...(await listPairs(dir, listing))].filter(([id]) => wanted(id));
  const read: ({ source: SourceText | null; problems: Problem[] } | undefined)[] = new Array(pairs.length);
  const roots: Roots = new Map();
  let next = 0;
  const reader = async () => {
    while (next < pairs.length) {
      const i = next++;
      const [id, pair] = pairs[i]!;
      read[i] = await readSource(dir, id, pair, roots);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, pairs.length) }, reader));
  const sources: SourceText[] = [];
  const problems = [...listing];
  for (const i of pairs.keys()) {
    const r = read[i]!;
    if (r.source) sources.push(r.source);
    problems.push(...r.problems);
  }
  return { sources, problems };
}

/** One document's two files, both checked so that one run names every problem of a document. */
async function readSource(dir: string, id: string, pair: Pair, roots: Roots): Promise<{ source: SourceText | null; problems: Problem[] }> {
  const found: Problem[] = [];
  const meta = await reported(found, pair.meta!, async () => parseMeta(shown(pair.meta!), decodeMeta(shown(pair.meta!), await readLimited(dir, pair.meta!, MAX_META_BYTES, roots))));
  const text = await reported(found, pair.text!, async () => {
    const bytes = await readLimited(dir, pair.text!, MAX_TEXT_BYTES, roots);
    return { bytes, text: decodeText(shown(pair.text!), bytes) };
  });
  if (found.length > 0 || !meta || !text) return { source: null, problems: found };
  return { source: { id, meta, text: text.text, sha256: sha256(text.bytes), characters: codePointLength(text.text) }, problems: [] };
}

/** Runs one check of a document; an input error (or a file system error on that file) becomes a problem. */
async function reported<T>(problems: Problem[], file: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) problems.push(toProblem(error));
    else if (isFsError(error)) problems.push(toProblem(new InputError('unreadable', shown(file), `cannot be read (${fsReason(error)})`)));
    else throw error;
    return null;
  }
}

/** The two files of one document, by path (either may be missing while the folder is listed). */
interface Pair {
  text?: string;
  meta?: string;
}

/**
 * Lists a source folder: the complete pairs by document id, in code-point order. Names that are not
 * documents, invalid ids, case collisions and half pairs become problems (in name order). Throws an
 * InputError only when the folder itself cannot be read.
 */
async function listPairs(dir: string, problems: Problem[]): Promise<Map<string, Pair>> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new InputError('no-sources', shown(dir), `source folder cannot be read (${isFsError(error) ? (error.code === 'ENOENT' ? 'it does not exist' : error.code === 'ENOTDIR' ? 'it is a file, not a folder' : fsReason(error)) : 'does it exist?'})`);
  }
  const names = entries.filter((name) => !NOT_DOCUMENTS.has(name) && !name.startsWith('.')).sort(compareCodePoints);
  // Names equal but for letter case are one file on a case-insensitive file system (macOS, Windows):
  // a checkout there would keep one of them and silently lose the other.
  const byCase = new Map<string, string[]>();
  for (const name of names) byCase.set(name.toLowerCase(), [...(byCase.get(name.toLowerCase()) ?? []), name]);
  const pairs = new Map<string, Pair>();
  for (const name of names) {
    const file = join(dir, name);
    const where = shown(file);
    const lower = name.toLowerCase();
    const kind = lower.endsWith(META_SUFFIX) ? 'meta' : lower.endsWith(TEXT_SUFFIX) ? 'text' : null;
    if (!kind) {
      problems.push({ code: 'unknown-file', file: where, message: 'not a source document (expected <id>.txt or <id>.meta.json); ignored' });
      continue;
    }
    const twins = byCase.get(lower)!.filter((other) => other !== name);
    if (twins.length > 0 && name !== lower) {
      problems.push({
        code: 'case-collision',
        file: where,
        message: `differs from "${oneLine(twins[0]!)}" only by letter case: on a case-insensitive file system (macOS, Windows) the two are one file; document ids are lower-case, so this one is refused`,
      });
      continue;
    }
    const suffix = kind === 'meta' ? META_SUFFIX : TEXT_SUFFIX;
    const id = name.slice(0, -suffix.length);
    if (!name.endsWith(suffix) || !ID.test(id) || name.includes('..')) {
      const hint = ID.test(lower.slice(0, -suffix.length)) && !lower.includes('..') ? `; rename it "${oneLine(lower)}"` : '';
      problems.push({
        code: 'bad-id',
        file: where,
        message: `file name "${oneLine(name)}" is not <id>${suffix} with a valid document id (lower-case letters, digits, ".", "_", "-", starting with a letter or digit; no spaces, no "..")${hint}`,
      });
      continue;
    }
    const pair = pairs.get(id) ?? {};
    pair[kind] = file;
    pairs.set(id, pair);
  }
  for (const [id, pair] of pairs) {
    if (!pair.text || !pair.meta) {
      const missing = pair.text ? `${id}${META_SUFFIX}` : `${id}${TEXT_SUFFIX}`;
      problems.push({ code: 'missing-pair', file: shown((pair.text ?? pair.meta)!), message: `has no ${missing} beside it; document skipped` });
      pairs.delete(id);
    }
  }
  return pairs;
}

/** Sidecar bytes as a string: strict UTF-8, a leading BOM dropped. */
function decodeMeta(name: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new InputError('empty', name, 'is empty (expected a JSON object with title, publisher, url and published)');
  const encoding = wrongEncoding(bytes);
  if (encoding) throw new InputError(encoding.code, name, `${encoding.message}; save it as UTF-8`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw badEncoding(name, bytes, bad);
  return utf8.decode(bytes);
}

function parseMeta(name: string, json: string): SourceMeta {
  const data = parseJson(name, json);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError('bad-meta', name, `is ${Array.isArray(data) ? 'a JSON array' : data === null ? 'null' : `a JSON ${typeof data}`}, not an object with title, publisher, url and published`);
  }
  const errors = validate('source', data);
  if (errors.length > 0) {
    const first = errors[0]!;
    const others = errors.slice(1).map((e) => `"${oneLine(e.field)}"`);
    const more = others.length > 0 ? ` (also wrong: ${[...new Set(others)].join(', ')})` : '';
    throw new InputError('bad-meta', name, `${oneLine(first.message)}${more}`, oneLine(first.field));
  }
  const meta = data as SourceMeta;
  const dateError = checkEdtf(meta.published);
  if (dateError) throw new InputError('bad-meta', name, `${dateError} (${JSON.stringify(meta.published)})`, 'published');
  // A "uri" can be javascript: or data:; a source is a page on the web, and reports link to it.
  if (!/^https?:\/\/[^\s/]/i.test(meta.url)) throw new InputError('bad-meta', name, `must be an http:// or https:// address (${oneLine(JSON.stringify(meta.url)).slice(0, 80)})`, 'url');
  return meta;
}

