// Release notes (issue #15) compare with the previous release in the same --out, never with the
// project's own output: a first run into a new folder removes nothing; a second lists what changed;
// a run that republishes the same release keeps its notes, with or without the cache. And the
// progress line, which only a terminal gets.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, RUN_TS, runCli, SOURCES } from './fixtures/bad-input.js';

const SEEDS = ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b'];
let work: string;
let sources: string;

const notes = (dir: string) => readFileSync(join(work, dir, 'reports', 'changes.md'), 'utf8');
async function run(dir: string, extra: string[] = []) {
  const r = await runCli(['--sources', sources, '--out', join(work, dir, 'output'), '--reports', join(work, dir, 'reports'), ...extra], { env: cliEnv() });
  expect(r.code, r.stderr).toBe(0);
  return r;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'notes-'));
  sources = join(work, 'sources');
  mkdirSync(sources);
  for (const id of SEEDS) for (const ext of ['.txt', '.meta.json']) cpSync(join(SOURCES, `${id}${ext}`), join(sources, `${id}${ext}`));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('changes.md', () => {
  it('a first run into a new folder is a first release: no row of the project listed as removed', async () => {
    await run('a');
    expect(notes('a')).toMatch(/No previous output in this folder: this is its first release \(rows: \d+ secdef-visits/);
    expect(notes('a')).not.toMatch(/Removed/);
  });

  it('the next run lists what changed since the release in that folder', async () => {
    rmSync(join(sources, `${SEEDS[1]}.txt`));
    rmSync(join(sources, `${SEEDS[1]}.meta.json`));
    await run('a');
    const text = notes('a');
    expect(text).toMatch(/Compared with the previous release in this output folder/);
    expect(text).toMatch(/### Removed \(\d+\)/);
    // Rows of the first seed are still there: only the removed document's rows are listed.
    expect(text).not.toContain(SEEDS[0]);
  });

  it('a run that republishes the same release keeps its notes, cached or not', async () => {
    const before = notes('a');
    await run('a', ['--no-cache']);
    expect(notes('a')).toBe(before);
    const cache = join(work, 'cache');
    await run('a', ['--cache', cache]);
    const cached = await run('a', ['--cache', cache]);
    expect(cached.stderr).toMatch(/^cache .*nothing changed/m);
    expect(notes('a')).toBe(before);
  });
});

describe('progress', () => {
  it('a terminal sees documents done of all while extraction works; a pipe only the stage lines', async () => {
    const args = ['--sources', sources, '--out', join(work, 'p', 'output'), '--reports', join(work, 'p', 'reports'), '--no-cache'];
    const piped = await runCli(args, { env: cliEnv() });
    expect(piped.stderr).not.toMatch(/documents\u001b\[K/);
    expect(piped.stderr).toMatch(/^extract +\d+ ms/m);
    // script(1) gives the run a terminal of its own.
    const command = [process.execPath, '--import', 'tsx', RUN_TS, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const seen = execFileSync('script', ['-qec', command, '/dev/null'], { cwd: join(RUN_TS, '..', '..'), env: cliEnv(), encoding: 'utf8' });
    expect(seen).toMatch(/\rextract +1\/1 documents\u001b\[K/);
    // The progress line is cleared before the stage's own line.
    expect(seen).toMatch(/\r\u001b\[Kextract +\d+ ms/);
  });
});
