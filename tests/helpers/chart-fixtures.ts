// Datasets for the chart tests: realistic rows modelled on the seed and corpus documents, plus the
// crowded cases that break naive charts (several visits in one year and country, adjacent years,
// amounts from $20 to $1.6 billion, multi-year spans, rows without values) and hostile text in names.
import { AMOUNT_BASES, type ArmsRow, type Dataset, type SourceRow, type TrainingRow, type VisitRow } from '../../pipeline/types.js';

export const HOSTILE = {
  script: '</svg><script>alert(1)</script>',
  attribute: '"><img onerror=x>',
} as const;

export const VERSION = '0.3.1-test';

export const PUBLISHERS = [
  'Security Assistance Monitor (Center for International Policy), blog',
  'Anchorage Daily News (syndicated news report)',
  'Defense Security Cooperation Agency (DSCA), Major Arms Sales (Transmittal No. 14-17)',
  'Defense Security Cooperation Agency (DSCA) notification text, as reposted on defencetalk.com',
  'U.S. Department of State, Office of the Spokesperson (Taken Question)',
  'U.S. Department of State, Bureau of Political-Military Affairs - Foreign Military Training',
  'American Forces Press Service (U.S. Department of Defense)',
  'Voice of America (VOA)',
  HOSTILE.attribute,
];

// Each table cites its own documents, so that a chart's credits can be checked to name only them.
const cite = (source_id: string) => ({ source_id, quote: 'A sentence that states the fact.', char_start: 0, char_end: 32 });
export const DOCS = { visits: 'doc-7', arms: 'doc-3', training: 'doc-6', hostile: 'doc-9' } as const;

let n = 0;
const nextId = (prefix: string): string => `${prefix}-${String(++n).padStart(3, '0')}`;

export function visit(v: Partial<VisitRow> & Pick<VisitRow, 'country_iso3' | 'country'>): VisitRow {
  return { id: nextId('v'), secretary: null, secretary_inferred: false, city: null, start_date: null, end_date: null, year: null, review: 'unreviewed', ...cite(DOCS.visits), ...v };
}

export function arms(a: Partial<ArmsRow> & Pick<ArmsRow, 'buyer_iso3' | 'buyer' | 'item'>): ArmsRow {
  return {
    id: nextId('a'),
    seller_iso3: 'USA',
    seller: 'United States',
    designation: null,
    category: null,
    quantity: null,
    value_usd: null,
    value_qualifier: null,
    year: null,
    status: null,
    deal_id: `deal-${String(n)}`,
    part_of: null,
    review: 'unreviewed',
    ...cite(DOCS.arms),
    ...a,
  };
}

export function training(t: Partial<TrainingRow> & Pick<TrainingRow, 'description'>): TrainingRow {
  return {
    id: nextId('t'),
    provider_iso3: 'USA',
    recipient_iso3: null,
    recipient: null,
    program: null,
    category: 'training',
    amount_usd: null,
    amount_qualifier: null,
    amount_basis: null,
    start_year: null,
    end_year: null,
    years_stated: true,
    trainees: null,
    courses: null,
    location: null,
    cumulative: false,
    total: false,
    part_of: null,
    review: 'unreviewed',
    ...cite(DOCS.training),
    ...t,
  };
}

const MEX = { country_iso3: 'MEX', country: 'Mexico' };
const GTM = { country_iso3: 'GTM', country: 'Guatemala' };
const COL = { country_iso3: 'COL', country: 'Colombia' };
const BRA = { country_iso3: 'BRA', country: 'Brazil' };

