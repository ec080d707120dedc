// Visits, on sentences written for these tests (not taken from the corpus).
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract.js';

const visits = (text: string, published = '2016-04-14') =>
  extractText(text, published).rows['secdef-visits'].map((v) => `${v.secretary ?? '?'}${v.secretary_inferred ? ' (inferred)' : ''}|${v.country_iso3}|${v.year}|${v.start_date ?? ''}|${v.city ?? ''}`).sort();

describe('visits by a named secretary', () => {
  it('reads a full name with a title and a destination', () => {
    expect(visits('Carter heads south\n\nDefense Secretary Ash Carter arrived in Bogota on Tuesday for talks on the peace process.')).toEqual(['Ash Carter|COL|2016|2016-04-12|Bogota']);
  });
  it('resolves a bare surname once the full name is known, and coordinated destinations', () => {
    expect(visits('Trip\n\nSecretary of Defense Leon Panetta is on a tour of the region. Panetta traveled to Colombia, Brazil and Chile this week.', '2012-04-25')).toEqual([
      'Leon Panetta|BRA|2012|2012-04|',
      'Leon Panetta|CHL|2012|2012-04|',
      'Leon Panetta|COL|2012|2012-04|',
    ]);
  });
  it('resolves "he" and "the secretary" to the secretary last named', () => {
    const found = visits('Gates trip\n\nDefense Secretary Robert Gates met troops in Texas. Later he flew to Lima, where the secretary spoke to Peruvian officers.', '2008-10-05');
    expect(found).toEqual(['Robert Gates|PER|2008||Lima']);
  });
  it('takes announced stops of a trip under way', () => {
    expect(visits('Austin trip\n\nDefense Secretary Lloyd Austin is traveling to Brasilia this week and will also stop in Colombia.', '2024-07-28')).toEqual(['Lloyd Austin|BRA|2024|2024-07|Brasilia', 'Lloyd Austin|COL|2024|2024-07|']);
  });
  it('uses a dateline for "here" and its date', () => {
    expect(visits('Esper in Chile\n\nSANTIAGO, Chile, Aug. 14, 2020 — Defense Secretary Mark Esper met here today with Chilean Defense Minister Mario Desbordes.', '2020-08-14')).toEqual(['Mark Esper|CHL|2020|2020-08-14|Santiago']);
  });
  it('puts the subject of a fronted clause in the place', () => {
    expect(visits('Trip\n\nAfter stopping in Panama City, Secretary of Defense William Cohen flew home.', '1998-11-20')).toEqual(['William Cohen|PAN|1998||Panama City']);
  });
});

describe('visits mentioned in passing', () => {
  it('reads "the first ... since YEAR" as a visit in that year by whoever held the office', () => {
    const found = visits('Carter in Peru\n\nCarter is the first U.S. defense secretary to visit Peru since 2008.\nDefense Secretary Ash Carter spoke in Arequipa.', '2015-10-09');
    expect(found).toContain('Robert Gates (inferred)|PER|2008|2008|');
  });
  it('reads named predecessors with their years', () => {
    const found = visits('Mattis\n\nDefense Secretary Jim Mattis toured Colombia, following visits by Leon Panetta in 2012 and Ash Carter in 2016 to Colombia.', '2018-08-17');
    expect(found).toContain('Jim Mattis|COL|2018||');
  });
  it('leaves the name empty when the year has two secretaries', () => {
    const found = visits('Hagel\n\nDefense Secretary Chuck Hagel is the first defense secretary to visit Honduras since 2001.', '2014-05-01');
    expect(found.some((v) => v.startsWith('?|HND|2001') || v.includes('|HND|2001'))).toBe(true);
  });
});

describe('not visits', () => {
  it('ignores other officials traveling', () => {
    expect(visits('Kerry\n\nSecretary of State John Kerry traveled to Havana on Friday. President Obama will visit Argentina next month.')).toEqual([]);
    expect(visits('Kerry\n\nSecretary Kerry flew to Bogota, and Secretary Carter stayed in Washington.')).toEqual([]);
  });
  it('ignores stops inside the United States', () => {
    expect(visits('Trip\n\nDefense Secretary Ash Carter stopped at U.S. Southern Command in Doral, Fla., and visited Key West.')).toEqual([]);
  });
  it('ignores meetings in Washington with Latin American ministers', () => {
    expect(visits("Meeting\n\nDefense Secretary Ash Carter met Colombia's defense minister at the Pentagon on Monday to discuss Colombia's peace plan.")).toEqual([]);
  });
  it('ignores cancelled and hoped-for trips', () => {
    expect(visits('Trip\n\nDefense Secretary Jim Mattis cancelled his trip to Brazil.', '2018-08-01')).toEqual([]);
  });
  it('ignores foreign defense secretaries', () => {
    expect(visits('Visit\n\nMexican Defense Secretary Salvador Cienfuegos traveled to Guatemala last week.', '2015-05-01')).toEqual([]);
  });
});

