// Precision per rule, for `npm run eval`: which rule made each row a gold set scores, and how many of
// each rule's rows the gold matched, so that a bad rule is found by its numbers.
import type { EvidenceRow, FactTable } from './types.js';
import { FACT_TABLES } from './types.js';

/** Rows one rule made in a gold set's documents, and how many of them a gold fact matched. */
export interface RuleCount {
  found: number;
  matched: number;
}

/** Per rule id. */
export type RuleCounts = Record<string, RuleCount>;

/**
 * The rule a row counts for in one document: the rule of its primary fact, the one whose sentence the
 * row quotes (its evidence row citing the row's own quote). A row merged from several documents is
 * scored in each of them; where its quote is in another one, the first of its evidence rows in this
 * document stands in (that document's own reason for the row).
 */
export function ruleOfRow(row: { id: string; source_id: string; char_start: number; char_end: number }, evidence: EvidenceRow[]): string {
  const mine = evidence.filter((e) => e.record_id === row.id);
  if (mine.length === 0) throw new Error(`internal error: row ${row.id} has no evidence in its document`);
  const own = mine.find((e) => e.source_id === row.source_id && e.char_start === row.char_start && e.char_end === row.char_end);
  return (own ?? mine[0]!).rule;
}

export function countRow(counts: RuleCounts, rule: string, matched: boolean): void {
  const c = (counts[rule] ??= { found: 0, matched: 0 });
  c.found++;
  if (matched) c.matched++;
}

/** Several gold sets' counts together. */
export function addCounts(sets: RuleCounts[]): RuleCounts {
  const out: RuleCounts = {};
  for (const set of sets) {
    for (const [rule, c] of Object.entries(set)) {
      const o = (out[rule] ??= { found: 0, matched: 0 });
      o.found += c.found;
      o.matched += c.matched;
    }
  }
  return out;
}

const precision = (c: RuleCount | undefined) => (c && c.found > 0 ? (c.matched / c.found).toFixed(2) : '-');

/**
 * The "Rules" section: per fact table, one line per rule (sorted by id) with the rows it made, the
 * rows matched and its precision in each group of gold sets. Registered rules that made no row are
 * listed with 0, so a rule that never fires on gold shows.
 */
export function formatRuleTables(groups: { name: string; counts: Record<FactTable, RuleCounts> }[], registered: Partial<Record<FactTable, readonly { id: string }[]>>): string[] {
  const lines = [
    '## Rules',
    '',
    'Rows each rule made, rows a gold fact matched, and precision, per table. A row counts for the rule of its primary fact: the one whose sentence the row quotes (the `rule` of that evidence row; for a row merged from several documents, in a document its quote is not from, the first of its evidence rows there). A rule that made no row in these gold sets is listed with 0. Each table\'s rows add up to its rows found.',
    '',
  ];
  for (const table of FACT_TABLES) {
    const ids = new Set([...(registered[table] ?? []).map((r) => r.id), ...groups.flatMap((g) => Object.keys(g.counts[table]))]);
    lines.push(`### ${table}`, '', `| rule | ${groups.map((g) => `rows, ${g.name} | matched | precision`).join(' | ')} |`, `|---|${groups.map(() => '---|---|---|').join('')}`);
    for (const id of [...ids].sort()) {
      const cells = groups.map((g) => {
        const c = g.counts[table][id];
        return `${c?.found ?? 0} | ${c?.matched ?? 0} | ${precision(c)}`;
      });
      lines.push(`| ${id} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines;
}
