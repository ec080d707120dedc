// Determinism (issue #5): the same sources give byte-identical output/ and reports/ whatever varies
// around them. One test per axis: a second run; the time zone and the locale; the order the source
// files were created in; the absolute path of the clone; the number of workers. Each runs the real
// CLI in a copy of the project's layout (sources/, output/, reports/ in one folder, the command run
// from there with relative paths, as a user of a clone would) and compares every byte.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, opendirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, differences, HOSTILE_DIR, runCli, snapshot, SOURCES } from './fixtures/bad-input.js';

interface Run {
  code: number | null;
  /** The rejected: and warning: lines (timings left out). */
  problems: string[];
  out: Map<string, Buffer>;
  reports: Map<string, Buffer>;
}

/** Every file of the corpus (relative path → bytes): the project's sources, the hostile document, a bad file. */
function corpusFiles(): [string, Buffer][] {
  const files: [string, Buffer][] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (path !== 'gold') walk(join(dir, e.name), path);
      } else files.push([path, readFileSync(join(dir, e.name))]);
    }
  };
  walk(SOURCES, '');
  for (const name of readdirSync(HOSTILE_DIR)) files.push([name, readFileSync(join(HOSTILE_DIR, name))]);
  // A rejected file, so that the problem lists (stderr, reports/summary.md) are compared too.
  files.push(['orphan-text.txt', Buffer.from('A text without its sidecar\n\nIt is rejected.\n')]);
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Writes the corpus into `<clone>/sources`, one file after the other in the order given. */
function writeSources(clone: string, files: [string, Buffer][]): void {
  rmSync(join(clone, 'sources'), { recursive: true, force: true });
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(clone, 'sources', path)), { recursive: true });
    writeFileSync(join(clone, 'sources', path), bytes);
  }
}

/** The order in which the file system lists a folder (no sorting: what readdir(3) gives). */
function rawOrder(dir: string): string[] {
  const names: string[] = [];
  const d = opendirSync(dir);
  for (let e = d.readSync(); e; e = d.readSync()) names.push(e.name);
  d.closeSync();
  return names;
}

async function runIn(clone: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  const result = await runCli(['--sources', 'sources', '--out', 'output', '--reports', 'reports'], { cwd: clone, env: cliEnv({ PIPELINE_WORKERS: '1', ...env }) });
  expect([0, 1], result.stderr).toContain(result.code);
  return {
    code: result.code,
    problems: result.stderr.split('\n').filter((l) => /^(?:rejected|warning): /.test(l)),
    out: snapshot(join(clone, 'output')),
    reports: snapshot(join(clone, 'reports')),
  };
}

function expectSame(a: Run, b: Run): void {
  expect(b.code).toBe(a.code);
  expect(b.problems).toEqual(a.problems);
  expect(differences(a.out, b.out), 'files of output/ that differ').toEqual([]);
  expect(differences(a.reports, b.reports), 'files of reports/ that differ').toEqual([]);
}

// tmpfs lists files in the order they were created; most disk file systems in hash order. The
// order test wants the former, so that creating the files in another order is another listing.
const BASE_PARENT = existsSync('/dev/shm') && process.platform === 'linux' ? '/dev/shm' : tmpdir();
let base: string;
let files: [string, Buffer][];
let clone: string;
let baseline: Run;

beforeAll(async () => {
  base = mkdtempSync(join(BASE_PARENT, 'determinism-'));
  files = corpusFiles();
  clone = join(base, 'a', 'clone');
  writeSources(clone, files);
  baseline = await runIn(clone);
  // The corpus is real: rows, charts, and the rejected file named.
  expect(baseline.out.get('data/training.csv')!.length).toBeGreaterThan(1000);
  expect(baseline.problems).toEqual(['rejected: sources/orphan-text.txt: has no orphan-text.meta.json beside it; document skipped']);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the same sources give byte-identical output/ and reports/', () => {
  it('across two runs', async () => {
    expectSame(baseline, await runIn(clone));
  });

  it('across time zones and locales (TZ=Pacific/Kiritimati LANG=tr_TR.UTF-8)', async () => {
    const env = { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8' };
    // The variables do reach a node process: its time zone and default locale change.
    const seen = execFileSync(process.execPath, ['-e', 'const o = Intl.DateTimeFormat().resolvedOptions(); console.log(o.timeZone, o.locale)'], { env: cliEnv(env), encoding: 'utf8' });
    expect(seen.trim()).toBe('Pacific/Kiritimati tr-TR');
    expectSame(baseline, await runIn(clone, env));
  });

  it('across the order the source files were created in', async () => {
    const forward = rawOrder(join(clone, 'sources'));
    writeSources(clone, [...files].reverse());
    try {
      const reversed = rawOrder(join(clone, 'sources'));
      if (BASE_PARENT === '/dev/shm') expect(reversed, 'the listing order changed').not.toEqual(forward);
      expectSame(baseline, await runIn(clone));
    } finally {
      writeSources(clone, files);
    }
  });

  it('across clone paths (another absolute path, with a space in it)', async () => {
    const elsewhere = join(base, 'b', 'a longer path with spaces', 'another-clone');
    writeSources(elsewhere, files);
    expect(relative(clone, elsewhere)).not.toBe('');
    expectSame(baseline, await runIn(elsewhere));
  });

  it('across numbers of workers (PIPELINE_WORKERS=1 and 2)', async () => {
    expectSame(baseline, await runIn(clone, { PIPELINE_WORKERS: '2' }));
  });
});
