// Training and assistance, on sentences and tables written for these tests (not from the corpus).
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract.js';

const training = (text: string, published = '2016-04-14') =>
  extractText(text, published).rows.training.map((r) => ({
    recipient: r.recipient_iso3,
    program: r.program,
    amount: r.amount_usd,
    basis: r.amount_basis,
    start: r.start_year,
    end: r.end_year,
    trainees: r.trainees,
    courses: r.courses,
  }));

describe('prose', () => {
  it('reads money, years, trainees and courses', () => {
    const rows = training('Colombia\n\nFrom 2008 to 2012 the United States spent $45 million on IMET courses for Colombia, training 1,200 officers in 310 courses.', '2013-02-01');
    expect(rows).toEqual([{ recipient: 'COL', program: 'International Military Education and Training', amount: 45_000_000, basis: 'actual', start: 2008, end: 2012, trainees: 1200, courses: 310 }]);
  });
  it('keeps requested and appropriated amounts apart', () => {
    const rows = training('Budget\n\nThe administration requested $25 million in Foreign Military Financing for Honduras for FY2016. Congress appropriated $18 million in FY2015 for security assistance to Honduras.', '2015-06-01');
    expect(rows.map((r) => [r.amount, r.basis, r.end]).sort()).toEqual([
      [18_000_000, 'appropriated', 2015],
      [25_000_000, 'requested', 2016],
    ]);
  });
  it('dates a figure the text gives no year by the publication, and says so', () => {
    const rows = extractText('Jamaica\n\nTwelve Jamaican coast guard officers completed a course at Fort Benning, Ga.', '2019-05-02').rows.training;
    expect(rows).toEqual([expect.objectContaining({ recipient_iso3: 'JAM', trainees: 12, courses: 1, start_year: 2019, end_year: 2019, years_stated: false })]);
    // A running total with no year ends at publication and starts nowhere.
    const total = extractText('Jamaica\n\nU.S. instructors have trained more than 400 Jamaican soldiers to date.', '2019-05-02').rows.training;
    expect(total).toEqual([expect.objectContaining({ recipient_iso3: 'JAM', trainees: 400, start_year: null, end_year: 2019, cumulative: true, years_stated: false })]);
    const stated = extractText('Jamaica\n\nIn 2018, twelve Jamaican officers completed a course at Fort Benning.', '2019-05-02').rows.training;
    expect(stated).toEqual([expect.objectContaining({ start_year: 2018, end_year: 2018, years_stated: true })]);
  });
  it('ignores humanitarian and disaster aid', () => {
    expect(training('Aid\n\nUSAID provided $5 million in humanitarian assistance to Haiti after the hurricane, training 300 volunteers.')).toEqual([]);
  });
});

describe('flattened tables', () => {
  const table = [
    'Foreign Military Training report',
    '',
    'HONDURAS',
    '',
    'FY 2010 Actual FY 2011 Planned',
    '($ in thousands)',
    'Type of Activity Number of Students Trained Dollar Value Number of Projected Students Dollar Value',
    'IMET 40 $1,200 45 $1,350',
    'CTFP 3 $95 -- --',
    'TOTAL 43 $1,295 45 $1,350',
    '',
    'JAMAICA',
    '',
    'FY 2010 Actual FY 2011 Planned',
    'Type of Activity Number of Students Trained Dollar Value Number of Projected Students Dollar Value',
    'IMET 10 $700,000 0 $0',
  ].join('\n');

  it('gives one fact per row and fiscal year, scaled, with the basis of each column', () => {
    const rows = training(table, '2011-01');
    expect(rows).toHaveLength(6);
    expect(rows).toContainEqual(expect.objectContaining({ recipient: 'HND', amount: 1_200_000, trainees: 40, start: 2010, end: 2010, basis: 'actual' }));
    expect(rows).toContainEqual(expect.objectContaining({ recipient: 'HND', amount: 1_350_000, trainees: 45, start: 2011, end: 2011, basis: 'planned' }));
    expect(rows).toContainEqual(expect.objectContaining({ recipient: 'HND', amount: 95_000, trainees: 3, start: 2010 }));
    expect(rows).toContainEqual(expect.objectContaining({ recipient: 'JAM', amount: 700_000, trainees: 10, start: 2010 }));
    expect(rows.filter((r) => r.recipient === 'JAM')).toHaveLength(1);
  });
});

