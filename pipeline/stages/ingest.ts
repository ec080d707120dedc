// Stage ingest: reads a source folder (<id>.txt + <id>.meta.json pairs), validates each sidecar,
// decodes the text and segments it. A bad document is reported and skipped; the others go through.
// Every problem is one line naming the file (relative to the working directory when inside it) and,
// where it helps, the field or line: file names and messages are escaped so that no control, line
// break or bidi character from a name or a file can break or disguise that line. Checks, in order:
// listing (id rule, letter-case collisions, half pairs), then per file: links must stay inside the
// folder, regular files only, size from stat (never read past MAX_TEXT_BYTES), UTF-16/32 and NUL
// bytes, strict UTF-8 with the line of the first bad byte, and for sidecars JSON (line and column),
// the schema, a real calendar date and an http(s) URL.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { InputError, toProblem, type Problem } from '../errors.js';
import { sentenceSpans, type Span } from '../extract/nlp.js';
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
  /** When the copy was taken (YYYY-MM-DD). */
  accessed?: string;
}

export interface SourceDoc {
  id: string;
  meta: SourceMeta;
  text: string;
  sha256: string;
  characters: number;
  /** UTF-16 offsets into text; converted to code points when rows are published. */
  sentences: Span[];
}

export interface IngestResult {
  docs: SourceDoc[];
  problems: Problem[];
}

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
export const NOT_DOCUMENTS = new Set(['corrections.json', 'README.md', 'reference', 'gold']);

export async function ingest(dir: string): Promise<IngestResult> {
  const { sources, problems } = await readSources(dir);
  return { docs: sources.map((source) => ({ ...source, sentences: sentenceSpans(source.text) })), problems };
}

/** A document read and checked, before any language work: what the main thread keeps of it. */
export interface SourceText {
  id: string;
  meta: SourceMeta;
  text: string;
  /** Of the text file's bytes, as published in the sources table. */
  sha256: string;
  characters: number;
}

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

/** A document from text already in memory (tests, the benchmark); `ingest` reads files with `readSource`. */
export function documentFromText(id: string, text: string, meta: SourceMeta, bytes: Uint8Array = Buffer.from(text, 'utf8')): SourceDoc {
  // wink-nlp fails on an empty string (ingest never passes one: an empty file is refused).
  const sentences = text === '' ? [] : sentenceSpans(text);
  return { id, meta, text, sha256: sha256(bytes), characters: codePointLength(text), sentences };
}

/**
 * Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or -1 when all of it is. A truncated last character counts
 * from its first byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Index of the first character at which `text` stops being JSON (RFC 8259), or -1 when it is JSON
 * (or nests too deeply to tell). Only used to point at the line of a broken sidecar.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : fail());
  const string = () => {
    expect('"');
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c < 0x20) fail();
      if (c === 0x22) return void i++;
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          string();
          ws();
          expect(':');
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else return void expect(close);
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (stop) {
    if (stop instanceof JsonStop) return Math.min(stop.at, text.length);
    return -1;
  }
}

class JsonStop {
  constructor(readonly at: number) {}
}

/** Control, line-separator and bidirectional-override characters: each would break or disguise a one-line message. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** A string made safe for one line of a message: every unsafe character written as an escape. */
export function oneLine(s: string): string {
  return s.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
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

/**
 * Reads a file after checking that it is a regular file inside the source folder (a link may point
 * only inside it) and under the size limit. The size comes from `stat`: a file over the limit is
 * refused without reading a byte of it, and a file that grows while it is read is refused too.
 */
async function readLimited(dir: string, file: string, limit: number, roots: Roots): Promise<Buffer> {
  const name = shown(file);
  // Faster than ingest.ts, same answers. The folder is resolved once per run; a file of the folder
  // that is not a link is its own real path (one lstat instead of two realpath and a stat); and the
  // calls are synchronous: for 20,000 small files the promise API costs more than the reading.
  const root = await realRoot(dir, roots);
  const own = lstatSync(file);
  let real = join(root, basename(file));
  let before = own;
  if (own.isSymbolicLink()) {
    try {
      real = realpathSync(file);
    } catch {
      throw new InputError('broken-link', name, 'is a link to nothing (its target is missing, or links loop); refused');
    }
    const inside = relative(root, real);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new InputError('symlink-outside', name, 'is a link that points outside the source folder; refused');
    }
    before = statSync(real);
  }
  if (!before.isFile()) throw new InputError('not-a-file', name, `is ${kindOf(before)}, not a regular file; refused`);
  if (before.size > limit) throw tooLarge(name, before.size, limit);
  // O_NOFOLLOW: the checked path cannot be swapped for a link in between; O_NONBLOCK: a FIFO never hangs the run.
  const fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev) {
      throw new InputError('changed', name, 'was replaced while it was being read; run again');
    }
    if (opened.size > limit) throw tooLarge(name, opened.size, limit);
    // One byte more than the size: a file still being written is noticed instead of cut short.
    const buffer = Buffer.allocUnsafe(opened.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length !== opened.size) throw new InputError('changed', name, 'changed size while it was being read; run again when it is complete');
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Real paths of source folders, asked of the file system once per reading of a folder. */
type Roots = Map<string, Promise<string>>;

