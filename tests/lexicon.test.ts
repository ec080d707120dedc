// The lexicons: the one-pass lookup over all of them (pipeline/lib/reference.ts) finds exactly what a
// plain reading of each lexicon on its own finds, on random texts made of lexicon names, their
// pieces and filler; and the word lists in sources/reference/words.json decide what they say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceData } from '../pipeline/documents.js';
import { otherAgents } from '../pipeline/extract/agents.js';
import { Annotated } from '../pipeline/extract/annotate/sentence.js';
import { DEFAULT_REFERENCE_DIR, Reference, loadReference } from '../pipeline/lib/reference.js';
import { extract } from '../pipeline/stages/extract.js';
import { documentFromText } from '../pipeline/sources/document.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? 20_241_125 : Number(process.env.FUZZ_SEED);
const reference = loadReference(DEFAULT_REFERENCE_DIR);
const data = referenceData(reference);

const letterOrDigit = (c: string) => /[\p{L}\p{N}]/u.test(c);
const endsWord = (text: string, at: number) => !letterOrDigit(text.charAt(at)) && !(text.charAt(at) === '-' && letterOrDigit(text.charAt(at + 1)));

/**
 * The plain reading: at each word start, the longest name that starts there, whose first word is the
 * text's whole word there, and that ends a word (after an optional variant); no overlaps.
 */
function plainFind(names: string[], text: string, variant: RegExp | null = null): [number, number][] {
  const sorted = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const out: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    if (!letterOrDigit(text[i]!) || (i > 0 && letterOrDigit(text[i - 1]!))) {
      i++;
      continue;
    }
    let matched = 0;
    for (const name of sorted) {
      if (!letterOrDigit(name[0]!) || !text.startsWith(name, i)) continue;
      if (letterOrDigit(text.charAt(i + /^[\p{L}\p{N}]+/u.exec(name)![0].length))) continue;
      let end = i + name.length;
      if (variant && /\d$/.test(name)) {
        const more = new RegExp(variant.source, 'y');
        more.lastIndex = end;
        const m = more.exec(text);
        if (m && endsWord(text, end + m[0].length)) end += m[0].length;
      }
      if (!endsWord(text, end)) continue;
      out.push([i, end]);
      matched = end;
      break;
    }
    i = matched || i + 1;
  }
  return out;
}

const placeNames = data.countries.flatMap((c) => [c.name, ...c.names, ...c.names.map((n) => n.toUpperCase()), c.name.toUpperCase(), ...c.cities, ...c.cities.map((n) => n.toUpperCase()), ...c.demonyms, ...(c.subdivisions ?? [])]);
const allPlaceNames = [...placeNames, ...data.words.regions];
const designations = data.equipment.designations.flatMap((d) => [d.designation, ...d.aliases]);
const nouns = data.equipment.nouns.flatMap((n) => [n.noun, n.plural, n.noun[0]!.toUpperCase() + n.noun.slice(1), n.plural[0]!.toUpperCase() + n.plural.slice(1)]);

// Texts of names, halves of names and filler, joined by the separators text puts between words.
const pieces = [...allPlaceNames, ...designations, ...nouns, ...data.secretaries.flatMap((s) => [s.name, ...s.variants])];
const piece = fc.oneof(
  fc.constantFrom(...pieces),
  fc.constantFrom(...pieces).map((p) => p.slice(0, Math.ceil(p.length / 2))),
  fc.constantFrom('the', 'and', 'of', 'AM', 'C-8', 'E', '16', 'Mexico-based', 'Perú', 'São', '’s', "'s", 'x'),
);
const text = fc.array(fc.tuple(piece, fc.constantFrom(' ', ', ', '-', '', '. ', ' (', '\u00a0', '/')), { maxLength: 12 }).map((parts) => parts.map(([p, sep]) => p + sep).join(''));

describe(`lexicon lookup (${RUNS} cases, seed ${SEED})`, () => {
  it('finds in one pass what each lexicon read on its own finds', () => {
    fc.assert(
      fc.property(text, (t) => {
        const regions = new Set(data.words.regions);
        const places = plainFind(allPlaceNames, t).filter(([s, e]) => !regions.has(t.slice(s, e)));
        expect(reference.findPlaces(t).map((m) => [m.start, m.end])).toEqual(places);
        expect(reference.findEquipment(t).map((m) => [m.start, m.end])).toEqual(plainFind(designations, t, /[A-Z]{1,2}\d{0,2}(?:-\d{1,2})?/));
        expect(reference.findEquipmentNouns(t).map((m) => [m.start, m.end])).toEqual(plainFind(nouns, t));
        expect(reference.findSecretaryNames(t).map((m) => [m.start, m.end])).toEqual(plainFind(data.secretaries.flatMap((s) => [s.name, ...s.variants]), t));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('lookups are shared', () => {
  it('the rules never change what a lookup answers (the answers are remembered per text)', () => {
    const sentence = 'Colombia bought twelve UH-60M Black Hawk helicopters for $180 million.';
    const before = JSON.stringify(reference.findEquipment(sentence));
    const doc = documentFromText('shared', `Colombia helicopters\n\n${sentence}\n\n${sentence}`, { title: 'Colombia helicopters', publisher: 'Test Wire', url: 'https://example.org/x', published: '2016-04-14' });
    const rows = extract([doc], reference).rows['arms-purchases'];
    expect(rows.map((r) => [r.designation, r.quantity])).toEqual([['UH-60 Black Hawk', 12]]);
    expect(JSON.stringify(reference.findEquipment(sentence))).toBe(before);
  });
});

describe('word lists (words.json)', () => {
  it('a region holding a country name is not that country, and the list decides it', () => {
    expect(reference.findPlaces('a tour of Central America').map((p) => p.country.iso3)).toEqual([]);
    const without = new Reference({ ...data, words: { ...data.words, regions: data.words.regions.filter((r) => r !== 'Central America') } });
    expect(without.findPlaces('a tour of Central America').map((p) => p.text)).toEqual(['America']);
  });
  it('a run of capitalised words with a word from the list is not a person', () => {
    const sentence = 'Admiral Craig Faller met Stephen Kelly and Southern Command staff.';
    const people = (ref: Reference) => {
      const a = new Annotated({ index: 0, start: 0, end: sentence.length, text: sentence, paragraph: 0 }, ref, '2020-01-01');
      return otherAgents(a, []).filter((o) => o.person).map((o) => a.slice(o.t0, o.t1));
    };
    expect(people(reference)).toContain('Stephen Kelly');
    expect(people(reference)).not.toContain('Southern Command');
    const strict = new Reference({ ...data, words: { ...data.words, not_in_person_names: [...data.words.not_in_person_names, 'Kelly'] } });
    expect(people(strict)).not.toContain('Stephen Kelly');
  });
});