describe('several countries in one sentence', () => {
  it('gives each figure to its own country', () => {
    const rows = training('IMET\n\nIn FY2017, IMET paid for 140 Salvadoran, 95 Honduran and 60 Guatemalan officers to attend courses. Between fiscal years 2012 and 2016, Panama received $3.1 million in IMET and Costa Rica $1.2 million.', '2018-01-10');
    expect(rows.map((r) => [r.recipient, r.trainees ?? r.amount, r.start, r.end]).sort()).toEqual([
      ['CRI', 1_200_000, 2012, 2016],
      ['GTM', 60, 2017, 2017],
      ['HND', 95, 2017, 2017],
      ['PAN', 3_100_000, 2012, 2016],
      ['SLV', 140, 2017, 2017],
    ]);
  });
});

describe('years, programs and aid that is not security assistance', () => {
  it('"since March" looks back, even when the sentence also speaks of next year', () => {
    const rows = training('Belize\n\nU.S. instructors have trained 85 Belizean soldiers since March, and the embassy hopes to double that next year.', '2018-09-20');
    expect(rows).toEqual([expect.objectContaining({ recipient: 'BLZ', trainees: 85, start: 2018, end: 2018 })]);
  });
  it('"that same fiscal year" is the year of the sentence before', () => {
    const rows = training('Aid\n\nPanama received $1.2 million in IMET funds in fiscal year 2015. For Costa Rica the IMET figure in that same fiscal year was $450,000.', '2016-03-01');
    expect(rows.map((r) => [r.recipient, r.amount, r.end]).sort()).toEqual([
      ['CRI', 450_000, 2015],
      ['PAN', 1_200_000, 2015],
    ]);
  });
  it('a total "in" a year is that year\'s, from its start', () => {
    const rows = training('Paraguay\n\nIn 2011, a total of 140 Paraguayan officers were trained by U.S. teams.', '2012-05-01');
    expect(rows).toEqual([expect.objectContaining({ recipient: 'PRY', trainees: 140, start: 2011, end: 2011 })]);
  });
  it('a Foreign Military Sales case is a purchase, not assistance', () => {
    const rows = training('Bolivia sale\n\nThe State Department approved a Foreign Military Sales case for Bolivia covering radios, spare parts and support, at an estimated value of $40 million.', '2019-01-10');
    expect(rows).toEqual([]);
  });
  it('development aid from USAID is not security assistance', () => {
    const rows = training('Aid\n\nUSAID development assistance for Nicaragua came to $30 million in FY2012.', '2013-01-10');
    expect(rows).toEqual([]);
  });
});

describe('two amounts, two years', () => {
  it('pairs each amount with the year of its own clause, with its own basis', () => {
    const rows = training('Aid\n\nPeru received $12 million in Foreign Military Financing in fiscal 2015, and the request for fiscal 2016 brings that down to $9.5 million.', '2015-05-01');
    expect(rows.map((r) => [r.recipient, r.amount, r.basis, r.end]).sort()).toEqual([
      ['PER', 12_000_000, null, 2015],
      ['PER', 9_500_000, 'requested', 2016],
    ]);
  });
});

