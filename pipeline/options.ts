// The options of a run, from the command line and the environment. The runner (pipeline/cli.ts) and
// every stage script (pipeline/stages/script.ts) read them here, so a stage run on its own takes
// exactly the options of a whole run. Light on purpose: `--help` and a usage error load nothing else.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { DEFAULT_CACHE_DIR } from './paths.js';
import { parseShard, type Shard } from './shard.js';
import { workerSetting, type WorkerSetting } from './workers.js';

/** Where stage scripts keep what each stage wrote, for the next one (git-ignored). */
export const DEFAULT_WORK_DIR = 'build';

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
  /** The stage scripts' folder (build/ by default); the runner keeps everything in memory. */
  work: string;
  /** Absolute http(s) URL of the published output folder, ending in "/"; null when not given. */
  baseUrl: string | null;
}

/** The options, or null for --help. Throws a UsageError naming what is wrong. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): Options | null {
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
        work: { type: 'string', default: DEFAULT_WORK_DIR },
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
  const cache = v['no-cache'] ? null : v.cache !== undefined ? resolve(v.cache) : cacheFromEnv(env);
  return {
    sources: resolve(v.sources!),
    out: resolve(v.out ?? (shard ? join(cache ?? DEFAULT_CACHE_DIR, 'partials') : 'output')),
    reports: resolve(v.reports!),
    strict: v.strict!,
    cache,
    shard,
    merge: v.merge ? parsed.positionals.map((p) => resolve(p)) : null,
    workers: workerSetting(env),
    work: resolve(v.work!),
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
function cacheFromEnv(env: NodeJS.ProcessEnv): string | null {
  const value = env[CACHE_ENV]?.trim();
  if (!value) return DEFAULT_CACHE_DIR;
  return /^(off|none|no|false|0)$/i.test(value) ? null : resolve(value);
}

/** The exit codes of the pipeline and of every stage script (the README has the same table). */
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
