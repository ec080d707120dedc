// Per-document extraction on every core. Documents whose facts are already known (the cache, shard
// partials) are not extracted again; the others go to a pool of worker threads
// (pipeline/document-worker.ts), each with its own wink-nlp model and reference tables, a few
// documents at a time, the longest first. The facts come back in document order whatever thread
// finished first, so the output does not depend on the number of threads.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError } from './errors.js';
import { replaceFile } from './lib/files.js';
import type { DocumentFacts, DocumentTimes } from './extract/document.js';
import type { Reference } from './lib/reference.js';
import type { SourceText } from './sources/document.js';

/** The reference tables as plain data, to rebuild the same `Reference` in a worker without reading or re-validating them. */
export type ReferenceData = ConstructorParameters<typeof Reference>[0];

export function referenceData(ref: Reference): ReferenceData {
  return { countries: ref.countries, secretaries: ref.secretaries, equipment: { designations: ref.designations, nouns: ref.nouns, makers: ref.makers }, programs: ref.programs, words: ref.words, vocabulary: ref.vocabularyData };
}

/** Environment variable with the number of threads to extract with; one per core by default. */
export const WORKERS_ENV = 'PIPELINE_WORKERS';

/**
 * Fewer documents than this per thread and the threads are not worth starting: each one registers
 * tsx and loads the wink-nlp model, chrono and the schemas (about a second) before its first
 * document, which takes about 10 ms. Applies to the default count only; an explicit
 * PIPELINE_WORKERS is obeyed.
 */
export const MIN_DOCUMENTS_PER_THREAD = 128;

/** Documents sent to a thread at once: enough to make messages cheap, few enough to share the tail evenly. */
const MAX_BATCH = 8;

export interface WorkerSetting {
  count: number;
  /** Set in the environment, rather than the default. */
  explicit: boolean;
}

/** PIPELINE_WORKERS (a positive integer; 1 extracts on the main thread), else the machine's parallelism. */
/** At most this many threads per core, and never more than MAX_WORKERS. */
const THREADS_PER_CORE = 4;
const MAX_WORKERS = 64;

export function workerSetting(env: NodeJS.ProcessEnv = process.env): WorkerSetting {
  const raw = env[WORKERS_ENV];
  if (raw === undefined || raw === '') return { count: availableParallelism(), explicit: false };
  // More threads than a few per core only cost memory (each holds the language model): 200 took 10 GB.
  const most = Math.min(MAX_WORKERS, THREADS_PER_CORE * availableParallelism());
  if (!/^\d{1,6}$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > most) throw new UsageError(`${WORKERS_ENV} must be a whole number of threads from 1 to ${most} (this machine has ${availableParallelism()} cores; got "${raw.slice(0, 20)}")`);
  return { count: Number(raw), explicit: true };
}

/** Threads to start for a number of documents to extract; 0 means the main thread does it. */
export function threadsFor(documents: number, setting: WorkerSetting): number {
  const useful = setting.explicit ? documents : Math.floor(documents / MIN_DOCUMENTS_PER_THREAD);
  const threads = Math.min(setting.count, useful);
  return threads >= 2 ? threads : 0;
}

export interface ExtractStats {
  documents: number;
  /** Documents extracted in this run (the others were known). */
  extracted: number;
  /** Documents whose facts came from the cache or a partial. */
  known: number;
  threads: number;
  /** Summed over documents (CPU time in the threads), in milliseconds. */
  nlp: number;
  rules: number;
}

export interface ExtractOptions {
  ref: Reference;
  setting: WorkerSetting;
  /** Facts already known for a document (cache, partial), or null to extract it. */
  known(source: SourceText, index: number): DocumentFacts | null;
  /** Called with each document extracted in this run, as soon as it is done (to store it). */
  extracted?(source: SourceText, index: number, found: DocumentFacts): void;
  /** Documents done (known ones included) of all, after each one. */
  progress?(done: number, total: number): void;
}

