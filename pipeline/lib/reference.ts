// Reference tables (sources/reference/*.json): loaded once, validated against their schemas, and
// turned into lookups and text matchers. The extractor's knowledge of the world lives in these files.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { InputError } from '../errors.js';
import { decodeText } from '../sources/decode.js';
import { readInside } from '../sources/files.js';
import { parseJson } from './json.js';
import { Vocabulary, type VocabularyData } from '../extract/annotate/vocabulary.js';
import { validate } from './schemas.js';
import { fold } from './text.js';
import { Gazetteer, Lexicon, type Mention } from './gazetteer.js';
import type { Country, Designation, EquipmentNoun, Maker, PlaceKind, PlaceMention, Program, Secretary, Words } from './reference-types.js';

export type { Mention } from './gazetteer.js';
export type * from './reference-types.js';

interface PlaceEntry {
  country: Country;
  kind: PlaceKind;
  city: string | null;
}

export class Reference {
  readonly countries: Country[];
  readonly secretaries: Secretary[];
  readonly designations: Designation[];
  readonly nouns: EquipmentNoun[];
  readonly programs: Program[];
  readonly makers: Maker[];
  readonly words: Words;
  private readonly notInNames: Set<string>;
  private readonly places = new Lexicon<PlaceEntry>();
  private readonly secretaryNames = new Lexicon<Secretary>();
  private readonly surnames = new Map<string, Secretary[]>();
  /** The same, by folded surname ("Pérez" and "PEREZ" meet): built once, looked up per capitalised word. */
  private readonly foldedSurnames = new Map<string, Secretary[]>();
  // Model suffixes after a designation: "UH-60M", "F-16AM", "AIM-120C-8", "AH-64E".
  private readonly equipment = new Lexicon<Designation>(/[A-Z]{1,2}\d{0,2}(?:-\d{1,2})?/y);
  private readonly equipmentNouns = new Lexicon<EquipmentNoun>();
  private readonly programNames = new Lexicon<Program>();
  private readonly makerNames = new Lexicon<Maker>();
  private readonly byIso3 = new Map<string, Country>();
  /** The lexicons above, found in one pass; `found` picks one lexicon's mentions by its place here. */
  private readonly lexicons: Lexicon<unknown>[];
  private readonly gazetteer: Gazetteer;
  private readonly placeMentions = new WeakMap<Mention<unknown>[], PlaceMention[]>();

  readonly vocabularyData: VocabularyData;
  readonly vocabulary: Vocabulary;

  constructor(data: { countries: Country[]; secretaries: Secretary[]; equipment: { designations: Designation[]; nouns: EquipmentNoun[]; makers?: Maker[] }; programs: Program[]; words: Words; vocabulary: VocabularyData }) {
    this.vocabularyData = data.vocabulary;
    this.vocabulary = new Vocabulary(data.vocabulary);
    this.countries = data.countries;
    this.secretaries = data.secretaries;
    this.designations = data.equipment.designations;
    this.nouns = data.equipment.nouns;
    this.programs = data.programs;
    this.words = data.words;
    this.notInNames = new Set(data.words.not_in_person_names);
    for (const c of this.countries) {
      this.byIso3.set(c.iso3, c);
      for (const name of [c.name, ...c.names]) {
        this.places.add(name, { country: c, kind: 'country', city: null });
        this.places.add(name.toUpperCase(), { country: c, kind: 'country', city: null });
      }
      for (const city of c.cities) {
        this.places.add(city, { country: c, kind: 'city', city });
        this.places.add(city.toUpperCase(), { country: c, kind: 'city', city });
      }
      for (const d of c.demonyms) this.places.add(d, { country: c, kind: 'demonym', city: null });
      for (const s of c.subdivisions ?? []) this.places.add(s, { country: c, kind: 'subdivision', city: null });
    }
    const anywhere = this.countries[0]!;
    // Regions that contain a country's name or demonym ("Latin America" is not America): matched so
    // that the longer name wins, then dropped.
    for (const r of this.words.regions) this.places.add(r, { country: anywhere, kind: 'region', city: null });
    for (const s of this.secretaries) {
      for (const v of [s.name, ...s.variants]) this.secretaryNames.add(v, s);
      const list = this.surnames.get(s.surname) ?? [];
      list.push(s);
      this.surnames.set(s.surname, list);
      const folded = this.foldedSurnames.get(fold(s.surname)) ?? [];
      folded.push(s);
      this.foldedSurnames.set(fold(s.surname), folded);
    }
    for (const d of this.designations) {
      this.equipment.add(d.designation, d);
      for (const a of d.aliases) {
        this.equipment.add(a, d);
        // "12 A-29s", "F-16s": a model's plural.
        if (/[\dA-Z]$/.test(a)) this.equipment.add(`${a}s`, d);
      }
    }
    for (const n of this.nouns) {
      this.equipmentNouns.add(n.noun, n);
      this.equipmentNouns.add(n.plural, n);
      this.equipmentNouns.add(n.noun[0]!.toUpperCase() + n.noun.slice(1), n);
      this.equipmentNouns.add(n.plural[0]!.toUpperCase() + n.plural.slice(1), n);
    }
    for (const p of this.programs) {
      this.programNames.add(p.name, p);
      if (p.abbreviation) this.programNames.add(p.abbreviation, p);
      for (const a of p.aliases) this.programNames.add(a, p);
    }
    this.makers = data.equipment.makers ?? [];
    for (const m of this.makers) for (const name of [m.name, ...m.aliases]) this.makerNames.add(name, m);
    this.lexicons = [this.places, this.secretaryNames, this.equipment, this.equipmentNouns, this.programNames, this.makerNames] as Lexicon<unknown>[];
    this.gazetteer = new Gazetteer(this.lexicons);
  }

