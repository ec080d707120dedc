#!/usr/bin/env -S npx tsx
// The runner: sources/ → ingest → extract → review → validate → export → chart → report → output/, reports/.
// Progress goes to stderr, one line per stage with its time and the process's peak memory so far.
// Exit codes: see EXIT below and the README.
//
// The per-document part (read and check each document, annotate it, run the rules) scales with the
// corpus: it runs on every core (pipeline/workers.ts), skips documents whose facts are in the cache
// (pipeline/cache.ts), and can be split across machines (--shard, --merge: pipeline/shard.ts). The
// rest works on the merged facts, once. Whatever the threads, cache or shards, the bytes written are
// the same.
import { dirname, relative, resolve, join } from 'node:path';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError, UsageError, describeProblem, toProblem, type Problem } from './errors.js';
import { DEFAULT_CACHE_DIR, DocumentCache, PROJECT_DIR, RunCache, codeFingerprint, contentHash, documentKey, treeFingerprint, type RunRecord } from './cache.js';
import { readSources, type ReadResult, type SourceText } from './documents.js';
import { loadReference, referenceDirFor, type Reference } from './lib/reference.js';
import type { DocumentSummary } from './report/input.js';
import type { DocumentFacts } from './stages/extract.js';
import { sourceRow } from './sources/document.js';
import { parseShard, readPartials, shardOf, writePartial, type Shard } from './shard.js';
import { FACT_TABLES, TABLES, type Dataset } from './types.js';
import { extractAll, workerSetting, type ExtractStats, type WorkerSetting } from './workers.js';

export const EXIT = {
  /** Every document and row went through. */
  ok: 0,
  /** Some input was rejected (named on stderr and in reports/summary.md); the good rows were written. */
  rejected: 1,
  /** The command line was wrong. */
  usage: 2,
  /** A bug or an environment failure; nothing was published. */
  internal: 3,
  /** Another run is writing the same output or reports folder; nothing was read or written. */
  busy: 4,
} as const;

const HELP = `Usage: npm run pipeline -- [options]
       npm run pipeline -- --shard I/N [--out DIR] [options]
       npm run pipeline -- --merge DIR|FILE... [options]

Reads source documents (<id>.txt + <id>.meta.json) and writes cited datasets, charts and reports.

Options:
  --sources DIR    folder of source documents (default: sources). Optional in it: reference/
                   (lexicons; the project's sources/reference/ otherwise) and gold/ (the
                   editors' records, one <id>.json per document, which the review publishes).
  --out DIR        output folder: datapackage.json, data/, charts/, README.md (default: output)
  --reports DIR    reports folder: summary.md, changes.md, index.html (default: reports)
  --base-url URL   the address --out will be published at (https://...): the data page's
                   embed code then loads the charts from there, wherever it is pasted
  --strict         treat warnings (ignored files) as rejections,
                   and publish nothing when anything is rejected
  --cache DIR      content-hash cache (default: .cache in the project; safe to delete)
  --no-cache       neither read nor write the cache
  --shard I/N      extract only the I-th of N shards of the documents (fixed by a hash of each
                   document id) and write the partial result shard-I-of-N.json to --out
                   (default: .cache/partials) instead of the datasets
  --merge          combine the partial results of all N shards (the folders or files named after
                   the options) into the datasets and reports, exactly as one run would; the texts
                   are read again from --sources, which must be the folder the shards read
  --help           show this text

Environment:
  PIPELINE_WORKERS threads that extract documents (default: one per core; 1: the main thread)
  PIPELINE_CACHE   cache folder, or "off" (the options above take precedence)

Exit codes: 0 all went through; 1 input rejected (reasons on stderr, good rows still written);
2 bad command line; 3 internal failure (previous output left as it was).`;

/** Environment variable with the cache folder, or "off"; --cache and --no-cache take precedence. */
const CACHE_ENV = 'PIPELINE_CACHE';

export interface Options {
  sources: string;
  out: string;
  reports: string;
  strict: boolean;
  /** Cache folder, or null for no cache. */
  cache: string | null;
  shard: Shard | null;
  /** Partial results to merge, or null for a normal run. */
  merge: string[] | null;
  workers: WorkerSetting;
  /** Absolute http(s) URL of the published output folder, ending in "/"; null when not given. */
  baseUrl: string | null;
}

