// The stages in the order they run. A stage's module is loaded when the stage is about to run, so
// the heavy libraries (the language model and chrono-node in extract, jsdom and Plot in chart) load
// only in the stages that use them, and a run that stops early never loads them.
import type { Stage, StageName } from './stage.js';

/** A whole run: sources/ → output/ and reports/. */
export const CHAIN: readonly StageName[] = ['ingest', 'extract', 'review', 'validate', 'export', 'chart', 'report', 'write'];
/** A run with --shard I/N: the shard's documents extracted into a partial result. */
export const SHARD_CHAIN: readonly StageName[] = ['ingest', 'extract', 'partial'];

const MODULES: Record<StageName, () => Promise<Stage>> = {
  ingest: async () => (await import('./ingest.js')).ingestStage as Stage,
  extract: async () => (await import('./extract.js')).extractStage as Stage,
  review: async () => (await import('./review.js')).reviewStep as Stage,
  validate: async () => (await import('./validate.js')).validateStage as Stage,
  export: async () => (await import('./export.js')).exportStage as Stage,
  chart: async () => (await import('./chart.js')).chartStage as Stage,
  report: async () => (await import('./report.js')).reportStage as Stage,
  write: async () => (await import('./write.js')).writeStage as Stage,
  partial: async () => (await import('./partial.js')).partialStage as Stage,
};

export function loadStage(name: StageName): Promise<Stage> {
  return MODULES[name]();
}