export const visits: VisitRow[] = [
  visit({ ...MEX, secretary: 'William J. Perry', year: 1995, start_date: '1995-10-23', city: 'Mexico City' }),
  visit({ ...MEX, secretary: 'Robert Gates', year: 2010 }),
  visit({ ...MEX, secretary: 'Chuck Hagel', year: 2014, start_date: '2014-04-24' }),
  visit({ ...MEX, secretary: 'Chuck Hagel', year: 2014, start_date: '2014-04-25' }),
  visit({ ...MEX, secretary: 'Ashton Carter', year: 2015 }),
  visit({ ...MEX, secretary: 'Jim Mattis', year: 2017 }),
  visit({ ...GTM, secretary: 'Donald Rumsfeld', secretary_inferred: true, year: 2005 }),
  visit({ ...GTM, secretary: 'Chuck Hagel', year: 2014, start_date: '2014-04-24' }),
  // Three visits in one year and country, with neighbours in the years either side.
  visit({ ...COL, secretary: 'Jim Mattis', year: 2017 }),
  visit({ ...COL, secretary: 'Jim Mattis', year: 2018, start_date: '2018-08-15' }),
  visit({ ...COL, secretary: 'Jim Mattis', year: 2018, start_date: '2018-08-20' }),
  visit({ ...COL, secretary: 'Patrick M. Shanahan', secretary_inferred: true, year: 2018 }),
  visit({ ...COL, secretary: 'Mark T. Esper', year: 2019 }),
  visit({ ...COL, secretary: 'Lloyd J. Austin III', year: 2021 }),
  visit({ ...BRA, secretary: 'Robert Gates', year: 2010 }),
  visit({ ...BRA, secretary: 'Leon Panetta', year: 2012 }),
  visit({ ...BRA, secretary: 'Chuck Hagel', year: 2013 }),
  visit({ ...BRA, secretary: 'Ashton Carter', secretary_inferred: true, year: 2016 }),
  visit({ country_iso3: 'PER', country: 'Peru', secretary: 'Donald Rumsfeld', year: 2005, city: 'Lima' }),
  visit({ country_iso3: 'PRY', country: 'Paraguay', secretary: 'Donald Rumsfeld', year: 2005 }),
  visit({ country_iso3: 'ARG', country: 'Argentina', secretary: 'Jim Mattis', year: 2018, city: 'Buenos Aires' }),
  visit({ country_iso3: 'ARG', country: 'Argentina', secretary: null, year: 2005 }),
  visit({ country_iso3: 'VCT', country: 'Saint Vincent and the Grenadines', secretary: 'Jim Mattis', year: 2018 }),
  visit({ country_iso3: 'XSS', country: HOSTILE.script, secretary: HOSTILE.attribute, year: 2000, source_id: DOCS.hostile }),
  visit({ country_iso3: 'CHL', country: 'Chile', secretary: 'Jim Mattis', year: null }),
];

const deal = arms({
  buyer_iso3: 'MEX',
  buyer: 'Mexico',
  item: 'military equipment, including ammunition, Humvees and 21 Black Hawk helicopters',
  value_usd: 1_150_000_000,
  value_qualifier: 'at_least',
  year: 2015,
  status: 'purchased',
});
const package_ = { part_of: deal.id, deal_id: deal.deal_id };
const chile = { buyer_iso3: 'CHL', buyer: 'Chile', item: 'F-16 fighters', designation: 'F-16 Fighting Falcon', quantity: 10, deal_id: 'deal-chl-f16' };

