// The runner: the chain of stages (pipeline/stages/chain.ts) in one process, each stage's result
// kept in memory for the stages after it: sources/ → ingest → extract → review → validate → export →
// chart → report → write → output/, reports/. The stage scripts run the same chain one process per
// stage (pipeline/stages/script.ts). The command line and exit codes are pipeline/cli.ts.
//
// Besides the chain, the runner keeps the run cache (pipeline/cache.ts): once the sources are read,
// a run whose every input is what an earlier run read, and whose output and reports folders still
// hold exactly what it wrote, stops there. Whatever the threads, cache or shards, the bytes written
// are the same.
import { RunCache, contentHash, type RunRecord } from './cache.js';
import type { Options } from './options.js';
import { StageLog } from './progress.js';
import { CHAIN, SHARD_CHAIN, loadStage } from './stages/chain.js';
import { runContext } from './stages/context.js';
import type { Files, RunState, StageName } from './stages/stage.js';

/** Results the runner itself reads after the chain: the files written and the problem lines, for the run cache. */
const KEPT: readonly StageName[] = ['validate', 'export', 'chart', 'report'];

export async function runPipeline(options: Options, log = new StageLog()): Promise<number> {
  const started = performance.now();
  const ctx = runContext(options, log);
  const chain = options.shard ? SHARD_CHAIN : CHAIN;
  const runs = options.cache && !options.shard && !options.merge ? new RunCache(options.cache) : null;
  const state: Partial<RunState> = {};
  let runKey = '';
  for (const [at, name] of chain.entries()) {
    const stage = await loadStage(name);
    const outcome = await log.timed(name, () => stage.run(state, ctx), (o) => o.summary);
    (state as Record<string, unknown>)[name] = outcome.result;
    // Results no later stage reads go, before the heavy stages: the texts and facts of a large corpus.
    const later = await Promise.all(chain.slice(at + 1).map(loadStage));
    for (const done of chain.slice(0, at)) if (!KEPT.includes(done) && !later.some((s) => s.reads.includes(done))) delete state[done];
    if (outcome.stop !== undefined) {
      log.total(started);
      return outcome.stop;
    }
    if (name === 'ingest' && runs) {
      const { docs, problems } = outcome.result as RunState['ingest'];
      runKey = ctx.keys().run(options, docs, problems);
      const hit = await log.timed('cache', () => runs.check(runKey, options.out, options.reports), (r) => (r ? 'nothing changed since the last run: output and reports are up to date' : 'something changed: running every stage'));
      if (hit) {
        for (const line of hit.log) log.line(line);
        log.total(started);
        return hit.exit;
      }
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
