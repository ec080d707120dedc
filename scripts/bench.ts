#!/usr/bin/env -S npx tsx
// The benchmark (npm run bench): how the pipeline scales, measured on a synthetic corpus.
//
//   npm run bench [-- --docs 10000] [--seed 1] [--single] [--keep DIR]
//
// 1. Generates N documents (scripts/synthetic-corpus.ts) in a temporary folder.
// 2. Runs the pipeline on it as a user would (a new Node process, `node bin/pipeline.mjs`) with an
//    empty cache, and reads the per-stage lines it prints: wall time and peak memory per stage.
// 3. Measures the floor: wink-nlp's own readDoc over every text with the steps the extractor runs
//    (NLP_PIPE) and the outputs it asks for (tokens, sentences), on as many threads as the pipeline used, and compares
//    the extract stage (annotation + rules) with it.
// 4. Runs again with nothing changed, then with one document changed, then the two seed documents
//    on their own (Node start included), and with --single the cold run on one thread.
// 5. Writes reports/benchmark.md.
//
// Timings vary with the machine and whatever else it runs; nothing here is a test.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { replaceFile } from '../pipeline/lib/files.js';
import { NLP_PIPE } from '../pipeline/extract/nlp.js';
import { comparison, type Side } from './bench-compare.js';
import { extractedCount, median, peak, run, seconds, stage, threadTimes, type Run } from './bench-run.js';
import { thisCheckout, withBaseline, type Checkout } from './baseline-tree.js';
import { generateCorpus } from './synthetic-corpus.js';

/** The two founding documents, in sources/. */
const SEEDS = ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b'];

function pipeline(at: Checkout, label: string, sources: string, work: string, cache: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run(label, at.dir, [...at.command, '--sources', sources, '--out', join(work, 'output'), '--reports', join(work, 'reports'), '--cache', cache], env);
}