describe('rows per country, courses, funding since a fiscal year, and what is not security training', () => {
  it('a table row labelled with a country is that country\'s; the total under them is no one country\'s', () => {
    const text = ['Annex', '', 'Table 2: Security assistance, fiscal years 2019 and 2020 ($ in millions)', 'Country FY2019 FY2020', 'Belize 3.1 2.8', 'Panama 9.4 10.2', 'Total 12.5 13.0'].join('\n');
    expect(training(text, '2021-03-01').map((r) => [r.recipient, r.amount, r.end]).sort()).toEqual([
      [null, 12_500_000, 2019],
      [null, 13_000_000, 2020],
      ['BLZ', 2_800_000, 2020],
      ['BLZ', 3_100_000, 2019],
      ['PAN', 10_200_000, 2020],
      ['PAN', 9_400_000, 2019],
    ]);
  });
  it('graduating from a course is one course; "on Friday" dates it; long descriptions of the trainees still count them', () => {
    const rows = training('Graduation\n\nTwenty members of Panama\'s National Aeronaval Service graduated on Friday from a three-week boarding officer course taught by U.S. instructors. Since 2016, U.S. teams have trained more than 900 Panamanian coast guard and air surveillance personnel in 40 courses.', '2024-05-13');
    expect(rows).toContainEqual(expect.objectContaining({ recipient: 'PAN', trainees: 20, courses: 1, start: 2024, end: 2024 }));
    expect(rows).toContainEqual(expect.objectContaining({ recipient: 'PAN', trainees: 900, courses: 40, start: 2016, end: 2024 }));
  });
  it('"since fiscal year 2019" starts the span', () => {
    expect(training('Funding\n\nThe State Department has provided $8.5 million for the training of Belize\'s coast guard since fiscal year 2019.', '2024-05-13')).toEqual([expect.objectContaining({ recipient: 'BLZ', amount: 8_500_000, start: 2019, end: 2024 })]);
  });
  it('donated boats are security assistance; volunteer classes and a contract for helicopters are not training facts', () => {
    expect(training('Boats\n\nThe delegation handed over two patrol boats valued at $3 million, donated under the Caribbean Basin Security Initiative to Jamaica.', '2024-01-10')).toEqual([
      expect.objectContaining({ recipient: 'JAM', amount: 3_000_000, start: 2024, end: 2024 }),
    ]);
    expect(training('Ship\n\nVolunteers from nonprofit groups taught classes to 300 Honduran nurses.', '2019-11-18')).toEqual([]);
    expect(training('Deal\n\nBolivia signed the contract for 12 helicopters at a cost of $150 million, a price that included training for pilots.', '2015-03-05')).toEqual([]);
  });
});

describe('pairs, amounts apart and the title\'s year', () => {
  it('a title\'s one year dates a figure that states none', () => {
    expect(training('Military and Police Training in Latin America, 2012\n\nPeru had 1,033 trainees in U.S. courses.', '2013-05-01')).toEqual([expect.objectContaining({ recipient: 'PER', trainees: 1033, start: 2012, end: 2012 })]);
  });
  it('a development agency beside a security programme does not void the money', () => {
    const rows = training('CARSI\n\nAs of September 30, 2011, State and USAID had disbursed over $75 million of INCLE and NADR funds for Guatemala.', '2013-01-01');
    expect(rows).toEqual([expect.objectContaining({ recipient: 'GTM', amount: 75_000_000, start: null, end: 2011 })]);
    expect(training('Aid\n\nUSAID gave Guatemala $75 million in 2011.', '2013-01-01')).toEqual([]);
  });
});

describe('containers, aid to forces and decimals after thousands', () => {
  it('a spending bill that includes the aid is not the aid; "$1,319.1 million" is read whole', () => {
    expect(training('Plan Colombia\n\nCongress gave final passage to an $11,200 million spending bill that includes $1,300 million in emergency aid to help the Colombian military fight the drug trade.', '2000-07-01')).toEqual([
      expect.objectContaining({ recipient: 'COL', amount: 1_300_000_000 }),
    ]);
    expect(training('Plan Colombia\n\nThe U.S. military aid package for Colombia totals $1,319.1 million in 2001.', '2001-03-01')).toEqual([expect.objectContaining({ amount: 1_319_100_000 })]);
  });
  it('aid to a country\'s forces is security assistance; troops sent are not its recipients', () => {
    expect(training('Guatemala\n\nBy releasing $3.2 million in aid in 2005, America rewards Guatemala for overhauling its military.', '2005-03-25')).toEqual([expect.objectContaining({ recipient: 'GTM', amount: 3_200_000 })]);
  });
});

describe('years the datasets do not cover', () => {
  it('training of 1850 is outside the datasets\' years: no row', () => {
    expect(training('History\n\nIn 1850 the United States trained 40 Peruvian officers.', '2020-01-01')).toEqual([]);
  });
});

describe('sentences that end in a number under a table', () => {
  it('prose ending in "1999.1" (a footnote mark) is no row, and a cell with decimals is no count of people', () => {
    const rows = extractText('Riverine\n\nFY 1998 FY 1999\nIMET 12 $100,000\nThis is expected to grow to about $6.5 million in 1999.1', '2000-01-01').rows.training;
    expect(rows.map((r) => r.trainees)).not.toContain(1999.1);
    expect(rows.filter((r) => r.start_year === 1998 && r.amount_usd === null)).toEqual([]);
  });
});
