// The credit lines under a chart: what it covers ("As stated in 12 documents, 1995–2025; not a
// complete record."), who published the documents behind the rows it draws (and no one else), and
// the dataset with its version.
import { DATASET_TITLE } from '../report/tables.js';
import type { Dataset } from '../types.js';
import { count, shortPublishers } from './format.js';
import type { Scene } from './frame.js';

/** The source line may take this many lines; past that the publishers that did not fit are counted. */
const SOURCE_LINES = 2;
/** The dataset's name without its subtitle: "U.S. defense relations with Latin America and the Caribbean". */
const DATASET_NAME = DATASET_TITLE.split(':')[0]!;

export interface Coverage {
  documents: number;
  /** Shortened, deduplicated, in code-point order. */
  publishers: string[];
  /** First and last year of the facts drawn, or null when none has a year. */
  years: [number, number] | null;
}

/** The documents stating the drawn rows (their own citation and every evidence mention), and the years of the facts. */
export function coverageOf(data: Dataset, drawn: { id: string; source_id: string }[], years: number[]): Coverage {
  const ids = new Set(drawn.map((r) => r.id));
  const documents = new Set(drawn.map((r) => r.source_id));
  for (const e of data.evidence) if (ids.has(e.record_id)) documents.add(e.source_id);
  const publishers = data.sources.filter((s) => documents.has(s.id)).map((s) => s.publisher);
  return {
    documents: documents.size,
    publishers: shortPublishers(publishers),
    years: years.length ? [Math.min(...years), Math.max(...years)] : null,
  };
}

function coverageLine(c: Coverage): string {
  if (c.documents === 0) return 'No document states any of these facts yet; not a complete record.';
  const years = c.years ? (c.years[0] === c.years[1] ? `, ${c.years[0]}` : `, ${c.years[0]}–${c.years[1]}`) : '';
  return `As stated in ${count(c.documents, 'document')}${years}; not a complete record.`;
}

/**
 * "Source: A; B; C." when the publishers fit in SOURCE_LINES lines of the scene's width, else as
 * many as fit, in code-point order, and "and N more"; when not even one fits, the counts alone.
 */
function sourceLine(scene: Scene, c: Coverage): string {
  if (c.publishers.length === 0) return 'Source: none yet.';
  const inner = scene.width - 2 * scene.pad;
  const line = (n: number) => `Source: ${c.publishers.slice(0, n).join('; ')}${n < c.publishers.length ? ` and ${c.publishers.length - n} more` : ''}.`;
  const fits = (text: string) => {
    const lines = scene.wrap(text, 'source', inner, 99);
    return lines.length <= SOURCE_LINES && !lines.some((l) => l.endsWith('…'));
  };
  // The most publishers that fit, by bisection: trying each count in turn was slow for thousands.
  let lo = 0;
  let hi = c.publishers.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(line(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? line(lo) : `Source: ${count(c.documents, 'document')} from ${count(c.publishers.length, 'publisher')}.`;
}

/** Coverage, source and dataset lines, the source line fitted to the scene's width. */
export function creditLines(scene: Scene, c: Coverage, version: string): string[] {
  return [coverageLine(c), sourceLine(scene, c), `Data: ${DATASET_NAME}, version ${version} (CC BY 4.0).`];
}