/** Thread time and wall time of wink-nlp alone over the texts, on `threads` threads. */
async function floor(texts: string[], threads: number): Promise<{ wall: number; cpu: number }> {
  const require = createRequire(import.meta.url);
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const nlp = require(${JSON.stringify(require.resolve('wink-nlp'))})(require(${JSON.stringify(require.resolve('wink-eng-lite-web-model'))}), ${JSON.stringify(NLP_PIPE)});
    const its = nlp.its;
    let ms = 0;
    for (const text of workerData.texts) {
      const started = performance.now();
      const doc = nlp.readDoc(text);
      doc.tokens().out(its.value);
      doc.tokens().out(its.precedingSpaces);
      doc.sentences().each((s) => s.out(its.span));
      ms += performance.now() - started;
    }
    parentPort.postMessage(ms);`;
  const shares: string[][] = Array.from({ length: Math.max(1, threads) }, () => []);
  // Longest first, round robin: the same balance the pipeline's scheduler aims at.
  [...texts].sort((a, b) => b.length - a.length).forEach((t, i) => shares[i % shares.length]!.push(t));
  const started = performance.now();
  const times = await Promise.all(
    shares.map(
      (share) =>
        new Promise<number>((done, fail) => {
          const worker = new Worker(code, { eval: true, workerData: { texts: share } });
          worker.once('message', (ms: number) => {
            done(ms);
            void worker.terminate();
          });
          worker.once('error', fail);
        }),
    ),
  );
  return { wall: performance.now() - started, cpu: times.reduce((a, b) => a + b, 0) };
}

async function readTexts(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
}

const PROJECT = new URL('..', import.meta.url).pathname;

function stageTable(r: Run, documents: number, megabytes: number): string {
  const rows = r.stages.map((s) => {
    const per = s.ms > 0 && s.name !== 'total' ? s.ms / 1000 : 0;
    const rate = (n: number) => (per > 0 ? (n / per).toFixed(n >= 100 ? 0 : 1) : '');
    // The write line names the (temporary) folders: not worth keeping in a report.
    const detail = s.name === 'write' ? 'output/, reports/' : s.detail;
    return `| ${s.name} | ${seconds(s.ms)} | ${s.name === 'cache' || s.name === 'total' ? '' : rate(documents)} | ${s.name === 'cache' || s.name === 'total' ? '' : rate(megabytes)} | ${s.mb} | ${detail.replace(/\|/g, '\\|')} |`;
  });
  return ['| stage | wall (s) | documents/s | MB/s | peak RSS (MB) | detail |', '|---|--:|--:|--:|--:|---|', ...rows, `| **process** (Node start included) | **${seconds(r.wall)}** | ${(documents / (r.wall / 1000)).toFixed(0)} | ${(megabytes / (r.wall / 1000)).toFixed(2)} | **${peak(r)}** | exit ${r.exit} |`].join('\n');
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** Runs of the seeds: each with an empty cache, then again cached. */
const SEED_RUNS = 5;
/** Runs of the floor: the fastest counts. */
const FLOOR_RUNS = 3;

const sideOf = (c: Checkout, m: Measured): Side => ({ label: c.label, command: c.command.map((a) => a.replace(PROJECT, '').replace(process.execPath, 'node')).join(' '), ...m });

function sideBySide(baseline: Checkout, docs: number, seed: number): string {
  return `The same ${docs} synthetic documents (seed ${seed}, written once by this commit's generator and read by both), each commit run the way its \`npm run pipeline\` runs it, from its own checkout (the baseline in a temporary git worktree sharing this checkout's node_modules, with its own lexicons in sources/reference/), each with its own empty cache. The steps alternate: the baseline's cold run then this commit's, the same for the re-runs and the seeds, so that both see the machine in about the same state. ${baseline.command[0]!.endsWith('tsx') ? 'The baseline runs its TypeScript through tsx, which compiles on start: its process times include that, its stage times do not.' : ''}`;
}

/** What one commit measured: the runs of the side-by-side comparison. */
type Measured = Omit<Side, 'label' | 'command'>;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, single: { type: 'boolean', default: false }, keep: { type: 'string' }, baseline: { type: 'string' } },
  });
  const self = await thisCheckout();
  if (values.baseline) await withBaseline(values.baseline, (baseline) => bench(values, [baseline, self]));
  else await bench(values, [self]);
}

interface BenchOptions {
  docs?: string;
  seed?: string;
  single?: boolean;
  keep?: string;
  baseline?: string;
}

/** Runs every step on each checkout in turn (the baseline first), so that both see the same load as far as can be. The last checkout is this one. */
async function bench(values: BenchOptions, checkouts: Checkout[]): Promise<void> {
  const docs = Number(values.docs);
  const seed = Number(values.seed);
  const self = checkouts.at(-1)!;
  const work = values.keep ? resolve(values.keep) : await mkdtemp(join(tmpdir(), 'pipeline-bench-'));
  await rm(work, { recursive: true, force: true });
  const corpus = join(work, 'corpus');
  const load = loadavg();
  const at = (c: Checkout, ...names: string[]) => join(work, c === self ? 'this' : 'baseline', ...names);
  const each = async (step: (c: Checkout, label: string) => Promise<Run>): Promise<Run[]> => {
    const runs: Run[] = [];
    for (const c of checkouts) runs.push(await step(c, checkouts.length > 1 ? `${c.label}: ` : ''));
    return runs;
  };
  try {
    process.stderr.write(`bench: generating ${docs} documents in ${corpus}\n`);
    const generated = await generateCorpus({ out: corpus, docs, seed });
    const megabytes = generated.bytes / 1e6;

    const colds = await each((c, l) => pipeline(c, `${l}cold run (empty cache)`, corpus, at(c, 'run'), at(c, 'cache')));
    const cold = colds.at(-1)!;
    const threads = threadTimes(cold);
    process.stderr.write(`bench: wink-nlp floor on ${threads.threads} thread(s), ${FLOOR_RUNS} times\n`);
    const texts = await readTexts(corpus);
    const floors: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < FLOOR_RUNS; i++) floors.push(await floor(texts, threads.threads));
    // The fastest run: the floor is what wink-nlp can do here, other work on the machine aside.
    const nlpFloor = floors.reduce((a, b) => (b.wall < a.wall ? b : a));
    const warms = await each((c, l) => pipeline(c, `${l}re-run, nothing changed`, corpus, at(c, 'run'), at(c, 'cache')));
    const warm = warms.at(-1)!;

    const changed = (await readdir(corpus)).filter((n) => n.endsWith('.txt')).sort()[Math.floor(docs / 2)]!;
    const file = join(corpus, changed);
    await writeFile(file, `${await readFile(file, 'utf8')}\nDefense Secretary Jim Mattis visited Lima, Peru, on Aug. 14, 2017.\n`);
    const ones = await each((c, l) => pipeline(c, `${l}re-run, one document changed`, corpus, at(c, 'run'), at(c, 'cache')));
    const one = ones.at(-1)!;

    const seeds = join(work, 'seeds');
    await mkdir(seeds, { recursive: true });
    for (const id of SEEDS) for (const ext of ['.txt', '.meta.json']) await cp(join(PROJECT, 'sources', `${id}${ext}`), join(seeds, `${id}${ext}`));
    // Small runs are at the mercy of the machine's other work: the median of a few.
    const seedRuns = checkouts.map((): Run[] => []);
    const seedWarmRuns = checkouts.map((): Run[] => []);
    for (let i = 0; i < SEED_RUNS; i++) {
      for (const [k, c] of checkouts.entries()) {
        const l = checkouts.length > 1 ? `${c.label}: ` : '';
        seedRuns[k]!.push(await pipeline(c, `${l}two seeds, empty cache (${i + 1}/${SEED_RUNS})`, seeds, at(c, `seeds-${i}`), at(c, `seeds-cache-${i}`)));
        seedWarmRuns[k]!.push(await pipeline(c, `${l}two seeds, cached (${i + 1}/${SEED_RUNS})`, seeds, at(c, `seeds-${i}`), at(c, `seeds-cache-${i}`)));
      }
    }
    const measured: Measured[] = checkouts.map((_, k) => ({ cold: colds[k]!, warm: warms[k]!, one: ones[k]!, seedCold: median(seedRuns[k]!), seedWarm: median(seedWarmRuns[k]!) }));
    const { seedCold, seedWarm } = measured.at(-1)!;
    const single = values.single ? await pipeline(self, 'cold run on one thread', corpus, at(self, 'run-single'), at(self, 'cache-single'), { PIPELINE_WORKERS: '1' }) : null;
    const singleFloor = single ? await floor(texts, 1) : null;

    const extractWall = (stage(cold, 'extract')?.ms ?? NaN);
    const cpuRatio = (threads.nlp + threads.rules) / nlpFloor.cpu;
    const wallRatio = extractWall / nlpFloor.wall;
    const oneExtracted = extractedCount(one);
    const warmExtracted = extractedCount(warm);
    const md = [
      '# Benchmark',
      '',
      `Generated by \`npm run bench -- --docs ${docs} --seed ${seed}${values.single ? ' --single' : ''}${values.baseline ? ` --baseline ${values.baseline}` : ''}\` (scripts/bench.ts). Timings depend on the machine and on what else it runs; rerun to compare.`,
      '',
      `- Commit: ${self.label}`,
      `- Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`,
      `- Load average when the benchmark started: ${load.map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`,
      `- Corpus: ${docs} synthetic documents (seed ${seed}), ${megabytes.toFixed(1)} MB of text`,
      `- Threads: \`PIPELINE_WORKERS\` unset, so one per core; the extract stage used ${threads.threads}`,
      '',
      '## Targets',
      '',
      '| target | measured | |',
      '|---|---|---|',
      `| extract ≤ 1.5 × the wink-nlp floor | ${wallRatio.toFixed(2)} × in wall time (${seconds(extractWall)} s vs ${seconds(nlpFloor.wall)} s on ${threads.threads} thread(s)); ${cpuRatio.toFixed(2)} × in thread time (annotation ${(threads.nlp / 1000).toFixed(1)} s + rules ${(threads.rules / 1000).toFixed(1)} s vs ${(nlpFloor.cpu / 1000).toFixed(1)} s) | ${verdict(wallRatio <= 1.5)} |`,
      `| ${docs} documents end to end ≤ 60 s | ${seconds(cold.wall)} s | ${verdict(cold.wall <= 60_000)} |`,
      `| peak RSS ≤ 1.5 GB | ${peak(cold)} MB | ${verdict(peak(cold) <= 1500)} |`,
      `| re-run with nothing changed ≤ 3 s | ${seconds(warm.wall)} s, ${warmExtracted ?? '?'} documents extracted | ${verdict(warm.wall <= 3000)} |`,
      `| one document changed: only it re-extracted | ${oneExtracted ?? '?'} extracted (${changed}); ${seconds(one.wall)} s | ${verdict(oneExtracted === 1)} |`,
      `| the two seeds end to end ≤ 3 s (Node start included) | median of ${SEED_RUNS}: ${seconds(seedCold.wall)} s with an empty cache (${seedCold.all.map(seconds).join(', ')}), ${seconds(seedWarm.wall)} s cached (${seedWarm.all.map(seconds).join(', ')}), \`node bin/pipeline.mjs\` | ${verdict(seedCold.wall <= 3000)} |`,
      '',
      '## Cold run (empty cache)',
      '',
      stageTable(cold, docs, megabytes),
      '',
      'Peak RSS is the process maximum (all threads) when the stage ended: the stage where it rises is the stage that set it.',
      '',
      '## The floor: wink-nlp alone',
      '',
      `\`readDoc\` with the steps the extractor runs (${NLP_PIPE.join(', ')}) over every text, then tokens (value, preceding spaces) and sentence spans, as \`pipeline/extract/nlp.ts\` asks for them, in worker threads that do nothing else: ${(nlpFloor.cpu / 1000).toFixed(1)} s of thread time, ${seconds(nlpFloor.wall)} s wall on ${threads.threads} thread(s) (${(docs / (nlpFloor.wall / 1000)).toFixed(0)} documents/s, ${(megabytes / (nlpFloor.wall / 1000)).toFixed(2)} MB/s); the fastest of ${FLOOR_RUNS} runs (${floors.map((f) => `${seconds(f.wall)} s`).join(', ')}). The extract stage's wall time includes starting its threads (each loads the bundled worker module, wink-nlp and chrono) and, unlike the floor, annotation shares each thread with the rules and their garbage.`,
      '',
      '## Re-run, nothing changed',
      '',
      stageTable(warm, docs, megabytes),
      '',
      '## Re-run, one document changed',
      '',
      stageTable(one, docs, megabytes),
      '',
      '## The two seeds (node bin/pipeline.mjs, empty cache, the median run)',
      '',
      stageTable(seedCold, SEEDS.length, 0),
      ...(single && singleFloor
        ? [
            '',
            '## Cold run on one thread (PIPELINE_WORKERS=1)',
            '',
            stageTable(single, docs, megabytes),
            '',
            `The floor on one thread: ${seconds(singleFloor.wall)} s; the extract stage is ${((stage(single, 'extract')?.ms ?? NaN) / singleFloor.wall).toFixed(2)} × that (annotation ${(threadTimes(single).nlp / 1000).toFixed(1)} s, rules ${(threadTimes(single).rules / 1000).toFixed(1)} s).`,
          ]
        : []),
      '',
      ...(checkouts.length > 1 ? [comparison(sideOf(checkouts[0]!, measured[0]!), sideOf(self, measured.at(-1)!), sideBySide(checkouts[0]!, docs, seed))] : []),
    ].join('\n');
    await replaceFile(join(PROJECT, 'reports', 'benchmark.md'), md);
    process.stdout.write(md);
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}

await main();
