// Rows for the safe-sum test, modelled on real documents of the corpus and the traps they hold: a
// report table with yearly TOTAL lines, programme totals and a grand total (totals of totals); a
// State Department table whose TOTAL line its rows do not point at; running totals ("bring this
// total to"); an arms package priced whole with priced and unpriced items; one deal at several
// stages, valued at two of them; a trip through several countries. The figures they must add up
// to were computed by hand and are written out in tests/sums.test.ts.
import type { ArmsRow, Dataset, SourceRow, TrainingRow, VisitRow } from '../../pipeline/types.js';
import { arms as armsRow, training as trainingRow } from './chart-fixtures.js';

const source = (id: string, publisher: string, published: string): SourceRow => ({
  id,
  title: id,
  publisher,
  url: `https://example.org/${id}`,
  published,
  language: 'en',
  license: null,
  excerpt: false,
  sha256: '0'.repeat(64),
  characters: 5000,
  accessed: null,
});

const SOURCES: SourceRow[] = [
  source('cip-honduras-aid-table-2014', 'Center for International Policy', '2014'),
  source('state-fmt-guatemala-2001', 'U.S. Department of State', '2001-03'),
  source('state-merida-2011', 'U.S. Department of State', '2011-09'),
  source('crs-merida-2009', 'Congressional Research Service', '2009-06'),
  source('state-fmt-antigua-2007', 'U.S. Department of State', '2007-08'),
  source('dsca-arms-notices', 'Defense Security Cooperation Agency', '2019'),
  source('news-arms', 'Reuters', '2015-04-01'),
  source('afps-trips', 'American Forces Press Service', '2018-08-20'),
];

let n = 0;
const cite = (source_id: string) => ({ source_id, quote: `Sentence ${++n}.`, char_start: n * 10, char_end: n * 10 + 8 });

function t(source_id: string, id: string, r: Partial<TrainingRow>): TrainingRow {
  return trainingRow({ id, ...cite(source_id), category: 'assistance', description: id, review: 'confirmed', ...r });
}

const HND = { recipient_iso3: 'HND', recipient: 'Honduras' };
const CIP = 'cip-honduras-aid-table-2014';
const year = (y: number) => ({ start_year: y, end_year: y });
const hnd = (id: string, program: string | null, amount: number, y: number, part_of: string | null, total = false) =>
  t(CIP, id, { ...HND, ...year(y), program, amount_usd: amount, part_of, total });
const hndSpan = (id: string, program: string | null, amount: number) => t(CIP, id, { ...HND, program, amount_usd: amount, start_year: 2010, end_year: 2011, total: true });

const GTM = { recipient_iso3: 'GTM', recipient: 'Guatemala', category: 'training' as const };
const FMT = 'state-fmt-guatemala-2001';
const MEX = { recipient_iso3: 'MEX', recipient: 'Mexico', program: 'Merida Initiative' };
const ATG = { recipient_iso3: 'ATG', recipient: 'Antigua and Barbuda', category: 'training' as const };