function realRoot(dir: string, roots: Roots): Promise<string> {
  let root = roots.get(dir);
  if (!root) {
    root = realpath(dir);
    roots.set(dir, root);
  }
  return root;
}

function tooLarge(name: string, size: number, limit: number): InputError {
  return new InputError('too-large', name, `is ${size} bytes (${mebibytes(size)}), over the limit of ${limit} bytes (${mebibytes(limit)}); refused without reading it`);
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}

function kindOf(s: Stats): string {
  return s.isDirectory() ? 'a folder' : s.isFIFO() ? 'a named pipe' : s.isSocket() ? 'a socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : 'a special file';
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
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const at = jsonErrorOffset(json);
    const where = at >= 0 ? ` (column ${at - json.lastIndexOf('\n', at - 1)})` : '';
    const reason = oneLine((error as Error).message.replace(/ in JSON at position \d+.*$/, '')).slice(0, 120);
    throw new InputError('bad-json', name, `is not valid JSON${where}: ${reason}`, undefined, at >= 0 ? lineAt(json, at) : undefined);
  }
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

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8; a leading BOM is dropped (offsets count from the first character after it). */
function decodeText(name: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new InputError('empty', name, 'is empty (0 bytes)');
  const encoding = wrongEncoding(bytes);
  if (encoding) throw new InputError(encoding.code, name, `${encoding.message}; save it as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError('binary', name, `contains a NUL byte (at byte ${nul}): a binary file, not text`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw badEncoding(name, bytes, bad);
  const text = utf8.decode(bytes);
  if (text.trim() === '') throw new InputError('empty', name, 'has no text (only white space)');
  return text;
}

/** UTF-16 or UTF-32, with a byte-order mark or (UTF-16 of mostly ASCII text) without one. */
function wrongEncoding(bytes: Buffer): { code: 'utf16' | 'utf32'; message: string } | null {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) return { code: 'utf32', message: 'is UTF-32 (it starts with a UTF-32 byte-order mark)' };
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return { code: 'utf16', message: 'is UTF-16 (it starts with a UTF-16 byte-order mark)' };
  // Without a mark: ASCII-range text in UTF-16 has a zero in every other byte.
  const sample = bytes.subarray(0, 4096);
  if (sample.length >= 4) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
    const half = Math.floor(sample.length / 2);
    if (Math.max(even, odd) >= half * 0.6 && Math.min(even, odd) <= half * 0.05) return { code: 'utf16', message: 'looks like UTF-16 without a byte-order mark (every other byte is zero)' };
  }
  return null;
}

function badEncoding(name: string, bytes: Buffer, offset: number): InputError {
  const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  const hint = latin1Like(bytes) ? '; it looks like Latin-1 or Windows-1252' : '';
  return new InputError('bad-encoding', name, `is not valid UTF-8 (byte 0x${byte} at offset ${offset})${hint}: save it as UTF-8`, undefined, lineOfByte(bytes, offset));
}

/** Single high bytes between ASCII letters: the mark of a legacy 8-bit encoding. */
function latin1Like(bytes: Buffer): boolean {
  for (let i = 1; i < bytes.length - 1 && i < 65536; i++) {
    if (bytes[i]! >= 0xa0 && bytes[i - 1]! < 0x80 && bytes[i + 1]! < 0x80) return true;
  }
  return false;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/**
 * How a file is named in a problem: relative to the working directory when it is inside it (as the
 * user typed it: `sources/x.meta.json`, the same on every clone), absolute otherwise; one line.
 */
function shown(file: string): string {
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return oneLine(file); // the working directory was removed
  }
  const rel = relative(cwd, file);
  return oneLine(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file);
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function fsReason(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    ENOENT: 'it does not exist (removed while the run was reading the folder?)',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
    ELOOP: 'too many levels of links',
    EIO: 'input/output error from the disk',
    EMFILE: 'too many open files',
  };
  return reasons[error.code!] ?? `${error.code}`;
}

if (isMain(import.meta.url)) {
  await runStage('ingest', async ({ sources, write }) => {
    const result = await ingest(sources);
    write('ingest', result);
    return `${result.docs.length} documents, ${result.problems.length} problems`;
  });
}