describe('presence words', () => {
  it('reads "said in" and "was in" only for the subject right before them', () => {
    expect(visits('Remarks\n\nDefense Secretary Ash Carter said in Bogota that the peace deal was close.')).toEqual(['Ash Carter|COL|2016||Bogota']);
    expect(visits('Troops\n\nDefense Secretary Ash Carter said there are 800 U.S. troops in Honduras.')).toEqual([]);
  });
});

describe('datelines', () => {
  it('reads wire datelines with an agency and no year', () => {
    expect(visits('Mattis in Bogota\n\nBOGOTA, Aug 17 (Reuters) - U.S. Defense Secretary Jim Mattis met here on Friday with President Ivan Duque.', '2018-08-17')).toEqual(['Jim Mattis|COL|2018|2018-08-17|Bogota']);
  });
});

describe('"here" without a dateline', () => {
  it('is the place the story has put its secretary', () => {
    const found = visits('Cohen in Jamaica\n\nDefense Secretary William Cohen spent five hours in Kingston yesterday. He is the first defense secretary to visit since Caspar Weinberger, who stopped here briefly in 1984.', '1998-12-01');
    expect(found).toContain('Caspar Weinberger|JAM|1984|1984|Kingston');
  });
});

describe('places described, departures, passives and past visits told in passing', () => {
  it('reads a place described before its name: "in the Pacific port of Manta"', () => {
    expect(visits('Trip\n\nDefense Secretary Robert Gates was in the Pacific port of Manta on Monday.', '2009-03-04')).toEqual(['Robert Gates|ECU|2009|2009-03-02|Manta']);
  });
  it('puts a traveller in the place he flies on from', () => {
    expect(visits('Trip\n\nDefense Secretary Jim Mattis flew to Santiago from Buenos Aires on Wednesday.', '2018-08-16')).toEqual(['Jim Mattis|ARG|2018|2018-08-15|Buenos Aires', 'Jim Mattis|CHL|2018|2018-08-15|Santiago']);
  });
  it('a passive "was welcomed in Lima by the president" keeps its subject in the place', () => {
    expect(visits('Trip\n\nDefense Secretary Chuck Hagel was welcomed in Lima by President Ollanta Humala.', '2014-10-15')).toEqual(['Chuck Hagel|PER|2014||Lima']);
  });
  it('"the last time a defense secretary came to X, in <date>, <Name> ..." is that secretary\'s visit', () => {
    expect(visits('Uruguay\n\nThe last time a U.S. defense secretary came to Montevideo, in March 2012, Leon Panetta spoke about peacekeeping.', '2020-01-10')).toEqual(['Leon Panetta|URY|2012|2012-03|']);
  });
  it('"he" is the nearest secretary before it, whatever kind of mention came first', () => {
    const text = 'Peru\n\nDefense Secretary Chuck Hagel arrived in Arequipa on Sunday. It is the second visit of an American defense secretary this decade, after one by Robert Gates in April 2010, when he was received in Lima by the president.';
    expect(visits(text, '2014-10-13')).toContain('Robert Gates|PER|2010|2010-04|Lima');
  });
});

describe('the first visit since a named predecessor', () => {
  it('"the first time a secretary had come through X since <Name> toured ... in <year>" is that predecessor\'s visit', () => {
    const text = 'Base visit\n\nIt was the first time a sitting defense secretary had come through Soto Cano since William Perry toured the base in early 1996.';
    expect(visits(text, '2016-10-11')).toEqual(['William Perry|HND|1996|1996|']);
  });
});

describe('transcripts, speeches and stops told in the first person', () => {
  it('a transcript turn labelled with the secretary makes "we" the secretary; a reporter\'s turn does not', () => {
    const text = [
      'Media availability en route',
      '',
      'SECRETARY OF DEFENSE LEON E. PANETTA: Thanks for coming back here.',
      '',
      'When we land in Lima I will meet the minister. Then our next stop is Quito.',
      '',
      'Q: Mr. Secretary, I was in Caracas last week. Will you go there?',
    ].join('\n');
    expect(visits(text, '2012-04-24')).toEqual(['Leon Panetta|ECU|2012||Quito', 'Leon Panetta|PER|2012||Lima']);
  });
  it('a speech heading "As Delivered by" the secretary, with the place, is the secretary there', () => {
    const text = 'Remarks at the conference\n\nAs Delivered by Secretary of Defense Ash Carter, Hilton Hotel, Bridgetown, Barbados, Monday, May 2, 2016\n\nThank you all.';
    expect(visits(text, '2016-05-02')).toEqual(['Ash Carter|BRB|2016|2016-05-02|Bridgetown']);
  });
  it('the year right after a place is that visit\'s, not an earlier one in the sentence', () => {
    expect(visits('Past visits\n\nBill Cohen went to Manaus back in 2000, and Don Rumsfeld came to Quito in 2005.', '2012-04-24')).toEqual(['Donald Rumsfeld|ECU|2005|2005|Quito', 'William Cohen|BRA|2000|2000|Manaus']);
  });
  it('"looks forward to traveling to Peru" is no visit; "joined ministers in Lima" is', () => {
    expect(visits('Trip\n\nA spokesman said the secretary looks forward to traveling to Peru at a future date, after Defense Secretary Lloyd Austin postponed the trip.', '2023-02-15')).toEqual([]);
    expect(visits('Trip\n\nTwo years ago Defense Secretary Chuck Hagel joined the ministers in Lima.', '2016-10-11')).toEqual(['Chuck Hagel|PER|2014|2014|Lima']);
  });
});

