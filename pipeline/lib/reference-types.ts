// The shapes of the reference tables (sources/reference/*.json) as the extractor reads them.
export interface Country {
  iso3: string;
  iso2: string;
  name: string;
  region: 'lac' | 'usa' | 'other';
  names: string[];
  demonyms: string[];
  capital: string;
  cities: string[];
  subdivisions?: string[];
}

export interface Secretary {
  name: string;
  surname: string;
  variants: string[];
  term_start: string;
  term_end: string | null;
  acting: boolean;
}

export interface Designation {
  designation: string;
  category: string;
  aliases: string[];
  maker_iso3: string;
}

/** A defence manufacturer: a deal naming it has its country as seller. */
export interface Maker {
  name: string;
  aliases: string[];
  country_iso3: string;
}

export interface EquipmentNoun {
  noun: string;
  plural: string;
  category: string;
}

export interface Program {
  name: string;
  abbreviation?: string;
  aliases: string[];
  category: 'training' | 'assistance' | 'sales';
  recipient_iso3?: string;
  regional?: boolean;
}

export type PlaceKind = 'country' | 'city' | 'subdivision' | 'demonym' | 'region';

/** Word lists (words.json): see schemas/reference/words.schema.json. */
export interface Words {
  regions: string[];
  not_in_person_names: string[];
}

export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  country: Country;
  kind: PlaceKind;
  /** The city as named, for city mentions. */
  city: string | null;
  /** "Mexico's": an owner, not a location. */
  possessive: boolean;
}
