// Never lose or corrupt data (issue #5): output/ and reports/ are built in a temporary sibling and
// moved into place only when complete. The real pipeline is killed with SIGKILL (no cleanup can
// run) while it writes, and at other moments; the previous folders must be byte-identical after.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences, snapshot, SOURCES, startCli, type CliResult } from './fixtures/bad-input.js';
import { MANIFEST } from '../pipeline/release.js';

let work: string;
let sources: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'atomic-'));
  sources = join(work, 'sources');
  cpSync(SOURCES, sources, { recursive: true, filter: (src) => !src.includes('/gold') });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A previous release that differs from anything this run writes, so that a half-done swap shows. */
function previousRelease(dir: string): { out: string; reports: string } {
  const out = join(dir, 'output');
  const reports = join(dir, 'reports');
  mkdirSync(join(out, 'data'), { recursive: true });
  mkdirSync(join(out, 'charts'), { recursive: true });
  mkdirSync(join(reports, 'screenshots'), { recursive: true });
  writeFileSync(join(out, 'data/training.csv'), '\uFEFFid,quote\r\n1,previous release\r\n');
  writeFileSync(join(out, 'data/old-table.json'), '[]\n');
  writeFileSync(join(out, 'charts/training-spending.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>old</title></svg>\n');
  writeFileSync(join(out, 'datapackage.json'), Buffer.from([0x7b, 0x0a, 0x7d, 0x0a, 0x00, 0xff]));
  writeFileSync(join(reports, 'summary.md'), '# Previous run\n');
  writeFileSync(join(reports, 'extraction-quality.md'), '# Kept by the pipeline: written by npm run eval\n');
  writeFileSync(join(reports, 'screenshots/page.png'), Buffer.alloc(2048, 7));
  // The manifests an earlier run of the pipeline wrote: these folders are its own to replace. The
  // reports written by other commands (extraction-quality.md, screenshots/) are not listed, so kept.
  const manifest = (files: string[]) => `${JSON.stringify({ generator: 'defense-relations-data pipeline', files })}\n`;
  writeFileSync(join(out, MANIFEST), manifest(['charts/training-spending.svg', 'data/old-table.json', 'data/training.csv', 'datapackage.json']));
  writeFileSync(join(reports, MANIFEST), manifest(['summary.md']));
  return { out, reports };
}

interface Attempt {
  result: CliResult;
  killedAt: string;
  before: { out: Map<string, Buffer>; reports: Map<string, Buffer> };
  out: string;
  reports: string;
  parent: string;
}

/**
 * Runs the pipeline into a fresh parent folder holding a previous release, and kills it with
 * SIGKILL when `when` says so (it gets the folder's new entries and the stderr lines as they come).
 */
async function killedRun(name: string, when: (event: { entry?: string; line?: string; elapsedMs: number }) => boolean, timeoutMs?: number): Promise<Attempt> {
  const parent = join(work, name);
  mkdirSync(parent);
  const { out, reports } = previousRelease(parent);
  const before = { out: snapshot(out), reports: snapshot(reports) };
  const started = performance.now();
  const { child, done } = startCli(['--sources', sources, '--out', out, '--reports', reports]);
  let killedAt = '';
  const kill = (why: string) => {
    if (killedAt || child.exitCode !== null) return;
    killedAt = why;
    child.kill('SIGKILL');
  };
  const watcher = watch(parent, (_type, entry) => {
    if (entry && when({ entry: String(entry), elapsedMs: performance.now() - started })) kill(`folder entry ${entry}`);
  });
  child.stderr!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line && when({ line, elapsedMs: performance.now() - started })) kill(`stderr line "${line.trim()}"`);
  });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => kill(`${timeoutMs} ms`), timeoutMs);
  try {
    const result = await done;
    return { result, killedAt, before, out, reports, parent };
  } finally {
    watcher.close();
    clearTimeout(timer);
  }
}

function expectUntouched(a: Attempt): void {
  expect(a.result.signal, `${a.killedAt}; stderr: ${a.result.stderr}`).toBe('SIGKILL');
  expect(differences(a.before.out, snapshot(a.out)), `output/ after a kill at ${a.killedAt}`).toEqual([]);
  expect(differences(a.before.reports, snapshot(a.reports)), `reports/ after a kill at ${a.killedAt}`).toEqual([]);
}

