// The rule harness's helpers: every table's registry as found on disk, and an example run through the
// real extractor (the per-document loop, then the merge into published rows) with rules switched off.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Claim } from '../../pipeline/extract/facts.js';
import type { Example, Expected, Rule } from '../../pipeline/extract/rules/rule.js';
import { extractDocument } from '../../pipeline/extract/document.js';
import { mergeDocuments } from '../../pipeline/stages/extract.js';
import type { EvidenceRow, FactRows, FactTable } from '../../pipeline/types.js';
import { docOf, reference } from './extract.js';

export const RULES_DIR = resolve('pipeline/extract/rules');

/** What the harness reads of a rule (its `find` is run by the extractor, never called here). */
export type AnyRule = Pick<Rule<never, unknown>, 'id' | 'table' | 'priority' | 'description' | 'examples' | 'counterExamples' | 'find'>;

export interface Registry {
  /** The folder under pipeline/extract/rules/ ("visits", "training", "arms"). */
  folder: string;
  /** The rules the extractor runs: the array exported by the folder's index.ts. */
  rules: AnyRule[];
  /** Every rule object exported by any module of the folder, registered or not. */
  exported: AnyRule[];
}

const isRule = (x: unknown): x is AnyRule =>
  typeof x === 'object' && x !== null && typeof (x as AnyRule).id === 'string' && typeof (x as AnyRule).find === 'function' && Array.isArray((x as AnyRule).examples);

const isRegistry = (x: unknown): x is AnyRule[] => Array.isArray(x) && x.length > 0 && x.every(isRule);

/**
 * The registries of every table: each folder of pipeline/extract/rules/ with an index.ts is one, so a
 * table whose rules land later (arms) is tested without the harness changing.
 */
export async function findRegistries(): Promise<Registry[]> {
  const out: Registry[] = [];
  for (const folder of readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(RULES_DIR, folder);
    if (!existsSync(join(dir, 'index.ts'))) continue;
    const index = (await import(pathToFileURL(join(dir, 'index.ts')).href)) as Record<string, unknown>;
    const rules = Object.values(index).filter(isRegistry).flat();
    const exported = new Set<AnyRule>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
      const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
      for (const value of Object.values(module)) if (isRule(value)) exported.add(value);
    }
    out.push({ folder, rules, exported: [...exported] });
  }
  return out;
}

export interface Run {
  rows: FactRows;
  claims: Claim[];
  evidence: EvidenceRow[];
}

/** An example's text through the extractor, as one document, with the rules `off` switched off. */
export function runExample(example: Example, off: string[] = []): Run {
  const doc = docOf(example.text, example.published ?? '2014-05-01', 'rule-example');
  const found = extractDocument(doc, reference, undefined, { off: new Set(off) });
  const merged = mergeDocuments([doc], [found]);
  return { rows: merged.rows, claims: merged.claims, evidence: merged.evidence };
}

/** What an `expectClaims` entry may name: a claim's fields but its mention (the type keeps the list whole). */
const CLAIM_KEYS: Record<Exclude<keyof Claim, 'mention'>, true> = { kind: true, country_iso3: true, country: true, since: true, ordinal: true, secretary: true, year: true };
export const CLAIM_FIELDS = Object.keys(CLAIM_KEYS);

/** The fields of an expected fact that are not among `fields` (a misspelt column). */
export function unknownFields(expected: Expected, fields: string[]): string[] {
  return Object.keys(expected).filter((k) => !fields.includes(k));
}

const matches = (expected: Expected, record: object) => Object.entries(expected).every(([k, v]) => (record as Record<string, unknown>)[k] === v);

/** The expected facts (or claims) that no record matches by all of its fields. */
export function missing(expected: Expected[], records: object[]): Expected[] {
  return expected.filter((e) => !records.some((r) => matches(e, r)));
}

/** What an example expects and does not get from a run: rows of `table`, and claims. */
export function missedBy(example: Example, table: FactTable, run: Run): { facts: Expected[]; claims: Expected[] } {
  const evidence = (example.expectEvidence ?? []).filter((e) => !run.evidence.some((row) => row.rule === e.rule && (e.quote === undefined || row.quote.includes(e.quote))));
  return { facts: [...missing(example.expect ?? [], run.rows[table]), ...evidence], claims: missing(example.expectClaims ?? [], run.claims) };
}

/** Records in one line each, for a failure message a person can read. */
export function show(records: object[]): string {
  return records.length === 0 ? '(none)' : records.map((r) => JSON.stringify(r)).join('\n');
}
