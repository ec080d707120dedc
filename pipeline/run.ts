#!/usr/bin/env -S npx tsx
// The runner: sources/ → ingest → extract → review → validate → export → chart → report → output/, reports/.
// Progress goes to stderr, one line per stage with its time. Exit codes: see EXIT below and the README.
import { readFileSync } from 'node:fs';
import { resolve, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { InputError, UsageError, describeProblem, toProblem, type Problem } from './errors.js';
import { checkClaims } from './claims.js';
import { COLUMNS } from './lib/columns.js';
import { replaceFolder } from './lib/files.js';
import { loadReference, referenceDirFor } from './lib/reference.js';
import { buildDataDictionary } from './report/dictionary.js';
import type { DocumentSummary } from './report/input.js';
import { renderCharts } from './stages/chart.js';
import { exportDataset } from './stages/export.js';
import { extract } from './stages/extract.js';
import { ingest, type SourceDoc } from './stages/ingest.js';
import { buildReports } from './stages/report.js';
import { readCorrections, review } from './stages/review.js';
import { validateDataset } from './stages/validate.js';
import { FACT_TABLES, TABLES, type Dataset, type SourceRow } from './types.js';

export const EXIT = {
  /** Every document and row went through. */
  ok: 0,
  /** Some input was rejected (named on stderr and in reports/summary.md); the good rows were written. */
  rejected: 1,
  /** The command line was wrong. */
  usage: 2,
  /** A bug or an environment failure; nothing was published. */
  internal: 3,
} as const;

const HELP = `Usage: npm run pipeline -- [options]

Reads source documents (<id>.txt + <id>.meta.json) and writes cited datasets, charts and reports.

Options:
  --sources DIR    folder of source documents (default: sources). Optional in it: reference/
                   (lexicons; the project's sources/reference/ otherwise) and corrections.json
                   (the editors' corrections).
  --out DIR        output folder: datapackage.json, data/, charts/, README.md (default: output)
  --reports DIR    reports folder: summary.md, changes.md, index.html (default: reports)
  --strict         treat warnings (ignored files, corrections that match nothing) as rejections,
                   and publish nothing when anything is rejected
  --help           show this text

Exit codes: 0 all went through; 1 input rejected (reasons on stderr, good rows still written);
2 bad command line; 3 internal failure (previous output left as it was).`;

/** Files in the reports folder that other commands write (npm run eval, bench, screenshots). */
const REPORTS_KEPT = ['extraction-quality.md', 'benchmark.md', 'screenshots'];

interface Options {
  sources: string;
  out: string;
  reports: string;
  strict: boolean;
}

function parseOptions(argv: string[]): Options | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        sources: { type: 'string', default: 'sources' },
        out: { type: 'string', default: 'output' },
        reports: { type: 'string', default: 'reports' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return null;
  const v = parsed.values;
  return { sources: resolve(v.sources!), out: resolve(v.out!), reports: resolve(v.reports!), strict: v.strict! };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function timed<T>(stage: string, work: () => T | Promise<T>, detail: (result: T) => string): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${stage.padEnd(9)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${detail(result)}`);
  return result;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The dataset as committed at git HEAD, for the release notes; null outside a git checkout. */
async function committedDataset(): Promise<Dataset | null> {
  const root = new URL('..', import.meta.url).pathname;
  const data: Record<string, unknown> = {};
  for (const table of TABLES) {
    const shown = await $({ cwd: root, quiet: true, nothrow: true })`git show HEAD:output/data/${table}.json`;
    if (shown.exitCode !== 0) return null;
    data[table] = JSON.parse(shown.stdout);
  }
  return data as unknown as Dataset;
}

function sourceRow(doc: SourceDoc): SourceRow {
  return {
    id: doc.id,
    title: doc.meta.title,
    publisher: doc.meta.publisher,
    url: doc.meta.url,
    published: doc.meta.published,
    language: doc.meta.language ?? null,
    license: doc.meta.license ?? null,
    excerpt: doc.meta.excerpt ?? null,
    sha256: doc.sha256,
    characters: doc.characters,
  };
}

export async function runPipeline(options: Options): Promise<number> {
  const problems: Problem[] = [];
  const ref = loadReference(referenceDirFor(options.sources));
  const ingested = await timed('ingest', () => ingest(options.sources), (r) => `${r.docs.length} documents, ${r.problems.length} problems`);
  problems.push(...ingested.problems);
  const docs = ingested.docs;
  const extracted = await timed('extract', () => extract(docs, ref), (r) => FACT_TABLES.map((t) => `${r.rows[t].length} ${t}`).join(', '));
  const corrections = readCorrections(resolve(options.sources, 'corrections.json'));
  const reviewed = await timed('review', () => review(extracted, corrections, docs, COLUMNS), (r) => `${r.outcomes.filter((o) => o.status === 'applied').length} of ${corrections.length} corrections applied`);
  for (const o of reviewed.outcomes) if (o.status === 'unmatched') problems.push({ code: 'correction-unmatched', file: relative(process.cwd(), resolve(options.sources, 'corrections.json')), field: `corrections[${o.index}]`, message: o.message });
  const dataset: Dataset = { ...reviewed.rows, sources: docs.map(sourceRow), evidence: reviewed.evidence };
  const validated = await timed('validate', () => validateDataset(dataset, docs), (r) => `${r.problems.length} rows rejected`);
  problems.push(...validated.problems);
  const data = validated.data;
  const version = packageVersion();

  const rejected = problems.filter((p) => !WARNINGS.has(p.code) || options.strict);
  for (const p of problems) log(`${WARNINGS.has(p.code) && !options.strict ? 'warning' : 'rejected'}: ${describeProblem(p)}`);
  if (options.strict && rejected.length > 0) {
    log(`--strict: ${rejected.length} problem(s); nothing published`);
    return EXIT.rejected;
  }

  const files = await timed('export', () => exportDataset(data, { version }), (f) => `${f.size} files`);
  const publishers = [...new Set(data.sources.map((s) => s.publisher))];
  const charts = await timed('chart', () => renderCharts(data, { version, publishers }), (c) => `${c.size} charts`);
  for (const [path, svg] of charts) files.set(path, svg);
  files.set('README.md', buildDataDictionary(data, version));
  const reports = await timed(
    'report',
    async () =>
      buildReports({
        data,
        documents: summarize(docs, data),
        problems,
        corrections: reviewed.outcomes,
        claims: checkClaims(extracted.claims, data['secdef-visits'], (c) => docs.find((d) => d.id === c.mention.source_id)!.text.slice(c.mention.start, c.mention.end)),
        charts,
        outputFiles: [...files.keys()].sort(),
        previous: await committedDataset(),
        version,
        outputHref: relative(options.reports, options.out) || '.',
      }),
    (r) => `${r.size} files`,
  );
  await timed('write', async () => {
    await replaceFolder(options.out, files);
    await replaceFolder(options.reports, reports, REPORTS_KEPT);
  }, () => `${relative(process.cwd(), options.out) || '.'}/, ${relative(process.cwd(), options.reports) || '.'}/`);
  return rejected.length > 0 ? EXIT.rejected : EXIT.ok;
}

/** Problems that do not reject anything unless --strict. */
const WARNINGS = new Set(['unknown-file', 'correction-unmatched']);

function summarize(docs: SourceDoc[], data: Dataset): DocumentSummary[] {
  return docs.map((d) => {
    const facts = { 'secdef-visits': 0, 'arms-purchases': 0, training: 0 };
    const counted = new Set<string>();
    for (const e of data.evidence) {
      if (e.source_id !== d.id || counted.has(e.record_id)) continue;
      counted.add(e.record_id);
      facts[e.table]++;
    }
    return { id: d.id, title: d.meta.title, publisher: d.meta.publisher, url: d.meta.url, facts };
  });
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(`error: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  try {
    return await runPipeline(options);
  } catch (error) {
    if (error instanceof InputError) {
      log(`rejected: ${describeProblem(toProblem(error))}`);
      return EXIT.rejected;
    }
    log(`internal error: ${(error as Error).stack ?? error}`);
    return EXIT.internal;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('pipeline/run.ts')) {
  process.exitCode = await main();
}