export const training: TrainingRow[] = [
  // A table per year with a TOTAL line its rows point at, programme totals over both years and a
  // grand total: totals of totals, none of which the rows can point at twice.
  hnd('hnd-2010-total', null, 4_823_045, 2010, null, true),
  hnd('hnd-2010-imet', 'IMET', 777_000, 2010, 'hnd-2010-total'),
  hnd('hnd-2010-fmf', 'FMF', 1_514_000, 2010, 'hnd-2010-total'),
  hnd('hnd-2010-s1004', 'Section 1004', 2_357_000, 2010, 'hnd-2010-total'),
  hnd('hnd-2010-ctfp', 'CTFP', 175_045, 2010, 'hnd-2010-total'),
  hnd('hnd-2011-total', null, 8_390_466, 2011, null, true),
  hnd('hnd-2011-imet', 'IMET', 765_000, 2011, 'hnd-2011-total'),
  hnd('hnd-2011-fmf', 'FMF', 998_000, 2011, 'hnd-2011-total'),
  hnd('hnd-2011-s1004', 'Section 1004', 6_260_000, 2011, 'hnd-2011-total'),
  hnd('hnd-2011-ctfp', 'CTFP', 367_466, 2011, 'hnd-2011-total'),
  hndSpan('hnd-imet-total', 'IMET', 1_542_000),
  hndSpan('hnd-fmf-total', 'FMF', 2_512_000),
  hndSpan('hnd-s1004-total', 'Section 1004', 8_617_000),
  hndSpan('hnd-ctfp-total', 'CTFP', 542_511),
  hndSpan('hnd-grand-total', null, 13_213_511),
  // A TOTAL line whose rows do not point at it (the document does not link them).
  t(FMT, 'gtm-2000-imet', { ...GTM, ...year(2000), program: 'IMET', amount_usd: 228_000, amount_basis: 'actual', trainees: 19 }),
  t(FMT, 'gtm-2000-chds', { ...GTM, ...year(2000), program: 'CHDS', amount_usd: 43_914, amount_basis: 'actual', trainees: 6 }),
  t(FMT, 'gtm-2000-exchanges', { ...GTM, ...year(2000), amount_usd: 20, amount_basis: 'actual', trainees: 2 }),
  t(FMT, 'gtm-2000-counterdrug', { ...GTM, ...year(2000), amount_usd: 142_237, amount_basis: 'actual', trainees: 2 }),
  t(FMT, 'gtm-2000-total', { ...GTM, ...year(2000), amount_usd: 414_171, amount_basis: 'actual', trainees: 29, total: true }),
  t(FMT, 'gtm-2001-imet', { ...GTM, ...year(2001), program: 'IMET', amount_usd: 250_000, amount_basis: 'planned', trainees: 21 }),
  t(FMT, 'gtm-2001-chds', { ...GTM, ...year(2001), program: 'CHDS', amount_usd: 58_552, amount_basis: 'planned' }),
  t(FMT, 'gtm-2001-total', { ...GTM, ...year(2001), amount_usd: 308_552, amount_basis: 'planned', total: true }),
  t(FMT, 'gtm-trainees-only', { ...GTM, ...year(2000), trainees: 4, courses: 2 }),
  // Running totals: "delivered $504 million ... bring this total to almost $900 million".
  t('state-merida-2011', 'mex-appropriated-to-date', { ...MEX, amount_usd: 1_600_000_000, amount_basis: 'appropriated', cumulative: true, start_year: 2008, end_year: 2011 }),
  t('state-merida-2011', 'mex-delivered-to-date', { ...MEX, amount_usd: 504_000_000, amount_basis: 'delivered', cumulative: true, end_year: 2011 }),
  t('state-merida-2011', 'mex-delivered-by-year-end', { ...MEX, amount_usd: 900_000_000, amount_basis: 'delivered', cumulative: true, amount_qualifier: 'approximate', end_year: 2011 }),
  t('crs-merida-2009', 'mex-fy2008-appropriated', { ...MEX, ...year(2008), amount_usd: 400_000_000, amount_basis: 'appropriated' }),
  t('crs-merida-2009', 'mex-fy2009-requested', { ...MEX, ...year(2009), amount_usd: 450_000_000, amount_basis: 'requested' }),
  // A one-line table: the programme row and the TOTAL line state the same $112,352.
  t('state-fmt-antigua-2007', 'atg-2007-imet', { ...ATG, ...year(2007), program: 'IMET', amount_usd: 112_352, trainees: 11 }),
  t('state-fmt-antigua-2007', 'atg-2007-total', { ...ATG, ...year(2007), amount_usd: 112_352, trainees: 11, total: true }),
];

function a(source_id: string, id: string, deal_id: string, r: Partial<ArmsRow> & Pick<ArmsRow, 'buyer_iso3' | 'buyer' | 'item'>): ArmsRow {
  return armsRow({ id, ...cite(source_id), deal_id, review: 'confirmed', ...r });
}