/** A folder replaced whole by the new run: every file it writes, none of the previous release. */
function expectCompleteRelease(a: Attempt): void {
  const out = [...snapshot(a.out).keys()].sort();
  expect(out, 'output/ mixes the previous release and the new one').not.toContain('data/old-table.json');
  for (const table of ['secdef-visits', 'arms-purchases', 'training', 'sources', 'evidence']) expect(out).toEqual(expect.arrayContaining([`data/${table}.csv`, `data/${table}.json`]));
  expect(out).toEqual(expect.arrayContaining(['datapackage.json', 'README.md', 'charts/training-spending.svg']));
  const reports = snapshot(a.reports);
  if (differences(a.before.reports, reports).length > 0) {
    expect([...reports.keys()]).toEqual(expect.arrayContaining(['summary.md', 'changes.md', 'index.html', 'extraction-quality.md']));
    expect(reports.get('summary.md')?.toString()).not.toBe('# Previous run\n');
  }
}

describe('SIGKILL during the run', () => {
  let duringWrite: Attempt | undefined;

  it('while the new output/ is being written in its staging folder: the previous output/ is byte-identical', async () => {
    // publishRelease writes into a `.output.new-*` sibling, then renames; the kill comes as soon as that folder appears.
    // On a busy machine the kill can land after the swap; then each folder must be a complete release, old or
    // new, never a mix, and the attempt is made again.
    for (let attempt = 1; attempt <= 4; attempt++) {
      const a = await killedRun(`during-write-${attempt}`, (e) => e.entry?.startsWith('.output.new-') === true);
      expect(a.killedAt).toMatch(/^folder entry \.output\.new-/);
      expect(a.result.signal, a.result.stderr).toBe('SIGKILL');
      expect(existsSync(a.out), 'output/ is gone').toBe(true);
      const changed = differences(a.before.out, snapshot(a.out));
      if (changed.length === 0) {
        expectUntouched(a);
        duringWrite = a;
        return;
      }
      expectCompleteRelease(a);
    }
    expect.unreachable('the kill never came before the swap in 4 attempts');
  });

  it('at the moment of the swap: each folder is the previous release or the new one, and the next run makes them one release', async () => {
    // Both folders are staged, then a journal (.output.swap.json) names the swaps, then four renames
    // run back to back. The kill comes when the journal appears: before, during or after the renames.
    // Whatever it left, the next run must first finish the swap, so output/ and reports/ come from one run.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const a = await killedRun(`swap-${attempt}`, (e) => e.entry === '.output.swap.json');
      if (a.result.signal === null) continue; // the run finished before the kill: nothing to check
      for (const folder of [a.out, a.reports]) expect(existsSync(folder) || readdirSync(a.parent).some((n) => n.endsWith('.old')), `${folder} lost`).toBe(true);
      const again = await startCli(['--sources', sources, '--out', a.out, '--reports', a.reports]).done;
      expect(again.code, again.stderr).toBe(0);
      expect(readdirSync(a.parent).sort(), 'no staging, retired folder or journal left').toEqual(['output', 'reports']);
      expectCompleteRelease(a);
      expect(snapshot(a.reports).get('summary.md')?.toString()).not.toBe('# Previous run\n');
    }
  });

  it('right after the export stage has built the files in memory', async () => {
    const a = await killedRun('after-export', (e) => e.line?.startsWith('export ') === true);
    expectUntouched(a);
  });

  it('at random early moments', async () => {
    // Random moments inside the run (a run takes a second or two); the seed is printed to rerun one.
    const seed = Number(process.env.ATOMIC_SEED ?? Date.now() % 100_000);
    let state = seed;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 2; i++) {
      const ms = Math.round(200 + random() * 2000);
      const a = await killedRun(`random-${i}`, () => false, ms);
      if (a.result.signal === null) continue; // finished before the kill came: nothing to check here
      expect(a.killedAt, `seed ${seed}`).toBe(`${ms} ms`);
      // A fast run may already have swapped the folders when the kill comes: old or new, but whole.
      if (differences(a.before.out, snapshot(a.out)).length > 0) expectCompleteRelease(a);
      else expectUntouched(a);
    }
  });

  it('a killed run does not block the next one, which publishes a complete output/', async () => {
    // The folders the first test's run was killed in, with whatever it left behind.
    const a = duringWrite!;
    expect(a, 'needs the first test').toBeDefined();
    const again = await startCli(['--sources', sources, '--out', a.out, '--reports', a.reports]).done;
    expect(again.code, again.stderr).toBe(0);
    const files = [...snapshot(a.out).keys()];
    expect(files).toEqual(expect.arrayContaining(['datapackage.json', 'data/training.csv', 'data/training.json', 'charts/training-spending.svg', 'README.md']));
    expect(files).not.toContain('data/old-table.json');
    // Files other commands write into reports/ survive a run.
    expect(snapshot(a.reports).get('extraction-quality.md')?.toString()).toContain('npm run eval');
    // What a killed run leaves behind is hidden (a dot folder beside output/), never inside it.
    for (const entry of readdirSync(a.parent)) expect(['output', 'reports'].includes(entry) || entry.startsWith('.')).toBe(true);
  });
});
