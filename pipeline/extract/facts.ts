// Candidate facts as the sentence rules find them, before mentions of the same fact are merged.
import type { ArmsStatus, Citation, Qualifier, Review, TrainingRow } from '../types.js';

/** A mention: the sentence of a document that states a fact (UTF-16 offsets into the text). */
export interface Mention {
  source_id: string;
  start: number;
  end: number;
}

/** Every fact names the rule that found it (published in the evidence table's `rule` column). */
interface Found {
  rule: string;
  /** Set by the review stage from the document's editors' record; absent: unreviewed. */
  review?: Exclude<Review, 'unreviewed'>;
}

export interface VisitFact extends Found {
  table: 'secdef-visits';
  mention: Mention;
  secretary: string | null;
  secretary_inferred: boolean;
  country_iso3: string;
  country: string;
  city: string | null;
  date: string | null;
  year: number | null;
}

export interface ArmsFact extends Found {
  table: 'arms-purchases';
  mention: Mention;
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
  /** The aggregate fact this item belongs to (resolved to its row id after merging). */
  part_of: ArmsFact | null;
  /** Stated by reference to an earlier sentence ("The estimated cost is ..."): never the row's quote. */
  derived?: boolean;
  /** For an aggregate: the designations it covers ("AMRAAM and AIM-9X ... for $67.5 million"). */
  covers?: string[];
  /** The fact a derived or item-line mention was taken from; resolved once the document is read. */
  origin?: ArmsFact;
  /** Stated as one line of a list of items ("Major Defense Equipment: Eight (8) UH-60M ..."). */
  listed?: boolean;
}

/** A training fact carries the columns of its row but the id and the citation, which merging adds. */
export type TrainingFact = Omit<TrainingRow, 'id' | 'review' | 'part_of' | keyof Citation> & Found & {
  table: 'training';
  /** The total this figure is a part of (resolved to its row id after merging). */
  part_of: TrainingFact | null;
  mention: Mention;
};

export type Fact = VisitFact | ArmsFact | TrainingFact;

/** A claim about the history of visits ("the first since 2005", "the third ever"), checked against the visits table. */
export interface Claim {
  kind: 'first-since' | 'nth-ever' | 'first-ever';
  country_iso3: string;
  country: string;
  /** "since 2005": the year of the previous visit the claim implies. */
  since: number | null;
  /** "the third to visit Mexico ever": 3. */
  ordinal: number | null;
  /** Who the claim is about, and when. */
  secretary: string | null;
  year: number | null;
  mention: Mention;
}
