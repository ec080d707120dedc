#!/usr/bin/env -S npx tsx
// npm run eval: scores the extractor against gold annotations (matching rules of the corpus README)
// and prints precision, recall and F1 per table with every miss and every extra row.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replaceFile } from './lib/files.js';
import { loadReference, referenceDirFor } from './lib/reference.js';
import { fold } from './lib/text.js';
import { extract } from './stages/extract.js';
import { ingest } from './stages/ingest.js';
import { readCorrections, review } from './stages/review.js';
import { COLUMNS } from './lib/columns.js';
import { FACT_TABLES, type ArmsRow, type Dataset, type FactTable, type TrainingRow, type VisitRow } from './types.js';

interface GoldVisit { secretary: string | null; country: string; year: number | null; quote: string; optional?: boolean }
interface GoldArms { buyer: string; year: number | null; quantity: number | null; value_usd: number | null; item: string; quote: string; optional?: boolean }
interface GoldTraining { recipient: string | null; amount_usd: number | null; trainees: number | null; courses: number | null; start_year: number | null; end_year: number | null; description: string; quote: string; optional?: boolean }
interface Gold {
  doc: string;
  visits: GoldVisit[];
  arms: GoldArms[];
  training: GoldTraining[];
  not_visits?: { quote: string; why: string }[];
  not_arms?: { quote: string; why: string }[];
}

type Row = VisitRow | ArmsRow | TrainingRow;

const surname = (name: string) => fold(name).split(' ').filter((w) => !/^(?:jr|sr|iii|ii|iv)\.?$/.test(w)).at(-1) ?? '';
const within = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 0.01;

const MATCH = {
  'secdef-visits': (g: GoldVisit, r: VisitRow) => r.country_iso3 === g.country && r.year === g.year && (!g.secretary || (r.secretary !== null && surname(r.secretary) === surname(g.secretary))),
  'arms-purchases': (g: GoldArms, r: ArmsRow) =>
    r.buyer_iso3 === g.buyer && (g.year === null || r.year === null || r.year === g.year) && (g.quantity === null || r.quantity === g.quantity) && (g.value_usd === null || (r.value_usd !== null && within(r.value_usd, g.value_usd))),
  training: (g: GoldTraining, r: TrainingRow) =>
    (g.recipient === null || r.recipient_iso3 === g.recipient) &&
    (g.amount_usd === null || (r.amount_usd !== null && within(r.amount_usd, g.amount_usd))) &&
    (g.trainees === null || r.trainees === g.trainees) &&
    (g.courses === null || r.courses === g.courses) &&
    (g.start_year === null || r.start_year === g.start_year) &&
    (g.end_year === null || r.end_year === g.end_year),
} as const;

const GOLD_KEY = { 'secdef-visits': 'visits', 'arms-purchases': 'arms', training: 'training' } as const;

/** Maximum matching of gold facts to rows (each at most once), by augmenting paths. */
function match<G>(gold: G[], rows: Row[], ok: (g: G, r: Row) => boolean): Map<number, number> {
  const rowOf = new Map<number, number>();
  const goldOf = new Map<number, number>();
  const tryGold = (g: number, seen: Set<number>): boolean => {
    for (let r = 0; r < rows.length; r++) {
      if (seen.has(r) || !ok(gold[g]!, rows[r]!)) continue;
      seen.add(r);
      if (!goldOf.has(r) || tryGold(goldOf.get(r)!, seen)) {
        goldOf.set(r, g);
        rowOf.set(g, r);
        return true;
      }
    }
    return false;
  };
  // Required facts first, so an optional one never takes the row a required one needs.
  const order = gold.map((_, i) => i).sort((a, b) => Number(Boolean((gold[a] as { optional?: boolean }).optional)) - Number(Boolean((gold[b] as { optional?: boolean }).optional)));
  for (const g of order) tryGold(g, new Set());
  return rowOf;
}

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
}

