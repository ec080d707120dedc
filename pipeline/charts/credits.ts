// The credit lines under a chart: what it covers ("As stated in 12 documents, 1995–2025; not a
// complete record."), who published the documents behind the rows it draws (and no one else), and
// the dataset with its version.
import { DATASET_TITLE } from '../report/tables.js';
import type { Dataset } from '../types.js';
import { count, shortPublishers } from './format.js';
import type { Scene } from './svg.js';

/** The source line may take this many lines; past that it counts documents and publishers instead. */
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

export function coverageLine(c: Coverage): string {
  if (c.documents === 0) return 'No document states any of these facts yet; not a complete record.';
  const years = c.years ? (c.years[0] === c.years[1] ? `, ${c.years[0]}` : `, ${c.years[0]}–${c.years[1]}`) : '';
  return `As stated in ${count(c.documents, 'document')}${years}; not a complete record.`;
}

/** Coverage, source and dataset lines, the source line fitted to the scene's width. */
export function creditLines(scene: Scene, c: Coverage, version: string): string[] {
  const inner = scene.width - 2 * scene.pad;
  const named = `Source: ${c.publishers.join('; ')}.`;
  const fits = scene.wrap(named, 'source', inner, 99).length <= SOURCE_LINES;
  const source = c.publishers.length === 0 ? 'Source: none yet.' : fits ? named : `Source: ${count(c.documents, 'document')} from ${count(c.publishers.length, 'publisher')}.`;
  return [coverageLine(c), source, `Data: ${DATASET_NAME}, version ${version} (CC BY 4.0).`];
}