export const armsRows: ArmsRow[] = [
  deal,
  arms({ buyer_iso3: 'MEX', buyer: 'Mexico', item: 'Black Hawk helicopters', designation: 'UH-60 Black Hawk', quantity: 21, year: 2015, status: 'purchased', ...package_ }),
  arms({ buyer_iso3: 'MEX', buyer: 'Mexico', item: 'Humvees', designation: 'HMMWV', year: 2015, status: 'purchased', ...package_ }),
  // An item with its own value: inside the package's value, never a bar of its own.
  arms({ buyer_iso3: 'MEX', buyer: 'Mexico', item: 'ammunition', value_usd: 40_000_000, value_qualifier: 'approximate', year: 2015, ...package_ }),
  arms({ buyer_iso3: 'MEX', buyer: 'Mexico', item: 'Black Hawk helicopters', designation: 'UH-60 Black Hawk', quantity: 18, year: 2014, status: 'proposed' }),
  arms({
    buyer_iso3: 'MEX',
    buyer: 'Mexico',
    item: 'M1152 High Mobility Multi-Purpose Wheeled Vehicles (HMMWVs) with armour kits, radios and spare parts',
    quantity: 3335,
    value_usd: 556_000_000,
    year: 2014,
    status: 'approved',
  }),
  // One deal at three stages, valued at two: one bar, at the later valued stage.
  arms({ ...chile, value_usd: 700_000_000, value_qualifier: 'approximate', year: 2001, status: 'proposed' }),
  arms({ ...chile, value_usd: 660_000_000, year: 2002, status: 'ordered' }),
  arms({ ...chile, year: 2006, status: 'delivered' }),
  arms({ buyer_iso3: 'BRA', buyer: 'Brazil', item: 'MK 48 Mod 6 Advanced Technology Torpedoes', quantity: 30, value_usd: 60_000_000, year: 2005, status: 'proposed' }),
  arms({ buyer_iso3: 'BRA', buyer: 'Brazil', item: 'existing (heavyweight) torpedoes', status: 'delivered' }),
  arms({ buyer_iso3: 'GTM', buyer: 'Guatemala', item: 'radio spare parts', value_usd: 20_000, year: 2013, status: 'delivered' }),
  arms({ buyer_iso3: 'GTM', buyer: 'Guatemala', item: 'patrol boats', quantity: 2, value_usd: 25_000, year: 2013, status: 'ordered' }),
  arms({ buyer_iso3: 'COL', buyer: 'Colombia', item: 'Beechcraft King Air 350 surveillance aircraft', quantity: 1, value_usd: 1_200_000_000, value_qualifier: 'approximate', year: 2016, status: 'approved' }),
  arms({ buyer_iso3: 'PER', buyer: 'Peru', seller_iso3: 'RUS', seller: 'Russia', item: 'Mi-171Sh helicopters', designation: 'Mi-17', quantity: 24, value_usd: 406_000_000, year: 2013, status: 'ordered' }),
  arms({ buyer_iso3: 'XSS', buyer: HOSTILE.script, item: HOSTILE.attribute, quantity: 3, value_usd: 5_000_000, year: 2011, status: 'ordered', source_id: DOCS.hostile }),
];

const guatemalaTotal = training({ recipient_iso3: 'GTM', recipient: 'Guatemala', amount_usd: 414_171, amount_basis: 'actual', start_year: 2000, end_year: 2000, trainees: 29, total: true, description: 'TOTAL foreign military training, FY2000 actual (excl. Volume III data)' });
const fy2000 = { recipient_iso3: 'GTM', recipient: 'Guatemala', amount_basis: 'actual' as const, start_year: 2000, end_year: 2000, part_of: guatemalaTotal.id };

export const trainingRows: TrainingRow[] = [
  // A running total: "appropriated ... since FY2008".
  training({ recipient_iso3: 'MEX', recipient: 'Mexico', program: 'Merida Initiative', category: 'assistance', amount_usd: 1_600_000_000, amount_qualifier: 'at_least', amount_basis: 'appropriated', cumulative: true, start_year: 2008, end_year: 2011, description: 'Merida Initiative appropriations FY08-11' }),
  training({ recipient_iso3: 'MEX', recipient: 'Mexico', program: 'Merida Initiative', category: 'assistance', amount_usd: 400_000_000, amount_basis: 'appropriated', start_year: 2008, end_year: 2008, description: 'Merida funds for Mexico in the FY2008 Supplemental Appropriations Act' }),
  training({ recipient_iso3: 'MEX', recipient: 'Mexico', program: 'Merida Initiative', category: 'assistance', amount_usd: 504_000_000, amount_basis: 'delivered', cumulative: true, end_year: 2011, description: 'Merida Initiative equipment and training delivered as of September 1' }),
  training({ recipient_iso3: 'MEX', recipient: 'Mexico', amount_usd: 60_000_000, amount_basis: 'actual', start_year: 2010, end_year: 2015, trainees: 9000, description: 'Pentagon training of Mexican soldiers and marines' }),
  training({ recipient_iso3: 'MEX', recipient: 'Mexico', trainees: 8, courses: 1, end_year: 2017, description: 'Eight top commanders took a combat course at Fort Benning' }),
  guatemalaTotal,
  training({ ...fy2000, program: 'IMET', amount_usd: 228_000, trainees: 19, description: 'IMET, FY2000 actual' }),
  training({ ...fy2000, program: 'CHDS', amount_usd: 43_914, trainees: 6, description: 'CHDS, FY2000 actual' }),
  training({ ...fy2000, amount_usd: 20, trainees: 2, description: 'Exchanges, FY2000 actual' }),
  training({ ...fy2000, amount_usd: 142_237, trainees: 2, description: 'Counterdrug training, FY2000 actual' }),
  training({ recipient_iso3: 'GTM', recipient: 'Guatemala', program: 'IMET', amount_usd: 250_000, amount_basis: 'planned', start_year: 2001, end_year: 2001, trainees: 21, description: 'IMET, FY2001 planned' }),
  training({ recipient_iso3: 'GRD', recipient: 'Grenada', program: 'IMET', amount_usd: 47_000, amount_basis: 'actual', start_year: 2000, end_year: 2000, description: 'Grenada IMET, FY 2000 actual' }),
  training({ recipient_iso3: 'GRD', recipient: 'Grenada', program: 'IMET', amount_usd: 70_000, amount_basis: 'planned', start_year: 2001, end_year: 2001, description: 'Grenada IMET, FY 2001 planned' }),
  training({ recipient_iso3: 'COL', recipient: 'Colombia', program: 'Andean Counterdrug Initiative', amount_usd: 573_000_000, amount_basis: 'requested', start_year: 2004, end_year: 2004, description: 'Andean Counterdrug Initiative, requested for fiscal 2004' }),
  training({ recipient_iso3: 'XSS', recipient: HOSTILE.script, program: HOSTILE.attribute, amount_usd: 1_000_000, start_year: 2012, end_year: 2014, description: HOSTILE.script, source_id: DOCS.hostile }),
  training({ amount_usd: 2_500_000, start_year: 2014, end_year: 2014, category: 'assistance', description: 'Beyond the Horizon exercises in Belize, the Dominican Republic and Guatemala' }),
  training({ recipient_iso3: 'GTM', recipient: 'Guatemala', description: 'The United States is the principal sponsor of Guatemala’s armed forces' }),
  training({ recipient_iso3: 'MEX', recipient: 'Mexico', description: 'Some Mexican forces trained at Fort Bragg' }),
  training({ recipient_iso3: 'HND', recipient: 'Honduras', amount_usd: 3_000_000, description: 'Training funds with no year stated' }),
];

