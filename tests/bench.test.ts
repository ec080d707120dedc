// The side-by-side benchmark's parts (npm run bench -- --baseline REF): the baseline checkout (a real
// git worktree), the reading of a real pipeline run's stage lines, and the comparison table built from
// them. No timing is asserted: the benchmark measures, it does not test speed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import { afterAll, describe, expect, it } from 'vitest';
import { thisCheckout, withBaseline } from '../scripts/baseline-tree.js';
import { comparison, type Side } from '../scripts/bench-compare.js';
import { median, run, stage, type Run } from '../scripts/bench-run.js';

const PROJECT = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'bench-test-'));
/** The two founding documents, as the benchmark runs them. */
const SEEDS = join(work, 'seeds');
mkdirSync(SEEDS);
for (const id of ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b']) for (const ext of ['.txt', '.meta.json']) copyFileSync(join(PROJECT, 'sources', `${id}${ext}`), join(SEEDS, `${id}${ext}`));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const worktrees = async () => (await $({ cwd: PROJECT, quiet: true })`git worktree list --porcelain`).stdout;

describe('the baseline checkout', () => {
  it('checks an older commit out with this node_modules, runs it as its package.json says, and removes it after', async () => {
    let seen = '';
    await withBaseline('225892d', async (baseline) => {
      seen = baseline.dir;
      expect(baseline.label).toBe('baseline 225892d');
      // 225892d ran the TypeScript through tsx; this project's tsx runs it.
      expect(baseline.command).toEqual([join(PROJECT, 'node_modules/.bin/tsx'), 'pipeline/run.ts']);
      expect(existsSync(join(baseline.dir, 'pipeline/run.ts'))).toBe(true);
      expect(existsSync(join(baseline.dir, 'pipeline/cli.ts'))).toBe(false);
      expect(existsSync(join(baseline.dir, 'node_modules/tsx/package.json'))).toBe(true);
      expect(await worktrees()).toContain(baseline.dir);
    });
    expect(existsSync(seen)).toBe(false);
    expect(await worktrees()).not.toContain(seen);
  });

  it('this checkout runs the compiled pipeline', async () => {
    const self = await thisCheckout();
    expect(self.command).toEqual([process.execPath, 'bin/pipeline.mjs']);
    expect(self.label).toMatch(/^this commit \([0-9a-f]{7,}/);
  });
});

describe('a run and the comparison', () => {
  it('reads the stage lines of a real run and puts two runs side by side, stage by stage', async () => {
    const self = await thisCheckout();
    const args = (name: string) => [...self.command, '--sources', SEEDS, '--out', join(work, name, 'output'), '--reports', join(work, name, 'reports'), '--cache', join(work, name, 'cache')];
    const cold = await run('cold', PROJECT, args('a'));
    const warm = await run('warm', PROJECT, args('a'));
    expect(cold.exit).toBe(0);
    expect(stage(cold, 'extract')?.detail).toMatch(/extracted/);
    expect(stage(cold, 'total')!.ms).toBeGreaterThan(0);
    expect(stage(warm, 'extract')).toBeUndefined(); // nothing changed: the run stops after the cache check
    expect(Number.isFinite(cold.load)).toBe(true);

    // A baseline whose stages differ (one more, as the regex extractor's merge): the table lists both.
    const older: Run = { ...cold, stages: [...cold.stages.slice(0, 1), { name: 'merge', ms: 5, mb: 1, detail: '' }, ...cold.stages.slice(1)] };
    const side = (label: string, c: Run): Side => ({ label, command: 'npm run pipeline', cold: c, warm, one: c, seedCold: median([c]), seedWarm: median([warm]) });
    const md = comparison(side('baseline X', older), side('this commit', cold), 'How.');
    expect(md).toContain('| measure | baseline X | this commit | after / before |');
    for (const s of cold.stages) expect(md).toMatch(new RegExp(`^\\| ${s.name} \\| [\\d.]+ \\| [\\d.]+ \\| ×1\\.00 \\|`, 'm'));
    expect(md).toMatch(/^\| merge \| 0\.01 \| — \| {2}\|/m);
    expect(md).toContain(`(load ${cold.load.toFixed(2)})`);
  }, 120_000);
});
