// Precision per rule in `npm run eval`: the report has a "Rules" table per fact table whose rows add
// up to the table's rows found and matched, and a row merged from two documents counts, in each, for
// the rule that found it there.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { score } from '../pipeline/evaluate.js';
import { RULE_REGISTRIES } from '../pipeline/extract/rules/index.js';
import type { Gold } from '../pipeline/review/records.js';
import { FACT_TABLES, type Dataset } from '../pipeline/types.js';
import { extractTexts } from './helpers/extract.js';

/** The cells of the body lines of the markdown table at or after the line `heading`. */
function tableAfter(report: string, heading: string): string[][] {
  const lines = report.split('\n');
  const at = lines.indexOf(heading);
  expect(at, `no "${heading}" in the report`).toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((l, i) => i >= at && l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start + 2, end).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

describe('npm run eval on a gold set', () => {
  let dir: string;
  let report: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eval-rules-'));
    await $({ quiet: true })`npx tsx pipeline/evaluate.ts --sources tests/fixtures/heldout --report ${join(dir, 'quality.md')}`;
    report = readFileSync(join(dir, 'quality.md'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a Rules table per fact table, sorted by rule id, listing every registered rule', () => {
    expect(report).toContain('\n## Rules\n');
    for (const table of FACT_TABLES) {
      const ids = tableAfter(report, `### ${table}`).map((cells) => cells[0]!);
      expect(ids.length, table).toBeGreaterThan(0);
      expect(ids, table).toEqual([...ids].sort());
      for (const r of RULE_REGISTRIES[table] ?? []) expect(ids, table).toContain(r.id);
      for (const id of ids) expect(id.startsWith(`${table === 'secdef-visits' ? 'visits' : table === 'arms-purchases' ? 'arms' : 'training'}/`), id).toBe(true);
    }
  });

  it("adds up, per table, to the table's rows found and matched, with precision per rule", () => {
    const totals = new Map(tableAfter(report, '| table | rows found | matched | gold facts | recalled | precision | recall | F1 | trap rows |').map((c) => [c[0]!, { found: Number(c[1]), matched: Number(c[2]) }]));
    for (const table of FACT_TABLES) {
      const rules = tableAfter(report, `### ${table}`).map((c) => ({ found: Number(c[1]), matched: Number(c[2]), precision: c[3]! }));
      expect(rules.reduce((n, r) => n + r.found, 0), table).toBe(totals.get(table)!.found);
      expect(rules.reduce((n, r) => n + r.matched, 0), table).toBe(totals.get(table)!.matched);
      expect(totals.get(table)!.found, `${table}: a set with no rows proves nothing`).toBeGreaterThan(0);
      for (const r of rules) expect(r.precision).toBe(r.found ? (r.matched / r.found).toFixed(2) : '-');
    }
  });
});

describe('the rule a row counts for', () => {
  // One visit stated in two documents: by a travel word in one (with the city: the row quotes it), by
  // a headline in the other.
  const texts = [
    { id: 'a', text: 'Hagel in South America\n\nDefense Secretary Chuck Hagel traveled to Lima on Monday.', published: '2014-05-07' },
    { id: 'b', text: 'Hagel in Peru to Discuss Security\n\nDefense Secretary Chuck Hagel talked about cooperation with Peruvian officials.', published: '2014-05-07' },
  ];
  const merged = extractTexts(texts);
  const data = { ...merged.rows, sources: [], evidence: merged.evidence } as Dataset;
  const gold = (doc: string, quote: string): Gold => ({ doc: `${doc}.txt`, visits: [{ secretary: 'Chuck Hagel', country: 'PER', year: 2014, quote }], arms: [], training: [] });

  it('is the rule of its primary fact in the document it quotes, and the rule that found it in another', () => {
    expect(data['secdef-visits']).toHaveLength(1);
    expect(data.evidence.map((e) => `${e.source_id} ${e.rule}`).sort()).toEqual(['a visits/travel', 'b visits/headline']);
    const scores = score(data, [gold('a', 'Defense Secretary Chuck Hagel traveled to Lima on Monday.'), gold('b', 'Hagel in Peru to Discuss Security')]);
    expect(scores['secdef-visits'].rules).toEqual({ 'visits/travel': { found: 1, matched: 1 }, 'visits/headline': { found: 1, matched: 1 } });
    expect(scores['secdef-visits'].found).toBe(2);
  });

  it('counts a row no gold fact matches against its rule', () => {
    const scores = score(data, [{ doc: 'b.txt', visits: [], arms: [], training: [] }]);
    expect(scores['secdef-visits'].rules).toEqual({ 'visits/headline': { found: 1, matched: 0 } });
  });
});
