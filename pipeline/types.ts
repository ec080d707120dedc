// Row types of the published tables. Field order here is the column order of the CSV and JSON files
// and of the JSON Schemas in schemas/; tests check the three agree.

export const FACT_TABLES = ['secdef-visits', 'arms-purchases', 'training'] as const;
export type FactTable = (typeof FACT_TABLES)[number];
export const TABLES = [...FACT_TABLES, 'sources', 'evidence'] as const;
export type Table = (typeof TABLES)[number];

export const REVIEWS = ['confirmed', 'amended', 'added', 'unreviewed'] as const;
/** What the document's editors' record did to a row (pipeline/review/). */
export type Review = (typeof REVIEWS)[number];

/** Where a fact is stated: the verbatim sentence and its code-point offsets in the source text. */
export interface Citation {
  source_id: string;
  quote: string;
  char_start: number;
  char_end: number;
}

export interface VisitRow extends Citation {
  id: string;
  secretary: string | null;
  secretary_inferred: boolean;
  country_iso3: string;
  country: string;
  city: string | null;
  start_date: string | null;
  end_date: string | null;
  year: number | null;
  review: Review;
}

export const VALUE_QUALIFIERS = ['exact', 'approximate', 'at_least', 'at_most'] as const;
export type Qualifier = (typeof VALUE_QUALIFIERS)[number];
export const ARMS_STATUSES = ['proposed', 'approved', 'ordered', 'purchased', 'delivered'] as const;
export type ArmsStatus = (typeof ARMS_STATUSES)[number];

export interface ArmsRow extends Citation {
  id: string;
  buyer_iso3: string;
  buyer: string;
  seller_iso3: string | null;
  seller: string | null;
  item: string;
  designation: string | null;
  category: string | null;
  quantity: number | null;
  value_usd: number | null;
  value_qualifier: Qualifier | null;
  year: number | null;
  status: ArmsStatus | null;
  deal_id: string;
  part_of: string | null;
  review: Review;
}

export const AMOUNT_BASES = ['actual', 'planned', 'requested', 'appropriated', 'allocated', 'obligated', 'delivered', 'projected', 'estimated'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

export interface TrainingRow extends Citation {
  id: string;
  provider_iso3: string;
  recipient_iso3: string | null;
  recipient: string | null;
  program: string | null;
  category: 'training' | 'assistance';
  amount_usd: number | null;
  amount_qualifier: Qualifier | null;
  amount_basis: AmountBasis | null;
  cumulative: boolean;
  start_year: number | null;
  end_year: number | null;
  years_stated: boolean;
  trainees: number | null;
  courses: number | null;
  location: string | null;
  description: string;
  total: boolean;
  part_of: string | null;
  review: Review;
}

export interface SourceRow {
  id: string;
  title: string;
  publisher: string;
  url: string;
  published: string;
  accessed: string | null;
  language: string | null;
  license: string | null;
  excerpt: boolean | null;
  sha256: string;
  characters: number;
}

export interface EvidenceRow extends Citation {
  record_id: string;
  table: FactTable;
  rule: string;
}

export interface FactRows {
  'secdef-visits': VisitRow[];
  'arms-purchases': ArmsRow[];
  training: TrainingRow[];
}

export interface Dataset extends FactRows {
  sources: SourceRow[];
  evidence: EvidenceRow[];
}

export type AnyRow = VisitRow | ArmsRow | TrainingRow | SourceRow | EvidenceRow;