const sources: SourceRow[] = PUBLISHERS.map((publisher, i) => ({
  id: `doc-${i + 1}`,
  title: `Document ${i + 1}`,
  publisher,
  url: `https://example.org/${i + 1}`,
  published: '2017-02-16',
  accessed: null,
  language: 'en',
  license: null,
  excerpt: false,
  sha256: '0'.repeat(64),
  characters: 100,
}));

export function dataset(parts: Partial<Pick<Dataset, 'secdef-visits' | 'arms-purchases' | 'training'>> = {}): Dataset {
  return { 'secdef-visits': [], 'arms-purchases': [], training: [], sources, evidence: [], ...parts };
}

/** Every table filled with the crowded and hostile rows above. */
export const FULL: Dataset = dataset({ 'secdef-visits': visits, 'arms-purchases': armsRows, training: trainingRows });
/** Every table empty. */
export const EMPTY: Dataset = dataset();
export const INFO = { version: VERSION };

/** A small deterministic generator (LCG), so the crowded dataset is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A stress dataset for the layout, the size the tables will reach: 150 rows in each, 26 countries,
 * six visits in one year and country, visits in every year of a decade, deals at several stages and
 * packages with items, amounts from $20 to billions of every basis with totals and running totals,
 * long names and hostile text. The charts must stay readable (top-N, shared lines, notes) and the
 * browser test looks for overlapping labels in it.
 */
