// Taking the output and reports folders for a run, before any work: they must be folders the
// pipeline may write (pipeline/targets.ts, exit 2 otherwise), no other run may be writing them
// (pipeline/lock.ts, exit 4), and what a killed run left beside them is tidied (pipeline/release.ts).
// The runner does it before the first stage; the write stage's script before it publishes.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { lockTargets } from './lock.js';
import type { Options } from './options.js';
import { PROJECT_DIR } from './paths.js';
import { recover } from './release.js';
import { checkTargets } from './targets.js';

/** Returns the function that lets the folders go. */
export function claimTargets(options: Pick<Options, 'out' | 'reports' | 'sources'>): () => void {
  checkTargets({ out: options.out, reports: options.reports, sources: options.sources, project: PROJECT_DIR, cwd: process.cwd() });
  for (const target of [options.out, options.reports]) mkdirSync(dirname(target), { recursive: true });
  const unlock = lockTargets([options.out, options.reports]);
  try {
    recover([options.out, options.reports]);
  } catch (error) {
    unlock();
    throw error;
  }
  return unlock;
}
