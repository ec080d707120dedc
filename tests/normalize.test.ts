// Invisible characters and space-grouped digits: numbers are read right or not at all, names are found
// whatever format characters sit inside them, and every quote still slices the published text.
import { describe, expect, it } from 'vitest';
import { matchingView } from '../pipeline/lib/normalize.js';
import { DEFAULT_REFERENCE_DIR, loadReference } from '../pipeline/lib/reference.js';
import { extractDocument } from '../pipeline/extract/document.js';
import { documentFromText } from '../pipeline/sources/document.js';
import type { ArmsFact, Fact, VisitFact } from '../pipeline/extract/facts.js';

const ref = loadReference(DEFAULT_REFERENCE_DIR);
const META = { title: 'Test', publisher: 'Test', url: 'https://example.org/t', published: '2014-05-01' };

function facts(text: string): Fact[] {
  const found = extractDocument(documentFromText('t', text, META), ref).facts;
  for (const f of found) expect(f.mention.end).toBeLessThanOrEqual(text.length);
  return found;
}
const arms = (text: string) => facts(text).filter((f): f is ArmsFact => f.table === 'arms-purchases');
const visits = (text: string) => facts(text).filter((f): f is VisitFact => f.table === 'secdef-visits');

describe('the matching view', () => {
  it('maps every offset back to the published text', () => {
    const published = 'A\u200bb\u00adc Bogota\u0301 1\u00a0150 x\u202fy \ud83d\ude00\u200d!';
    const view = matchingView(published);
    expect(view.text).toBe('Abc Bogotá 1150 x y \ud83d\ude00!');
    const at = view.text.indexOf('Bogotá');
    expect(published.slice(view.start(at), view.end(at + 'Bogotá'.length))).toBe('Bogota\u0301');
    expect(published.slice(view.start(0), view.end(view.text.length))).toBe(published.slice(0, published.length));
  });

  it('leaves a text with nothing to normalise as it is', () => {
    const view = matchingView('Plain text, $1.15 billion.');
    expect(view.same).toBe(true);
    expect(view.text).toBe('Plain text, $1.15 billion.');
  });
});

describe('numbers', () => {
  it('a zero-width space inside an amount: read whole', () => {
    const [row] = arms('Title\n\nMexico bought 18 Black Hawk helicopters for $1.1\u200b5 billion in 2014.\n');
    expect(row?.value_usd).toBe(1_150_000_000);
    expect(row?.quantity).toBe(18);
  });

  it('thousands grouped by a no-break or narrow space: read whole', () => {
    const [humvees] = arms('Title\n\nMexico bought 1\u00a0150 Humvees for $1\u00a0150 million in 2014.\n');
    expect(humvees?.quantity).toBe(1150);
    expect(humvees?.value_usd).toBe(1_150_000_000);
    const [rifles] = arms('Title\n\nColombia bought 2\u202f500 rifles from Israel in 2014.\n');
    expect(rifles?.quantity).toBe(2500);
  });

  it('thousands grouped by a plain space cannot be told from two numbers: not read at all', () => {
    const [row] = arms('Title\n\nMexico bought 1 150 Humvees for $1 150 million in 2014.\n');
    expect(row?.quantity ?? null).toBeNull();
    expect(row?.value_usd ?? null).toBeNull();
  });
});

describe('names with invisible characters inside', () => {
  const plain = 'Title\n\nDefense Secretary Chuck Hagel arrived in Bogotá on Monday.\n';
  it.each([
    ['a soft hyphen', 'Ha\u00adgel'],
    ['a zero-width joiner', 'Ha\u200dgel'],
    ['a bidi mark', '\u200eHagel'],
  ])('%s', (_what, name) => {
    const text = plain.replace('Hagel', name);
    const [visit] = visits(text);
    expect(visit?.secretary).toBe('Chuck Hagel');
    expect(visit?.country_iso3).toBe('COL');
    expect(text.slice(visit!.mention.start, visit!.mention.end)).toContain(name);
  });

  it('NFD text gives the facts of NFC text', () => {
    const nfd = plain.normalize('NFD');
    expect(nfd).not.toBe(plain);
    const strip = (f: Fact) => ({ ...f, mention: null });
    expect(facts(nfd).map(strip)).toEqual(facts(plain).map(strip));
  });
});

describe('offsets in code points', () => {
  it('a quote that ends with a character outside the Basic Multilingual Plane validates', async () => {
    const { extract } = await import('../pipeline/stages/extract.js');
    const { validateDataset } = await import('../pipeline/stages/validate.js');
    const { sourceRow } = await import('../pipeline/sources/document.js');
    const doc = documentFromText('astral', 'Title\n\nColombia bought 10 Black Hawk helicopters in 2014 \u{10000}', META);
    const merged = extract([doc], ref);
    expect(merged.rows['arms-purchases'][0]?.quote.endsWith('\u{10000}')).toBe(true);
    const { data, problems } = validateDataset({ ...merged.rows, sources: [sourceRow(doc)], evidence: merged.evidence }, [doc]);
    expect(problems).toEqual([]);
    expect(data['arms-purchases']).toHaveLength(1);
  });
});
