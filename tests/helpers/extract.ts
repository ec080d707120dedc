// Runs the real extractor on text written in a test, with the project's reference tables.
import { loadReference, DEFAULT_REFERENCE_DIR } from '../../pipeline/lib/reference.js';
import { documentFromText, type SourceMeta } from '../../pipeline/sources/document.js';
import { extract, type ExtractResult } from '../../pipeline/stages/extract.js';

export const reference = loadReference(DEFAULT_REFERENCE_DIR);

export function docOf(text: string, published = '2016-04-14', id = 'test-doc') {
  const meta: SourceMeta = { title: text.split('\n')[0]!, publisher: 'Test Wire', url: 'https://example.org/test', published };
  return documentFromText(id, text, meta);
}

/** Extracts from one text; the first line is the title, as in a source file. */
export function extractText(text: string, published = '2016-04-14'): ExtractResult {
  return extract([docOf(text, published)], reference);
}

/** Extracts from several texts as one corpus (for merging across documents). */
export function extractTexts(texts: { id: string; text: string; published: string }[]): ExtractResult {
  return extract(texts.map((t) => docOf(t.text, t.published, t.id)), reference);
}
