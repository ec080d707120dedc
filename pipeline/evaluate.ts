#!/usr/bin/env -S npx tsx
// npm run eval: scores the extractor against gold annotations (matching rules of the corpus README)
// and prints precision, recall and F1 per table with every miss and every extra row, and precision per
// rule (pipeline/rule-precision.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replaceFile } from './lib/files.js';
import { loadReference, referenceDirFor } from './lib/reference.js';
import { extract } from './stages/extract.js';
import { ingest } from './stages/ingest.js';
import { MATCH, matchFacts } from './review/match.js';
import { RULE_REGISTRIES } from './extract/rules/index.js';
import { addCounts, countRow, formatRuleTables, ruleOfRow, type RuleCounts } from './rule-precision.js';
import type { Gold, GoldArms, GoldTraining, GoldVisit } from './review/records.js';
import { FACT_TABLES, type ArmsRow, type Dataset, type FactTable, type TrainingRow, type VisitRow } from './types.js';

type Row = VisitRow | ArmsRow | TrainingRow;

const GOLD_KEY = { 'secdef-visits': 'visits', 'arms-purchases': 'arms', training: 'training' } as const;

export interface TableScore {
  found: number;
  matched: number;
  gold: number;
  recalled: number;
  precision: number;
  recall: number;
  f1: number;
  misses: string[];
  extras: string[];
  traps: string[];
  /** Rows found and matched per rule: they add up to `found` and `matched`. */
  rules: RuleCounts;
}

export function score(data: Dataset, golds: Gold[]): Record<FactTable, TableScore> {
  const result = {} as Record<FactTable, TableScore>;
  for (const table of FACT_TABLES) {
    const s: TableScore = { found: 0, matched: 0, gold: 0, recalled: 0, precision: 0, recall: 0, f1: 0, misses: [], extras: [], traps: [], rules: {} };
    for (const gold of golds) {
      const id = gold.doc.replace(/\.txt$/, '');
      const evidence = data.evidence.filter((e) => e.table === table && e.source_id === id);
      const ids = new Set(evidence.map((e) => e.record_id));
      const rows = (data[table] as Row[]).filter((r) => ids.has(r.id));
      const facts = gold[GOLD_KEY[table]] as (GoldVisit | GoldArms | GoldTraining)[];
      const matched = matchFacts(facts, rows, MATCH[table] as (g: unknown, r: Row) => boolean);
      const used = new Set(matched.values());
      s.found += rows.length;
      s.matched += used.size;
      facts.forEach((f, i) => {
        if (f.optional) return;
        s.gold++;
        if (matched.has(i)) s.recalled++;
        else s.misses.push(`${id}: ${describeGold(table, f)} — “${f.quote.slice(0, 110)}${f.quote.length > 110 ? '…' : ''}”`);
      });
      rows.forEach((r, i) => {
        countRow(s.rules, ruleOfRow(r, evidence), used.has(i));
        if (!used.has(i)) s.extras.push(`${id}: ${r.id} — “${r.quote.slice(0, 110)}${r.quote.length > 110 ? '…' : ''}”`);
      });
      const traps = table === 'secdef-visits' ? gold.not_visits : table === 'arms-purchases' ? gold.not_arms : undefined;
      // A trap row is an extra row stated by a trap sentence (a correct fact may share its sentence).
      const extraIds = new Set(rows.filter((_, i) => !used.has(i)).map((r) => r.id));
      for (const trap of traps ?? []) {
        for (const e of data.evidence) {
          if (e.table === table && e.source_id === id && extraIds.has(e.record_id) && (e.quote.includes(trap.quote) || trap.quote.includes(e.quote))) s.traps.push(`${id}: ${e.record_id} from a trap (${trap.why})`);
        }
      }
    }
    s.precision = s.found ? s.matched / s.found : 1;
    s.recall = s.gold ? s.recalled / s.gold : 1;
    s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
    result[table] = s;
  }
  return result;
}

function describeGold(table: FactTable, f: GoldVisit | GoldArms | GoldTraining): string {
  if (table === 'secdef-visits') { const v = f as GoldVisit; return `${v.secretary ?? 'unnamed'} in ${v.country} ${v.year}`; }
  if (table === 'arms-purchases') { const a = f as GoldArms; return `${a.buyer} ${a.year ?? ''} ${a.quantity ?? ''} ${a.item} ${a.value_usd ?? ''}`.replace(/\s+/g, ' '); }
  const t = f as GoldTraining;
  return `${t.recipient ?? '?'} ${t.start_year ?? ''}-${t.end_year ?? ''} $${t.amount_usd ?? '-'} trainees ${t.trainees ?? '-'} courses ${t.courses ?? '-'}`;
}

