// The runner: the chain of stages (pipeline/stages/chain.ts) in one process, each stage's result
// kept in memory for the stages after it: sources/ → ingest → extract → review → validate → export →
// chart → report → write → output/, reports/. The stage scripts run the same chain one process per
// stage (pipeline/stages/script.ts). The command line and exit codes are pipeline/cli.ts.
//
// Besides the chain, the runner keeps the run cache (pipeline/cache.ts): a run whose every input is
// what an earlier run read, and whose output and reports folders still hold exactly what it wrote,
// stops before the first stage. Whatever the threads, cache or shards, the bytes written
// are the same.
import { RunCache, type RunRecord } from './cache.js';
import { contentHash } from './keys.js';
import type { Options } from './options.js';
import { StageLog } from './progress.js';
import { CHAIN, SHARD_CHAIN, loadStage } from './stages/chain.js';
import { runContext } from './stages/context.js';
import type { Files, RunState } from './stages/stage.js';

export async function runPipeline(options: Options, log = new StageLog()): Promise<number> {
  const started = performance.now();
  const ctx = runContext(options, log);
  const chain = options.shard ? SHARD_CHAIN : CHAIN;
  const runs = options.cache && !options.shard && !options.merge ? new RunCache(options.cache) : null;
  const runKey = runs ? ctx.keys().run(options) : '';
  if (runs) {
    const hit = await log.timed('cache', () => runs.check(runKey, options.out, options.reports), (r) => (r ? 'nothing changed since the last run: output and reports are up to date' : 'something changed: running every stage'));
    if (hit) {
      for (const line of hit.log) log.line(line);
      log.total(started);
      return hit.exit;
    }
  }
  const state: Partial<RunState> = {};
  for (const name of chain) {
    const stage = await loadStage(name);
    const outcome = await log.timed(name, () => stage.run(state, ctx), (o) => o.summary);
    (state as Record<string, unknown>)[name] = outcome.result;
    // The per-document facts are in the merged rows once reviewed: let them go before the heavy stages.
    if (name === 'review') delete state.extract;
    if (outcome.stop !== undefined) {
      log.total(started);
      return outcome.stop;
    }
  }
  const exit = state.write ?? state.partial!.exit;
  if (runs) await runs.save({ ...record(state, exit), key: runKey }).catch((error: Error) => log.line(`warning: the run cache could not be written (${error.message})`));
  log.total(started);
  return exit;
}

/** What a whole run wrote, for the run cache. */
function record(state: Partial<RunState>, exit: number): Omit<RunRecord, 'key'> {
  const hashes = (files: Files) => Object.fromEntries([...files].map(([path, content]) => [path, contentHash(content)]));
  return { exit, log: state.validate!.lines, files: { out: hashes(new Map([...state.export!, ...state.chart!])), reports: hashes(state.report!) } };
}
