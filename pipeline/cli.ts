#!/usr/bin/env -S npx tsx
// The command line (npm run pipeline): options, help, and the exit code of every way a run can end.
// The only module that decides how the process ends. Loads nothing heavy itself: --help and a
// usage error answer at once; the runner (pipeline/run.ts) is loaded once the options are good.
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeProblem, InputError, toProblem, UsageError } from './errors.js';
import { EXIT, parseOptions, type Options } from './options.js';

export { EXIT };

export const HELP = `Usage: npm run pipeline -- [options]
       npm run pipeline -- --shard I/N [--out DIR] [options]
       npm run pipeline -- --merge DIR|FILE... [options]
       npx tsx pipeline/stages/<stage>.ts [options] [--work DIR]

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
  --work DIR       stage scripts only: where each stage keeps its result for the next (default: build)
  --help           show this text

Stages, in order (each also runs on its own, reading what the one before it wrote in --work):
  ingest, extract, review, validate, export, chart, report, write

Environment:
  PIPELINE_WORKERS threads that extract documents (default: one per core; 1: the main thread)
  PIPELINE_CACHE   cache folder, or "off" (the options above take precedence)

Exit codes: 0 all went through; 1 input rejected (reasons on stderr, good rows still written);
2 bad command line; 3 internal failure (previous output left as it was); 4 another run is
writing the same folders.`;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The exit code of an error that ended a run, after saying what it means in one line. */
export function exitFor(error: unknown, options: Pick<Options, 'out' | 'reports'> | null): number {
  const name = (error as Error).name;
  if (name === 'RuleBugError') {
    log(`internal error: ${(error as Error).message}; nothing was published (a bug in the extractor: please report it with this line)`);
    return EXIT.internal;
  }
  if (name === 'BusyError') {
    log(`error: ${(error as Error).message}`);
    return EXIT.busy;
  }
  if (isFsError(error)) {
    const kept = options ? `; the previous ${shown(options.out)}/ and ${shown(options.reports)}/ are as they were` : '';
    log(`internal error: ${error.path ?? ''}${error.path ? ': ' : ''}${fsReason(error)} (${error.code})${kept}`);
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
}

const shown = (dir: string) => relative(process.cwd(), dir) || '.';

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

/** The options, or the exit code of --help or a usage error (with the help text). */
export function optionsOrExit(argv: string[], usage: string = HELP): Options | number {
  try {
    const options = parseOptions(argv);
    if (options) return options;
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  } catch (error) {
    log(`error: ${(error as Error).message}\n\n${usage}`);
    return EXIT.usage;
  }
}

/**
 * Ends the process with the code a command returns, once its output is flushed. Never exit() at
 * once: on some systems stderr to a pipe is written asynchronously, and its last lines would be lost.
 */
export async function finish(command: () => Promise<number>): Promise<void> {
  process.exitCode = await command();
}

/** A whole run from its command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const options = optionsOrExit(argv);
  if (typeof options === 'number') return options;
  let unlock = () => {};
  try {
    if (!options.shard) unlock = (await import('./claim.js')).claimTargets(options);
    const { runPipeline } = await import('./run.js');
    return await runPipeline(options);
  } catch (error) {
    return exitFor(error, options);
  } finally {
    unlock();
  }
}

// Started as a script (npx tsx pipeline/cli.ts); the compiled launcher (bin/pipeline.mjs) calls main itself.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await finish(() => main(process.argv.slice(2)));