export function crowded(): Dataset {
  const rand = lcg(20240501);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const countries = [
    ['MEX', 'Mexico'], ['COL', 'Colombia'], ['BRA', 'Brazil'], ['PER', 'Peru'], ['CHL', 'Chile'], ['DOM', 'Dominican Republic'],
    ['TTO', 'Trinidad and Tobago'], ['VCT', 'Saint Vincent and the Grenadines'], ['ARG', 'Argentina'], ['URY', 'Uruguay'], ['PRY', 'Paraguay'],
    ['BOL', 'Bolivia'], ['ECU', 'Ecuador'], ['VEN', 'Venezuela'], ['GTM', 'Guatemala'], ['HND', 'Honduras'], ['SLV', 'El Salvador'],
    ['NIC', 'Nicaragua'], ['CRI', 'Costa Rica'], ['PAN', 'Panama'], ['BLZ', 'Belize'], ['JAM', 'Jamaica'], ['HTI', 'Haiti'],
    ['BHS', 'Bahamas'], ['ATG', 'Antigua and Barbuda'], ['XSS', HOSTILE.script],
  ] as const;
  const secretaries = ['William J. Perry', 'William Cohen', 'Donald Rumsfeld', 'Robert Gates', 'Leon Panetta', 'Chuck Hagel', 'Ashton Carter', 'Jim Mattis', 'Mark T. Esper', 'Lloyd J. Austin III', HOSTILE.attribute];
  const v: VisitRow[] = [];
  for (let i = 0; i < 6; i++) v.push(visit({ country_iso3: 'COL', country: 'Colombia', secretary: secretaries[i + 3]!, secretary_inferred: i % 2 === 1, year: 2018 }));
  for (let year = 2010; year <= 2020; year++) v.push(visit({ country_iso3: 'MEX', country: 'Mexico', secretary: pick(secretaries), secretary_inferred: rand() < 0.3, year }));
  for (const [iso, name] of countries) v.push(visit({ country_iso3: iso, country: name, secretary: pick(secretaries), year: 1994 + Math.floor(rand() * 32) }));
  while (v.length < 150) {
    const [iso, name] = pick(countries.slice(0, 12));
    v.push(visit({ country_iso3: iso, country: name, secretary: rand() < 0.1 ? null : pick(secretaries), secretary_inferred: rand() < 0.2, year: rand() < 0.03 ? null : 1994 + Math.floor(rand() * 32) }));
  }
  const items = ['UH-60 Black Hawk helicopters', 'M1152 High Mobility Multi-Purpose Wheeled Vehicles (HMMWVs) with armour kits and radios', 'patrol boats', 'MK 48 torpedoes', 'radios', 'night-vision goggles', HOSTILE.attribute];
  const statuses = ['proposed', 'approved', 'ordered', 'purchased', 'delivered'] as const;
  const a: ArmsRow[] = [];
  while (a.length < 150) {
    const [iso, name] = pick(countries.slice(0, 14));
    const value = rand() < 0.3 ? null : Math.round(10 ** (4.3 + rand() * 5.2));
    const row = arms({ buyer_iso3: iso, buyer: name, item: pick(items), quantity: rand() < 0.6 ? 1 + Math.floor(rand() * 400) : null, value_usd: value, year: rand() < 0.1 ? null : 1995 + Math.floor(rand() * 30), status: pick(statuses) });
    a.push(row);
    // Later stages of the same deal, and items of a package.
    if (rand() < 0.25) a.push(arms({ ...row, id: `${row.id}-later`, status: 'delivered', value_usd: rand() < 0.5 ? null : row.value_usd, year: row.year === null ? null : row.year + 2 }));
    if (rand() < 0.15) a.push(arms({ buyer_iso3: iso, buyer: name, item: pick(items), quantity: 12, year: row.year, status: row.status, part_of: row.id, deal_id: row.deal_id }));
  }
  const bases = [...AMOUNT_BASES, null];
  const t: TrainingRow[] = [];
  while (t.length < 150) {
    const [iso, name] = pick(countries);
    const start = 1998 + Math.floor(rand() * 25);
    const end = start + (rand() < 0.3 ? Math.floor(rand() * 8) : 0);
    const fiscal = rand() < 0.5;
    const total = rand() < 0.1;
    t.push(
      training({
        recipient_iso3: iso,
        recipient: name,
        program: rand() < 0.5 ? pick(['IMET', 'FMF', 'Merida Initiative', 'CHDS', 'Section 1004 Counter-Drug Assistance']) : null,
        amount_usd: rand() < 0.1 ? null : Math.round(10 ** (1.3 + rand() * 8.3)),
        amount_basis: pick(bases),
        total,
        cumulative: !total && rand() < 0.08,
        start_year: rand() < 0.1 ? null : start,
        end_year: end,
        trainees: rand() < 0.5 ? Math.floor(rand() * 9000) : null,
        description: `${pick(['Foreign military training', 'Counternarcotics training and equipment for special forces units of the national police and the navy', 'Exchanges', HOSTILE.script])}${fiscal ? `, FY${start}` : ''}`,
      }),
    );
  }
  return dataset({ 'secdef-visits': v, 'arms-purchases': a, training: t });
}