export function formatScores(scores: Record<FactTable, TableScore>, docs: number, heading = '##'): string {
  const lines = [`Gold: ${docs} annotated documents.`, '', '| table | rows found | matched | gold facts | recalled | precision | recall | F1 | trap rows |', '|---|---|---|---|---|---|---|---|---|'];
  for (const t of FACT_TABLES) {
    const s = scores[t];
    lines.push(`| ${t} | ${s.found} | ${s.matched} | ${s.gold} | ${s.recalled} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.f1.toFixed(3)} | ${s.traps.length} |`);
  }
  for (const t of FACT_TABLES) {
    const s = scores[t];
    lines.push('', `${heading} ${t}`, '', `Misses (${s.misses.length}):`, '', ...(s.misses.length ? s.misses.map((m) => `- ${m}`) : ['- none']), '', `Extra rows (${s.extras.length}):`, '', ...(s.extras.length ? s.extras.map((m) => `- ${m}`) : ['- none']));
    if (s.traps.length) lines.push('', 'Trap rows:', '', ...s.traps.map((m) => `- ${m}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Scores every gold file of `goldDir` whose document is in `sources`; `groups` splits them (document ids per group). */
export async function evaluate(sources: string, goldDir: string, groups: { name: string; ids: Set<string> | null }[] = [{ name: '', ids: null }]): Promise<{ name: string; scores: Record<FactTable, TableScore>; documents: number; report: string }[]> {
  const ref = loadReference(referenceDirFor(sources));
  const { docs } = await ingest(sources);
  // The extractor alone: the review stage would publish the records themselves.
  const merged = extract(docs, ref);
  const data = { ...merged.rows, sources: [], evidence: merged.evidence } as Dataset;
  const have = new Set(docs.map((d) => `${d.id}.txt`));
  const golds = readdirSync(goldDir)
    .filter((f) => f.endsWith('.json') && have.has(f.replace(/\.json$/, '.txt')))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as Gold);
  return groups.map(({ name, ids }) => {
    const mine = golds.filter((g) => ids === null || ids.has(g.doc.replace(/\.txt$/, '')));
    const scores = score(data, mine);
    return { name, scores, documents: mine.length, report: formatScores(scores, mine.length, '###') };
  });
}

/** A batch of real documents added with blind gold, and its score the first time it was run (sources/gold/batches.json). */
interface Batch {
  name: string;
  focus: string;
  first_scored: string;
  /** The commit the first score was taken at, with a note ("225892d (the extractor as ...)"). */
  first_scored_at: string;
  documents: string[];
  first_score: Record<FactTable, { precision: number; recall: number; f1: number; trap_rows: number }>;
}

function readBatches(goldDir: string): Batch[] {
  try {
    return (JSON.parse(readFileSync(join(goldDir, 'batches.json'), 'utf8')) as { batches: Batch[] }).batches;
  } catch {
    return [];
  }
}

const prf = (s: { precision: number; recall: number; f1: number }) => `${s.precision.toFixed(2)} / ${s.recall.toFixed(2)} / ${s.f1.toFixed(2)}`;

/** The learning curve: each batch's first (blind) score beside its score today. */
function learningCurve(batches: Batch[], today: Map<string, Record<FactTable, TableScore>>): string[] {
  const lines = [
    '## Learning curve: real documents, batch by batch',
    '',
    'Each batch was scored once when it was added, before any rule changed because of it: that first score is the honest figure for text the extractor had not met. Today\'s score on the same batch is no longer blind. P / R / F1 per table.',
    '',
    '| batch | documents | first scored, extractor at | visits, first | arms, first | training, first | visits, today | arms, today | training, today |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const b of batches) {
    const now = today.get(b.name);
    const cells = FACT_TABLES.map((t) => prf(b.first_score[t]) + (b.first_score[t].trap_rows ? ` (${b.first_score[t].trap_rows} trap rows)` : ''));
    const nowCells = FACT_TABLES.map((t) => (now ? prf(now[t]) + (now[t].traps.length ? ` (${now[t].traps.length} trap rows)` : '') : '-'));
    lines.push(`| ${b.name}: ${b.focus} | ${b.documents.length} | ${b.first_scored}, ${b.first_scored_at.split(' ')[0]} | ${cells.join(' | ')} | ${nowCells.join(' | ')} |`);
  }
  return [...lines, ''];
}

/** The synthetic held-out sets: texts written for evaluation, never published. */
const HELD_OUT = [
  { name: 'Held-out set 1 (tests/fixtures/heldout/)', sources: 'tests/fixtures/heldout' },
  { name: 'Held-out set 2 (tests/fixtures/blind/)', sources: 'tests/fixtures/blind' },
  { name: 'Held-out set 3 (tests/fixtures/heldout-3/)', sources: 'tests/fixtures/heldout-3' },
  { name: 'Held-out set 4 (tests/fixtures/heldout-4/)', sources: 'tests/fixtures/heldout-4' },
  { name: 'Held-out set 5 (tests/fixtures/heldout-5/)', sources: 'tests/fixtures/heldout-5' },
];

const REAL = 'All real documents (sources/)';

/** Every gold set in the repository, scored: the real documents of sources/ (the first corpus and each batch), then the held-out sets. */
export async function evaluateAll(): Promise<{ name: string; scores: Record<FactTable, TableScore>; documents: number; report: string }[]> {
  const batches = readBatches(resolve('sources/gold'));
  const inBatch = new Set(batches.flatMap((b) => b.documents));
  const all = new Set(readdirSync(resolve('sources')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)));
  const groups = [
    { name: 'First corpus: the seeds and the eight development documents', ids: new Set([...all].filter((id) => !inBatch.has(id))) },
    ...batches.map((b) => ({ name: b.name, ids: new Set(b.documents) })),
    { name: REAL, ids: null },
  ];
  const results = await evaluate(resolve('sources'), resolve('sources/gold'), groups);
  for (const set of HELD_OUT) results.push(...(await evaluate(resolve(set.sources), resolve(set.sources, 'gold'), [{ name: set.name, ids: null }])));
  return results;
}

if (process.argv[1]?.endsWith('pipeline/evaluate.ts')) {
  const { values } = parseArgs({ options: { sources: { type: 'string' }, gold: { type: 'string' }, report: { type: 'string', default: 'reports/extraction-quality.md' } } });
  const parts = ['# Extraction quality', '', 'Precision, recall and F1 of the extractor against gold annotations, per table, with every miss and every extra row. Matching rules: a visit matches on country, year and (when the gold names one) surname; a purchase on buyer, year, quantity and value within 1%; a training fact on recipient, amount within 1%, trainees, courses and years. Optional gold facts count when found and are not missed when absent. A trap row is an extra row stated by a sentence the gold lists as a trap. The extractor is scored alone, before the review stage publishes the editors\' records.', ''];
  let results;
  if (values.sources) {
    results = await evaluate(resolve(values.sources), resolve(values.gold ?? join(values.sources, 'gold')), [{ name: `Gold set (${values.sources})`, ids: null }]);
  } else {
    results = await evaluateAll();
    const batches = readBatches(resolve('sources/gold'));
    parts.push(...learningCurve(batches, new Map(results.map((r) => [r.name, r.scores]))));
  }
  const real = results.find((r) => r.name === REAL);
  const sets = values.sources ? results : results.filter((r) => r === real || HELD_OUT.some((h) => h.name === r.name));
  const rulesOf = (group: typeof results) => Object.fromEntries(FACT_TABLES.map((t) => [t, addCounts(group.map((r) => r.scores[t].rules))])) as Record<FactTable, RuleCounts>;
  const ruleGroups = [{ name: values.sources ? 'this gold set' : 'all gold sets', counts: rulesOf(sets) }, ...(real ? [{ name: 'real documents', counts: rulesOf([real]) }] : [])];
  const summary = ['## Today, per set', '', '| set | documents | visits P / R / F1 | arms P / R / F1 | training P / R / F1 |', '|---|---|---|---|---|'];
  for (const r of results) summary.push(`| ${r.name} | ${r.documents} | ${FACT_TABLES.map((t) => prf(r.scores[t])).join(' | ')} |`);
  parts.push(...summary, '', ...formatRuleTables(ruleGroups, RULE_REGISTRIES));
  for (const r of results) parts.push(`## ${r.name}`, '', r.report.replace(/\n$/, ''), '');
  const text = `${parts.join('\n').replace(/\n+$/, '')}\n`;
  process.stdout.write(text);
  await replaceFile(resolve(values.report!), text);
}
