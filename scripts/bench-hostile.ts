#!/usr/bin/env -S npx tsx
// Hostile shapes (npm run bench:hostile): texts built to make the rules do work that grows faster
// than the text. Each shape is written at several sizes; for each size the pipeline runs on that one
// document as a user would (a new process, no cache), and the extract stage's own time (from the
// line it prints) is reported with its growth from the size before. Linear work doubles when the
// size doubles; quadratic work quadruples.
//
//   npm run bench:hostile [-- --sizes 25000,50000,100000,200000] [--timeout 60] [--baseline REF]
//
// --baseline REF runs the same shapes on another commit too (a temporary git worktree sharing this
// checkout's node_modules) and prints both side by side, on the same machine in the same session.
// Timings vary with the machine; nothing here is a test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const PROJECT = new URL('..', import.meta.url).pathname;

const PLACES = ['Lima', 'Bogota', 'Quito', 'Santiago', 'Brasilia', 'Caracas', 'Managua', 'Havana', 'Panama City', 'Kingston'];

/** Each shape: a text of about `size` characters. */
export const SHAPES: Record<string, (size: number) => string> = {
  'spaces before a name': (n) => `Hagel visits Peru${' '.repeat(n)}Chuck Hagel arrived in Lima.\n`,
  'one trip, many places': (n) => {
    let s = 'Defense Secretary Chuck Hagel traveled to ';
    for (let i = 0; s.length < n; i++) s += `${PLACES[i % PLACES.length]}, `;
    return `Title\n\n${s}and Lima.\n`;
  },
  'a surname repeated': (n) => `Title\n\nDefense Secretary Chuck Hagel ${'Hagel '.repeat(Math.ceil(n / 6))}visited Peru.\n`,
  'an equipment name repeated': (n) => `Title\n\nPeru bought ${'Black Hawk helicopters and '.repeat(Math.ceil(n / 26))}ammunition for $5 million.\n`,
  'digit groups': (n) => `Title\n\nPeru bought 12 helicopters for $1${',000'.repeat(Math.ceil(n / 4))} million.\n`,
  'no full stop': (n) => {
    const words = ['the', 'secretary', 'visited', 'Peru', 'and', 'Brazil', 'bought', 'twelve', 'helicopters', 'for', '$5', 'million', 'in', '2014', 'training', 'Honduran', 'forces'];
    let s = '';
    for (let i = 0; s.length < n; i++) s += `${words[i % words.length]} `;
    return `Title\n\n${s}\n`;
  },
};

interface Timing {
  ms: number | null;
  exit: number | null;
}

function extractTime(cwd: string, sources: string, work: string, timeoutS: number): Promise<Timing> {
  return new Promise((done) => {
    // node --import tsx, not the tsx binary: the binary starts a second process, which a kill would miss.
    // The entry point: pipeline/cli.ts since the command line left the runner; pipeline/run.ts before.
    const entry = existsSync(join(cwd, 'pipeline/cli.ts')) ? 'pipeline/cli.ts' : 'pipeline/run.ts';
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--sources', sources, '--out', join(work, 'output'), '--reports', join(work, 'reports'), '--no-cache'], {
      cwd,
      env: { ...process.env, PIPELINE_WORKERS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const m = /^extract\s+(\d+) ms/m.exec(stderr);
      done({ ms: m ? Number(m[1]) : null, exit: code });
    });
  });
}

async function measure(cwd: string, sizes: number[], timeoutS: number): Promise<Map<string, Timing[]>> {
  const out = new Map<string, Timing[]>();
  for (const [name, make] of Object.entries(SHAPES)) {
    const timings: Timing[] = [];
    let gaveUp = false;
    for (const size of sizes) {
      if (gaveUp) {
        timings.push({ ms: null, exit: null });
        continue;
      }
      const work = await mkdtemp(join(tmpdir(), 'hostile-'));
      const sources = join(work, 'sources');
      await mkdir(sources);
      await writeFile(join(sources, 'hostile.txt'), make(size));
      await writeFile(join(sources, 'hostile.meta.json'), JSON.stringify({ title: 'Hostile', publisher: 'Bench', url: 'https://example.org/h', published: '2014-05-01' }));
      const t = await extractTime(cwd, sources, work, timeoutS);
      await rm(work, { recursive: true, force: true });
      process.stderr.write(`bench:hostile: ${cwd === PROJECT ? 'this commit' : 'baseline'}: ${name} at ${size}: ${t.ms ?? `over ${timeoutS} s`} ms\n`);
      timings.push(t);
      if (t.ms === null) gaveUp = true; // a larger size would only take longer
    }
    out.set(name, timings);
  }
  return out;
}

function cell(t: Timing | undefined, before: Timing | undefined): string {
  if (!t || t.ms === null) return 'timed out';
  const growth = before?.ms ? ` (×${(t.ms / Math.max(1, before.ms)).toFixed(1)})` : '';
  return `${(t.ms / 1000).toFixed(2)} s${growth}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '25000,50000,100000,200000' }, timeout: { type: 'string', default: '60' }, baseline: { type: 'string' } } });
  const sizes = values.sizes!.split(',').map(Number);
  const timeoutS = Number(values.timeout);
  const runs: [string, Map<string, Timing[]>][] = [];
  if (values.baseline) {
    const tree = await mkdtemp(join(tmpdir(), 'hostile-baseline-'));
    const { $ } = await import('zx');
    await $({ cwd: PROJECT, quiet: true })`git worktree add --detach ${tree} ${values.baseline}`;
    try {
      await symlink(join(PROJECT, 'node_modules'), join(tree, 'node_modules'));
      runs.push([`baseline ${values.baseline}`, await measure(tree, sizes, timeoutS)]);
    } finally {
      await $({ cwd: PROJECT, quiet: true, nothrow: true })`git worktree remove --force ${tree}`;
    }
  }
  runs.push(['this commit', await measure(PROJECT, sizes, timeoutS)]);
  const lines = [`Extract stage time per shape and size (characters); in brackets the growth from the size before (×2 is linear, ×4 quadratic). Timeout ${timeoutS} s.`, ''];
  lines.push(`| shape | commit | ${sizes.join(' | ')} |`, `|---|---|${sizes.map(() => '---').join('|')}|`);
  for (const name of Object.keys(SHAPES)) for (const [label, m] of runs) lines.push(`| ${name} | ${label} | ${m.get(name)!.map((t, i, all) => cell(t, all[i - 1])).join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
