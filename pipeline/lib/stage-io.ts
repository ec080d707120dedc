// Running one stage on its own: `npx tsx pipeline/stages/<stage>.ts [--sources DIR] [--work DIR]`
// reads the previous stages' results from the work folder (default build/) and writes its own there,
// so a stage can be rerun and inspected without the others. The runner chains them in memory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';

export interface StageArgs {
  sources: string;
  work: string;
  read<T>(stage: string): T;
  write(stage: string, value: unknown): void;
}

/**
 * True when the module is the script node was started with. Never in a worker thread, whose
 * process.argv[1] is its own script (a bundle of the stage modules, see pipeline/workers.ts).
 */
export function isMain(moduleUrl: string): boolean {
  return isMainThread && process.argv[1] !== undefined && resolve(process.argv[1]) === new URL(moduleUrl).pathname;
}

export async function runStage(name: string, work: (args: StageArgs) => Promise<string> | string): Promise<void> {
  const { values } = parseArgs({ options: { sources: { type: 'string', default: 'sources' }, work: { type: 'string', default: 'build' } } });
  const dir = resolve(values.work!);
  const args: StageArgs = {
    sources: resolve(values.sources!),
    work: dir,
    read<T>(stage: string): T {
      try {
        return JSON.parse(readFileSync(join(dir, `${stage}.json`), 'utf8')) as T;
      } catch {
        throw new Error(`${join(dir, `${stage}.json`)} is missing: run the ${stage} stage first (npx tsx pipeline/stages/${stage}.ts)`);
      }
    },
    write(stage: string, value: unknown): void {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${stage}.json`), `${JSON.stringify(value)}\n`);
    },
  };
  const started = performance.now();
  try {
    const summary = await work(args);
    process.stderr.write(`${name.padEnd(9)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${summary}\n`);
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
