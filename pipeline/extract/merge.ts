// Mentions of the same fact, in one document or several, become one row with several evidence rows.
// Facts are grouped by a key (no pairwise comparison of all facts), then merged where compatible.
import type { SourceDoc } from '../stages/ingest.js';
import { codePointIndexer, compareCodePoints, sha256 } from '../lib/text.js';
import { toRow } from '../lib/columns.js';
import type { ArmsRow, Citation, EvidenceRow, FactRows, TrainingRow, VisitRow } from '../types.js';
import type { ArmsFact, Fact, Mention, TrainingFact, VisitFact } from './facts.js';

export interface Merged {
  rows: FactRows;
  evidence: EvidenceRow[];
}

type Cite = (m: Mention) => Citation;

export function citer(docs: Map<string, SourceDoc>): Cite {
  const indexers = new Map<string, (i: number) => number>();
  return (m) => {
    const doc = docs.get(m.source_id)!;
    let cp = indexers.get(m.source_id);
    if (!cp) {
      cp = codePointIndexer(doc.text);
      indexers.set(m.source_id, cp);
    }
    return { source_id: m.source_id, quote: doc.text.slice(m.start, m.end), char_start: cp(m.start), char_end: cp(m.end) };
  };
}

export function slug(...parts: (string | number | null)[]): string {
  return parts
    .filter((p) => p !== null && p !== '')
    .map((p) => String(p).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''))
    .filter(Boolean)
    .join('-')
    .slice(0, 60)
    .replace(/-$/, '');
}

function shortHash(s: string): string {
  return sha256(s).slice(0, 8);
}

const byMention = (a: Mention, b: Mention) => compareCodePoints(a.source_id, b.source_id) || a.start - b.start;

/** Groups facts by key, then splits each group into clusters whose figures do not conflict. */
function cluster<F extends Fact>(facts: F[], key: (f: F) => string, compatible: (a: F, b: F) => boolean): F[][] {
  const groups = new Map<string, F[][]>();
  for (const f of [...facts].sort((a, b) => byMention(a.mention, b.mention))) {
    const k = key(f);
    const clusters = groups.get(k) ?? [];
    const home = clusters.find((c) => c.every((g) => compatible(g, f)));
    if (home) home.push(f);
    else clusters.push([f]);
    groups.set(k, clusters);
  }
  return [...groups.values()].flat();
}

function first<F, K extends keyof F>(facts: F[], field: K): F[K] | null {
  for (const f of facts) if (f[field] !== null && f[field] !== undefined) return f[field];
  return null;
}

/** The mention that states most of the fact on its own: not derived, most non-null fields, then the earliest. */
function primary<F extends Fact>(facts: F[]): F {
  const own = (f: F) => ('derived' in f && f.derived ? 0 : 1);
  const filled = (f: F) => Object.values(f).filter((v) => v !== null && v !== undefined).length;
  return [...facts].sort((a, b) => own(b) - own(a) || filled(b) - filled(a) || byMention(a.mention, b.mention))[0]!;
}

