// Adds a batch of real documents with their blind gold to sources/ and records the batch's first
// score: the extractor as committed, run once on text it has never met, before any rule changes
// because of it. That first score is the honest figure for unseen text (sources/gold/batches.json;
// `npm run eval` prints it beside today's score).
//
//   npx tsx scripts/add-batch.ts --from DIR --name b5 --focus "Documents of 1994-2009"
//
// DIR holds docs/<id>.txt and <id>.meta.json, and gold/<id>.json. Nothing is copied when a document
// id is already in sources/, a record fails the gold schema, or the extractor's code has uncommitted
// changes (the score must belong to a commit).
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { evaluateAll } from '../pipeline/evaluate.js';
import { validate } from '../pipeline/lib/schemas.js';
import { packageFor, type Gold } from '../pipeline/review/records.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, name: { type: 'string' }, focus: { type: 'string' } } });
if (!values.from || !values.name || !values.focus) {
  console.error('usage: npx tsx scripts/add-batch.ts --from DIR --name NAME --focus "what the batch covers"');
  process.exit(2);
}
const from = resolve(values.from);
const SOURCES = resolve('sources');
const GOLD = join(SOURCES, 'gold');
const BATCHES = join(GOLD, 'batches.json');

function fail(message: string): never {
  console.error(`add-batch: ${message}`);
  process.exit(1);
}

const dirty = (await $`git status --porcelain -- pipeline sources/reference`.quiet()).stdout.trim();
if (dirty) fail(`the extractor has uncommitted changes; commit them first, so that the first score belongs to a commit:\n${dirty}`);
const commit = (await $`git rev-parse --short HEAD`.quiet()).stdout.trim();

const ids = readdirSync(join(from, 'docs')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
if (ids.length === 0) fail(`${join(from, 'docs')}: no documents`);
const problems: string[] = [];
for (const id of ids) {
  if (existsSync(join(SOURCES, `${id}.txt`))) problems.push(`${id}: already in sources/`);
  if (!existsSync(join(from, 'docs', `${id}.meta.json`))) problems.push(`${id}: no .meta.json`);
  const goldFile = join(from, 'gold', `${id}.json`);
  if (!existsSync(goldFile)) {
    problems.push(`${id}: no gold record`);
    continue;
  }
  const gold = JSON.parse(readFileSync(goldFile, 'utf8'));
  const errors = validate('gold', gold);
  for (const e of errors) problems.push(`${id}.json: ${e.field}: ${e.message}`);
  // What the review refuses of a record: an item whose package does not come before it.
  if (errors.length === 0) (gold as Gold).arms.forEach((a, i) => a.part_of && packageFor((gold as Gold).arms, i) === null && problems.push(`${id}.json: arms[${i}].part_of: names a package, but no fact before it has a price or a count`));
}
if (problems.length > 0) fail(`nothing copied:\n${problems.join('\n')}`);

for (const id of ids) {
  copyFileSync(join(from, 'docs', `${id}.txt`), join(SOURCES, `${id}.txt`));
  copyFileSync(join(from, 'docs', `${id}.meta.json`), join(SOURCES, `${id}.meta.json`));
  copyFileSync(join(from, 'gold', `${id}.json`), join(GOLD, `${id}.json`));
}

const book = JSON.parse(readFileSync(BATCHES, 'utf8')) as { description: string; batches: Record<string, unknown>[] };
if (book.batches.some((b) => b.name === values.name)) fail(`a batch named ${values.name} is already recorded`);
const today = new Date().toISOString().slice(0, 10);
const batch: Record<string, unknown> = { name: values.name, focus: values.focus, collected: today, first_scored: today, first_scored_at: `${commit} (the extractor as committed; no rule had changed for this batch)`, documents: ids };
book.batches.push(batch);
writeFileSync(BATCHES, `${JSON.stringify(book, null, 2)}\n`);

const score = (await evaluateAll()).find((r) => r.name === values.name)!.scores;
batch.first_score = Object.fromEntries(
  Object.entries(score).map(([table, s]) => [table, { found: s.found, matched: s.matched, gold: s.gold, recalled: s.recalled, precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), trap_rows: s.traps.length }]),
);
writeFileSync(BATCHES, `${JSON.stringify(book, null, 2)}\n`);
console.log(`added ${ids.length} documents as ${values.name}; first score at ${commit}:`);
for (const [table, s] of Object.entries(batch.first_score as Record<string, { precision: number; recall: number; f1: number; trap_rows: number }>)) {
  console.log(`  ${table.padEnd(15)} P ${s.precision.toFixed(2)}  R ${s.recall.toFixed(2)}  F1 ${s.f1.toFixed(2)}  trap rows ${s.trap_rows}`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