  private found<T>(lexicon: Lexicon<T>, text: string): Mention<T>[] {
    return this.gazetteer.scan(text)[this.lexicons.indexOf(lexicon as Lexicon<unknown>)] as Mention<T>[];
  }

  country(iso3: string): Country | undefined {
    return this.byIso3.get(iso3);
  }

  /** Countries, cities, U.S. states and demonyms named in a text. */
  findPlaces(text: string): PlaceMention[] {
    const found = this.found(this.places, text);
    let places = this.placeMentions.get(found);
    if (!places) {
      places = found.filter((m) => m.entry.kind !== 'region').map((m) => ({
        start: m.start,
        end: m.end,
        text: m.text,
        country: m.entry.country,
        kind: m.entry.kind,
        city: m.entry.city,
        possessive: /^['’]s?\b/.test(text.slice(m.end, m.end + 2)),
      }));
      for (const p of places) Object.freeze(p);
      Object.freeze(places);
      this.placeMentions.set(found, places);
    }
    return places;
  }

  /** The country a lone name ("GUATEMALA", "Peru") stands for. */
  placeNamed(text: string): { country: Country; kind: PlaceKind } | undefined {
    const entry = this.places.get(text);
    return entry?.kind === 'region' ? undefined : entry;
  }

  /** Whether a lone name ("Central America", "the Caribbean") is a region rather than a country. */
  regionNamed(text: string): boolean {
    return this.places.get(text.replace(/^the\s+/i, ''))?.kind === 'region';
  }

  findSecretaryNames(text: string): Mention<Secretary>[] {
    return this.found(this.secretaryNames, text);
  }

  secretariesWithSurname(surname: string): Secretary[] {
    return this.surnames.get(surname) ?? this.foldedSurnames.get(fold(surname)) ?? [];
  }

  get surnameList(): string[] {
    return [...this.surnames.keys()];
  }

  /** The secretaries in office at some time in a year (acting ones only when nobody else was). */
  secretariesInOffice(year: number): Secretary[] {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const all = this.secretaries.filter((s) => s.term_start <= to && (s.term_end === null || s.term_end >= from));
    const confirmed = all.filter((s) => !s.acting);
    return confirmed.length > 0 ? confirmed : all;
  }

  /** Whether a person held the office at some time in a year (over every term: Rumsfeld served twice). */
  inOffice(secretary: Secretary, year: number): boolean {
    return this.secretaries.some(
      (t) => t.name === secretary.name && Number(t.term_start.slice(0, 4)) <= year && (t.term_end === null || Number(t.term_end.slice(0, 4)) >= year),
    );
  }

  findEquipment(text: string): Mention<Designation>[] {
    return this.found(this.equipment, text);
  }

  findEquipmentNouns(text: string): Mention<EquipmentNoun>[] {
    return this.found(this.equipmentNouns, text);
  }

  /** Whether a run of capitalised words holds a word that is never part of a person's name ("Southern Command"). */
  hasNonNameWord(phrase: string): boolean {
    return (phrase.match(/[A-Za-z]+/g) ?? []).some((w) => this.notInNames.has(w));
  }

  findPrograms(text: string): Mention<Program>[] {
    return this.found(this.programNames, text);
  }

  findMakers(text: string): Mention<Maker>[] {
    return this.found(this.makerNames, text);
  }
}

/** The project's own lexicons, used for a source folder that has no reference/ folder of its own. */
export const DEFAULT_REFERENCE_DIR = new URL('../../sources/reference/', import.meta.url).pathname;

/** A source folder's reference/ folder when it has one, else the project's. */
export function referenceDirFor(sources: string): string {
  const own = join(sources, 'reference');
  return existsSync(own) ? own : DEFAULT_REFERENCE_DIR;
}

const FILES = { countries: 'countries.json', secretaries: 'secretaries.json', equipment: 'equipment.json', programs: 'programs.json', words: 'words.json', vocabulary: 'vocabulary.json' } as const;

/** Largest reference table read, in bytes (8 MiB: the tables are about 100 kB today). */
const MAX_REFERENCE_BYTES = 8 * 1024 * 1024;

/**
 * Reads and validates the reference tables of a folder; a bad table stops the run (nothing can be
 * extracted without it). Files are read as source files are: regular files only, links only inside
 * the source folder, size-limited, strict UTF-8, JSON with duplicate keys and deep nesting refused.
 */
export function loadReference(dir: string): Reference {
  const data: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(FILES)) {
    const path = join(dir, file);
    const shown = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
    let json: unknown;
    try {
      json = parseJson(shown, decodeText(shown, readInside(dirname(dir), path, MAX_REFERENCE_BYTES)), 'bad-reference');
    } catch (error) {
      if (error instanceof InputError) throw new InputError('bad-reference', error.file, error.message, error.field, error.line);
      throw new InputError('bad-reference', shown, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const errors = validate(`reference/${name}`, json);
    if (errors.length > 0) throw new InputError('bad-reference', shown, errors[0]!.message, errors[0]!.field);
    data[name] = json;
  }
  return new Reference(data as ConstructorParameters<typeof Reference>[0]);
}
