// The rows a record makes: a machine row amended with the record's values, or a row added from a
// record fact the extractor missed (its quote located in the document, its offsets computed).
import type { Reference } from '../lib/reference.js';
import { formatDate } from '../lib/dates.js';
import type { SourceText } from '../sources/document.js';
import type { ArmsFact, Mention, TrainingFact, VisitFact } from '../extract/facts.js';
import { sameSurname } from './match.js';
import type { GoldArms, GoldTraining, GoldVisit } from './records.js';

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

export function amendVisit(f: VisitFact, g: GoldVisit, ref: Reference): VisitFact {
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

export function addedVisit(doc: SourceText, g: GoldVisit, ref: Reference): VisitFact {
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

export function amendArms(f: ArmsFact, g: GoldArms, ref: Reference): ArmsFact {
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

export function addedArms(doc: SourceText, g: GoldArms, ref: Reference): ArmsFact {
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

export function amendTraining(f: TrainingFact, g: GoldTraining, ref: Reference): TrainingFact {
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

export function addedTraining(doc: SourceText, g: GoldTraining, ref: Reference): TrainingFact {
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
