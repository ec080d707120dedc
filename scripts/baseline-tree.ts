// Another commit checked out beside this one, for benchmarks that compare the two side by side on the
// same machine in the same session (npm run bench -- --baseline REF). A temporary git worktree of REF
// that shares this checkout's node_modules, run the way that commit runs the pipeline: the command its
// package.json gives `npm run pipeline` (`tsx pipeline/run.ts` in older commits, `node bin/pipeline.mjs`
// now).
import { readFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';

const PROJECT = new URL('..', import.meta.url).pathname;

export interface Checkout {
  /** How reports name it: `baseline 225892d` or `this commit (d315fd3)`. */
  label: string;
  /** The short commit hash. */
  commit: string;
  dir: string;
  /** What `npm run pipeline` runs in that checkout, as argv; tsx and node from this project. */
  command: string[];
}

async function pipelineCommand(dir: string): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...args] = pkg.scripts.pipeline!.split(' ');
  if (bin === 'tsx') return [join(PROJECT, 'node_modules/.bin/tsx'), ...args];
  if (bin === 'node') return [process.execPath, ...args];
  throw new Error(`${dir}/package.json: scripts.pipeline starts with "${bin}", neither node nor tsx`);
}

const shortHash = async (ref: string) => (await $({ cwd: PROJECT, quiet: true })`git rev-parse --short ${`${ref}^{commit}`}`).stdout.trim();

/** This checkout as it is (uncommitted changes included: the label says so). */
export async function thisCheckout(): Promise<Checkout> {
  const commit = await shortHash('HEAD');
  const dirty = (await $({ cwd: PROJECT, quiet: true })`git status --porcelain --untracked-files=no`).stdout.trim() !== '';
  return { label: `this commit (${commit}${dirty ? ', with uncommitted changes' : ''})`, commit, dir: PROJECT, command: await pipelineCommand(PROJECT) };
}

/** Checks `ref` out in a temporary worktree, runs `use` with it, and removes the worktree whatever happens. */
export async function withBaseline<T>(ref: string, use: (baseline: Checkout) => Promise<T>): Promise<T> {
  const commit = await shortHash(ref);
  const parent = await mkdtemp(join(tmpdir(), 'bench-baseline-'));
  const dir = join(parent, commit);
  await $({ cwd: PROJECT, quiet: true })`git worktree add --detach ${dir} ${commit}`;
  try {
    await symlink(join(PROJECT, 'node_modules'), join(dir, 'node_modules'));
    return await use({ label: `baseline ${commit}`, commit, dir, command: await pipelineCommand(dir) });
  } finally {
    await $({ cwd: PROJECT, quiet: true, nothrow: true })`git worktree remove --force ${dir}`;
    await rm(parent, { recursive: true, force: true });
  }
}
