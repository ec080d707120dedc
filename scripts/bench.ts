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
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { replaceFile } from '../pipeline/lib/files.js';
import { NLP_PIPE } from '../pipeline/extract/nlp.js';
import { generateCorpus } from './synthetic-corpus.js';

const PROJECT = new URL('..', import.meta.url).pathname;
/** The two founding documents, in sources/. */
const SEEDS = ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b'];

interface Stage {
  name: string;
  ms: number;
  /** Peak resident memory of the process when the stage ended (the maximum so far). */
  mb: number;
  detail: string;
}

interface Run {
  label: string;
  /** Wall time of the whole process, Node start included. */
  wall: number;
  exit: number;
  stages: Stage[];
  stderr: string;
}

const LINE = /^(\S+)\s+(\d+) ms\s+(\d+) MB(?: {2}(.*))?$/;

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: PROJECT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wall = performance.now() - started;
      const stages = stderr
        .split('\n')
        .map((l) => LINE.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ name: m[1]!, ms: Number(m[2]), mb: Number(m[3]), detail: m[4] ?? '' }));
      process.stderr.write(`bench: ${label}: ${(wall / 1000).toFixed(1)} s, exit ${code}\n`);
      if (code !== 0 && code !== 1) fail(new Error(`${label}: the pipeline exited with ${code}:\n${stderr}`));
      else done({ label, wall, exit: code ?? -1, stages, stderr });
    });
  });
}

function pipeline(label: string, sources: string, work: string, cache: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run(label, process.execPath, ['bin/pipeline.mjs', '--sources', sources, '--out', join(work, 'output'), '--reports', join(work, 'reports'), '--cache', cache], env);
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

const stage = (r: Run, name: string) => r.stages.find((s) => s.name === name);
const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const peak = (r: Run) => stage(r, 'total')?.mb ?? Math.max(0, ...r.stages.map((s) => s.mb));

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

function extractedCount(r: Run): number | null {
  const m = /(\d+) extracted/.exec(stage(r, 'extract')?.detail ?? '');
  return m ? Number(m[1]) : stage(r, 'cache')?.detail.startsWith('nothing changed') ? 0 : null;
}

function threadTimes(r: Run): { threads: number; nlp: number; rules: number } {
  const d = stage(r, 'extract')?.detail ?? '';
  const threads = /on (\d+) threads/.exec(d);
  return { threads: threads ? Number(threads[1]) : 1, nlp: Number(/nlp ([\d.]+) s/.exec(d)?.[1] ?? NaN) * 1000, rules: Number(/rules ([\d.]+) s/.exec(d)?.[1] ?? NaN) * 1000 };
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** Runs of the seeds: each with an empty cache, then again cached. */
const SEED_RUNS = 5;
/** Runs of the floor: the fastest counts. */
const FLOOR_RUNS = 3;

function median(runs: Run[]): Run & { all: number[] } {
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  return { ...sorted[Math.floor(sorted.length / 2)]!, all: runs.map((r) => r.wall) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, single: { type: 'boolean', default: false }, keep: { type: 'string' } },
  });
  const docs = Number(values.docs);
  const seed = Number(values.seed);
  const work = values.keep ? resolve(values.keep) : await mkdtemp(join(tmpdir(), 'pipeline-bench-'));
  await rm(work, { recursive: true, force: true });
  const corpus = join(work, 'corpus');
  const load = loadavg();
  try {
    process.stderr.write(`bench: generating ${docs} documents in ${corpus}\n`);
    const generated = await generateCorpus({ out: corpus, docs, seed });
    const megabytes = generated.bytes / 1e6;

    const cold = await pipeline('cold run (empty cache)', corpus, join(work, 'run'), join(work, 'cache'));
    const threads = threadTimes(cold);
    process.stderr.write(`bench: wink-nlp floor on ${threads.threads} thread(s), ${FLOOR_RUNS} times\n`);
    const texts = await readTexts(corpus);
    const floors: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < FLOOR_RUNS; i++) floors.push(await floor(texts, threads.threads));
    // The fastest run: the floor is what wink-nlp can do here, other work on the machine aside.
    const nlpFloor = floors.reduce((a, b) => (b.wall < a.wall ? b : a));
    const warm = await pipeline('re-run, nothing changed', corpus, join(work, 'run'), join(work, 'cache'));

    const changed = (await readdir(corpus)).filter((n) => n.endsWith('.txt')).sort()[Math.floor(docs / 2)]!;
    const file = join(corpus, changed);
    await writeFile(file, `${await readFile(file, 'utf8')}\nDefense Secretary Jim Mattis visited Lima, Peru, on Aug. 14, 2017.\n`);
    const one = await pipeline('re-run, one document changed', corpus, join(work, 'run'), join(work, 'cache'));

    const seeds = join(work, 'seeds');
    await mkdir(seeds, { recursive: true });
    for (const id of SEEDS) for (const ext of ['.txt', '.meta.json']) await cp(join(PROJECT, 'sources', `${id}${ext}`), join(seeds, `${id}${ext}`));
    // Small runs are at the mercy of the machine's other work: the median of a few.
    const seedRuns: Run[] = [];
    const seedWarmRuns: Run[] = [];
    for (let i = 0; i < SEED_RUNS; i++) {
      const seedArgs = ['bin/pipeline.mjs', '--sources', seeds, '--out', join(work, `seeds-${i}`, 'output'), '--reports', join(work, `seeds-${i}`, 'reports'), '--cache', join(work, `seeds-cache-${i}`)];
      seedRuns.push(await run(`two seeds, empty cache (${i + 1}/${SEED_RUNS})`, process.execPath, seedArgs));
      seedWarmRuns.push(await run(`two seeds, cached (${i + 1}/${SEED_RUNS})`, process.execPath, seedArgs));
    }
    const seedCold = median(seedRuns);
    const seedWarm = median(seedWarmRuns);
    const single = values.single ? await pipeline('cold run on one thread', corpus, join(work, 'run-single'), join(work, 'cache-single'), { PIPELINE_WORKERS: '1' }) : null;
    const singleFloor = single ? await floor(texts, 1) : null;

    const extractWall = (stage(cold, 'extract')?.ms ?? NaN);
    const cpuRatio = (threads.nlp + threads.rules) / nlpFloor.cpu;
    const wallRatio = extractWall / nlpFloor.wall;
    const oneExtracted = extractedCount(one);
    const warmExtracted = extractedCount(warm);
    const md = [
      '# Benchmark',
      '',
      `Generated by \`npm run bench -- --docs ${docs} --seed ${seed}${values.single ? ' --single' : ''}\` (scripts/bench.ts). Timings depend on the machine and on what else it runs; rerun to compare.`,
      '',
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
    ].join('\n');
    await replaceFile(join(PROJECT, 'reports', 'benchmark.md'), md);
    process.stdout.write(md);
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}

await main();
