// The editors' records: `gold/<id>.json` in the source folder, one per document, in the gold format
// (schemas/gold.schema.json, sources/gold/README.md). A record is read like a source file (regular
// file, links inside the folder, size limit, strict UTF-8, JSON without duplicate keys) and checked
// whole: its schema, every quote word for word in its document, every country code in the reference
// table, every item's package. A record with any problem is set aside (its document is published as
// unreviewed, nothing of the extractor's is lost) and each problem is one line naming the record,
// the fact as the editor numbers it (`arms[2]`) and the field.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, toProblem, type Problem } from '../errors.js';
import { parseJson } from '../lib/json.js';
import type { Reference } from '../lib/reference.js';
import { validate } from '../lib/schemas.js';
import { decodeText } from '../sources/decode.js';
import type { SourceText } from '../sources/document.js';
import { readInside, shown } from '../sources/files.js';
import type { AmountBasis, ArmsStatus, Qualifier } from '../types.js';

export interface GoldVisit {
  secretary: string | null;
  country: string;
  city?: string | null;
  year: number | null;
  date?: string | null;
  quote: string;
  optional?: boolean;
}

export interface GoldArms {
  buyer: string;
  seller?: string | null;
  item: string;
  quantity: number | null;
  value_usd: number | null;
  value_qualifier?: Qualifier | null;
  year: number | null;
  status?: ArmsStatus | null;
  part_of?: string | null;
  quote: string;
  optional?: boolean;
}

export interface GoldTraining {
  provider: string;
  recipient: string | null;
  program?: string | null;
  category?: 'training' | 'assistance' | null;
  amount_usd: number | null;
  amount_qualifier?: Qualifier | null;
  basis?: AmountBasis | null;
  start_year: number | null;
  end_year: number | null;
  trainees: number | null;
  courses: number | null;
  location?: string | null;
  total?: boolean;
  description: string;
  quote: string;
  optional?: boolean;
}

export interface Trap {
  why: string;
  quote: string;
}

export interface Gold {
  doc: string;
  visits: GoldVisit[];
  arms: GoldArms[];
  training: GoldTraining[];
  not_visits?: Trap[];
  not_arms?: Trap[];
  not_training?: Trap[];
}

/** A record checked against its document: the file it came from, and each arms item's package (index into `arms`). */
export interface EditorsRecord {
  file: string;
  gold: Gold;
  packageOf: Map<number, number>;
}

/** Largest record read (1 MiB: a record of a long report table is about 50 kB). */
const MAX_RECORD_BYTES = 1024 * 1024;
/** Files of the records folder that are not records. */
const NOT_RECORDS = new Set(['README.md', 'batches.json']);

export interface RecordsRead {
  records: Map<string, EditorsRecord>;
  problems: Problem[];
}

/** Reads `<sources>/gold/`: a record for each document that has one. */
export function readRecords(sources: string, docs: SourceText[], ref: Reference): RecordsRead {
  const dir = join(sources, 'gold');
  const records = new Map<string, EditorsRecord>();
  const problems: Problem[] = [];
  if (!existsSync(dir)) return { records, problems };
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const name of readdirSync(dir).sort()) {
    if (NOT_RECORDS.has(name) || name.startsWith('.')) continue;
    const file = join(dir, name);
    const id = name.replace(/\.json$/, '');
    const doc = byId.get(id);
    const found: Problem[] = [];
    const problem = (message: string, field?: string, row?: string) => found.push({ code: 'bad-record', file: shown(file), ...(row ? { row } : {}), ...(field ? { field } : {}), message });
    if (!name.endsWith('.json')) {
      problem('not an editors\' record (expected <id>.json); ignored');
      problems.push(...found.map((p) => ({ ...p, code: 'unknown-file' })));
      continue;
    }
    if (!doc) {
      // A record of a document that is not in the folder (or was rejected): nothing to review.
      problems.push({ code: 'unknown-file', file: shown(file), message: `is the record of ${id}.txt, which is not among the documents read; ignored` });
      continue;
    }
    let gold: Gold;
    try {
      const data = parseJson(shown(file), decodeText(shown(file), readInside(sources, file, MAX_RECORD_BYTES)), 'bad-record');
      const errors = validate('gold', data);
      for (const e of errors.slice(0, 5)) {
        const [table, index, ...field] = e.field.split('.');
        if (index !== undefined && /^\d+$/.test(index)) problem(e.message, field.join('.') || undefined, `${table}[${index}]`);
        else problem(e.message, e.field);
      }
      gold = data as Gold;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(toProblem(new InputError('bad-record', error.file, `${error.message}; the document is published unreviewed`, error.field, error.line)));
      continue;
    }
    const packageOf = new Map<number, number>();
    if (found.length === 0) {
      if (gold.doc !== `${id}.txt`) problem(`names "${gold.doc}", not ${id}.txt`, 'doc');
      const tables = [['visits', gold.visits], ['arms', gold.arms], ['training', gold.training], ['not_visits', gold.not_visits ?? []], ['not_arms', gold.not_arms ?? []], ['not_training', gold.not_training ?? []]] as const;
      for (const [table, facts] of tables) {
        facts.forEach((fact, i) => {
          if (!doc.text.includes(fact.quote)) problem('is not word for word in the document', 'quote', `${table}[${i}]`);
        });
      }
      const known = (code: string | null | undefined, row: string, field: string) => {
        if (code && !ref.country(code)) problem(`"${code}" is not a country of sources/reference/countries.json`, field, row);
      };
      gold.visits.forEach((v, i) => known(v.country, `visits[${i}]`, 'country'));
      gold.arms.forEach((a, i) => {
        known(a.buyer, `arms[${i}]`, 'buyer');
        known(a.seller, `arms[${i}]`, 'seller');
        if (!a.part_of) return;
        const pkg = packageFor(gold.arms, i);
        if (pkg === null) problem('names a package, but no fact of this record before it (or with its quote) has a price or a count and no part_of', 'part_of', `arms[${i}]`);
        else packageOf.set(i, pkg);
      });
      gold.training.forEach((t, i) => {
        known(t.provider, `training[${i}]`, 'provider');
        known(t.recipient, `training[${i}]`, 'recipient');
      });
    }
    if (found.length > 0) {
      problems.push(...found.map((p) => ({ ...p, message: `${p.message}; the document is published unreviewed` })));
      continue;
    }
    records.set(id, { file: shown(file), gold, packageOf });
  }
  return { records, problems };
}

/**
 * The package an arms item belongs to: the fact with the same quote, else the nearest before it,
 * that has a figure (a price, or a count of which the items are parts) and no part_of itself.
 */
export function packageFor(arms: GoldArms[], item: number): number | null {
  const isPackage = (a: GoldArms) => !a.part_of && (a.value_usd !== null || a.quantity !== null);
  const same = arms.findIndex((a, i) => i !== item && isPackage(a) && a.quote === arms[item]!.quote);
  if (same >= 0) return same;
  for (let i = item - 1; i >= 0; i--) if (isPackage(arms[i]!)) return i;
  return null;
}
