// A synthetic corpus for the benchmark and the scale tests: N documents in the input format
// (<id>.txt + <id>.meta.json), made by recombining the sentences and flattened tables of the real
// documents in sources/ with other countries, secretaries, numbers and years from sources/reference/.
// Deterministic: document i depends only on the seed and i, so a corpus of 100 is the first 100
// documents of a corpus of 10,000.
//
//   npx tsx scripts/synthetic-corpus.ts --docs 10000 --seed 1 --out /tmp/corpus
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import type { Country, Secretary } from '../pipeline/lib/reference.js';
import type { SourceMeta } from '../pipeline/sources/document.js';

const PROJECT = new URL('..', import.meta.url).pathname;
const SOURCES = join(PROJECT, 'sources');

export interface CorpusOptions {
  /** Folder to write the documents to (created; existing documents with the same ids are overwritten). */
  out: string;
  docs: number;
  seed: number;
  /** Folder of real documents to recombine (default: the project's sources/). */
  sources?: string;
}

export interface CorpusStats {
  documents: number;
  /** Bytes of text (the .txt files). */
  bytes: number;
}

/** Sentences per document: uniform in this range; with real sentences of ~150 characters, 4-5 kB a document. */
const SENTENCES = [10, 38] as const;
/** Chance that a paragraph is a flattened report table (a fiscal-year header, column header and program rows). */
const TABLE_CHANCE = 0.06;
/** Documents are written this many at a time. */
const WRITE_BATCH = 64;

/** mulberry32: a small, fast, seedable PRNG; enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}

interface Pool {
  titles: string[];
  sentences: string[];
  tables: string[][];
  publishers: string[];
}

const TABLE_LINE = /\$\s?[\d,]+|^FY\s?\d{4}|^Type of Activity|^\*?TOTAL\b|^\(\$ in thousands\)/;
const SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z])/;

/** Cuts the real documents into titles, sentences and table blocks. */
async function readPool(dir: string): Promise<Pool> {
  const pool: Pool = { titles: [], sentences: [], tables: [], publishers: [] };
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  for (const name of names) {
    const text = (await readFile(join(dir, name), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const meta = JSON.parse(await readFile(join(dir, name.replace(/\.txt$/, '.meta.json')), 'utf8')) as SourceMeta;
    pool.publishers.push(meta.publisher);
    const lines = text.split('\n');
    pool.titles.push(lines[0]!.trim());
    let table: string[] = [];
    const endTable = () => {
      if (table.length >= 2) pool.tables.push(table);
      table = [];
    };
    for (const raw of lines.slice(1)) {
      const line = raw.trim();
      if (!line) continue;
      if (TABLE_LINE.test(line) && line.length < 160) {
        table.push(line);
        continue;
      }
      endTable();
      for (const s of line.split(SENTENCE_END)) if (s.length >= 25) pool.sentences.push(s);
    }
    endTable();
  }
  return pool;
}

type Name = { kind: 'country' | 'demonym' | 'capital' | 'city'; country: Country; index: number } | { kind: 'secretary' | 'surname'; secretary: Secretary };

interface Lexicon {
  lac: Country[];
  secretaries: Secretary[];
  names: Map<string, Name>;
  pattern: RegExp;
}

async function readLexicon(dir: string): Promise<Lexicon> {
  const countries = JSON.parse(await readFile(join(dir, 'reference', 'countries.json'), 'utf8')) as Country[];
  const secretaries = JSON.parse(await readFile(join(dir, 'reference', 'secretaries.json'), 'utf8')) as Secretary[];
  const lac = countries.filter((c) => c.region === 'lac');
  const names = new Map<string, Name>();
  const add = (text: string, name: Name) => {
    if (text.length >= 4 && !names.has(text)) names.set(text, name);
  };
  for (const s of secretaries) {
    for (const v of s.variants) add(v, { kind: 'secretary', secretary: s });
    add(s.name, { kind: 'secretary', secretary: s });
  }
  for (const country of lac) {
    country.names.forEach((n, index) => add(n, { kind: 'country', country, index }));
    country.demonyms.forEach((n, index) => add(n, { kind: 'demonym', country, index }));
    add(country.capital, { kind: 'capital', country, index: 0 });
    country.cities.forEach((n, index) => add(n, { kind: 'city', country, index }));
  }
  // Surnames last: "Perry" alone, once the full names have had their chance.
  for (const s of secretaries) add(s.surname, { kind: 'surname', secretary: s });
  const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { lac, secretaries, names, pattern: new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'gu') };
}

const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const YEAR = /^(19[4-9]\d|20[0-2]\d)$/;

/** One document: the same substitutions throughout, so that a country stays one country. */
function makeDocument(pool: Pool, lex: Lexicon, seed: number, index: number): { text: string; meta: Omit<SourceMeta, 'url'> } {
  const rnd = random(seedOf(seed, index));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const year = 1995 + Math.floor(rnd() * 30);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const shift = year - 2010;
  const countryMap = new Map<Country, Country>();
  const secretaryMap = new Map<Secretary, Secretary>();
  const country = (c: Country) => countryMap.get(c) ?? countryMap.set(c, pick(lex.lac)).get(c)!;
  const secretary = (s: Secretary) => secretaryMap.get(s) ?? secretaryMap.set(s, pick(lex.secretaries)).get(s)!;
  const substitute = (text: string) =>
    text
      .replace(lex.pattern, (match) => {
        const name = lex.names.get(match)!;
        switch (name.kind) {
          case 'secretary':
            return secretary(name.secretary).name;
          case 'surname':
            return secretary(name.secretary).surname;
          case 'country':
            return country(name.country).name;
          case 'demonym': {
            const to = country(name.country);
            const plural = match.endsWith('s');
            return to.demonyms.find((d) => d.endsWith('s') === plural) ?? to.demonyms[0] ?? to.name;
          }
          case 'capital':
            return country(name.country).capital;
          case 'city':
            return pick(country(name.country).cities.length ? country(name.country).cities : [country(name.country).capital]);
        }
      })
      .replace(/(?<![\p{L}\d-])\d+(?:,\d{3})*(?:\.\d+)?(?![\p{L}\d])/gu, (digits) => {
        if (YEAR.test(digits)) return String(Math.min(2025, Math.max(1947, Number(digits) + shift)));
        // Days of the month, small counts and decimals ("$1.15 billion") stay as written.
        if (digits.includes('.') || digits.length <= 2) return digits;
        // Another number of the same shape: same digit count, thousands separators kept.
        const plain = digits.replace(/,/g, '');
        let out = String(1 + Math.floor(rnd() * 9));
        for (let i = 1; i < plain.length; i++) out += String(Math.floor(rnd() * 10));
        return digits.includes(',') ? out.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : out;
      });

  const title = substitute(pick(pool.titles));
  const paragraphs: string[] = [];
  let sentences = SENTENCES[0] + Math.floor(rnd() * (SENTENCES[1] - SENTENCES[0] + 1));
  const home = pick(lex.lac);
  paragraphs.push(`${home.capital.toUpperCase()}, ${home.name}, ${MONTHS[month - 1]} ${day}, ${year} – ${substitute(pick(pool.sentences))}`);
  sentences--;
  while (sentences > 0) {
    if (pool.tables.length && rnd() < TABLE_CHANCE) {
      paragraphs.push(`${pick(lex.lac).name.toUpperCase()}\n\n${pick(pool.tables).map(substitute).join('\n')}`);
      continue;
    }
    const n = Math.min(sentences, 1 + Math.floor(rnd() * 4));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(substitute(pick(pool.sentences)));
    paragraphs.push(parts.join(' '));
    sentences -= n;
  }
  const published = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    text: `${title}\n\n${paragraphs.join('\n\n')}\n`,
    meta: { title, publisher: pick(pool.publishers), published, language: 'en', excerpt: false },
  };
}

