// The content-hash cache, in .cache/ at the project root (git-ignored; deleting it is always safe).
// Two levels, neither of which can change an output byte: a hit gives back what the work would give.
//
// - .cache/documents/<code>/: each document's facts, under a hash of everything extraction reads:
//   the document id, its sidecar, its text, the reference tables and the extraction code (every
//   module pipeline/documents.ts imports, package-lock.json, the Node version). A changed document
//   is re-extracted; the others are read back. Entries of all but the last three versions of the
//   extraction code are removed after a run.
// - .cache/runs/<key>.json: for a whole run, a hash of every input of every stage (the source folder
//   as it is on disk, the reference tables, the schemas, the whole pipeline's code, package.json, the
//   options; see pipeline/keys.ts) and the hash of every file the run wrote. When the inputs are the
//   same and output/ and reports/ still hold exactly those files, the run stops before its first
//   stage. The previous release that the release notes compare with is then that run's own.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DocumentFacts } from './extract/document.js';
import { scanJson } from './lib/json.js';
import type { SourceText } from './sources/document.js';
import { contentHash } from './keys.js';
import { sealFacts, unsealFacts } from './stored-facts.js';

export { DEFAULT_CACHE_DIR, PROJECT_DIR } from './paths.js';

/** Versions of the extraction code whose document entries are kept, the current one included. */
const CODE_VERSIONS_KEPT = 3;
/** Run records kept: enough for a few source folders and option sets side by side. */
const RUNS_KEPT = 16;
/** Cache files written at once. */
const WRITE_CONCURRENCY = 16;

/** Facts of documents by key, one JSON file each under <dir>/documents/<code>/. */
export class DocumentCache {
  private readonly dir: string;
  private readonly pending = new Set<Promise<void>>();
  private writing = 0;
  private readonly waiting: (() => void)[] = [];
  private writeError: Error | null = null;

  constructor(
    private readonly root: string,
    private readonly code: string,
  ) {
    this.dir = join(root, 'documents', code.slice(0, 16));
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The facts stored under a key; null when there are none, or the entry is not one the pipeline wrote. */
  get(key: string): DocumentFacts | null {
    let json: string;
    try {
      json = readFileSync(this.path(key), 'utf8');
    } catch {
      return null;
    }
    // A damaged, truncated or hand-edited entry is a miss: the document is extracted again and the entry rewritten.
    if (scanJson(json) !== null) return null;
    const entry = JSON.parse(json) as { key?: unknown; facts?: unknown };
    return entry.key === key ? unsealFacts(entry.facts) : null;
  }

  /** Stores facts in the background (through a temporary file and a rename); `flush` waits for it. */
  put(key: string, found: DocumentFacts): void {
    const json = JSON.stringify({ key, facts: sealFacts(found) });
    const write = (async () => {
      await this.slot();
      try {
        const file = this.path(key);
        await mkdir(dirname(file), { recursive: true });
        const staging = `${file}.${process.pid}.tmp`;
        await writeFile(staging, json);
        await rename(staging, file);
      } finally {
        this.release();
      }
    })().catch((error: Error) => {
      this.writeError ??= error;
    });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Waits for the writes; returns the first write error (the cache is an optimisation: a failure is a warning). */
  async flush(): Promise<Error | null> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    return this.writeError;
  }

  /** At most WRITE_CONCURRENCY writes at a time; the others wait their turn in order. */
  private async slot(): Promise<void> {
    if (this.writing < WRITE_CONCURRENCY) {
      this.writing++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // The slot passes to the next write.
    else this.writing--;
  }

  /**
   * Removes the entries of older versions of the extraction code, keeping the few most recently used
   * (switching branches back and forth, or another run of other code at the same time).
   */
  async prune(): Promise<void> {
    const parent = join(this.root, 'documents');
    const mine = this.code.slice(0, 16);
    const others = await Promise.all(
      (await readdir(parent).catch(() => [] as string[])).filter((n) => n !== mine).map(async (n) => ({ n, t: (await stat(join(parent, n)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    for (const { n } of others.sort((a, b) => b.t - a.t).slice(CODE_VERSIONS_KEPT - 1)) await rm(join(parent, n), { recursive: true, force: true });
  }
}

/** What a run produced, recorded so that an identical run can stop early. */
export interface RunRecord {
  key: string;
  exit: number;
  /** The warning and rejection lines the run printed, printed again on a hit. */
  log: string[];
  /** sha256 of every file written, by folder ('out' or 'reports') and relative path. */
  files: { out: Record<string, string>; reports: Record<string, string> };
}

/** Records of whole runs, one JSON file each under <dir>/runs/. */
export class RunCache {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, 'runs');
  }

  /**
   * The record of a run with these inputs, if the folders still hold the files it wrote with the same
   * bytes (other files, written by other commands or by the user, are not the run's and do not count).
   */
  async check(key: string, out: string, reports: string): Promise<RunRecord | null> {
    let record: RunRecord;
    try {
      const json = await readFile(join(this.dir, `${key}.json`), 'utf8');
      if (scanJson(json) !== null) return null;
      record = JSON.parse(json) as RunRecord;
    } catch {
      return null;
    }
    // A record of another shape (damaged, or an older version's) is a miss, never a crash. Checked here
    // by hand, not against schemas/run-record.schema.json: compiling the schemas would cost a run that
    // finds nothing changed more than the rest of it.
    if (!isRunRecord(record) || record.key !== key) return null;
    const same = await Promise.all([holds(out, record.files.out), holds(reports, record.files.reports)]);
    return same.every(Boolean) ? record : null;
  }

  async save(record: RunRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${record.key}.json`);
    await writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify(record)}\n`);
    await rename(`${file}.${process.pid}.tmp`, file);
    const records = await Promise.all(
      (await readdir(this.dir)).filter((n) => n.endsWith('.json')).map(async (n) => ({ n, t: (await stat(join(this.dir, n)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    for (const { n } of records.sort((a, b) => b.t - a.t).slice(RUNS_KEPT)) await rm(join(this.dir, n), { force: true });
  }
}

function isRunRecord(value: unknown): value is RunRecord {
  const r = value as Partial<RunRecord> | null;
  const hashes = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h));
  return (
    typeof r === 'object' && r !== null && typeof r.key === 'string' && Number.isInteger(r.exit) && Array.isArray(r.log) && r.log.every((l) => typeof l === 'string') && typeof r.files === 'object' && r.files !== null && hashes(r.files.out) && hashes(r.files.reports)
  );
}

/** True when `dir` holds every one of `files` (relative path → sha256) with those bytes. */
async function holds(dir: string, files: Record<string, string>): Promise<boolean> {
  const wanted = Object.keys(files);
  // Compare contents a few files at a time: output folders can be a hundred megabytes.
  let next = 0;
  let same = true;
  const worker = async () => {
    while (same && next < wanted.length) {
      const rel = wanted[next++]!;
      const bytes = await readFile(join(dir, rel)).catch(() => null);
      if (bytes === null || contentHash(bytes) !== files[rel]) same = false;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return same;
}
