// Beyond one machine (issue #6): the documents split into N shards by a hash of their id, each shard
// extracted on its own into a partial result, the partials merged: byte-identical to a single run.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardOf, type PartialDocument } from '../pipeline/shard.js';
import { generateCorpus } from '../scripts/synthetic-corpus.js';
import { cliEnv, differences, runCli, snapshot, SOURCES } from './fixtures/bad-input.js';

const SHARDS = 3;
let work: string;
let sources: string;
let ids: string[];

const cli = (args: string[]) => runCli([...args, '--no-cache'], { env: cliEnv() });
const partialDir = (i: number) => join(work, 'artifacts', `partial-${i}`);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'shard-'));
  sources = join(work, 'sources');
  cpSync(SOURCES, sources, { recursive: true, filter: (src) => !src.includes('/gold') });
  await generateCorpus({ out: sources, docs: 40, seed: 3 });
  ids = readdirSync(sources)
    .filter((n) => n.endsWith('.txt'))
    .map((n) => n.slice(0, -4))
    .sort();
  // As a CI matrix would: each shard in its own job, its partial in its own artifact folder.
  for (let i = 1; i <= SHARDS; i++) {
    const shard = await cli(['--sources', sources, '--shard', `${i}/${SHARDS}`, '--out', partialDir(i)]);
    expect(shard.code, shard.stderr).toBe(0);
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function partial(i: number): { header: { shard: { index: number; count: number } }; documents: PartialDocument[] } {
  return JSON.parse(readFileSync(join(partialDir(i), `shard-${i}-of-${SHARDS}.json`), 'utf8'));
}

describe('--shard', () => {
  it('puts every document in exactly one shard, by a hash of its id', () => {
    const seen: string[] = [];
    for (let i = 1; i <= SHARDS; i++) {
      const p = partial(i);
      expect(p.header.shard).toEqual({ index: i, count: SHARDS });
      expect(p.documents.length, `shard ${i} is not empty`).toBeGreaterThan(0);
      for (const d of p.documents) {
        expect(shardOf(d.id, SHARDS)).toBe(i);
        expect(d.source.id).toBe(d.id);
        expect(d.source.sha256).toMatch(/^[0-9a-f]{64}$/);
        seen.push(d.id);
      }
    }
    expect(seen.sort()).toEqual(ids);
  });

  it('is deterministic and refuses a bad shard', async () => {
    expect(shardOf('hd01-dod-perry-mexico-1995', 4)).toBe(shardOf('hd01-dod-perry-mexico-1995', 4));
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b']) expect(() => parseShard(bad)).toThrow(/--shard must be I\/N/);
    const result = await cli(['--sources', sources, '--shard', '4/3']);
    expect(result.code).toBe(2);
  });
});

describe('--merge', () => {
  it('gives byte for byte the output and reports of a single run', async () => {
    const single = await cli(['--sources', sources, '--out', join(work, 'single', 'output'), '--reports', join(work, 'single', 'reports')]);
    expect(single.code, single.stderr).toBe(0);
    const merged = await cli(['--sources', sources, '--out', join(work, 'merged', 'output'), '--reports', join(work, 'merged', 'reports'), '--merge', ...Array.from({ length: SHARDS }, (_, i) => partialDir(i + 1))]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(new RegExp(`^extract .* ${ids.length} documents: 0 extracted, ${ids.length} from partials`, 'm'));
    const out = [snapshot(join(work, 'single', 'output')), snapshot(join(work, 'merged', 'output'))] as const;
    const reports = [snapshot(join(work, 'single', 'reports')), snapshot(join(work, 'merged', 'reports'))] as const;
    expect(out[0].size).toBeGreaterThan(10);
    expect(differences(...out), 'output/ files that differ').toEqual([]);
    expect(differences(...reports), 'reports/ files that differ').toEqual([]);
  });

  it('refuses an incomplete set of shards', async () => {
    const result = await cli(['--sources', sources, '--out', join(work, 'x', 'output'), '--reports', join(work, 'x', 'reports'), '--merge', partialDir(1), partialDir(3)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`shard(s) 2/${SHARDS} missing`);
  });

  it('refuses partials made from another version of a document', async () => {
    appendFileSync(join(sources, `${ids.at(-1)}.txt`), '\nOne more sentence.\n');
    const result = await cli(['--sources', sources, '--out', join(work, 'y', 'output'), '--reports', join(work, 'y', 'reports'), '--merge', ...Array.from({ length: SHARDS }, (_, i) => partialDir(i + 1))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`the partial entry of ${ids.at(-1)} was made from another version`);
  });
});
