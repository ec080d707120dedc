// One stage run on its own: `npx tsx pipeline/stages/<stage>.ts [options] [--work DIR]`, with the
// runner's options. It loads the results it reads from the work folder (build/ by default), where
// the scripts of the stages before it saved them, runs the stage as the runner would, and saves its
// own result there for the next: build/<stage>/, a folder of files with the pipeline's manifest,
// published like a release (pipeline/release.ts), so a script never deletes what it did not write.
//
// zx serves here for the file work: its fs (fs-extra) reads a stage's folder back. The options are
// the runner's own parser (pipeline/options.ts), not zx's argv: minimist takes any misspelt option
// silently, and a stage run with `--sorces x` must fail as the runner does.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exitFor, finish, optionsOrExit } from '../cli.js';
import { lockTargets } from '../lock.js';
import { EXIT, type Options } from '../options.js';
import { PROJECT_DIR } from '../paths.js';
import { StageLog } from '../progress.js';
import { ownership, publishRelease, recover } from '../release.js';
import { checkTargets } from '../targets.js';
import { loadStage } from './chain.js';
import { runContext } from './context.js';
import type { Files, RunState, Stage, StageName } from './stage.js';

const usage = (stage: Stage) => `Usage: npx tsx pipeline/stages/${stage.name}.ts [options] [--work DIR]

The ${stage.name} stage on its own: ${stage.title}.
It reads ${stage.reads.length ? stage.reads.map((r) => `${r}/`).join(', ') : 'the source folder'} in the work folder (--work, default build/), written by the script of
each of those stages, and writes ${stage.name === 'write' ? 'the output and reports folders' : `its own result in ${stage.name}/ there`}.
Options are those of the whole run: npm run pipeline -- --help.`;

/** What a stage that stopped the run (--strict with rejections) leaves: an empty result, so that no later script publishes. */
const STOPPED = Symbol('stopped');

/** A stage's saved result, read back: the files its folder's manifest lists. */
async function loadResult(options: Options, name: StageName): Promise<unknown> {
  const { fs } = await import('zx');
  const dir = join(options.work, name);
  const owner = ownership(dir);
  if (owner.kind !== 'release') {
    throw new Error(`${relative(process.cwd(), dir) || '.'}/ holds no result of the ${name} stage: run it first (npx tsx pipeline/stages/${name}.ts)`);
  }
  if (owner.files.size === 0) return STOPPED;
  const files: Files = new Map();
  for (const path of [...owner.files].sort()) files.set(path, await fs.readFile(join(dir, path)));
  return (await loadStage(name)).load(files);
}

async function saveResult(options: Options, stage: Stage, files: Files): Promise<void> {
  const dir = join(options.work, stage.name);
  // The same rules as for --out: a folder of the pipeline's own, away from the sources and the project.
  checkTargets({ out: dir, reports: null, sources: options.sources, project: PROJECT_DIR, cwd: process.cwd() });
  mkdirSync(options.work, { recursive: true });
  const unlock = lockTargets([dir]);
  try {
    recover([dir]);
    await publishRelease([{ target: dir, files }]);
  } finally {
    unlock();
  }
}

async function runStage(name: StageName, argv: string[]): Promise<number> {
  const stage = await loadStage(name);
  const options = optionsOrExit(argv, usage(stage));
  if (typeof options === 'number') return options;
  const log = new StageLog();
  let unlock = () => {};
  try {
    if (stage.claims) unlock = (await import('../claim.js')).claimTargets(options);
    const state: Partial<RunState> = {};
    for (const read of stage.reads) {
      const result = await loadResult(options, read);
      if (result === STOPPED) {
        log.line(`${name}: the ${read} stage stopped the run (--strict); nothing to do`);
        return EXIT.rejected;
      }
      (state as Record<string, unknown>)[read] = result;
    }
    const outcome = await log.timed(name, () => stage.run(state, runContext(options, log)), (o) => o.summary);
    if (stage.name !== 'write') await saveResult(options, stage, outcome.stop === undefined ? stage.save(outcome.result as never) : new Map());
    if (outcome.stop !== undefined) return outcome.stop;
    // The write stage and the partial stage end a run: their result is its exit code.
    if (name === 'write') return outcome.result as number;
    if (name === 'partial') return (outcome.result as RunState['partial']).exit;
    return EXIT.ok;
  } catch (error) {
    return exitFor(error, stage.claims ? options : null);
  } finally {
    unlock();
  }
}

/** Runs the stage named, with the process's command line, and sets the process's exit code. */
export async function runStageScript(name: StageName): Promise<void> {
  await finish(() => runStage(name, process.argv.slice(2)));
}
