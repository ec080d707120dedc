// Publishing what the editors' records say. For a document with a record, the extractor's facts are
// grouped as merging would group them (one group per row), and the groups are matched to the record's
// facts by the gold format's matching rules (each record fact at most one group, as the evaluation
// does). A matched group is published with the record's values where the record gives one
// (`confirmed` when nothing changed, `amended` otherwise); a group the record lacks is dropped and
// listed; a record fact nothing matched is added from its quote. A document without a record keeps
// the extractor's facts, unreviewed. Optional record facts (no figure, or the annotator unsure) are
// kept when matched and never added.
import type { Reference } from '../lib/reference.js';
import type { SourceText } from '../sources/document.js';
import type { DocumentFacts } from '../extract/document.js';
import type { ArmsFact, Fact, TrainingFact } from '../extract/facts.js';
import { armsRows, clusterFacts, trainingRow, visitRow } from '../extract/merge.js';
import type { FactTable } from '../types.js';
import { MATCH, matchFacts } from './match.js';
import type { EditorsRecord, GoldTraining } from './records.js';
import { addedArms, addedTraining, addedVisit, amendArms, amendTraining, amendVisit } from './record-rows.js';

/** A row of the extractor's that its document's record does not state: left out, and listed. */
export interface Dropped {
  table: FactTable;
  source_id: string;
  quote: string;
  rule: string;
}

/** A field a record changed. */
export interface Amendment {
  table: FactTable;
  source_id: string;
  quote: string;
  field: string;
  from: unknown;
  to: unknown;
}

export interface Reviewed {
  found: DocumentFacts[];
  dropped: Dropped[];
  amendments: Amendment[];
}

/** A citation builder for rows that only serve matching: the values matter, the quote does not. */
const NO_CITE = () => ({ source_id: '', quote: '', char_start: 0, char_end: 0 });

export function review(docs: SourceText[], found: DocumentFacts[], records: Map<string, EditorsRecord>, ref: Reference): Reviewed {
  const out: Reviewed = { found: [], dropped: [], amendments: [] };
  docs.forEach((doc, i) => {
    const record = records.get(doc.id);
    if (!record) {
      out.found.push(found[i]!);
      return;
    }
    out.found.push({ facts: reviewDocument(doc, found[i]!.facts, record, ref, out), claims: found[i]!.claims });
  });
  return out;
}