/** The facts of every document, in the order of `sources`. */
export async function extractAll(sources: SourceText[], options: ExtractOptions): Promise<{ found: DocumentFacts[]; stats: ExtractStats }> {
  const found: (DocumentFacts | undefined)[] = new Array(sources.length);
  const todo: number[] = [];
  sources.forEach((source, i) => {
    const known = options.known(source, i);
    if (known) found[i] = known;
    else todo.push(i);
  });
  const threads = threadsFor(todo.length, options.setting);
  const stats: ExtractStats = { documents: sources.length, extracted: todo.length, known: sources.length - todo.length, threads, nlp: 0, rules: 0 };
  let finished = stats.known;
  const done = (i: number, facts: DocumentFacts, times: DocumentTimes) => {
    found[i] = facts;
    stats.nlp += times.nlp;
    stats.rules += times.rules;
    options.extracted?.(sources[i]!, i, facts);
    options.progress?.(++finished, sources.length);
  };
  if (threads === 0 && todo.length > 0) {
    // The language model and the rules load here, when a document is to be extracted, never before.
    const { extractSource } = await import('./documents.js');
    for (const i of todo) {
      const { found: facts, times } = extractSource(sources[i]!, options.ref);
      done(i, facts, times);
    }
  } else if (threads > 0) {
    await extractInThreads(sources, todo, threads, options.ref, done);
  }
  return { found: found as DocumentFacts[], stats };
}

/** Messages between the runner and a document worker. */
export interface Job {
  index: number;
  source: SourceText;
}
export type WorkerReply = { outcomes: { index: number; found: DocumentFacts; times: DocumentTimes }[] } | { failed: string };

const WORKER_URL = new URL(`./document-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * What a worker thread starts from. Compiled JavaScript starts the worker module directly. From the
 * TypeScript sources (npx tsx, vitest) a thread would have to register tsx's loader itself (on Node
 * 20 it does not inherit the parent's), which took about 0.9 s per thread before its first document.
 * Instead esbuild (tsx's own compiler) bundles the worker module and the project modules it imports
 * into one JavaScript module, packages left as imports by absolute path and each module's
 * import.meta.url kept, written once per version of the code to the system's temporary folder;
 * every thread starts from that file.
 */
async function workerEntry(): Promise<URL> {
  const source = fileURLToPath(WORKER_URL);
  if (!source.endsWith('.ts')) return WORKER_URL;
  // As the main thread imports them (ESM entry points); vitest's module runner has no import.meta.resolve.
  const resolvePackage = (name: string) => import.meta.resolve?.(name) ?? pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'packages-by-path',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, ({ path }) => ({ path: path.startsWith('node:') ? path : resolvePackage(path), external: true }));
          // Each module keeps its own location (modules find schemas/ and sources/ from it).
          b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({ contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader: 'ts' }));
        },
      },
    ],
  });
  const code = outputFiles[0]!.text;
  const file = join(tmpdir(), `defense-pipeline-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) await replaceFile(file, code);
  return pathToFileURL(file);
}

async function extractInThreads(sources: SourceText[], todo: number[], threads: number, ref: Reference, done: (i: number, facts: DocumentFacts, times: DocumentTimes) => void): Promise<void> {
  // Longest first, so that no thread is left with a long document while the others wait.
  const queue = [...todo].sort((a, b) => sources[b]!.text.length - sources[a]!.text.length || a - b);
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(queue.length / (threads * 16))));
  let remaining = queue.length;
  const entry = await workerEntry();
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolvePool, rejectPool) => {
      const feed = (worker: Worker) => {
        const jobs: Job[] = queue.splice(0, batch).map((index) => ({ index, source: sources[index]! }));
        if (jobs.length > 0) worker.postMessage(jobs);
      };
      const reference = referenceData(ref);
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(entry, { workerData: { reference } });
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          if ('failed' in reply) return rejectPool(new Error(`extraction failed in a worker thread: ${reply.failed}`));
          for (const o of reply.outcomes) done(o.index, o.found, o.times);
          remaining -= reply.outcomes.length;
          if (remaining === 0) resolvePool();
          else feed(worker);
        });
        worker.on('error', (error) => rejectPool(new Error(`a worker thread failed: ${error.stack ?? error.message}`)));
        worker.on('exit', (code) => {
          if (remaining > 0) rejectPool(new Error(`a worker thread exited (code ${code}) with ${remaining} document(s) left`));
        });
        // Two batches ahead, so that a thread never waits for the main thread between batches.
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
