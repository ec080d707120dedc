// The rule harness: every rule of every table's registry, run on its own examples through the real
// extractor. An example gives its facts with all rules, and loses at least one with its rule switched
// off (so each rule is shown doing something no other rule does); on a counter-example the rule
// makes no fact (no evidence row names it). Test names carry the rule id.
import { describe, expect, it } from 'vitest';
import { RULE_REGISTRIES } from '../pipeline/extract/rules/index.js';
import { COLUMNS } from '../pipeline/lib/columns.js';
import { FACT_TABLES } from '../pipeline/types.js';
import { CLAIM_FIELDS, findRegistries, missedBy, runExample, show, unknownFields } from './helpers/rules.js';

const registries = await findRegistries();

/** An example's text after its title, in one line, shortened: what the test's name shows. */
const body = (text: string) => text.slice(text.indexOf('\n') + 1).replace(/\s+/g, ' ').trim().slice(0, 60);

/** The id's first part for each table: "visits/travel" is a rule of secdef-visits. */
const PREFIX: Record<(typeof FACT_TABLES)[number], string> = { 'secdef-visits': 'visits', 'arms-purchases': 'arms', training: 'training' };

describe('rule registries', () => {
  it('finds the visit and training registries (and any other table that has one)', () => {
    const folders = registries.map((r) => r.folder);
    expect(folders).toEqual(expect.arrayContaining(['visits', 'training']));
    for (const r of registries) expect(r.rules.length, `pipeline/extract/rules/${r.folder}/index.ts exports no rules`).toBeGreaterThan(0);
  });

  it('lists every registry in pipeline/extract/rules/index.ts (what the evaluation reads)', () => {
    for (const reg of registries) {
      const table = reg.rules[0]!.table;
      expect(RULE_REGISTRIES[table]?.map((r) => r.id), `add ${reg.folder}'s registry to RULE_REGISTRIES`).toEqual(reg.rules.map((r) => r.id));
    }
  });

  for (const reg of registries) {
    describe(`pipeline/extract/rules/${reg.folder}`, () => {
      it('has unique ids of the form <table>/<name>, of the folder\'s table', () => {
        const ids = reg.rules.map((r) => r.id);
        expect(new Set(ids).size, `duplicate ids: ${ids.join(', ')}`).toBe(ids.length);
        for (const r of reg.rules) {
          expect(FACT_TABLES, `${r.id}: table "${r.table}"`).toContain(r.table);
          expect(r.id, `${r.id}: not ${PREFIX[r.table]}/<name>`).toMatch(new RegExp(`^${PREFIX[r.table]}/[a-z0-9]+(?:-[a-z0-9]+)*$`));
          expect(PREFIX[r.table], `${r.id}: a rule of ${r.table} in the ${reg.folder} folder`).toBe(reg.folder);
        }
      });
      it('gives every rule a description and at least one example', () => {
        for (const r of reg.rules) {
          expect(r.description.trim().length, `${r.id}: no description`).toBeGreaterThan(20);
          expect(r.examples.length, `${r.id}: no example`).toBeGreaterThan(0);
          for (const e of r.examples) expect((e.expect?.length ?? 0) + (e.expectClaims?.length ?? 0), `${r.id}: an example that expects nothing`).toBeGreaterThan(0);
        }
      });
      it('gives each rule of a table its own priority, and runs them in that order', () => {
        const priorities = reg.rules.map((r) => r.priority);
        expect(new Set(priorities).size, `${reg.folder}: priorities shared (${reg.rules.map((r) => `${r.id} ${r.priority}`).join(', ')})`).toBe(priorities.length);
        expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
      });
      it('registers every rule its modules export', () => {
        const registered = new Set(reg.rules);
        const loose = reg.exported.filter((r) => !registered.has(r)).map((r) => r.id);
        expect(loose, 'rules exported but not in the registry (the extractor never runs them)').toEqual([]);
      });
    });
  }
});

for (const reg of registries) {
  for (const rule of reg.rules) {
    describe(rule.id, () => {
      rule.examples.forEach((example, i) => {
        const label = `example ${i + 1}: “${body(example.text)}”`;
        it(`${label} gives its facts with all rules`, () => {
          const run = runExample(example);
          const rows = run.rows[rule.table];
          for (const e of example.expect ?? []) expect(unknownFields(e, COLUMNS[rule.table]), `${rule.id}: fields not in ${rule.table}`).toEqual([]);
          for (const e of example.expectClaims ?? []) expect(unknownFields(e, CLAIM_FIELDS), `${rule.id}: fields not in a claim`).toEqual([]);
          const missed = missedBy(example, rule.table, run);
          expect(missed.facts, `${rule.id}: rows found:\n${show(rows)}`).toEqual([]);
          expect(missed.claims, `${rule.id}: claims found:\n${show(run.claims.map(({ mention: _m, ...c }) => c))}`).toEqual([]);
        });
        it(`${label} loses a fact with ${rule.id} switched off`, () => {
          const run = runExample(example, [rule.id]);
          const missed = missedBy(example, rule.table, run);
          expect(missed.facts.length + missed.claims.length, `${rule.id} off, every expected fact still found (another rule covers this example):\n${show(run.rows[rule.table])}`).toBeGreaterThan(0);
        });
      });
      rule.counterExamples.forEach((example, i) => {
        it(`counter-example ${i + 1}: “${body(example.text)}” gives no fact by ${rule.id}`, () => {
          const run = runExample(example);
          expect(run.evidence.filter((e) => e.rule === rule.id), `${rule.id}: facts from a counter-example; rows:\n${show(run.rows[rule.table])}`).toEqual([]);
        });
      });
    });
  }
}
