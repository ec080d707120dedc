// Publishing a release: the output and reports folders, written so that the pipeline never deletes
// or overwrites anything it did not create, and never leaves half a release.
//
// - Ownership. Every folder the pipeline publishes carries a manifest (MANIFEST) listing the files it
//   wrote. A folder is replaced only when it is absent, empty, or carries that manifest; files in it
//   that the manifest does not list (a user's notes, reports written by other commands) are carried
//   into the new release, never deleted.
// - Both folders are staged completely (hidden siblings `.<name>.new-<pid>-<random>`) before either
//   is swapped. A journal beside the output folder then names the pairs to swap; the swaps are four
//   renames; the journal goes last. A run killed at any point leaves either the previous release
//   whole, or a journal from which the next run finishes the swap (the staged folders were complete
//   when the journal was written), so output/ and reports/ always come from the same run.
// - Permissions are the user's usual ones (mkdir under the umask, not mkdtemp's 0700).
// The caller holds the lock of both folders (pipeline/lock.ts) while it publishes or recovers.
import { existsSync, lstatSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The file that marks a folder as a release of this pipeline, and lists what the release wrote. */
export const MANIFEST = '.pipeline-release.json';
const GENERATOR = 'defense-relations-data pipeline';

interface Manifest {
  generator: string;
  files: string[];
}

export type Ownership = { kind: 'absent' } | { kind: 'empty' } | { kind: 'release'; files: Set<string> } | { kind: 'foreign'; reason: string };

/** Whether the pipeline may replace the folder at `target`, and what its earlier release wrote. */
export function ownership(target: string): Ownership {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return { kind: 'absent' };
  }
  if (stat.isSymbolicLink()) return { kind: 'foreign', reason: 'is a link; give the real folder' };
  if (!stat.isDirectory()) return { kind: 'foreign', reason: 'is a file, not a folder' };
  const entries = readdirSync(target);
  if (entries.length === 0) return { kind: 'empty' };
  if (!entries.includes(MANIFEST)) return { kind: 'foreign', reason: `is not empty and holds no ${MANIFEST}: it was not written by this pipeline` };
  try {
    const manifest = JSON.parse(readFileSync(join(target, MANIFEST), 'utf8')) as Manifest;
    if (manifest.generator !== GENERATOR || !Array.isArray(manifest.files) || !manifest.files.every((f) => typeof f === 'string')) throw new Error('not ours');
    return { kind: 'release', files: new Set(manifest.files) };
  } catch {
    return { kind: 'foreign', reason: `holds a ${MANIFEST} that this pipeline did not write` };
  }
}

export interface Planned {
  target: string;
  files: Map<string, string | Uint8Array>;
}

interface Staged {
  target: string;
  staging: string;
  retired: string;
}

/** Where a run's folders go while they are written; the pid names the run, the random part the attempt. */
function stagingFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.new-${process.pid}-${randomBytes(4).toString('hex')}`);
}

function journalFor(first: string): string {
  return join(dirname(first), `.${basename(first)}.swap.json`);
}

/**
 * Publishes every planned folder as one release: all are staged, then all swapped. Files of the old
 * folders that their manifest does not list are carried over. Throws before anything is replaced
 * when a folder is not ours or a file cannot be written.
 */
export async function publishRelease(planned: Planned[]): Promise<void> {
  const staged: Staged[] = [];
  try {
    for (const { target, files } of planned) {
      const owner = ownership(target);
      if (owner.kind === 'foreign') throw new Error(`${target} ${owner.reason}`);
      await mkdir(dirname(target), { recursive: true });
      const staging = stagingFor(target);
      staged.push({ target, staging, retired: `${staging}.old` });
      await mkdir(staging);
      const names = [...files.keys()].sort();
      for (const path of names) {
        const file = join(staging, path);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, files.get(path)!);
      }
      await writeFile(join(staging, MANIFEST), `${JSON.stringify({ generator: GENERATOR, files: names } satisfies Manifest, null, 2)}\n`);
      if (owner.kind === 'release') await carryOver(target, staging, owner.files);
    }
  } catch (error) {
    for (const s of staged) await rm(s.staging, { recursive: true, force: true });
    throw error;
  }
  const journal = journalFor(planned[0]!.target);
  writeFileSync(journal, `${JSON.stringify(staged)}\n`);
  swap(staged, journal);
}

/** Copies into the new folder the entries of the old one that the old release did not write. */
async function carryOver(target: string, staging: string, written: Set<string>): Promise<void> {
  const walk = async (rel: string): Promise<void> => {
    for (const entry of readdirSync(join(target, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (path === MANIFEST || written.has(path)) continue;
      // A folder the release wrote files into is walked; any other entry is not ours and is kept whole.
      if (entry.isDirectory() && [...written].some((f) => f.startsWith(`${path}/`))) await walk(path);
      else if (!existsSync(join(staging, path))) await cp(join(target, path), join(staging, path), { recursive: true, verbatimSymlinks: true });
    }
  };
  await walk('');
}

/**
 * The renames, with no await between them, and signals held back meanwhile: Ctrl-C during the swap
 * takes effect once it is over. Only SIGKILL or a power cut can stop it halfway; the journal is there
 * for that. A failing rename (permissions) rolls back what was swapped.
 */
function swap(staged: Staged[], journal: string): void {
  const held: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => held.push(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, hold);
  const done: Staged[] = [];
  try {
    for (const s of staged) {
      const had = existsSync(s.target);
      if (had) renameSync(s.target, s.retired);
      try {
        renameSync(s.staging, s.target);
      } catch (error) {
        if (had) renameSync(s.retired, s.target);
        throw error;
      }
      done.push(s);
    }
    rmSync(journal, { force: true });
  } catch (error) {
    for (const s of done.reverse()) {
      renameSync(s.target, s.staging);
      if (existsSync(s.retired)) renameSync(s.retired, s.target);
    }
    for (const s of staged) rmSync(s.staging, { recursive: true, force: true });
    rmSync(journal, { force: true });
    throw error;
  } finally {
    for (const s of signals) process.off(s, hold);
  }
  for (const s of staged) rmSync(s.retired, { recursive: true, force: true });
  if (held.length > 0) process.kill(process.pid, held[0]);
}

/**
 * Tidies what a killed run left beside these folders (the caller holds their lock, so no live run
 * owns anything here): a journal is carried out to the end, so the staged release is published whole;
 * staging and retired folders with no journal are dead and removed, but a retired folder is put
 * back first when its target is missing (a run of an earlier version killed between its renames).
 */
export function recover(targets: string[]): void {
  const journal = journalFor(targets[0]!);
  if (existsSync(journal)) {
    let staged: Staged[] = [];
    try {
      staged = JSON.parse(readFileSync(journal, 'utf8')) as Staged[];
    } catch {
      staged = []; // A journal cut short was being written: no swap had begun.
    }
    for (const s of staged) {
      if (!existsSync(s.staging)) continue;
      if (existsSync(s.target) && !existsSync(s.retired)) renameSync(s.target, s.retired);
      if (!existsSync(s.target)) renameSync(s.staging, s.target);
    }
    rmSync(journal, { force: true });
  }
  for (const target of targets) {
    const parent = dirname(target);
    if (!existsSync(parent)) continue;
    const prefix = `.${basename(target)}.new-`;
    const left = readdirSync(parent).filter((name) => name.startsWith(prefix)).sort();
    const retired = left.filter((name) => name.endsWith('.old'));
    if (!existsSync(target) && retired.length > 0) renameSync(join(parent, retired.at(-1)!), target);
    for (const name of left) rmSync(join(parent, name), { recursive: true, force: true });
  }
}
