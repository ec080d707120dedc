// Reading a file of a source folder safely: a regular file only (no folder, FIFO, device or socket,
// so nothing can hang the run), a link only when it points inside the folder, never more than a limit
// (refused from its size on disk, without reading), and a file replaced or growing while it is read
// is noticed. Problems are InputErrors naming the file as the user gave it, on one line.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';

/** Control, line-separator and bidirectional-override characters: each would break or disguise a one-line message. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** A string made safe for one line of a message: every unsafe character written as an escape. */
export function oneLine(s: string): string {
  return s.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}


/**
 * Reads a file after checking that it is a regular file inside the source folder (a link may point
 * only inside it) and under the size limit. The size comes from `stat`: a file over the limit is
 * refused without reading a byte of it, and a file that grows while it is read is refused too.
 */
export async function readLimited(dir: string, file: string, limit: number, roots: Roots): Promise<Buffer> {
  // The folder is resolved once per run; the calls are synchronous: for 20,000 small files the
  // promise API costs more than the reading.
  return readChecked(await realRoot(dir, roots), dir, file, limit);
}

/** `readLimited` for one file, synchronously: the reference tables and the editors' records. */
export function readInside(dir: string, file: string, limit: number): Buffer {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    throw new InputError('unreadable', shown(dir), 'cannot be read (the folder does not exist?)');
  }
  return readChecked(root, dir, file, limit);
}

function readChecked(root: string, dir: string, file: string, limit: number): Buffer {
  const name = shown(file);
  const own = lstatSync(file);
  // A file right in the folder that is not a link is its own real path (one lstat instead of a
  // realpath); one in a subfolder is resolved, as the subfolder may itself be a link.
  const nested = dirname(file) !== dir;
  let real = join(root, basename(file));
  let before = own;
  if (own.isSymbolicLink() || nested) {
    try {
      real = realpathSync(file);
    } catch {
      throw new InputError('broken-link', name, 'is a link to nothing (its target is missing, or links loop); refused');
    }
    const inside = relative(root, real);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new InputError('symlink-outside', name, 'is a link (or is in a folder that links) outside the source folder; refused');
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
export type Roots = Map<string, Promise<string>>;

function realRoot(dir: string, roots: Roots): Promise<string> {
  let root = roots.get(dir);
  if (!root) {
    root = realpath(dir);
    roots.set(dir, root);
  }
  return root;
}

export function tooLarge(name: string, size: number, limit: number): InputError {
  return new InputError('too-large', name, `is ${size} bytes (${mebibytes(size)}), over the limit of ${limit} bytes (${mebibytes(limit)}); refused without reading it`);
}

export function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}

function kindOf(s: Stats): string {
  return s.isDirectory() ? 'a folder' : s.isFIFO() ? 'a named pipe' : s.isSocket() ? 'a socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : 'a special file';
}

/**
 * How a file is named in a problem: relative to the working directory when it is inside it (as the
 * user typed it: `sources/x.meta.json`, the same on every clone), absolute otherwise; one line.
 */
export function shown(file: string): string {
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return oneLine(file); // the working directory was removed
  }
  const rel = relative(cwd, file);
  return oneLine(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file);
}

export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

export function fsReason(error: NodeJS.ErrnoException): string {
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