const mex = { buyer_iso3: 'MEX', buyer: 'Mexico' };
const chl = { buyer_iso3: 'CHL', buyer: 'Chile' };
const per = { buyer_iso3: 'PER', buyer: 'Peru', seller_iso3: 'RUS', seller: 'Russia' };
const gtm = { buyer_iso3: 'GTM', buyer: 'Guatemala' };

export const arms: ArmsRow[] = [
  // A package priced whole: its items' money is inside its value, one item priced too.
  a('news-arms', 'mex-2015-package', 'deal-mex-2015', { ...mex, item: 'military equipment, including ammunition, Humvees and 21 Black Hawk helicopters', value_usd: 1_150_000_000, value_qualifier: 'at_least', year: 2015, status: 'purchased' }),
  a('news-arms', 'mex-2015-uh60', 'deal-mex-2015', { ...mex, item: 'Black Hawk helicopters', designation: 'UH-60 Black Hawk', quantity: 21, year: 2015, status: 'purchased', part_of: 'mex-2015-package' }),
  a('news-arms', 'mex-2015-humvees', 'deal-mex-2015', { ...mex, item: 'Humvees', designation: 'HMMWV', year: 2015, status: 'purchased', part_of: 'mex-2015-package' }),
  a('news-arms', 'mex-2015-ammunition', 'deal-mex-2015', { ...mex, item: 'ammunition', value_usd: 40_000_000, value_qualifier: 'approximate', year: 2015, status: 'purchased', part_of: 'mex-2015-package' }),
  a('dsca-arms-notices', 'mex-2014-uh60', 'deal-mex-uh60', { ...mex, item: 'UH-60M Black Hawk helicopters', designation: 'UH-60 Black Hawk', quantity: 18, year: 2014, status: 'proposed' }),
  a('dsca-arms-notices', 'mex-2014-hmmwv', 'deal-mex-hmmwv', { ...mex, item: 'M1152 HMMWVs', designation: 'HMMWV', quantity: 3335, value_usd: 556_000_000, year: 2014, status: 'approved' }),
  // One deal at four stages, valued at two of them: the later valued stage counts.
  a('news-arms', 'chl-2001-f16', 'deal-chl-f16', { ...chl, item: 'F-16 fighters', designation: 'F-16 Fighting Falcon', quantity: 10, year: 2001, status: 'proposed' }),
  a('news-arms', 'chl-2002-f16', 'deal-chl-f16', { ...chl, item: 'F-16 fighters', designation: 'F-16 Fighting Falcon', quantity: 10, value_usd: 700_000_000, value_qualifier: 'approximate', year: 2002, status: 'approved' }),
  a('news-arms', 'chl-2002-f16-contract', 'deal-chl-f16', { ...chl, item: 'F-16 fighters', designation: 'F-16 Fighting Falcon', quantity: 10, value_usd: 660_000_000, year: 2002, status: 'ordered' }),
  a('news-arms', 'chl-2006-f16', 'deal-chl-f16', { ...chl, item: 'F-16 fighters', designation: 'F-16 Fighting Falcon', quantity: 10, year: 2006, status: 'delivered' }),
  a('news-arms', 'per-2013-mi17', 'deal-per-mi17-2013', { ...per, item: 'Mi-171Sh helicopters', designation: 'Mi-17', quantity: 24, value_usd: 406_000_000, year: 2013, status: 'ordered' }),
  a('news-arms', 'per-2014-mi17', 'deal-per-mi17-2013', { ...per, item: 'helicopters', quantity: 8, year: 2014, status: 'delivered', part_of: 'per-2013-mi17' }),
  // The same value at two stages, one of them undated.
  a('news-arms', 'per-2010-mi171', 'deal-per-mi171-2010', { ...per, item: 'Mi-171 helicopters (refit)', designation: 'Mi-17', quantity: 3, value_usd: 11_000_000, year: 2010, status: 'purchased' }),
  a('news-arms', 'per-mi171-undated', 'deal-per-mi171-2010', { ...per, item: 'Mi-171 helicopters (refit)', designation: 'Mi-17', quantity: 3, value_usd: 11_000_000, status: 'ordered' }),
  // Notified with a value, bought later without one.
  a('dsca-arms-notices', 'arg-2019-p3', 'deal-arg-p3', { buyer_iso3: 'ARG', buyer: 'Argentina', item: 'P-3C aircraft', designation: 'P-3 Orion', quantity: 4, value_usd: 78_032_000, year: 2019, status: 'proposed' }),
  a('dsca-arms-notices', 'arg-p3-purchase', 'deal-arg-p3', { buyer_iso3: 'ARG', buyer: 'Argentina', item: 'P-3C aircraft', designation: 'P-3 Orion', quantity: 4, status: 'purchased' }),
  a('dsca-arms-notices', 'bra-2024-uh60', 'deal-bra-uh60', { buyer_iso3: 'BRA', buyer: 'Brazil', item: 'UH-60M Black Hawk helicopters', designation: 'UH-60 Black Hawk', quantity: 12, value_usd: 950_000_000, year: 2024, status: 'proposed' }),
  a('dsca-arms-notices', 'bra-2024-t700', 'deal-bra-uh60', { buyer_iso3: 'BRA', buyer: 'Brazil', item: 'T700 engines', quantity: 34, year: 2024, status: 'proposed', part_of: 'bra-2024-uh60' }),
  a('news-arms', 'ven-2009-t72', 'deal-ven-t72', { buyer_iso3: 'VEN', buyer: 'Venezuela', seller_iso3: 'RUS', seller: 'Russia', item: 'T-72 tanks and anti-aircraft rocket systems', value_usd: 2_200_000_000, year: 2009, status: 'proposed' }),
  a('news-arms', 'ven-2009-t72-tanks', 'deal-ven-t72', { buyer_iso3: 'VEN', buyer: 'Venezuela', seller_iso3: 'RUS', seller: 'Russia', item: 'T-72 tanks', designation: 'T-72', quantity: 100, year: 2009, status: 'proposed', part_of: 'ven-2009-t72' }),
  a('news-arms', 'gtm-2013-radios', 'deal-gtm-radios', { ...gtm, item: 'radio spare parts', value_usd: 20_000, year: 2013, status: 'delivered' }),
  a('news-arms', 'gtm-2013-boats', 'deal-gtm-boats', { ...gtm, item: 'patrol boats', quantity: 2, value_usd: 25_000, year: 2013, status: 'ordered' }),
];

