// Publishing what the editors' records say. For a document with a record, the extractor's facts are
// grouped as merging would group them (one group per row), and the groups are matched to the record's
// facts by the gold format's matching rules (each record fact at most one group, as the evaluation
// does). A matched group is published with the record's values where the record gives one
// (`confirmed` when nothing changed, `amended` otherwise); a group the record lacks is dropped and
// listed; a record fact nothing matched is added from its quote. A document without a record keeps
// the extractor's facts, unreviewed. Optional record facts (no figure, or the annotator unsure) are
// kept when matched and never added.
import type { Reference } from '../lib/reference.js';
import { formatDate } from '../lib/dates.js';
import type { SourceText } from '../sources/document.js';
import type { DocumentFacts } from '../extract/document.js';
import type { ArmsFact, Fact, Mention, TrainingFact, VisitFact } from '../extract/facts.js';
import { armsRows, clusterFacts, trainingRow, visitRow } from '../extract/merge.js';
import type { FactTable } from '../types.js';
import { MATCH, matchFacts, sameSurname } from './match.js';
import type { EditorsRecord, GoldArms, GoldTraining, GoldVisit } from './records.js';

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

/** Where a record fact is stated: the first place its quote stands in the document. */
function mentionOf(doc: SourceText, quote: string): Mention {
  const start = doc.text.indexOf(quote);
  return { source_id: doc.id, start, end: start + quote.length };
}

function countryName(ref: Reference, iso3: string | null | undefined): string | null {
  return iso3 ? (ref.country(iso3)?.name ?? iso3) : null;
}

/** The canonical name of a record's secretary, from the terms table when it knows them. */
function secretaryName(ref: Reference, name: string, year: number | null): string {
  const found = ref.findSecretaryNames(name)[0]?.entry;
  if (found) return found.name;
  const bySurname = ref.secretaries.filter((s) => sameSurname(s.name, name) && (year === null || ref.inOffice(s, year)));
  return bySurname.length === 1 ? bySurname[0]!.name : name;
}

function amendVisit(f: VisitFact, g: GoldVisit, ref: Reference): VisitFact {
  const v: VisitFact = { ...f, country_iso3: g.country, country: countryName(ref, g.country)!, year: g.year ?? f.year };
  if (g.secretary) {
    const name = secretaryName(ref, g.secretary, v.year);
    // The record names whom the extractor took from the terms table: still not named by the text.
    v.secretary_inferred = f.secretary_inferred && f.secretary === name;
    v.secretary = name;
  }
  if (g.city) v.city = g.city;
  if (g.date) v.date = g.date;
  return v;
}

function addedVisit(doc: SourceText, g: GoldVisit, ref: Reference): VisitFact {
  let secretary = g.secretary ? secretaryName(ref, g.secretary, g.year) : null;
  let inferred = false;
  if (!secretary && g.year !== null) {
    const inOffice = ref.secretariesInOffice(g.year);
    if (inOffice.length === 1) {
      secretary = inOffice[0]!.name;
      inferred = true;
    }
  }
  return {
    table: 'secdef-visits',
    rule: 'editor/added',
    review: 'added',
    mention: mentionOf(doc, g.quote),
    secretary,
    secretary_inferred: inferred,
    country_iso3: g.country,
    country: countryName(ref, g.country)!,
    city: g.city ?? null,
    date: g.date ?? (g.year !== null ? formatDate({ year: g.year }) : null),
    year: g.year,
  };
}

function amendArms(f: ArmsFact, g: GoldArms, ref: Reference): ArmsFact {
  const a: ArmsFact = { ...f, buyer_iso3: g.buyer, buyer: countryName(ref, g.buyer)! };
  if (g.seller) {
    a.seller_iso3 = g.seller;
    a.seller = countryName(ref, g.seller);
  }
  if (g.quantity !== null) a.quantity = g.quantity;
  if (g.value_usd !== null) {
    a.value_usd = g.value_usd;
    a.value_qualifier = g.value_qualifier ?? f.value_qualifier ?? 'exact';
  }
  if (g.year !== null) a.year = g.year;
  if (g.status) a.status = g.status;
  return a;
}

function addedArms(doc: SourceText, g: GoldArms, ref: Reference): ArmsFact {
  const designation = ref.findEquipment(g.item)[0]?.entry ?? null;
  const noun = ref.findEquipmentNouns(g.item)[0]?.entry ?? null;
  return {
    table: 'arms-purchases',
    rule: 'editor/added',
    review: 'added',
    mention: mentionOf(doc, g.quote),
    buyer_iso3: g.buyer,
    buyer: countryName(ref, g.buyer)!,
    seller_iso3: g.seller ?? null,
    seller: countryName(ref, g.seller),
    item: g.item,
    designation: designation?.designation ?? null,
    category: designation?.category ?? noun?.category ?? null,
    quantity: g.quantity,
    value_usd: g.value_usd,
    value_qualifier: g.value_usd === null ? null : (g.value_qualifier ?? 'exact'),
    year: g.year,
    status: g.status ?? null,
    part_of: null,
  };
}

function amendTraining(f: TrainingFact, g: GoldTraining, ref: Reference): TrainingFact {
  const t: TrainingFact = { ...f };
  if (g.recipient) {
    t.recipient_iso3 = g.recipient;
    t.recipient = countryName(ref, g.recipient);
  }
  if (g.amount_usd !== null) {
    t.amount_usd = g.amount_usd;
    t.amount_qualifier = g.amount_qualifier ?? f.amount_qualifier ?? 'exact';
  }
  if (g.basis) t.amount_basis = g.basis;
  for (const k of ['start_year', 'end_year', 'trainees', 'courses'] as const) if (g[k] !== null) t[k] = g[k];
  if (g.program) t.program = g.program;
  if (g.category) t.category = g.category;
  return t;
}

function addedTraining(doc: SourceText, g: GoldTraining, ref: Reference): TrainingFact {
  return {
    table: 'training',
    rule: 'editor/added',
    review: 'added',
    mention: mentionOf(doc, g.quote),
    provider_iso3: g.provider,
    recipient_iso3: g.recipient,
    recipient: countryName(ref, g.recipient),
    program: g.program ?? null,
    category: g.category ?? (g.trainees !== null || g.courses !== null ? 'training' : 'assistance'),
    amount_usd: g.amount_usd,
    amount_qualifier: g.amount_usd === null ? null : (g.amount_qualifier ?? 'exact'),
    amount_basis: g.basis ?? null,
    start_year: g.start_year,
    end_year: g.end_year,
    years_stated: true,
    trainees: g.trainees,
    courses: g.courses,
    location: g.location ?? null,
    description: g.description,
    cumulative: false,
    total: g.total ?? false,
    part_of: null,
  };
}
