#!/usr/bin/env -S npx tsx
// Start-up, side by side (npm run bench:start): how long a command takes before and after a change,
// on the same machine in the same session. The baseline is another commit, checked out in a temporary
// git worktree that shares this checkout's node_modules (as scripts/bench-hostile.ts does).
//
//   npm run bench:start [-- --baseline 04ca600] [--runs 7] [--docs 2000]
//
// Each figure is the median wall time of --runs runs of a new process, Node start included, as the
// command npm runs for `npm run pipeline` (npm's own start is measured apart: it is the same for both):
// - --help;
// - a re-run with nothing changed over --docs synthetic documents (after one run that fills the cache);
// - the two seed documents end to end, each run with an empty cache into new folders.
// Prints a Markdown table; timings vary with the machine and what else it runs: nothing here is a test.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './synthetic-corpus.js';

const PROJECT = new URL('..', import.meta.url).pathname;
const SEEDS = ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b'];

interface Tree {
  label: string;
  dir: string;
  /** The command `npm run pipeline` runs there, as argv. */
  command: string[];
}

/** What `npm run pipeline` runs in a checkout: its package.json's script, with tsx or node from the project. */
async function commandOf(dir: string): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const script = (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.pipeline!;
  const [bin, ...args] = script.split(' ');
  return bin === 'tsx' ? [join(PROJECT, 'node_modules/.bin/tsx'), ...args] : [process.execPath, ...args];
}

function time(tree: Tree, args: string[]): number {
  const started = performance.now();
  const r = spawnSync(tree.command[0]!, [...tree.command.slice(1), ...args], { cwd: tree.dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${tree.label}: ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { baseline: { type: 'string', default: '04ca600' }, runs: { type: 'string', default: '7' }, docs: { type: 'string', default: '2000' } } });
  const runs = Number(values.runs);
  const work = await mkdtemp(join(tmpdir(), 'bench-start-'));
  const { $ } = await import('zx');
  const base = join(work, 'baseline');
  await $({ cwd: PROJECT, quiet: true })`git worktree add --detach ${base} ${values.baseline!}`;
  try {
    await symlink(join(PROJECT, 'node_modules'), join(base, 'node_modules'));
    const trees: Tree[] = [
      { label: `baseline ${values.baseline}`, dir: base, command: await commandOf(base) },
      { label: 'this tree', dir: PROJECT, command: await commandOf(PROJECT) },
    ];
    // The compiled pipeline of this tree, as npm ci leaves it (its build is not timed).
    spawnSync(process.execPath, [join(PROJECT, 'scripts/build.mjs')], { cwd: PROJECT, stdio: 'ignore' });
    const corpus = join(work, 'corpus');
    process.stderr.write(`bench:start: generating ${values.docs} documents\n`);
    await generateCorpus({ out: corpus, docs: Number(values.docs), seed: 1 });
    const seeds = join(work, 'seeds');
    await mkdir(seeds);
    for (const id of SEEDS) for (const ext of ['.txt', '.meta.json']) await cp(join(PROJECT, 'sources', `${id}${ext}`), join(seeds, `${id}${ext}`));

    const rows: string[] = [];
    const figures = new Map<string, number[]>();
    for (const tree of trees) {
      const at = (name: string) => join(work, tree.label.replace(/\W+/g, '-'), name);
      process.stderr.write(`bench:start: ${tree.label}\n`);
      const help = Array.from({ length: runs }, () => time(tree, ['--help']));
      const big = ['--sources', corpus, '--out', at('big/output'), '--reports', at('big/reports'), '--cache', at('big/cache')];
      time(tree, big); // fills the cache and writes the release
      const again = Array.from({ length: runs }, () => time(tree, big));
      const cold = Array.from({ length: runs }, (_, i) => time(tree, ['--sources', seeds, '--out', at(`seeds-${i}/output`), '--reports', at(`seeds-${i}/reports`), '--cache', at(`seeds-${i}/cache`)]));
      figures.set(tree.label, [median(help), median(again), median(cold)]);
      rows.push(`| ${tree.label} (\`${tree.command.map((c) => c.replace(PROJECT, '').replace(process.execPath, 'node')).join(' ')}\`) | ${s(median(help))} | ${s(median(again))} | ${s(median(cold))} |`);
    }
    const npm = median(Array.from({ length: runs }, () => {
      const started = performance.now();
      spawnSync('npm', ['run', '-s', 'env'], { cwd: PROJECT, stdio: 'ignore' });
      return performance.now() - started;
    }));
    const [before, after] = [...figures.values()];
    process.stdout.write(
      [
        `Start-up, median of ${runs} runs each (seconds, wall time of a new process, Node start included); load average at the end ${loadavg().map((l) => l.toFixed(2)).join(', ')}.`,
        '',
        `| command | \`--help\` (target ≤ 0.3) | re-run, nothing changed, ${values.docs} documents (≤ 1) | the two seeds end to end, empty cache (≤ 1) |`,
        '|---|--:|--:|--:|',
        ...rows,
        `| speed-up | ×${(before![0]! / after![0]!).toFixed(1)} | ×${(before![1]! / after![1]!).toFixed(1)} | ×${(before![2]! / after![2]!).toFixed(1)} |`,
        '',
        `\`npm run\` adds its own start to each: ${s(npm)} s for a command that does almost nothing (\`npm run -s env\`).`,
        '',
      ].join('\n'),
    );
  } finally {
    await $({ cwd: PROJECT, quiet: true, nothrow: true })`git worktree remove --force ${base}`;
    await rm(work, { recursive: true, force: true });
  }
}

await main();
