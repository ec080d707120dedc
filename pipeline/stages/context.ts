// What every stage gets besides the results it reads: the options, the stderr lines, the keys of
// the cache and the reference tables, each computed or read once, when a stage first asks.
import { Keys } from '../keys.js';
import { loadReference, referenceDirFor, type Reference } from '../lib/reference.js';
import type { Options } from '../options.js';
import type { StageLog } from '../progress.js';
import type { RunContext } from './stage.js';

export function runContext(options: Options, log: StageLog): RunContext {
  let keys: Keys | null = null;
  let reference: Reference | null = null;
  return {
    options,
    log: (line) => log.line(line),
    progress: (done, total) => log.progress(done, total),
    keys: () => (keys ??= new Keys(options.sources)),
    reference: () => (reference ??= loadReference(referenceDirFor(options.sources))),
  };
}
