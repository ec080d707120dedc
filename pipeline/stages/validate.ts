#!/usr/bin/env -S npx tsx
// Stage validate: every row against its table's JSON Schema, every quote against its source text,
// every reference against the row it names. A bad row is reported and left out; the others go on.
import { describeProblem, RowError, toProblem, type Problem } from '../errors.js';
import { validate } from '../lib/schemas.js';
import { COLUMNS } from '../lib/columns.js';
import { codePointIndexer, compareCodePoints } from '../lib/text.js';
import { FACT_TABLES, TABLES, type Dataset, type EvidenceRow, type Table } from '../types.js';
import { PRIMARY_KEYS } from './export.js';
import type { SourceText } from '../sources/document.js';
import { sourceRow } from '../sources/document.js';
import { EXIT } from '../options.js';
import { isMain, jsonState, needs, type CheckedResult, type Stage } from './stage.js';

/** text[start:end] in code points: the UTF-16 positions found by bisecting the code-point index. */
function sliceCodePoints(source: { text: string; cp: (i: number) => number; length: number }, start: number, end: number): string {
  const toUtf16 = (target: number): number => {
    let lo = 0;
    let hi = source.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (source.cp(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    // The middle of a surrogate pair has the code-point index of the pair's end: step past it.
    const c = source.text.charCodeAt(lo);
    if (c >= 0xdc00 && c <= 0xdfff && lo > 0 && (source.text.charCodeAt(lo - 1) & 0xfc00) === 0xd800) lo++;
    return lo;
  };
  return source.text.slice(toUtf16(start), toUtf16(end));
}

export interface ValidateResult {
  data: Dataset;
  /** Rows an editor's record added or amended that fail their schema: input problems, the row left out. */
  problems: Problem[];
}

/**
 * A row the extractor built fails its schema or its quote: a bug in a rule, never bad input. The
 * message names the table, row, field, rule and document, so the bug can be found and reported.
 */
export class RuleBugError extends Error {
  override readonly name = 'RuleBugError';
  readonly code = 'rule-bug';
}

export function validateDataset(data: Dataset, docs: SourceText[], records: (sourceId: string) => string = (id) => `sources/gold/${id}.json`): ValidateResult {
  const problems: Problem[] = [];
  const bugs: string[] = [];
  // Quotes are checked by slicing the text at code-point offsets, without copying it into an array.
  const texts = new Map(docs.map((d) => [d.id, { text: d.text, cp: codePointIndexer(d.text), length: d.text.length }]));
  const rulesOf = new Map<string, EvidenceRow[]>();
  for (const e of data.evidence) (rulesOf.get(e.record_id) ?? rulesOf.set(e.record_id, []).get(e.record_id)!).push(e);
  const reject = (table: Table, row: Record<string, unknown>, field: string, message: string) => {
    const id = String(row.id ?? row.record_id ?? '?');
    const mentions = table === 'evidence' ? [row as unknown as EvidenceRow] : (rulesOf.get(id) ?? []);
    const edited = mentions.find((e) => e.rule.startsWith('editor/'));
    if (edited) {
      problems.push(toProblem(new RowError(table, id, field, `${message} (the editors' record adds or amends this row; the row is left out)`, records(edited.source_id))));
      return;
    }
    const made = mentions.map((e) => `rule ${e.rule} in ${e.source_id}`).filter((v, i, all) => all.indexOf(v) === i).join(', ') || 'no evidence row';
    bugs.push(`${table} row ${id} field "${field}": ${message} (${made})`);
  };

  const out = { ...data } as Dataset;
  for (const table of TABLES) {
    const rows = data[table] as unknown as Record<string, unknown>[];
    const keys = new Set<string>();
    const kept = rows.filter((row) => {
      // The primary key of the datapackage: a second row with the same key would make ids ambiguous.
      const key = PRIMARY_KEYS[table].map((k) => String(row[k])).join('|');
      if (keys.has(key)) {
        reject(table, row, PRIMARY_KEYS[table][0]!, `duplicate ${PRIMARY_KEYS[table].join(', ')}`);
        return false;
      }
      keys.add(key);
      const order = Object.keys(row).join(',');
      if (order !== COLUMNS[table].join(',')) {
        const missing = COLUMNS[table].find((c) => !(c in row));
        reject(table, row, missing ?? '(columns)', missing ? 'is missing' : 'columns are not in schema order');
        return false;
      }
      const errors = validate(table, row);
      if (errors.length > 0) {
        reject(table, row, errors[0]!.field, errors[0]!.message);
        return false;
      }
      if ('quote' in row) {
        const source = texts.get(row.source_id as string);
        if (!source) {
          reject(table, row, 'source_id', `no source document ${String(row.source_id)}`);
          return false;
        }
        if (sliceCodePoints(source, row.char_start as number, row.char_end as number) !== row.quote) {
          reject(table, row, 'char_start', 'offsets do not slice the source text back to the quote');
          return false;
        }
      }
      return true;
    });
    (out as unknown as Record<string, unknown[]>)[table] = kept;
  }
  // References: evidence and part_of must point at rows that survived.
  const ids = new Set(FACT_TABLES.flatMap((t) => out[t].map((r) => r.id)));
  const built = new Set(FACT_TABLES.flatMap((t) => data[t].map((r) => r.id)));
  out.evidence = out.evidence.filter((e: EvidenceRow) => {
    if (ids.has(e.record_id)) return true;
    // The evidence of a row left out goes with it; evidence of no row at all is a bug.
    if (!built.has(e.record_id)) reject('evidence', e as unknown as Record<string, unknown>, 'record_id', `names no ${e.table} row`);
    return false;
  });
  if (bugs.length > 0) throw new RuleBugError(`${bugs.length} row(s) built by the extractor fail validation, first: ${bugs[0]}`);
  const arms = new Set(out['arms-purchases'].map((r) => r.id));
  for (const r of out['arms-purchases']) {
    if (!r.part_of || arms.has(r.part_of)) continue;
    problems.push(toProblem(new RowError('arms-purchases', r.id, 'part_of', `names ${r.part_of}, which was left out above; published with no part_of`, records(r.source_id))));
    r.part_of = null;
  }
  out.evidence.sort((a, b) => compareCodePoints(a.record_id, b.record_id) || compareCodePoints(a.source_id, b.source_id) || a.char_start - b.char_start);
  return { data: out, problems };
}

/** Problems that do not reject anything unless --strict: files in the source folder that are not documents. */
const WARNINGS = new Set(['unknown-file']);

export function isWarning(p: Problem, strict: boolean): boolean {
  return WARNINGS.has(p.code) && !strict;
}

export const validateStage: Stage<'validate'> = {
  name: 'validate',
  title: 'checks every row against its schema and its quote against the source; prints every problem of the run',
  reads: ['ingest', 'review'],
  async run(state, { options, log }) {
    const { docs, problems: ingestProblems } = needs(state, 'ingest');
    const reviewed = needs(state, 'review');
    const validated = validateDataset({ ...reviewed.rows, sources: docs.map(sourceRow), evidence: reviewed.evidence }, docs);
    const problems = [...ingestProblems, ...reviewed.problems, ...validated.problems];
    const lines = problems.map((p) => `${isWarning(p, options.strict) ? 'warning' : 'rejected'}: ${describeProblem(p)}`);
    const rejected = problems.filter((p) => !isWarning(p, options.strict)).length;
    for (const line of lines) log(line);
    const result: CheckedResult = { data: validated.data, problems, lines, exit: rejected > 0 ? EXIT.rejected : EXIT.ok };
    const summary = `${validated.problems.length} rows rejected`;
    if (options.strict && rejected > 0) {
      log(`--strict: ${rejected} problem(s); nothing published`);
      return { result, summary, stop: EXIT.rejected };
    }
    return { result, summary };
  },
  ...jsonState<CheckedResult>(),
};

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('validate'));