function parseOptions(argv: string[]): Options | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        sources: { type: 'string', default: 'sources' },
        out: { type: 'string' },
        reports: { type: 'string', default: 'reports' },
        strict: { type: 'boolean', default: false },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        shard: { type: 'string' },
        merge: { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return null;
  if (parsed.positionals.length > 0 && !v.merge) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (folders to merge go after --merge)`);
  if (v.merge && parsed.positionals.length === 0) throw new UsageError('--merge needs the folders or files of the partial results');
  if (v.merge && v.shard) throw new UsageError('--shard and --merge do not go together: run the shards, then merge their partials');
  if (v['no-cache'] && v.cache) throw new UsageError('--cache and --no-cache do not go together');
  const shard = v.shard === undefined ? null : parseShard(v.shard);
  const cache = v['no-cache'] ? null : v.cache !== undefined ? resolve(v.cache) : cacheFromEnv();
  return {
    sources: resolve(v.sources!),
    out: resolve(v.out ?? (shard ? join(cache ?? DEFAULT_CACHE_DIR, 'partials') : 'output')),
    reports: resolve(v.reports!),
    strict: v.strict!,
    cache,
    shard,
    merge: v.merge ? parsed.positionals.map((p) => resolve(p)) : null,
    workers: workerSetting(),
    baseUrl: v['base-url'] === undefined ? null : parseBaseUrl(v['base-url']),
  };
}

/** An absolute http(s) URL, as a folder: "https://example.org/data" -> "https://example.org/data/". */
function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url "${value}": not an absolute URL (https://example.org/data/)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--base-url "${value}": not an http or https URL`);
  if (url.search || url.hash) throw new UsageError(`--base-url "${value}": a folder address has no ?query or #fragment`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** PIPELINE_CACHE: a folder, or "off" for no cache; the project's .cache when unset. */
function cacheFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[CACHE_ENV]?.trim();
  if (!value) return DEFAULT_CACHE_DIR;
  return /^(off|none|no|false|0)$/i.test(value) ? null : resolve(value);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Peak resident memory of the process (all threads) so far, in MB. */
function peakMemory(): number {
  return Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
}

async function timed<T>(stage: string, work: () => T | Promise<T>, detail: (result: T) => string): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${stage.padEnd(9)} ${(performance.now() - started).toFixed(0).padStart(6)} ms ${String(peakMemory()).padStart(5)} MB  ${detail(result)}`);
  return result;
}

/**
 * The dataset as committed at git HEAD, for the release notes; null outside a git checkout. One
 * `git cat-file --batch` for every table: a git process per table cost about half a second on a
 * busy machine, much of a small run.
 */
async function committedDataset(): Promise<Dataset | null> {
  const { $ } = await import('zx');
  const wanted = TABLES.map((table) => `HEAD:output/data/${table}.json`).join('\n');
  const shown = await $({ cwd: PROJECT_DIR, quiet: true, nothrow: true, input: `${wanted}\n` })`git cat-file --batch`;
  if (shown.exitCode !== 0) return null;
  // Each object is "<sha> blob <bytes>\n", its bytes and a newline; a missing one is "<name> missing\n".
  const out = shown.buffer();
  const tables: Record<string, unknown> = {};
  let at = 0;
  for (const table of TABLES) {
    const headerEnd = out.indexOf(10, at);
    const header = /^[0-9a-f]+ blob (\d+)$/.exec(out.subarray(at, headerEnd).toString('utf8'));
    if (!header) return null;
    const size = Number(header[1]);
    tables[table] = JSON.parse(out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    at = headerEnd + 1 + size + 1;
  }
  return tables as unknown as Dataset;
}

/** The id of output/data as committed at git HEAD (what the release notes compare with); '' if none. */
async function committedDataId(): Promise<string> {
  const { $ } = await import('zx');
  const tree = await $({ cwd: PROJECT_DIR, quiet: true, nothrow: true })`git rev-parse --verify --quiet HEAD:output/data`;
  return tree.exitCode === 0 ? tree.stdout.trim() : '';
}

const HERE = new URL('.', import.meta.url).pathname;
const WORKER_ENTRY = join(HERE, 'document-worker.ts');

/** Hashes of the code and data a run depends on, computed once per run. */
class Keys {
  /** Everything extraction of one document reads: its modules, the libraries, Node. */
  readonly extraction = codeFingerprint([join(HERE, 'documents.ts'), WORKER_ENTRY]);
  readonly reference: string;

  constructor(referenceDir: string) {
    this.reference = treeFingerprint(referenceDir);
  }

  document(source: SourceText): string {
    return documentKey(this.extraction, this.reference, source);
  }

  /**
   * Everything a whole run reads (see pipeline/cache.ts). All of pipeline/ rather than the modules
   * run.ts imports: a stage may read a file of its folder at run time. `committed` is the id of the
   * dataset at git HEAD, which the release notes compare with.
   */
  run(options: Options, read: ReadResult, documentKeys: string[], committed: string): string {
    const parts = [
      this.extraction,
      treeFingerprint(HERE),
      treeFingerprint(join(PROJECT_DIR, 'schemas')),
      readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'),
      this.reference,
      treeFingerprint(resolve(options.sources, 'gold')),
      JSON.stringify({ strict: options.strict, outputHref: relative(options.reports, options.out) || '.', sources: relative(process.cwd(), options.sources), baseUrl: options.baseUrl }),
      committed,
      JSON.stringify(read.problems),
      documentKeys.join(','),
    ];
    return contentHash(parts.join('\u0000'));
  }
}

export async function runPipeline(options: Options): Promise<number> {
  const started = performance.now();
  const runs = options.cache && !options.shard && !options.merge ? new RunCache(options.cache) : null;
  // Asked of git now, answered while the sources are read.
  const committed = runs ? committedDataId() : Promise.resolve('');
  const ref = loadReference(referenceDirFor(options.sources));
  const keys = new Keys(referenceDirFor(options.sources));
  const shard = options.shard;
  const read = await timed(
    'ingest',
    () => readSources(options.sources, shard ? (id) => shardOf(id, shard.count) === shard.index : undefined),
    (r) => `${r.sources.length} documents${shard ? ` (shard ${shard.index}/${shard.count})` : ''}, ${r.problems.length} problems`,
  );
  const documentKeys = read.sources.map((s) => keys.document(s));

  const runKey = runs ? keys.run(options, read, documentKeys, await committed) : '';
  if (runs) {
    const hit = await timed('cache', () => runs.check(runKey, options.out, options.reports), (r) => (r ? 'nothing changed since the last run: output and reports are up to date' : 'something changed: running every stage'));
    if (hit) {
      for (const line of hit.log) log(line);
      done(started);
      return hit.exit;
    }
  }

  const documents = options.cache && !options.merge ? new DocumentCache(options.cache, keys.extraction) : null;
  const partials = options.merge ? await readPartials(options.merge) : null;
  if (partials) checkPartials(read.sources, documentKeys, partials.documents);
  const extracted = await timed(
    'extract',
    () =>
      extractAll(read.sources, {
        ref,
        setting: options.workers,
        known: (_source, i) => (partials ? partials.documents.get(read.sources[i]!.id)! : (documents?.get(documentKeys[i]!) ?? null)),
        extracted: documents ? (_source, i, found) => documents.put(documentKeys[i]!, found) : undefined,
      }),
    (r) => describeExtraction(r.stats, partials !== null),
  );
  const cacheError = (await documents?.flush()) ?? null;
  if (cacheError) log(`warning: the cache in ${options.cache} could not be written (${cacheError.message}); the run goes on without it`);
  else await documents?.prune();

  if (shard) return writeShard(options, shard, read, documentKeys, extracted.found, started);

  const record = await publish(options, read.sources, read.problems, extracted.found, ref);
  if (record && runs) await runs.save({ ...record, key: runKey }).catch((error: Error) => log(`warning: the run cache could not be written (${error.message})`));
  done(started);
  return record ? record.exit : EXIT.rejected;
}

function describeExtraction(stats: ExtractStats, merging: boolean): string {
  const where = stats.extracted === 0 ? '' : stats.threads > 0 ? ` on ${stats.threads} threads` : ' on the main thread';
  const cpu = stats.extracted === 0 ? '' : `; nlp ${(stats.nlp / 1000).toFixed(1)} s, rules ${(stats.rules / 1000).toFixed(1)} s of thread time`;
  return `${stats.documents} documents: ${stats.extracted} extracted${where}, ${stats.known} from ${merging ? 'partials' : 'cache'}${cpu}`;
}

function done(started: number): void {
  log(`${'total'.padEnd(9)} ${(performance.now() - started).toFixed(0).padStart(6)} ms ${String(peakMemory()).padStart(5)} MB`);
}

/** Every document of the source folder has an entry in the partials, made from the same document, lexicons and code. */
function checkPartials(sources: SourceText[], documentKeys: string[], entries: Map<string, { key: string }>): void {
  const ids = new Set(sources.map((s) => s.id));
  for (const [i, s] of sources.entries()) {
    const entry = entries.get(s.id);
    if (!entry) throw new UsageError(`--merge: no partial holds document ${s.id}; were the shards run on this source folder?`);
    if (entry.key !== documentKeys[i]) throw new UsageError(`--merge: the partial entry of ${s.id} was made from another version of the document, the lexicons or the extraction code; run its shard again`);
  }
  for (const id of entries.keys()) if (!ids.has(id)) throw new UsageError(`--merge: the partials hold document ${id}, which the source folder does not have (or which is rejected now)`);
}

async function writeShard(options: Options, shard: Shard, read: ReadResult, documentKeys: string[], found: DocumentFacts[], started: number): Promise<number> {
  await timed(
    'partial',
    () => writePartial(options.out, shard, read.sources.map((s, i) => ({ id: s.id, key: documentKeys[i]!, source: sourceRow(s), found: found[i]! }))),
    (f) => relative(process.cwd(), f),
  );
  for (const p of read.problems) log(`${isWarning(p, options) ? 'warning' : 'rejected'}: ${describeProblem(p)}`);
  done(started);
  return read.problems.some((p) => !isWarning(p, options)) ? EXIT.rejected : EXIT.ok;
}

/** Problems that do not reject anything unless --strict. */
const WARNINGS = new Set(['unknown-file']);

function isWarning(p: Problem, options: Options): boolean {
  return WARNINGS.has(p.code) && !options.strict;
}

/**
 * The global stages, from the merged facts to the files: review, validate, export, chart, report,
 * write. Returns what the run wrote (for the run cache), or null when --strict published nothing.
 * Their modules (jsdom, Plot, ...) are loaded here, so a run that stops at the cache never loads them.
 */
async function publish(options: Options, docs: SourceText[], ingestProblems: Problem[], found: DocumentFacts[], ref: Reference): Promise<Omit<RunRecord, 'key'> | null> {
  const [{ checkClaims }, { publishRelease }, { buildDataDictionary }, { renderCharts }, { datasetVersion, exportDataset }, { buildReports }, { reviewStage }, { validateDataset }] = await Promise.all([
    import('./claims.js'),
    import('./release.js'),
    import('./report/dictionary.js'),
    import('./stages/chart.js'),
    import('./stages/export.js'),
    import('./stages/report.js'),
    import('./stages/review.js'),
    import('./stages/validate.js'),
  ]);
  const problems: Problem[] = [...ingestProblems];
  const reviewed = await timed(
    'review',
    () => reviewStage(options.sources, docs, found, ref),
    (r) => `${r.reviewed} records: ${FACT_TABLES.map((t) => `${r.rows[t].length} ${t}`).join(', ')}; ${r.dropped.length} rows dropped`,
  );
  found.length = 0; // The per-document facts are in the merged rows now; let them go before the heavy stages.
  problems.push(...reviewed.problems);
  const dataset: Dataset = { ...reviewed.rows, sources: docs.map(sourceRow), evidence: reviewed.evidence };
  const validated = await timed('validate', () => validateDataset(dataset, docs), (r) => `${r.problems.length} rows rejected`);
  problems.push(...validated.problems);
  const data = validated.data;
  const version = datasetVersion();

  const rejected = problems.filter((p) => !isWarning(p, options));
  const lines = problems.map((p) => `${isWarning(p, options) ? 'warning' : 'rejected'}: ${describeProblem(p)}`);
  for (const line of lines) log(line);
  if (options.strict && rejected.length > 0) {
    log(`--strict: ${rejected.length} problem(s); nothing published`);
    return null;
  }

  const files = await timed('export', () => exportDataset(data, { version }), (f) => `${f.size} files`);
  const charts = await timed('chart', () => renderCharts(data, { version }), (c) => `${c.size} charts`);
  for (const [path, svg] of charts) files.set(path, svg);
  files.set('README.md', buildDataDictionary(data, version));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const reports = await timed(
    'report',
    async () =>
      buildReports({
        data,
        documents: summarize(docs, data),
        problems,
        review: reviewed,
        claims: checkClaims(reviewed.claims, data['secdef-visits'], data.evidence, (id) => byId.get(id)!.text),
        charts,
        outputFiles: [...files.keys()].sort(),
        previous: await committedDataset(),
        version,
        outputHref: relative(options.reports, options.out) || '.',
        baseUrl: options.baseUrl,
      }),
    (r) => `${r.size} files`,
  );
  await timed('write', () => publishRelease([{ target: options.out, files }, { target: options.reports, files: reports }]), () => `${relative(process.cwd(), options.out) || '.'}/, ${relative(process.cwd(), options.reports) || '.'}/`);
  const hashes = (m: Map<string, string | Uint8Array>) => Object.fromEntries([...m].map(([path, content]) => [path, contentHash(content)]));
  return { exit: rejected.length > 0 ? EXIT.rejected : EXIT.ok, log: lines, files: { out: hashes(files), reports: hashes(reports) } };
}

/** Rows citing each document, per fact table (through the evidence table). */
function summarize(docs: SourceText[], data: Dataset): DocumentSummary[] {
  const cited = new Map<string, Map<string, (typeof data.evidence)[number]['table']>>();
  for (const e of data.evidence) {
    const records = cited.get(e.source_id) ?? cited.set(e.source_id, new Map()).get(e.source_id)!;
    if (!records.has(e.record_id)) records.set(e.record_id, e.table);
  }
  return docs.map((d) => {
    const facts = { 'secdef-visits': 0, 'arms-purchases': 0, training: 0 };
    for (const table of cited.get(d.id)?.values() ?? []) facts[table]++;
    return { id: d.id, title: d.meta.title, publisher: d.meta.publisher, url: d.meta.url, facts };
  });
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(`error: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  let unlock = () => {};
  try {
    if (!options.shard) {
      const { checkTargets } = await import('./targets.js');
      checkTargets({ out: options.out, reports: options.reports, sources: options.sources, project: PROJECT_DIR, cwd: process.cwd() });
      const { lockTargets } = await import('./lock.js');
      const { recover } = await import('./release.js');
      for (const target of [options.out, options.reports]) mkdirSync(dirname(target), { recursive: true });
      unlock = lockTargets([options.out, options.reports]);
      recover([options.out, options.reports]);
    }
    return await runPipeline(options);
  } catch (error) {
    if ((error as Error).name === 'RuleBugError') {
      log(`internal error: ${(error as Error).message}; nothing was published (a bug in the extractor: please report it with this line)`);
      return EXIT.internal;
    }
    if ((error as Error).name === 'BusyError') {
      log(`error: ${(error as Error).message}`);
      return EXIT.busy;
    }
    if (isFsError(error)) {
      log(`internal error: ${error.path ?? ''}${error.path ? ': ' : ''}${fsReason(error)} (${error.code}); the previous ${relative(process.cwd(), options.out) || '.'}/ and ${relative(process.cwd(), options.reports) || '.'}/ are as they were`);
      return EXIT.internal;
    }
    if (error instanceof InputError) {
      log(`rejected: ${describeProblem(toProblem(error))}`);
      return EXIT.rejected;
    }
    if (error instanceof UsageError) {
      log(`error: ${error.message}`);
      return EXIT.usage;
    }
    log(`internal error: ${(error as Error).stack ?? error}`);
    return EXIT.internal;
  } finally {
    unlock();
  }
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** What a file-system failure means for a person. */
function fsReason(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on the disk',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EIO: 'input/output error from the disk',
    ENOTDIR: 'a part of the path is a file, not a folder',
  };
  return reasons[error.code!] ?? 'the file system refused';
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('pipeline/run.ts')) {
  process.exitCode = await main();
}
