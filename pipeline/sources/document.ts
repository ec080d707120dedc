// A source document: the one type every layer uses. `SourceText` is what reading a source folder
// gives (pipeline/sources/read.ts); the sources table row and in-memory documents for tests and the
// benchmark are made here.
import { codePointLength, sha256 } from '../lib/text.js';
import type { SourceRow } from '../types.js';

export interface SourceMeta {
  title: string;
  publisher: string;
  url: string;
  published: string;
  language?: string;
  license?: string;
  excerpt?: boolean;
  notes?: string;
  /** When the copy was taken (YYYY-MM-DD). */
  accessed?: string;
}

/** A document read and checked: its id, sidecar and text. */
export interface SourceText {
  id: string;
  meta: SourceMeta;
  text: string;
  /** Of the text file's bytes, as published in the sources table. */
  sha256: string;
  characters: number;
}

/** The sources-table row of a document. */
export function sourceRow(doc: SourceText): SourceRow {
  return {
    id: doc.id,
    title: doc.meta.title,
    publisher: doc.meta.publisher,
    url: doc.meta.url,
    published: doc.meta.published,
    accessed: doc.meta.accessed ?? null,
    language: doc.meta.language ?? null,
    license: doc.meta.license ?? null,
    excerpt: doc.meta.excerpt ?? null,
    sha256: doc.sha256,
    characters: doc.characters,
  };
}

/** A document from text already in memory (tests, the benchmark). */
export function documentFromText(id: string, text: string, meta: SourceMeta, bytes: Uint8Array = Buffer.from(text, 'utf8')): SourceText {
  return { id, meta, text, sha256: sha256(bytes), characters: codePointLength(text) };
}
