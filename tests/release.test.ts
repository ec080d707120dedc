// Writing only where it is ours (issue: safety first). The real pipeline, on real folders: it refuses
// before any work a folder it did not create, a file, the sources, the project, the working folder,
// and --out = --reports; it keeps a user's files inside its own release; one run at a time per
// location; both folders published as one release even when a run dies between them; normal
// permissions; a full disk is one line, not a stack trace.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST, publishRelease, recover } from '../pipeline/release.js';
import { lockFileFor } from '../pipeline/lock.js';
import { ROOT, runCli, snapshot, startCli, differences } from './fixtures/bad-input.js';

const SEEDS = ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b'];
let work: string;
let sources: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'release-'));
  sources = join(work, 'sources');
  mkdirSync(sources);
  for (const id of SEEDS) for (const ext of ['.txt', '.meta.json']) cpSync(join(ROOT, 'sources', `${id}${ext}`), join(sources, `${id}${ext}`));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function fresh(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('refuses, before any work, a folder that is not its own', () => {
  it("a user's folder: exit 2, one line, and the folder as it was", async () => {
    const mine = fresh('users-folder');
    writeFileSync(join(mine, 'notes.txt'), 'keep me\n');
    const r = await runCli(['--sources', sources, '--out', mine, '--reports', join(work, 'users-folder-reports')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--out .*users-folder: is not empty and holds no \.pipeline-release\.json/);
    expect(readdirSync(mine)).toEqual(['notes.txt']);
    expect(existsSync(join(work, 'users-folder-reports')), 'nothing was written for the reports either').toBe(false);
  });

  it('a regular file', async () => {
    const file = join(fresh('a-file'), 'results.csv');
    writeFileSync(file, 'a,b\r\n');
    const r = await runCli(['--sources', sources, '--out', file, '--reports', join(work, 'a-file', 'reports')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/is a file, not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('a,b\r\n');
  });

  it('the sources, a folder inside them, and a folder holding them', async () => {
    const before = snapshot(sources);
    for (const out of [sources, join(sources, 'output'), work]) {
      const r = await runCli(['--sources', sources, '--out', out, '--reports', join(fresh('src-reports'), 'r')]);
      expect(r.code, `${out}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/source folder/);
    }
    expect(differences(before, snapshot(sources))).toEqual([]);
  });

  it('--out the same as --reports, or inside it', async () => {
    const both = join(work, 'both');
    for (const [out, reports] of [[both, both], [join(both, 'out'), both]]) {
      const r = await runCli(['--sources', sources, '--out', out!, '--reports', reports!]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--out .* --reports/);
    }
    expect(existsSync(both)).toBe(false);
  });

  it('the working folder (--out .) and the project', async () => {
    const cwd = fresh('cwd');
    writeFileSync(join(cwd, 'thesis.tex'), 'years of work\n');
    const here = await runCli(['--sources', sources, '--out', '.', '--reports', 'reports'], { cwd });
    expect(here.code, here.stderr).toBe(2);
    expect(here.stderr).toMatch(/working folder/);
    expect(readdirSync(cwd)).toEqual(['thesis.tex']);
    const project = await runCli(['--sources', sources, '--out', ROOT, '--reports', join(fresh('p-reports'), 'r')], { cwd });
    expect(project.code, project.stderr).toBe(2);
    expect(project.stderr).toMatch(/project folder/);
    expect(existsSync(join(ROOT, '.git'))).toBe(true);
  });

  it('a link in place of the folder', async () => {
    const real = fresh('link-target');
    writeFileSync(join(real, 'data.txt'), 'x\n');
    const link = join(work, 'link-out');
    execFileSync('ln', ['-s', real, link]);
    const r = await runCli(['--sources', sources, '--out', link, '--reports', join(fresh('link-reports'), 'r')]);
    expect(r.code, r.stderr).toBe(2);
    expect(readdirSync(real)).toEqual(['data.txt']);
  });
});

describe('its own release', () => {
  it("is replaced, keeping the files a user or another command put in it, with normal permissions", async () => {
    const dir = fresh('own');
    const out = join(dir, 'output');
    const reports = join(dir, 'reports');
    const first = await runCli(['--sources', sources, '--out', out, '--reports', reports]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).files).toEqual(expect.arrayContaining(['datapackage.json', 'data/training.csv']));
    writeFileSync(join(out, 'my-notes.md'), 'mine\n');
    mkdirSync(join(out, 'data', 'extra'));
    writeFileSync(join(out, 'data', 'extra', 'lookup.csv'), 'x\r\n');
    writeFileSync(join(reports, 'extraction-quality.md'), '# from npm run eval\n');
    const second = await runCli(['--sources', sources, '--out', out, '--reports', reports]);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(out, 'my-notes.md'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(out, 'data', 'extra', 'lookup.csv'), 'utf8')).toBe('x\r\n');
    expect(readFileSync(join(reports, 'extraction-quality.md'), 'utf8')).toBe('# from npm run eval\n');
    // Folders readable by others (a web server, a colleague), files too: the umask's usual 755 / 644.
    for (const path of [out, join(out, 'data'), reports]) expect(statSync(path).mode & 0o777, path).toBe(0o755);
    expect(statSync(join(out, 'data', 'training.csv')).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir).sort(), 'no lock, journal or staging folder left behind').toEqual(['output', 'reports']);
  });
});

describe('one run at a time', () => {
  it('a live run holding the lock: exit 4, nothing read or written', async () => {
    const dir = fresh('locked');
    const out = join(dir, 'output');
    writeFileSync(lockFileFor(out), `${JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname() })}\n`);
    const r = await runCli(['--sources', sources, '--out', out, '--reports', join(dir, 'reports')]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/is writing this folder/);
    expect(readdirSync(dir)).toEqual(['.output.lock']);
  });

  it('a lock left by a run that died is taken over', async () => {
    const dir = fresh('stale');
    const out = join(dir, 'output');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(lockFileFor(out), `${JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname() })}\n`);
    const r = await runCli(['--sources', sources, '--out', out, '--reports', join(dir, 'reports')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['output', 'reports']);
  });

  it('two runs started together on one --out: one publishes a whole release, the other is refused', async () => {
    const dir = fresh('together');
    const args = ['--sources', sources, '--out', join(dir, 'output'), '--reports', join(dir, 'reports')];
    const [a, b] = await Promise.all([startCli(args).done, startCli(args).done]);
    const codes = [a.code, b.code].sort();
    // Both may succeed one after the other when the first is done before the second starts.
    expect([[0, 4], [0, 0]], `${a.stderr}\n${b.stderr}`).toContainEqual(codes);
    const files = [...snapshot(join(dir, 'output')).keys()];
    expect(files).toEqual(expect.arrayContaining(['README.md', 'datapackage.json', 'charts/secdef-visits.svg', 'data/evidence.csv']));
    expect([...snapshot(join(dir, 'reports')).keys()]).toEqual(expect.arrayContaining(['summary.md', 'index.html', 'changes.md']));
  });
});

describe('both folders are one release', () => {
  /** An old release of both folders and a new one staged, as a run leaves them just before its swaps. */
  async function staged(name: string): Promise<{ out: string; reports: string; journal: string; parent: string }> {
    const parent = fresh(name);
    const out = join(parent, 'output');
    const reports = join(parent, 'reports');
    await publishRelease([{ target: out, files: new Map([['v.txt', 'old\n']]) }, { target: reports, files: new Map([['v.txt', 'old\n']]) }]);
    return { out, reports, journal: join(parent, '.output.swap.json'), parent };
  }

  it('a run killed between swapping output/ and reports/ is finished by the next: both new', async () => {
    const { out, reports, journal, parent } = await staged('between-swaps');
    // What the journal names, made by hand at the state a kill leaves: output/ swapped, reports/ not.
    const stage = (target: string) => join(parent, `.${target.split('/').at(-1)}.new-99999-deadbeef`);
    for (const target of [out, reports]) {
      mkdirSync(stage(target));
      writeFileSync(join(stage(target), 'v.txt'), 'new\n');
      writeFileSync(join(stage(target), MANIFEST), JSON.stringify({ generator: 'defense-relations-data pipeline', files: ['v.txt'] }));
    }
    writeFileSync(journal, JSON.stringify([out, reports].map((target) => ({ target, staging: stage(target), retired: `${stage(target)}.old` }))));
    execFileSync('mv', [out, `${stage(out)}.old`]);
    execFileSync('mv', [stage(out), out]);
    recover([out, reports]);
    expect(readFileSync(join(out, 'v.txt'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(reports, 'v.txt'), 'utf8')).toBe('new\n');
    expect(readdirSync(parent).sort()).toEqual(['output', 'reports']);
  });

  it('a run killed with output/ moved aside and nothing renamed in: the next run publishes, nothing lost', async () => {
    const { out, reports, parent } = await staged('aside');
    const r = await runCli(['--sources', sources, '--out', out, '--reports', reports]);
    expect(r.code, r.stderr).toBe(0);
    execFileSync('mv', [out, join(parent, '.output.new-1-0.old')]);
    const again = await runCli(['--sources', sources, '--out', out, '--reports', reports]);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(parent).sort()).toEqual(['output', 'reports']);
  });
});

describe('a full disk', () => {
  it('is one line naming the folder and the reason, exit 3, and the previous release stays', async () => {
    const disk = fresh('small-disk');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', disk]).status === 0;
    if (!mounted) {
      // Without the right to mount a small file system, a read-only folder stands in (for non-root users).
      chmodSync(disk, 0o555);
    }
    try {
      const out = join(disk, 'output');
      const reports = join(disk, 'reports');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, MANIFEST), JSON.stringify({ generator: 'defense-relations-data pipeline', files: ['old.txt'] }));
      writeFileSync(join(out, 'old.txt'), 'previous release\n');
      const r = await runCli(['--sources', join(ROOT, 'sources'), '--out', out, '--reports', reports]);
      expect(r.code, r.stderr).toBe(3);
      const line = r.stderr.trim().split('\n').at(-1)!;
      expect(line).toMatch(/^internal error: .*(no space left on the disk|permission denied).*the previous .* are as they were$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(join(out, 'old.txt'), 'utf8')).toBe('previous release\n');
      expect(readdirSync(disk).filter((n) => n.startsWith('.output.new') || n.startsWith('.reports.new'))).toEqual([]);
    } finally {
      if (mounted) spawnSync('umount', [disk]);
      else chmodSync(disk, 0o755);
    }
  });
});
