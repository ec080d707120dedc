// Units: amounts, counts, dates, year ranges, lexicon lookup, offsets, CSV cells.
import { describe, expect, it } from 'vitest';
import { findAmounts, findCounts, scaleNote, wordsToNumber } from '../pipeline/lib/amounts.js';
import { checkEdtf, findDates, findYearRanges, findYears } from '../pipeline/lib/dates.js';
import { csvCell, formatNumber, toCsv } from '../pipeline/lib/serialize.js';
import { codePointIndexer, codePointLength, compareCodePoints } from '../pipeline/lib/text.js';
import { reference } from './helpers/extract.js';

describe('amounts', () => {
  it.each([
    ['more than $1.15 billion worth', 1_150_000_000, 'at_least'],
    ['could be as high as $60 million.', 60_000_000, 'at_most'],
    ['The estimated cost is $556 million.', 556_000_000, 'approximate'],
    ['almost $900 million', 900_000_000, 'approximate'],
    ['a $21,957 grant', 21_957, 'exact'],
    ['US$ 3.2bn', 3_200_000_000, 'exact'],
    ['12 million dollars', 12_000_000, 'exact'],
    ['in the order of one hundred and forty million dollars', 140_000_000, 'approximate'],
    ['eighty-one million dollars of the United States', 81_000_000, 'exact'],
  ] as const)('%s', (text, usd, qualifier) => {
    expect(findAmounts(text)).toEqual([expect.objectContaining({ usd, qualifier })]);
  });
  it('applies a table scale', () => {
    expect(findAmounts('$1,200', 1000)[0]!.usd).toBe(1_200_000);
    expect(scaleNote('FY 2010 ($ in thousands)')).toBe(1000);
    expect(scaleNote('Dollar Value')).toBeNull();
  });
});

describe('counts', () => {
  it('reads digits and number words, not designations, years or money', () => {
    expect(findCounts('3,335 M1152 vehicles').map((c) => c.value)).toEqual([3335]);
    expect(findCounts('Twenty-four (24) AH-64E helicopters').map((c) => c.value)).toEqual([24]);
    expect(findCounts('Eight top commanders took a two-month course').map((c) => c.value)).toEqual([8]);
    expect(findCounts('$60 million for UH-60M').map((c) => c.value)).toEqual([]);
    expect(wordsToNumber('twenty-one')).toBe(21);
    expect(wordsToNumber('a dozen')).toBe(12);
  });
});

describe('dates', () => {
  it('checks the sidecar date forms', () => {
    expect(checkEdtf('2014-04-28/2014-05-02')).toBeNull();
    expect(checkEdtf('2014-05')).toBeNull();
    expect(checkEdtf('2014')).toBeNull();
    expect(checkEdtf('2014-02-30')).not.toBeNull();
    expect(checkEdtf('2014-05-02/2014-04-28')).not.toBeNull();
    expect(checkEdtf('May 2014')).not.toBeNull();
  });
  it('resolves weekdays and relative phrases against the publication date', () => {
    expect(findDates('On Thursday he met', '2014-04-28/2014-05-02')[0]!.date).toEqual({ year: 2014, month: 4, day: 24 });
    expect(findDates('He will arrive Thursday', '2014-04-28')[0]!.date).toEqual({ year: 2014, month: 5, day: 1 });
    expect(findDates('Last week he traveled', '2014-04-28')[0]!.date).toEqual({ year: 2014, month: 4 });
    expect(findDates('Arriving here Aug. 17', '2005-08-18')[0]!.date).toEqual({ year: 2005, month: 8, day: 17 });
    expect(findDates('last month', '2017-02-16')[0]!.date).toEqual({ year: 2017, month: 1 });
  });
  it('gives no day when the publication date has none', () => {
    expect(findDates('On Thursday he met', '2014-05')[0]!.date).toEqual({ year: 2014 });
  });
  it('is the same in any time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    const far = findDates('On Thursday he met', '2014-04-28')[0]!.date;
    process.env.TZ = before;
    expect(far).toEqual({ year: 2014, month: 4, day: 24 });
  });
});

