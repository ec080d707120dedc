// Mentions of the same fact, in one document or several, become one row with several evidence rows.
// Facts are grouped by a key (no pairwise comparison of all facts); within a key, a fact joins the
// first cluster whose figures it does not contradict (compared with the figures the cluster already
// has, so the work stays linear in the facts).
import type { SourceText } from '../sources/document.js';
import { codePointIndexer, compareCodePoints, sha256 } from '../lib/text.js';
import { toRow } from '../lib/columns.js';
import type { ArmsRow, Citation, EvidenceRow, FactRows, Review, TrainingRow, VisitRow } from '../types.js';
import type { ArmsFact, Fact, Mention, TrainingFact, VisitFact } from './facts.js';

export interface Merged {
  rows: FactRows;
  evidence: EvidenceRow[];
}

type Cite = (m: Mention) => Citation;

export function citer(docs: Map<string, SourceText>): Cite {
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

interface Cluster<F> {
  facts: F[];
  /** The figures the cluster has so far (a fact may fill a blank, never contradict one). */
  quantity: number | null;
  value: number | null;
}

const close = (a: number | null, b: number | null) => a === null || b === null || Math.abs(a - b) <= Math.max(a, b) * 0.01;

/** Clusters of one key a fact is compared with (real documents have one or two). */
const CLUSTERS_SEARCHED = 32;

/** Groups facts by key, then splits each group into clusters whose figures do not conflict. */
function cluster<F extends Fact>(facts: F[], key: (f: F) => string, figures: (f: F) => { quantity: number | null; value: number | null } = () => ({ quantity: null, value: null })): F[][] {
  const groups = new Map<string, Cluster<F>[]>();
  for (const f of [...facts].sort((a, b) => byMention(a.mention, b.mention))) {
    const k = key(f);
    const clusters = groups.get(k) ?? groups.set(k, []).get(k)!;
    const { quantity, value } = figures(f);
    // The most recent clusters of the key only: a text naming one item thousands of times with other
    // figures each time cannot make this quadratic.
    let home: Cluster<F> | undefined;
    for (let i = clusters.length - 1; i >= Math.max(0, clusters.length - CLUSTERS_SEARCHED) && !home; i--) {
      const c = clusters[i]!;
      if ((c.quantity === null || quantity === null || c.quantity === quantity) && close(c.value, value)) home = c;
    }
    if (home) {
      home.facts.push(f);
      home.quantity ??= quantity;
      home.value ??= value;
    } else clusters.push({ facts: [f], quantity, value });
  }
  return [...groups.values()].flat().map((c) => c.facts);
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

const REVIEW_ORDER: Review[] = ['amended', 'confirmed', 'added', 'unreviewed'];

/** A row's review: what its editors' records did to any of its mentions (see pipeline/review/). */
function reviewOf(facts: Fact[]): Review {
  let best = REVIEW_ORDER.length - 1;
  for (const f of facts) best = Math.min(best, REVIEW_ORDER.indexOf(f.review ?? 'unreviewed'));
  return REVIEW_ORDER[best]!;
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

/** The clusters of facts that make one row each, per table. */
export interface Clusters {
  visits: VisitFact[][];
  arms: ArmsFact[][];
  training: TrainingFact[][];
}

const armsWhat = (f: ArmsFact) => f.designation ?? (f.part_of === null && f.quantity === null && f.category === null ? `aggregate ${f.value_usd}` : (f.category ?? f.item.toLowerCase()));
const trainingKey = (f: TrainingFact) => [f.recipient_iso3, f.program, f.start_year, f.end_year, f.amount_usd, f.trainees, f.courses, f.amount_basis, f.description].join('|');

export function clusterFacts(facts: Fact[]): Clusters {
  return {
    visits: cluster(
      facts.filter((f): f is VisitFact => f.table === 'secdef-visits'),
      (f) => `${f.country_iso3}|${f.year}|${f.secretary ?? ''}`,
    ),
    arms: cluster(
      facts.filter((f): f is ArmsFact => f.table === 'arms-purchases'),
      // Parts of one package are told apart by how the text names them ("10 KT-1P" and "10 KA-1P").
      (f) => `${f.buyer_iso3}|${armsWhat(f)}|${f.year}|${f.part_of ? `item ${f.item.toLowerCase()}` : ''}`,
      (f) => ({ quantity: f.quantity, value: f.value_usd }),
    ),
    training: cluster(
      facts.filter((f): f is TrainingFact => f.table === 'training'),
      trainingKey,
    ),
  };
}

export function mergeFacts(facts: Fact[], docs: Map<string, SourceText>): Merged {
  const cite = citer(docs);
  const evidence: EvidenceRow[] = [];
  const clusters = clusterFacts(facts);
  const visits = clusters.visits.map((group) => visitRow(group, cite, evidence));
  const arms = armsRows(clusters.arms, cite, evidence);
  const training = trainingRows(clusters.training, cite, evidence);
  const byId = <R extends { id: string }>(rows: R[]) => rows.sort((a, b) => compareCodePoints(a.id, b.id));
  evidence.sort((a, b) => compareCodePoints(a.record_id, b.record_id) || compareCodePoints(a.source_id, b.source_id) || a.char_start - b.char_start);
  return { rows: { 'secdef-visits': byId(visits), 'arms-purchases': byId(arms), training: byId(training) }, evidence };
}

export function visitRow(group: VisitFact[], cite: Cite, evidence?: EvidenceRow[]): VisitRow {
  const top = primary(group);
  const named = group.find((f) => f.secretary && !f.secretary_inferred);
  const dates = group.map((f) => f.date).filter((d): d is string => d !== null);
  const precision = Math.max(0, ...dates.map((d) => d.length));
  const precise = dates.filter((d) => d.length === precision).sort();
  const secretary = named?.secretary ?? top.secretary;
  const id = `visit-${slug(top.year, top.country_iso3, secretary?.split(' ').at(-1) ?? 'unnamed')}`;
  evidence?.push(...evidenceOf('secdef-visits', id, group, cite));
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
    review: reviewOf(group),
  });
}

export function armsRows(clusters: ArmsFact[][], cite: Cite, evidence?: EvidenceRow[]): ArmsRow[] {
  const idOf = new Map<ArmsFact, string>();
  const rows = clusters.map((group) => {
    const top = primary(group);
    const quantity = first(group, 'quantity');
    const value = first(group, 'value_usd');
    const id = `arms-${slug(top.year, top.buyer_iso3, top.designation ?? top.category ?? 'equipment', quantity)}-${shortHash(`${armsWhat(top)}|${quantity}|${value}|${top.part_of ? `item ${top.item.toLowerCase()}` : ''}`)}`;
    for (const f of group) idOf.set(f, id);
    evidence?.push(...evidenceOf('arms-purchases', id, group, cite));
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
        deal_id: dealId(top, quantity),
        part_of: null as string | null,
        review: reviewOf(group),
      },
      parent: first(group, 'part_of'),
    };
  });
  const byId = new Map(rows.map((r) => [r.row.id, r.row]));
  for (const r of rows) {
    if (!r.parent) continue;
    r.row.part_of = idOf.get(r.parent) ?? null;
    // An item is part of its package's deal.
    if (r.row.part_of) r.row.deal_id = byId.get(r.row.part_of)!.deal_id;
  }
  return rows.map((r) => toRow<ArmsRow>('arms-purchases', r.row));
}