function v(id: string, country_iso3: string, country: string, secretary: string, y: number, inferred = false): VisitRow {
  return { id, ...cite('afps-trips'), secretary, secretary_inferred: inferred, country_iso3, country, city: null, start_date: null, end_date: null, year: y, review: 'confirmed' };
}

export const visits: VisitRow[] = [
  v('visit-1995-mex-perry', 'MEX', 'Mexico', 'William J. Perry', 1995),
  v('visit-2005-gtm-rumsfeld', 'GTM', 'Guatemala', 'Donald Rumsfeld', 2005, true),
  v('visit-2008-mex-gates', 'MEX', 'Mexico', 'Robert Gates', 2008),
  v('visit-2010-mex-gates', 'MEX', 'Mexico', 'Robert Gates', 2010),
  // One trip, two countries: two rows.
  v('visit-2014-mex-hagel', 'MEX', 'Mexico', 'Chuck Hagel', 2014),
  v('visit-2014-gtm-hagel', 'GTM', 'Guatemala', 'Chuck Hagel', 2014),
  // One trip, four countries.
  v('visit-2018-arg-mattis', 'ARG', 'Argentina', 'Jim Mattis', 2018),
  v('visit-2018-bra-mattis', 'BRA', 'Brazil', 'Jim Mattis', 2018),
  v('visit-2018-chl-mattis', 'CHL', 'Chile', 'Jim Mattis', 2018),
  v('visit-2018-col-mattis', 'COL', 'Colombia', 'Jim Mattis', 2018),
];

export const SUM_DATASET: Dataset = { 'secdef-visits': visits, 'arms-purchases': arms, training, sources: SOURCES, evidence: [] };