function evidenceOf(table: EvidenceRow['table'], id: string, facts: Fact[], cite: Cite): EvidenceRow[] {
  const seen = new Set<string>();
  const out: EvidenceRow[] = [];
  for (const f of [...facts].sort((a, b) => byMention(a.mention, b.mention))) {
    const k = `${f.mention.source_id}:${f.mention.start}:${f.mention.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(toRow<EvidenceRow>('evidence', { record_id: id, table, ...cite(f.mention), rule: f.rule }));
  }
  return out;
}

const close = (a: number | null, b: number | null) => a === null || b === null || Math.abs(a - b) <= Math.max(a, b) * 0.01;

export function mergeFacts(facts: Fact[], docs: Map<string, SourceDoc>): Merged {
  const cite = citer(docs);
  const evidence: EvidenceRow[] = [];
  const visits = mergeVisits(facts.filter((f): f is VisitFact => f.table === 'secdef-visits'), cite, evidence);
  const arms = mergeArms(facts.filter((f): f is ArmsFact => f.table === 'arms-purchases'), cite, evidence);
  const training = mergeTraining(facts.filter((f): f is TrainingFact => f.table === 'training'), cite, evidence);
  const byId = <R extends { id: string }>(rows: R[]) => rows.sort((a, b) => compareCodePoints(a.id, b.id));
  evidence.sort((a, b) => compareCodePoints(a.record_id, b.record_id) || compareCodePoints(a.source_id, b.source_id) || a.char_start - b.char_start);
  return { rows: { 'secdef-visits': byId(visits), 'arms-purchases': byId(arms), training: byId(training) }, evidence };
}

function mergeVisits(facts: VisitFact[], cite: Cite, evidence: EvidenceRow[]): VisitRow[] {
  const clusters = cluster(facts, (f) => `${f.country_iso3}|${f.year}|${f.secretary ?? ''}`, () => true);
  return clusters.map((group) => {
    const top = primary(group);
    const named = group.find((f) => f.secretary && !f.secretary_inferred);
    const dates = group.map((f) => f.date).filter((d): d is string => d !== null);
    const precision = Math.max(0, ...dates.map((d) => d.length));
    const precise = dates.filter((d) => d.length === precision).sort();
    const secretary = named?.secretary ?? top.secretary;
    const id = `visit-${slug(top.year, top.country_iso3, secretary?.split(' ').at(-1) ?? 'unnamed')}`;
    evidence.push(...evidenceOf('secdef-visits', id, group, cite));
    return toRow<VisitRow>('secdef-visits', {
      id,
      ...cite(top.mention),
      secretary,
      secretary_inferred: named ? false : top.secretary_inferred,
      country_iso3: top.country_iso3,
      country: top.country,
      city: first(group, 'city'),
      start_date: precise[0] ?? null,
      end_date: precise.at(-1) ?? null,
      year: top.year,
    });
  });
}

function mergeArms(facts: ArmsFact[], cite: Cite, evidence: EvidenceRow[]): ArmsRow[] {
  const what = (f: ArmsFact) => f.designation ?? (f.part_of === null && f.quantity === null && f.category === null ? `aggregate ${f.value_usd}` : (f.category ?? f.item.toLowerCase()));
  const clusters = cluster(
    facts,
    // Parts of one package are told apart by how the text names them ("10 KT-1P" and "10 KA-1P").
    (f) => `${f.buyer_iso3}|${what(f)}|${f.year}|${f.part_of ? `item ${f.item.toLowerCase()}` : ''}`,
    (a, b) => (a.quantity === null || b.quantity === null || a.quantity === b.quantity) && close(a.value_usd, b.value_usd),
  );
  const idOf = new Map<ArmsFact, string>();
  const rows = clusters.map((group) => {
    const top = primary(group);
    const quantity = first(group, 'quantity');
    const value = first(group, 'value_usd');
    const id = `arms-${slug(top.year, top.buyer_iso3, top.designation ?? top.category ?? 'equipment', quantity)}-${shortHash(`${what(top)}|${quantity}|${value}|${top.part_of ? `item ${top.item.toLowerCase()}` : ''}`)}`;
    for (const f of group) idOf.set(f, id);
    evidence.push(...evidenceOf('arms-purchases', id, group, cite));
    const statuses = group.map((f) => f.status).filter((s): s is NonNullable<ArmsFact['status']> => s !== null);
    const order = ['proposed', 'approved', 'ordered', 'purchased', 'delivered'];
    return {
      row: {
        id,
        ...cite(top.mention),
        buyer_iso3: top.buyer_iso3,
        buyer: top.buyer,
        seller_iso3: first(group, 'seller_iso3'),
        seller: first(group, 'seller'),
        item: top.item,
        designation: first(group, 'designation'),
        category: first(group, 'category'),
        quantity,
        value_usd: value,
        value_qualifier: group.find((f) => f.value_usd !== null)?.value_qualifier ?? null,
        year: top.year,
        status: statuses.sort((a, b) => order.indexOf(b) - order.indexOf(a))[0] ?? null,
        part_of: null as string | null,
      },
      parent: first(group, 'part_of'),
    };
  });
  for (const r of rows) if (r.parent) r.row.part_of = idOf.get(r.parent) ?? null;
  return rows.map((r) => toRow<ArmsRow>('arms-purchases', r.row));
}

function mergeTraining(facts: TrainingFact[], cite: Cite, evidence: EvidenceRow[]): TrainingRow[] {
  const clusters = cluster(
    facts,
    (f) => [f.recipient_iso3, f.program, f.start_year, f.end_year, f.amount_usd, f.trainees, f.courses, f.amount_basis, f.description].join('|'),
    () => true,
  );
  return clusters.map((group) => {
    const top = primary(group);
    const id = `training-${slug(top.recipient_iso3 ?? 'unknown', top.start_year, top.end_year)}-${shortHash([top.recipient_iso3, top.program, top.start_year, top.end_year, top.amount_usd, top.trainees, top.courses, top.amount_basis, top.description].join('|'))}`;
    evidence.push(...evidenceOf('training', id, group, cite));
    const { table: _t, mention, rule: _r, ...fields } = top;
    return toRow<TrainingRow>('training', { id, ...cite(mention), ...fields });
  });
}