/**
 * The deal a row belongs to, whatever its stage: the same buyer, the same equipment (designation, or
 * category, or the words of the item) and the same quantity when the text gives one.
 */
function dealId(f: ArmsFact, quantity: number | null): string {
  const thing = f.designation ?? f.category ?? f.item.toLowerCase();
  return `deal-${slug(f.buyer_iso3, thing)}-${shortHash(`${f.buyer_iso3}|${thing}|${quantity ?? ''}`)}`;
}

export function trainingRow(group: TrainingFact[], cite: Cite, evidence?: EvidenceRow[]): TrainingRow {
  const top = primary(group);
  const id = `training-${slug(top.recipient_iso3 ?? 'unknown', top.start_year, top.end_year)}-${shortHash([top.recipient_iso3, top.program, top.start_year, top.end_year, top.amount_usd, top.trainees, top.courses, top.amount_basis, top.description].join('|'))}`;
  evidence?.push(...evidenceOf('training', id, group, cite));
  const { table: _t, mention, rule: _r, review: _v, part_of: _p, ...fields } = top;
  return toRow<TrainingRow>('training', { id, ...cite(mention), ...fields, part_of: null, review: reviewOf(group) });
}

function trainingRows(clusters: TrainingFact[][], cite: Cite, evidence?: EvidenceRow[]): TrainingRow[] {
  const idOf = new Map<TrainingFact, string>();
  const rows = clusters.map((group) => {
    const row = trainingRow(group, cite, evidence);
    for (const f of group) idOf.set(f, row.id);
    return { row, parent: first(group, 'part_of') };
  });
  for (const r of rows) if (r.parent) r.row.part_of = idOf.get(r.parent) ?? null;
  return rows.map((r) => r.row);
}
