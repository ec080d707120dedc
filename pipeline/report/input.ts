// What the report stage receives from the rest of the run.
import type { Problem } from '../errors.js';
import type { Claim } from '../extract/facts.js';
import type { Amendment, Dropped } from '../review/apply.js';
import type { Dataset } from '../types.js';

export interface ClaimCheck {
  claim: Claim;
  /** The claim's sentence. */
  quote: string;
  /** `unverified`: no sentence but the claims' own states the visits that would settle it. */
  verdict: 'consistent' | 'contradicted' | 'unverified';
  /** Ids of the visit rows, stated independently of the claim, that support or contradict it. */
  rows: string[];
  /** Ids of the visit rows in its range that only claim sentences state: no evidence either way. */
  set_aside: string[];
  explanation: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  publisher: string;
  url: string;
  /** Rows citing the document, per fact table (through the evidence table). */
  facts: Record<'secdef-visits' | 'arms-purchases' | 'training', number>;
}

export interface ReportInput {
  data: Dataset;
  documents: DocumentSummary[];
  /** Every rejected document, ignored file and rejected row, with file, field and reason. */
  problems: Problem[];
  /** What the editors' records did: rows dropped, fields amended, documents reviewed. */
  review: { dropped: Dropped[]; amendments: Amendment[]; reviewed: number };
  claims: ClaimCheck[];
  /** SVG text by path relative to the output folder ("charts/arms-purchases.svg"). */
  charts: Map<string, string>;
  /** Every file of the output folder by relative path (for links and the data dictionary). */
  outputFiles: string[];
  /** The data of the previous release in the output folder, for the release notes; null when there is none. */
  previous: Dataset | null;
  /**
   * The previous release's own notes, when this run republishes that release unchanged (the same
   * rows and version): its notes stay its notes. Absent or null otherwise.
   */
  previousNotes?: string | null;
  /** Dataset version (SemVer), from package.json. */
  version: string;
  /** Relative path from the reports folder to the output folder ("../output" by default). */
  outputHref: string;
  /** Absolute URL of the output folder as published (--base-url), ending in "/", for embed code; null when not given. */
  baseUrl: string | null;
}