function reviewDocument(doc: SourceText, facts: Fact[], record: EditorsRecord, ref: Reference, out: Reviewed): Fact[] {
  const { gold } = record;
  const clusters = clusterFacts(facts);
  const kept: Fact[] = [];
  const drop = (table: FactTable, group: Fact[]) => {
    const top = group[0]!;
    out.dropped.push({ table, source_id: doc.id, quote: doc.text.slice(top.mention.start, top.mention.end), rule: top.rule });
  };
  const amendments = (table: FactTable, before: Fact, after: Fact, fields: string[]) => {
    const changed = fields.filter((f) => JSON.stringify((before as never)[f]) !== JSON.stringify((after as never)[f]));
    for (const field of changed) out.amendments.push({ table, source_id: doc.id, quote: doc.text.slice(before.mention.start, before.mention.end), field, from: (before as never)[field], to: (after as never)[field] });
    return changed.length > 0;
  };

  // Visits.
  const visitMatch = matchFacts(gold.visits, clusters.visits.map((g) => visitRow(g, NO_CITE)), MATCH['secdef-visits']);
  const visitGroup = invert(visitMatch);
  clusters.visits.forEach((group, r) => {
    const g = visitGroup.get(r);
    if (g === undefined) return drop('secdef-visits', group);
    for (const f of group) {
      const amended = amendVisit(f, gold.visits[g]!, ref);
      amended.review = amendments('secdef-visits', f, amended, ['secretary', 'country_iso3', 'city', 'date', 'year']) ? 'amended' : 'confirmed';
      kept.push(amended);
    }
  });
  gold.visits.forEach((v, g) => {
    if (!visitMatch.has(g) && !v.optional) kept.push(addedVisit(doc, v, ref));
  });

  // Arms: items point at their package, which may itself be amended or added.
  const armsMatch = matchFacts(gold.arms, armsRows(clusters.arms, NO_CITE), MATCH['arms-purchases']);
  const armsGroup = invert(armsMatch);
  const replaced = new Map<ArmsFact, ArmsFact>();
  const byGold = new Map<number, ArmsFact>();
  const goldOf = new Map<ArmsFact, number>();
  clusters.arms.forEach((group, r) => {
    const g = armsGroup.get(r);
    if (g === undefined) return drop('arms-purchases', group);
    for (const f of group) {
      const amended = amendArms(f, gold.arms[g]!, ref);
      amended.review = amendments('arms-purchases', f, amended, ['buyer_iso3', 'seller_iso3', 'quantity', 'value_usd', 'year', 'status']) ? 'amended' : 'confirmed';
      replaced.set(f, amended);
      byGold.set(g, byGold.get(g) ?? amended);
      goldOf.set(amended, g);
      kept.push(amended);
    }
  });
  gold.arms.forEach((a, g) => {
    if (armsMatch.has(g) || a.optional) return;
    const added = addedArms(doc, a, ref);
    byGold.set(g, added);
    goldOf.set(added, g);
    kept.push(added);
  });
  for (const f of kept) {
    if (f.table !== 'arms-purchases') continue;
    // The record's package when it names one; else the extractor's, as amended; else none.
    const g = goldOf.get(f);
    const pkg = g === undefined ? undefined : record.packageOf.get(g);
    if (pkg !== undefined && byGold.has(pkg)) f.part_of = byGold.get(pkg)!;
    else if (f.part_of) f.part_of = replaced.get(f.part_of) ?? null;
  }

  // Training.
  const trainingMatch = matchFacts(gold.training, clusters.training.map((g) => trainingRow(g, NO_CITE)), MATCH.training);
  const trainingGroup = invert(trainingMatch);
  const trainingOf = new Map<number, TrainingFact[]>();
  const own = (g: number, f: TrainingFact) => trainingOf.set(g, [...(trainingOf.get(g) ?? []), f]);
  clusters.training.forEach((group, r) => {
    const g = trainingGroup.get(r);
    if (g === undefined) return drop('training', group);
    for (const f of group) {
      const amended = amendTraining(f, gold.training[g]!, ref);
      amended.review = amendments('training', f, amended, ['recipient_iso3', 'amount_usd', 'start_year', 'end_year', 'trainees', 'courses']) ? 'amended' : 'confirmed';
      own(g, amended);
      kept.push(amended);
    }
  });
  gold.training.forEach((t, g) => {
    if (trainingMatch.has(g) || t.optional) return;
    const added = addedTraining(doc, t, ref);
    own(g, added);
    kept.push(added);
  });
  // Each total of the record and the figures it adds up: the parts point at it.
  for (const [total, parts] of totalsOf(gold.training)) {
    const head = trainingOf.get(total)?.[0];
    if (!head) continue;
    head.total = true;
    for (const p of parts) for (const f of trainingOf.get(p) ?? []) f.part_of = head;
  }
  return kept;
}

/**
 * The record's totals and the facts each adds up: the facts before it (since the last total of the
 * same years, basis and recipient) with those years, basis and recipient, when their amounts (or
 * trainees) sum to the total's within 1%. A total whose parts do not add up is left unlinked.
 */
export function totalsOf(facts: GoldTraining[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const key = (t: GoldTraining) => `${t.start_year}|${t.end_year}|${t.basis ?? ''}`;
  facts.forEach((t, i) => {
    if (!t.total) return;
    const parts: number[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const p = facts[j]!;
      if (key(p) !== key(t)) continue;
      if (p.total && (p.recipient === t.recipient || t.recipient === null)) break;
      if (p.total || (t.recipient !== null && p.recipient !== t.recipient)) continue;
      parts.push(j);
    }
    const sum = (f: (x: GoldTraining) => number | null) => parts.reduce((n, j) => n + (f(facts[j]!) ?? 0), 0);
    const adds = (f: (x: GoldTraining) => number | null) => f(t) !== null && f(t)! > 0 && Math.abs(sum(f) - f(t)!) <= f(t)! * 0.01;
    if (parts.length >= 2 && (adds((x) => x.amount_usd) || adds((x) => x.trainees))) out.set(i, parts.reverse());
  });
  return out;
}

function invert(m: Map<number, number>): Map<number, number> {
  return new Map([...m].map(([g, r]) => [r, g]));
}
