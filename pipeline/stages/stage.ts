// What a stage is. Each stage reads the results of earlier stages and returns its own. The runner
// (pipeline/run.ts) runs the chain (pipeline/stages/chain.ts) in one process and keeps every result
// in memory; a stage script (`npx tsx pipeline/stages/<stage>.ts`, pipeline/stages/script.ts) loads
// the results it reads from the work folder, where the scripts before it saved them, runs the same
// function and saves its own. Same functions, same order: one chain, whichever way it is run.
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { DocumentFacts } from '../extract/document.js';
import type { Problem } from '../errors.js';
import type { Options } from '../options.js';
import type { SourceText } from '../sources/document.js';
import type { Dataset } from '../types.js';
import type { Keys } from '../keys.js';
import type { Reference } from '../lib/reference.js';
import type { ReviewResult } from './review.js';

/** Files by path relative to the folder they go in. */
export type Files = Map<string, string | Uint8Array>;

export interface IngestResult {
  /** In document-id order (code points), the order every later stage relies on. */
  docs: SourceText[];
  problems: Problem[];
}

export interface CheckedResult {
  data: Dataset;
  /** Every problem of the run so far (ingest, review, validate), in that order. */
  problems: Problem[];
  /** The warning and rejection lines printed for them. */
  lines: string[];
  /** 0 when nothing was rejected, 1 otherwise (warnings aside). */
  exit: number;
}

/** What each stage returns, by stage name. */
export interface RunState {
  ingest: IngestResult;
  /** Each document's facts, in the order of ingest's documents. */
  extract: DocumentFacts[];
  review: ReviewResult;
  validate: CheckedResult;
  /** The dataset's files: data/, datapackage.json, the data dictionary. */
  export: Files;
  /** The charts, charts/<name>.svg. */
  chart: Files;
  /** The reports folder's files. */
  report: Files;
  /** The exit code of the run that published. */
  write: number;
  /** The shard's partial result file and the run's exit code (with --shard, instead of the stages after extract). */
  partial: { file: string; exit: number };
}

export type StageName = keyof RunState;

export interface RunContext {
  options: Options;
  /** One line to stderr. */
  log(line: string): void;
  /** Progress of long work (documents done of total); shown on a terminal only. */
  progress(done: number, total: number): void;
  /** Hashes of the code and data a run depends on (for the cache and the shard partials). */
  keys(): Keys;
  /** The reference tables of the source folder, read and checked once, when a stage first needs them. */
  reference(): Reference;
}

export interface Outcome<T> {
  result: T;
  /** The stage's line on stderr, after its name and time. */
  summary: string;
  /** The run ends after this stage with this exit code (--strict with rejections). */
  stop?: number;
}

export interface Stage<K extends StageName = StageName> {
  name: K;
  /** What the stage does, for the script's --help. */
  title: string;
  /** The stages whose results it reads. */
  reads: readonly StageName[];
  /** It writes --out and --reports: run on its own, it takes them first as the runner does (pipeline/claim.ts). */
  claims?: boolean;
  run(state: Readonly<Partial<RunState>>, ctx: RunContext): Promise<Outcome<RunState[K]>>;
  /** The result as the files of the stage's folder in the work folder, and back. */
  save(result: RunState[K]): Files;
  load(files: Files): RunState[K];
}

/** The result of a stage the chain ran before; a missing one is a bug in the chain's order. */
export function needs<K extends StageName>(state: Readonly<Partial<RunState>>, name: K): RunState[K] {
  const value = state[name];
  if (value === undefined) throw new Error(`internal error: the ${name} stage has not run`);
  return value as RunState[K];
}

/** A result kept as one JSON file, state.json. */
export function jsonState<T>(toJson: (value: T) => unknown = (v) => v, fromJson: (json: unknown) => T = (j) => j as T) {
  return {
    save: (value: T): Files => new Map([['state.json', `${JSON.stringify(toJson(value))}\n`]]),
    load: (files: Files): T => fromJson(JSON.parse(text(files, 'state.json'))),
  };
}

/** A result that is itself files, kept as they are. */
export const filesState = {
  save: (files: Files): Files => files,
  load: (files: Files): Files => files,
};

export function text(files: Files, path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`${path} is missing`);
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}

/**
 * True when the module is the script node was started with: a stage file run on its own. Never in a
 * worker thread, whose process.argv[1] is its own script.
 */
export function isMain(moduleUrl: string): boolean {
  return isMainThread && process.argv[1] !== undefined && resolve(process.argv[1]) === new URL(moduleUrl).pathname;
}