describe('who, here, and a dated line', () => {
  it('"Gates, who also will make stops in Colombia and Barbados": the relative pronoun is the secretary', () => {
    expect(visits('Trip\n\nDefense Secretary Robert Gates arrived in Lima on Tuesday. Gates, who also will make stops in Colombia and Barbados, met President Garcia.', '2010-04-15')).toEqual([
      'Robert Gates|BRB|2010||',
      'Robert Gates|COL|2010||',
      'Robert Gates|PER|2010|2010-04-13|Lima',
    ]);
  });
  it('"Rumsfeld, here to attend the ministerial" puts him at the dateline\'s place', () => {
    expect(visits('Ministerial\n\nSANTIAGO, Chile, Nov. 19, 2002 – Defense Secretary Donald Rumsfeld praised the region. Rumsfeld, here to attend the Defense Ministerial of the Americas, met Chilean officials.', '2002-11-19')).toEqual([
      'Donald Rumsfeld|CHL|2002|2002-11-19|Santiago',
    ]);
  });
  it('reads a dateline in title case ending in a colon: "Brasilia, July 27, 2022:"', () => {
    expect(visits('Austin in Brazil\n\nBrasilia, July 27, 2022: Secretary of Defense Lloyd J. Austin III met Brazilian defense officials here.', '2022-07-28')).toEqual(['Lloyd Austin|BRA|2022|2022-07-27|Brasilia']);
  });
});

describe('openings, titled surnames and whole years', () => {
  it('"While in San Salvador last year" and "On a recent visit to Brazil" open a sentence about a visit', () => {
    expect(visits('Rumsfeld\n\nWhile in San Salvador last year, Secretary of Defense Donald Rumsfeld praised the country.', '2005-11')).toEqual(['Donald Rumsfeld|SLV|2004|2004|San Salvador']);
    expect(visits('Mattis\n\nOn a recent visit to Brazil, Secretary of Defense Jim Mattis emphasized shared values.', '2018-08-20')).toEqual(['Jim Mattis|BRA|2018||']);
  });
  it('"Remarks by Secretary Carter in ... Trinidad and Tobago": a title and the surname of the secretary then in office', () => {
    expect(visits('Remarks by Secretary Carter in a Media Availability in Trinidad and Tobago\n\nPETER COOK: Hi, everyone.', '2016-10-10')).toEqual(['Ash Carter|TTO|2016||']);
  });
});

describe('surnames several secretaries bore', () => {
  it('"Secretary Gates" in 2010 is Robert Gates, "Secretary Rumsfeld" in 2005 his second term; a surname nobody bore by then names nobody', () => {
    expect(visits('Remarks by Secretary Gates at Conference of the Defense Ministers of the Americas in Santa Cruz, Bolivia\n\nThank you, Minister Saavedra.', '2010-11-22')).toEqual(['Robert Gates|BOL|2010||Santa Cruz']);
    expect(visits('Trip\n\nSecretary Rumsfeld traveled to Lima, Peru.', '2005-11-22')).toEqual(['Donald Rumsfeld|PER|2005||Lima']);
    expect(visits('Trip\n\nSecretary Austin traveled to Lima, Peru.', '1995-11-22')).toEqual([]);
  });
});

describe('contractions, headlines and nouns others own', () => {
  it('"we\'ll go through Brazil, Argentina, Chile and Colombia": a contraction is the speaker too', () => {
    expect(visits('Press Gaggle by Secretary Mattis En Route to Brasilia\n\nSECRETARY OF DEFENSE JAMES N. MATTIS:  OK, so we will talk on the record.\n\nAnd we\'ll go through Brazil, Argentina, Chile and Colombia, and then back in.', '2018-08-12').map((v) => v.split('|')[1])).toEqual(['ARG', 'BRA', 'CHL', 'COL']);
  });
  it('a dateline whose dash touches the text, a headline surname of the secretary in office, and "the visiting Pentagon chief"', () => {
    expect(visits('Bolivian leader lectures Gates about US behavior\n\nSANTA CRUZ, Bolivia—Bolivian President Evo Morales had a blunt message for the visiting U.S. Pentagon chief on Monday.', '2010-11-22')).toEqual(['Robert Gates|BOL|2010|2010-11-15|Santa Cruz']);
  });
  it('"President Preval\'s visit" is the president\'s, not the speaker\'s', () => {
    expect(visits('Honor cordon\n\nSecretary Perry: I\'d like to take the opportunity of President Preval\'s visit to thank the troops who helped uphold democracy in Haiti.', '1996-03-20')).toEqual([]);
  });
});
