// The content-hash cache (issue #6): a re-run with nothing changed extracts nothing and leaves the
// output as it was; with one document changed, that document alone is extracted again; whatever the
// cache holds, the bytes are those of a run without it.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../scripts/synthetic-corpus.js';
import { cliEnv, differences, runCli, snapshot, SOURCES, type CliResult } from './fixtures/bad-input.js';

let work: string;
let sources: string;
let cache: string;

/** A run into <work>/<name>/{output,reports} with the test's cache (or none). */
async function run(name: string, extra: string[] = ['--cache', cache]) {
  const dir = join(work, name);
  const result = await runCli(['--sources', sources, '--out', join(dir, 'output'), '--reports', join(dir, 'reports'), ...extra], { env: cliEnv() });
  expect(result.code, result.stderr).toBe(0);
  return { result, out: snapshot(join(dir, 'output')), reports: snapshot(join(dir, 'reports')) };
}

/** How many documents the run extracted and how many it took from the cache (null: it stopped before extracting). */
function extraction(result: CliResult): { extracted: number; cached: number } | null {
  const m = /^extract .* (\d+) documents: (\d+) extracted.*?, (\d+) from cache/m.exec(result.stderr);
  return m ? { extracted: Number(m[2]), cached: Number(m[3]) } : null;
}

function expectSame(a: { out: Map<string, Buffer>; reports: Map<string, Buffer> }, b: { out: Map<string, Buffer>; reports: Map<string, Buffer> }) {
  expect(differences(a.out, b.out), 'output/ files that differ').toEqual([]);
  expect(differences(a.reports, b.reports), 'reports/ files that differ').toEqual([]);
}

let first: Awaited<ReturnType<typeof run>>;
let count: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'incremental-'));
  sources = join(work, 'sources');
  cache = join(work, 'cache');
  cpSync(SOURCES, sources, { recursive: true, filter: (src) => !src.includes('/gold') });
  await generateCorpus({ out: sources, docs: 30, seed: 66 });
  count = readdirSync(sources).filter((n) => n.endsWith('.txt')).length;
  first = await run('main');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the cache', () => {
  it('extracts every document on the first run, into an empty cache', () => {
    expect(extraction(first.result)).toEqual({ extracted: count, cached: 0 });
  });

  it('gives the bytes of a run without a cache', async () => {
    expectSame(first, await run('uncached', ['--no-cache']));
  });

  it('re-extracts nothing when nothing changed, and leaves output and reports as they were', async () => {
    const again = await run('main');
    expect(again.result.stderr).toMatch(/^cache .*nothing changed since the last run/m);
    expect(extraction(again.result)).toBeNull();
    expectSame(first, again);
  });

  it('re-extracts nothing either when the output must be written again, and writes the same bytes', async () => {
    // Another output folder: the stages after extraction run again; every document comes from the cache.
    const elsewhere = await run('elsewhere');
    expect(extraction(elsewhere.result)).toEqual({ extracted: 0, cached: count });
    expectSame(first, elsewhere);
    // A file of the output edited by hand: the run writes the folder again.
    writeFileSync(join(work, 'elsewhere', 'output', 'data', 'training.csv'), 'edited\n');
    const repaired = await run('elsewhere');
    expect(extraction(repaired.result)).toEqual({ extracted: 0, cached: count });
    expectSame(first, repaired);
  });

  it('re-extracts exactly the one document that changed, and gives the bytes of a run without a cache', async () => {
    const changed = readdirSync(sources).filter((n) => n.startsWith('syn-') && n.endsWith('.txt')).sort()[3]!;
    // The release notes compare with the release a folder holds: the run without a cache starts from the same one.
    cpSync(join(work, 'main'), join(work, 'uncached-after-change'), { recursive: true });
    appendFileSync(join(sources, changed), '\nDefense Secretary Jim Mattis visited Lima, Peru, on Aug. 14, 2017.\n');
    const after = await run('main');
    expect(extraction(after.result)).toEqual({ extracted: 1, cached: count - 1 });
    expect(differences(first.out, after.out).length, 'the change shows in the output').toBeGreaterThan(0);
    expectSame(await run('uncached-after-change', ['--no-cache']), after);
  });

  it('treats a damaged cache entry as missing', async () => {
    const entries: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => entries.push(p))(join(dir, e.name));
    };
    walk(join(cache, 'documents'));
    expect(entries.length).toBeGreaterThanOrEqual(count);
    for (const entry of entries) writeFileSync(entry, '{"key": "truncat');
    const damaged = await run('damaged');
    expect(extraction(damaged.result)).toEqual({ extracted: count, cached: 0 });
    expectSame(await run('uncached-damaged', ['--no-cache']), damaged);
  });

  it("runs every stage again when an editors' record changes, extracting nothing", async () => {
    // A record saying the first seed states nothing: its rows are dropped, and listed in the summary.
    mkdirSync(join(sources, 'gold'), { recursive: true });
    writeFileSync(join(sources, 'gold', '000_4fc6a45fc6b0fc80.json'), JSON.stringify({ doc: '000_4fc6a45fc6b0fc80.txt', visits: [], arms: [], training: [] }));
    const reviewed = await run('main');
    expect(extraction(reviewed.result)).toEqual({ extracted: 0, cached: count });
    const summary = reviewed.reports.get('summary.md')!.toString();
    expect(summary).toMatch(/### Dropped \([1-9]\d*\)/);
    expect(reviewed.out.get('data/evidence.csv')!.toString()).not.toContain('000_4fc6a45fc6b0fc80');
    const again = await run('main');
    expect(again.result.stderr).toMatch(/^cache .*nothing changed/m);
    expectSame(reviewed, again);
  });
});