describe('year ranges', () => {
  it.each([
    ['from 2010 to 2015', 2010, 2015],
    ['(FY08-11)', 2008, 2011],
    ['FY2008-2011', 2008, 2011],
    ['between 2008 and 2012', 2008, 2012],
    ['in 2010–15', 2010, 2015],
    ['fiscal years 2010 through 2015', 2010, 2015],
  ] as const)('%s', (text, from, to) => {
    expect(findYearRanges(text)[0]).toEqual(expect.objectContaining({ from, to }));
  });
  it('does not take decades for years', () => {
    expect(findYears('in the mid 1980s through the early 1990s')).toEqual([]);
    expect(findYears('preceded by William Perry in 1995').map((y) => [y.year, y.cue])).toEqual([[1995, 'in']]);
  });
});

describe('lexicon lookup', () => {
  it('finds countries, cities, demonyms and U.S. places', () => {
    const found = reference.findPlaces("Hagel flew from Fort Bragg, N.C. to Mexico City and met Guatemalan officials; Mexico's army").map((p) => [p.text, p.kind, p.country.iso3, p.possessive]);
    expect(found).toContainEqual(['Mexico City', 'city', 'MEX', false]);
    expect(found).toContainEqual(['Guatemalan', 'demonym', 'GTM', false]);
    expect(found).toContainEqual(['Mexico', 'country', 'MEX', true]);
    expect(found.some(([, , iso]) => iso === 'USA')).toBe(true);
  });
  it('does not read "Latin America" as America', () => {
    expect(reference.findPlaces('a trip to Latin America').map((p) => p.country.iso3)).toEqual([]);
  });
  it('knows secretaries by every name and by year in office', () => {
    expect(reference.findSecretaryNames('Secretary of Defense William J. Perry spoke').map((m) => m.entry.name)).toEqual(['William Perry']);
    expect(reference.secretariesInOffice(2005).map((s) => s.name)).toEqual(['Donald Rumsfeld']);
    expect(reference.secretariesInOffice(2011).length).toBe(2);
  });
  it('maps equipment names to designations and categories', () => {
    expect(reference.findEquipment('18 Black Hawk helicopters and Humvees').map((m) => [m.entry.designation, m.entry.category])).toEqual([
      ['UH-60 Black Hawk', 'helicopter'],
      ['HMMWV', 'vehicle'],
    ]);
    expect(reference.findPrograms('IMET and the Merida Initiative').map((m) => m.entry.abbreviation ?? m.entry.name)).toEqual(['IMET', 'Merida Initiative']);
  });
});

describe('offsets', () => {
  it('counts code points, so Python slices give the quote back', () => {
    const text = 'Emoji 😀 first. Then Peréz visited Perú.';
    const quote = 'Then Peréz visited Perú.';
    const cp = codePointIndexer(text);
    const start = cp(text.indexOf(quote));
    expect([...text].slice(start, start + codePointLength(quote)).join('')).toBe(quote);
    expect(start).toBe(text.indexOf(quote) - 1);
  });
  it('compares by code point, not locale', () => {
    expect(['b', 'a', 'Z', 'é'].sort(compareCodePoints)).toEqual(['Z', 'a', 'b', 'é']);
  });
});

describe('CSV cells', () => {
  it('guards formulas in text, never in numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvCell('-5 troops')).toBe(`'-5 troops`);
    expect(csvCell('@cmd')).toBe(`'@cmd`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
  it('never writes exponents', () => {
    expect(formatNumber(1.15e9)).toBe('1150000000');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
  it('writes UTF-8 with no byte-order mark, CRLF and quotes where needed', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x, "y"', b: 2 }])).toBe('a,b\r\n"x, ""y""",2\r\n');
  });
});

describe('counts and measures', () => {
  it('a number joined to a unit is a measure: "38-foot", "2,400-tonne", "155-mm"', () => {
    expect(findCounts('six 38-foot boats, two 2,400-tonne ships and 12 155-mm howitzers').map((c) => c.value)).toEqual([6, 2, 12]);
  });
});

describe('years after "since fiscal year"', () => {
  it('"since fiscal year 2019" and "since FY2019" are "since" years', () => {
    expect(findYears('provided $14 million since fiscal year 2019').map((y) => [y.year, y.cue])).toEqual([[2019, 'since']]);
    expect(findYears('provided $14 million since FY2019').map((y) => [y.year, y.cue])).toEqual([[2019, 'since']]);
    expect(findYears('trained 40 in fiscal year 2012').map((y) => [y.year, y.cue])).toEqual([[2012, 'fiscal year']]);
  });
});