export function score(data: Dataset, golds: Gold[]): Record<FactTable, TableScore> {
  const result = {} as Record<FactTable, TableScore>;
  for (const table of FACT_TABLES) {
    const s: TableScore = { found: 0, matched: 0, gold: 0, recalled: 0, precision: 0, recall: 0, f1: 0, misses: [], extras: [], traps: [] };
    for (const gold of golds) {
      const id = gold.doc.replace(/\.txt$/, '');
      const ids = new Set(data.evidence.filter((e) => e.table === table && e.source_id === id).map((e) => e.record_id));
      const rows = (data[table] as Row[]).filter((r) => ids.has(r.id));
      const facts = gold[GOLD_KEY[table]] as (GoldVisit | GoldArms | GoldTraining)[];
      const matched = match(facts, rows, MATCH[table] as (g: unknown, r: Row) => boolean);
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

export async function evaluate(sources: string, goldDir: string): Promise<{ scores: Record<FactTable, TableScore>; report: string }> {
  const ref = loadReference(referenceDirFor(sources));
  const { docs } = await ingest(sources);
  const merged = extract(docs, ref);
  const reviewed = review(merged, readCorrections(join(sources, 'corrections.json')), docs, COLUMNS);
  const data = { ...reviewed.rows, sources: [], evidence: reviewed.evidence } as Dataset;
  const have = new Set(docs.map((d) => `${d.id}.txt`));
  const golds = readdirSync(goldDir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as Gold).filter((g) => have.has(g.doc));
  const scores = score(data, golds);
  return { scores, report: formatScores(scores, golds.length, '###') };
}

/** The gold sets `npm run eval` scores by default: the development gold and the two held-out sets. */
const DEFAULT_SETS = [
  { name: 'Development set: the seeds and the corpus (sources/)', sources: 'sources', gold: 'sources/gold' },
  { name: 'Held-out set 1 (tests/fixtures/heldout/)', sources: 'tests/fixtures/heldout', gold: 'tests/fixtures/heldout/gold' },
  { name: 'Held-out set 2 (tests/fixtures/blind/)', sources: 'tests/fixtures/blind', gold: 'tests/fixtures/blind/gold' },
  { name: 'Held-out set 3 (tests/fixtures/heldout-3/)', sources: 'tests/fixtures/heldout-3', gold: 'tests/fixtures/heldout-3/gold' },
  { name: 'Held-out set 4 (tests/fixtures/heldout-4/)', sources: 'tests/fixtures/heldout-4', gold: 'tests/fixtures/heldout-4/gold' },
  { name: 'Held-out set 5 (tests/fixtures/heldout-5/)', sources: 'tests/fixtures/heldout-5', gold: 'tests/fixtures/heldout-5/gold' },
];

if (process.argv[1]?.endsWith('pipeline/evaluate.ts')) {
  const { values } = parseArgs({ options: { sources: { type: 'string' }, gold: { type: 'string' }, report: { type: 'string', default: 'reports/extraction-quality.md' } } });
  const sets = values.sources
    ? [{ name: `Gold set (${values.sources})`, sources: values.sources, gold: values.gold ?? join(values.sources, 'gold') }]
    : DEFAULT_SETS;
  const parts = ['# Extraction quality', '', 'Precision, recall and F1 of the extractor against gold annotations, per table, with every miss and every extra row. Matching rules: a visit matches on country, year and (when the gold names one) surname; a purchase on buyer, year, quantity and value within 1%; a training fact on recipient, amount within 1%, trainees, courses and years. Optional gold facts count when found and are not missed when absent. A trap row is an extra row stated by a sentence the gold lists as a trap.', ''];
  for (const set of sets) {
    const { report } = await evaluate(resolve(set.sources), resolve(set.gold));
    parts.push(`## ${set.name}`, '', report.replace(/^/gm, '').replace(/\n$/, ''), '');
  }
  const text = `${parts.join('\n').replace(/\n+$/, '')}\n`.replace(/^## (secdef-visits|arms-purchases|training)$/gm, '### $1');
  process.stdout.write(text);
  await replaceFile(resolve(values.report!), text);
}
