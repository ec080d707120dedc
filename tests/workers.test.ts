// Per-document work on every core (issue #6): the same bytes whatever the number of threads, the
// same facts as the one-thread stage functions, and the same checks as the ingest stage.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFacts, readSources, storeFacts } from '../pipeline/documents.js';
import { DEFAULT_REFERENCE_DIR, loadReference } from '../pipeline/lib/reference.js';
import { extract, mergeDocuments } from '../pipeline/stages/extract.js';
import { extractDocument } from '../pipeline/extract/document.js';
import { ingest } from '../pipeline/stages/ingest.js';
import { extractAll, threadsFor, workerSetting } from '../pipeline/workers.js';
import { generateCorpus } from '../scripts/synthetic-corpus.js';
import { cliEnv, differences, runCli, snapshot, SOURCES, writeBadInputCorpus } from './fixtures/bad-input.js';

const reference = loadReference(DEFAULT_REFERENCE_DIR);
let work: string;
let corpus: string;
let count: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'workers-'));
  corpus = join(work, 'sources');
  // The real documents and enough synthetic ones for two threads to share.
  cpSync(SOURCES, corpus, { recursive: true, filter: (src) => !src.includes('/gold') });
  await generateCorpus({ out: corpus, docs: 70, seed: 6 });
  count = (await readSources(corpus)).sources.length;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('PIPELINE_WORKERS', () => {
  it('gives byte-identical output and reports on one thread and on two', async () => {
    const runs = [];
    for (const workers of ['1', '2']) {
      const dir = join(work, `workers-${workers}`);
      const result = await runCli(['--sources', corpus, '--out', join(dir, 'output'), '--reports', join(dir, 'reports'), '--no-cache'], { env: cliEnv({ PIPELINE_WORKERS: workers }) });
      expect(result.code, result.stderr).toBe(0);
      runs.push({ result, out: snapshot(join(dir, 'output')), reports: snapshot(join(dir, 'reports')) });
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(one.result.stderr).toMatch(new RegExp(`^extract .* ${count} documents: ${count} extracted on the main thread, 0 from cache`, 'm'));
    expect(two.result.stderr).toMatch(new RegExp(`^extract .* ${count} documents: ${count} extracted on 2 threads, 0 from cache`, 'm'));
    expect(one.out.size).toBeGreaterThan(10);
    expect(differences(one.out, two.out), 'output/ files that differ').toEqual([]);
    expect(differences(one.reports, two.reports), 'reports/ files that differ').toEqual([]);
  });

  it('refuses a value that is not a number of threads', async () => {
    const result = await runCli(['--sources', corpus, '--out', join(work, 'bad', 'output'), '--reports', join(work, 'bad', 'reports'), '--no-cache'], { env: cliEnv({ PIPELINE_WORKERS: 'lots' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PIPELINE_WORKERS must be a whole number of threads');
  });

  it('starts threads only when there is enough to share, unless told how many', () => {
    expect(workerSetting({ PIPELINE_WORKERS: '3' })).toEqual({ count: 3, explicit: true });
    expect(workerSetting({}).explicit).toBe(false);
    expect(threadsFor(5, { count: 4, explicit: false })).toBe(0);
    expect(threadsFor(1000, { count: 4, explicit: false })).toBe(4);
    expect(threadsFor(5, { count: 4, explicit: true })).toBe(4);
    expect(threadsFor(1, { count: 4, explicit: true })).toBe(0);
    expect(threadsFor(1000, { count: 1, explicit: true })).toBe(0);
  });
});

describe('extraction in threads', () => {
  it('finds exactly the facts of the one-thread stage functions (ingest, then extract)', async () => {
    const { sources } = await readSources(corpus);
    const { found, stats } = await extractAll(sources, { ref: reference, setting: { count: 2, explicit: true }, known: () => null });
    expect(stats).toMatchObject({ documents: count, extracted: count, known: 0, threads: 2 });
    const { docs } = await ingest(corpus);
    expect(mergeDocuments(sources, found)).toStrictEqual(extract(docs, reference));
  });

  it('stores facts as JSON and reads them back identical, items pointing at their aggregate', async () => {
    const { docs } = await ingest(SOURCES);
    let items = 0;
    for (const doc of docs) {
      const found = extractDocument(doc, reference);
      const back = loadFacts(JSON.parse(JSON.stringify(storeFacts(found))));
      expect(back, doc.id).toStrictEqual(found);
      for (const [i, f] of back.facts.entries()) {
        if (f.table !== 'arms-purchases' || f.part_of === null) continue;
        items++;
        const original = found.facts[i] as typeof f;
        expect(back.facts.indexOf(f.part_of), doc.id).toBe(found.facts.indexOf(original.part_of!));
      }
    }
    expect(items, 'the sources have at least one item of an aggregate purchase').toBeGreaterThan(0);
  });
});

describe('reading a source folder', () => {
  it('reads and rejects exactly what the ingest stage does, with the same problems', async () => {
    const dir = join(work, 'bad-input');
    const bad = writeBadInputCorpus(join(dir, 'sources'), join(dir, 'elsewhere'));
    const read = await readSources(bad.dir);
    const ingested = await ingest(bad.dir);
    expect(read.problems).toEqual(ingested.problems);
    expect(read.sources).toEqual(ingested.docs);
  });
});