/** Writes the corpus; returns how many documents and text bytes it holds. */
export async function generateCorpus(options: CorpusOptions): Promise<CorpusStats> {
  const sources = options.sources ?? SOURCES;
  const [pool, lex] = await Promise.all([readPool(sources), readLexicon(sources)]);
  await mkdir(options.out, { recursive: true });
  const width = String(Math.max(options.docs - 1, 0)).length;
  let bytes = 0;
  for (let start = 0; start < options.docs; start += WRITE_BATCH) {
    const writes: Promise<void>[] = [];
    for (let i = start; i < Math.min(options.docs, start + WRITE_BATCH); i++) {
      const id = `syn-${options.seed}-${String(i).padStart(width, '0')}`;
      const { text, meta } = makeDocument(pool, lex, options.seed, i);
      const sidecar: SourceMeta = { title: meta.title, publisher: meta.publisher, url: `https://example.org/synthetic/${id}`, published: meta.published, language: meta.language!, excerpt: meta.excerpt! };
      bytes += Buffer.byteLength(text);
      writes.push(writeFile(join(options.out, `${id}.txt`), text), writeFile(join(options.out, `${id}.meta.json`), `${JSON.stringify(sidecar, null, 2)}\n`));
    }
    await Promise.all(writes);
  }
  return { documents: options.docs, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, sources: { type: 'string' } },
  });
  if (!values.out) {
    process.stderr.write('usage: npx tsx scripts/synthetic-corpus.ts --out DIR [--docs N] [--seed S] [--sources DIR]\n');
    process.exitCode = 2;
  } else {
    const stats = await generateCorpus({ out: resolve(values.out), docs: Number(values.docs), seed: Number(values.seed), sources: values.sources && resolve(values.sources) });
    process.stderr.write(`${stats.documents} documents, ${(stats.bytes / 1e6).toFixed(1)} MB of text in ${values.out}\n`);
  }
}
