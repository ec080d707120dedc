// Safe sums: each fact table, exported as CSV and read back with papaparse as a user would, added
// up with the filter the data dictionary words (output/README.md, "Adding up without counting
// twice"), gives the figures computed by hand from the documents the fixture is modelled on. No
// total is added with its parts, no running total with what it includes, no deal twice.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildDataDictionary } from '../pipeline/report/dictionary.js';
import { countedDeals, countedTraining, trainingSums } from '../pipeline/report/sums.js';
import { exportDataset } from '../pipeline/stages/export.js';
import { SUM_DATASET } from './helpers/sum-fixtures.js';

type Cells = Record<string, string>;

const files = exportDataset(SUM_DATASET, { version: '0.0.0-test' });

/** A table as a spreadsheet user has it: text cells, empty for missing. */
function table(name: string): Cells[] {
  const csv = files.get(`data/${name}.csv`) as string;
  const parsed = Papa.parse<Cells>(csv, { header: true, skipEmptyLines: true, delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const STAGES = ['proposed', 'approved', 'ordered', 'purchased', 'delivered'];

/** The dictionary's training filter, column by column: `total` false, `cumulative` false, per `amount_basis`. */
function trainingByBasis(rows: Cells[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const r of rows) {
    if (r.amount_usd === '' || r.total !== 'false' || r.cumulative !== 'false') continue;
    const basis = r.amount_basis || 'not stated';
    sums[basis] = (sums[basis] ?? 0) + Number(r.amount_usd);
  }
  return sums;
}

/** The dictionary's arms filter: `part_of` empty, a value, one row per `deal_id` (latest stage, year, larger value). */
function armsDeals(rows: Cells[]): Cells[] {
  const rank = (r: Cells) => [STAGES.indexOf(r.status!), r.year === '' ? -1 : Number(r.year), Number(r.value_usd)];
  const best = new Map<string, Cells>();
  for (const r of rows) {
    if (r.part_of !== '' || r.value_usd === '') continue;
    const held = best.get(r.deal_id!);
    const [x, y] = [rank(r), held ? rank(held) : null];
    if (!y || x[0]! > y[0]! || (x[0] === y[0] && (x[1]! > y[1]! || (x[1] === y[1] && x[2]! > y[2]!)))) best.set(r.deal_id!, r);
  }
  return [...best.values()];
}

const sum = (rows: Cells[], column: string) => rows.reduce((s, r) => s + Number(r[column]), 0);

describe('the data dictionary words one filter per table', () => {
  const readme = buildDataDictionary(SUM_DATASET, '0.0.0-test');
  const section = readme.slice(readme.indexOf('## Adding up without counting twice'), readme.indexOf('## Tables'));

  it('gives the filter this test applies', () => {
    expect(section).toContain('`secdef-visits`: count the rows');
    expect(section).toMatch(/`arms-purchases`: add `value_usd` over the rows whose `part_of` is empty.*one row per `deal_id`.*the row at the latest stage that states a value, stages in the order `proposed`, `approved`, `ordered`, `purchased`, `delivered`, then the latest `year`, then the larger value/);
    expect(section).toMatch(/`training`: add `amount_usd` over the rows whose `total` is false and whose `cumulative` is false, one `amount_basis` at a time \(an empty `amount_basis` is a basis of its own: not stated\)/);
  });
});

describe('training, added up with the documented filter', () => {
  const rows = table('training');

  it('gives the hand-computed money per basis', () => {
    expect(trainingByBasis(rows)).toEqual({
      // Honduras 2010 (777,000 + 1,514,000 + 2,357,000 + 175,045) and 2011 (765,000 + 998,000 +
      // 6,260,000 + 367,466), then Antigua's one IMET line, 112,352.
      'not stated': 13_325_863,
      // Guatemala FY2000: 228,000 + 43,914 + 20 + 142,237.
      actual: 414_171,
      // Guatemala FY2001: 250,000 + 58,552.
      planned: 308_552,
      // The FY2008 appropriation; the $1.6 billion to date is a running total.
      appropriated: 400_000_000,
      requested: 450_000_000,
      // Both delivered figures are running totals: nothing to add.
    });
    // The pipeline's own filter (the charts draw it) agrees.
    expect(Object.fromEntries(trainingSums(SUM_DATASET.training))).toEqual(trainingByBasis(rows));
  });

  it('adds no total with its parts: each document adds up to its own grand total, once', () => {
    const counted = countedTraining(SUM_DATASET.training);
    expect(counted.filter((r) => r.total || r.cumulative)).toEqual([]);
    const bySource = (id: string, basis: string | null) => counted.filter((r) => r.source_id === id && r.amount_basis === basis).reduce((s, r) => s + r.amount_usd!, 0);
    expect(bySource('cip-honduras-aid-table-2014', null)).toBe(13_213_511);
    expect(bySource('state-fmt-guatemala-2001', 'actual')).toBe(414_171);
    expect(bySource('state-fmt-antigua-2007', null)).toBe(112_352);
    // Every total (yearly, programme, grand) equals the counted rows in its scope: its parts are in the sum, it is not.
    const totals = SUM_DATASET.training.filter((r) => r.total);
    expect(totals.length).toBe(10);
    for (const total of totals) {
      const scope = counted.filter(
        (r) =>
          r.source_id === total.source_id &&
          r.amount_basis === total.amount_basis &&
          r.start_year! >= total.start_year! &&
          r.end_year! <= total.end_year! &&
          (total.program === null || r.program === total.program),
      );
      expect(scope.reduce((s, r) => s + r.amount_usd!, 0), total.id).toBe(total.amount_usd);
    }
  });

  it('is the filter that avoids the traps: summing rows whose part_of is empty counts totals of totals three times', () => {
    const roots = rows.filter((r) => r.part_of === '' && r.cumulative === 'false' && r.amount_basis === '' && r.amount_usd !== '');
    // Programme totals, yearly totals and the grand total of Honduras, Antigua's line and its TOTAL.
    expect(sum(roots, 'amount_usd')).toBe(3 * 13_213_511 + 2 * 112_352);
  });
});

describe('arms purchases, added up with the documented filter', () => {
  const rows = table('arms-purchases');
  const deals = armsDeals(rows);

  it('gives the hand-computed value of the deals', () => {
    // 1,150,000,000 + 556,000,000 + 660,000,000 + 406,000,000 + 11,000,000 + 78,032,000 +
    // 950,000,000 + 2,200,000,000 + 20,000 + 25,000
    expect(sum(deals, 'value_usd')).toBe(6_011_077_000);
    expect(deals.map((d) => d.id).sort()).toEqual(
      ['arg-2019-p3', 'bra-2024-uh60', 'chl-2002-f16-contract', 'gtm-2013-boats', 'gtm-2013-radios', 'mex-2014-hmmwv', 'mex-2015-package', 'per-2010-mi171', 'per-2013-mi17', 'ven-2009-t72'].sort(),
    );
    // Ceilings notified before a sale, apart from money of orders, purchases and deliveries.
    const ceilings = deals.filter((d) => d.status === 'proposed' || d.status === 'approved');
    expect(sum(ceilings, 'value_usd')).toBe(556_000_000 + 78_032_000 + 950_000_000 + 2_200_000_000);
    expect(sum(deals, 'value_usd') - sum(ceilings, 'value_usd')).toBe(1_150_000_000 + 660_000_000 + 406_000_000 + 11_000_000 + 20_000 + 25_000);
  });

  it('counts no deal twice and no item beside its package', () => {
    expect(new Set(deals.map((d) => d.deal_id)).size).toBe(deals.length);
    expect(deals.filter((d) => d.part_of !== '')).toEqual([]);
    const counted = countedDeals(SUM_DATASET['arms-purchases']);
    expect(counted.map((r) => r.id).sort()).toEqual(deals.map((d) => d.id).sort());
    // Without one row per deal, the Chilean and Peruvian deals would count two and three times.
    const everyRow = rows.filter((r) => r.part_of === '' && r.value_usd !== '');
    expect(sum(everyRow, 'value_usd') - sum(deals, 'value_usd')).toBe(700_000_000 + 11_000_000);
  });
});

describe('visits, counted', () => {
  it('counts one row per secretary, country and year: a trip through four countries is four rows', () => {
    const rows = table('secdef-visits');
    expect(rows.length).toBe(10);
    expect(rows.filter((r) => r.country_iso3 === 'MEX').length).toBe(4);
    expect(new Set(rows.map((r) => `${r.secretary}|${r.country_iso3}|${r.year}`)).size).toBe(rows.length);
  });
});
